"""The rules a question sets hold only for a sentence that touches the question: one covering enough of
it in words, or the one e5 finds closest to it, whatever its words."""

import pytest

from assistant.answer_features import Candidate
from assistant.answer_rules import gives_the_form
from assistant.core.quotable import Fragment

CLEAN = Fragment(
    heading=False, slide_title=False, no_finite_verb=False, no_terminal=False, lowercase_start=False, garble=0
)


def candidate(coverage: float, dense: float, dense_gap: float) -> Candidate:
    features = {
        "coverage_with_previous": coverage,
        "dense": dense,
        "dense_gap": dense_gap,
        "type_present": 1.0,
    }
    return Candidate(0, 0, "Het programma telt 30 maatregelen.", 0, 34, features, CLEAN)


@pytest.mark.parametrize(
    ("coverage", "dense", "dense_gap", "touches"),
    [
        (0.5, 0.80, -0.10, True),  # the question's words
        (0.0, 0.86, 0.0, True),  # other words, but the closest sentence: "ingrepen" for "maatregelen"
        (0.0, 0.85, -0.005, True),  # within the margin of the closest
        (0.0, 0.80, -0.06, False),  # a figure in a sentence about something else
        (0.0, 0.0, 0.0, False),  # no sentence vectors: only words count
    ],
)
def test_a_rule_holds_in_a_sentence_that_touches_the_question(
    coverage: float, dense: float, dense_gap: float, touches: bool
) -> None:
    assert gives_the_form(candidate(coverage, dense, dense_gap)) is touches
