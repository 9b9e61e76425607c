"""The abstention threshold is calibrated on dev so that few answerable questions are refused in all,
counting the refusals of the rules as well as those of the threshold."""

import pytest

from eval import train_sentence_model
from eval.train_sentence_model import calibrate


@pytest.fixture(autouse=True)
def ten_percent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(train_sentence_model, "MAX_FALSE_REFUSALS", 0.1)


def test_the_threshold_refuses_the_allowed_share_of_answerable_questions() -> None:
    answerable = [0.1 * i for i in range(1, 21)]  # 20 answerable questions: 2 may be refused
    supports = [*answerable, 0.05, 0.15]
    labels = [True] * 20 + [False] * 2
    threshold = calibrate(supports, labels, [False] * 22)
    assert sum(s < threshold for s in answerable) == 2
    assert all(s < threshold for s in supports[20:])


def test_answerable_questions_a_rule_refuses_use_up_the_allowance() -> None:
    supports = [0.1 * i for i in range(1, 21)]
    ruled = [False] * 20
    ruled[10] = True  # refused by a rule whatever its support
    threshold = calibrate(supports, [True] * 20, ruled)
    assert sum(s < threshold for i, s in enumerate(supports) if not ruled[i]) == 1
    ruled[12] = True
    assert calibrate(supports, [True] * 20, ruled) < min(supports)  # nothing more may be refused
