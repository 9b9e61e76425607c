"""Questions by writers who had not seen the rest of the gold set are reported on their own."""

from pathlib import Path
from types import SimpleNamespace

import yaml

from eval.goldset import load_gold
from eval.train_sentence_model import other_writers


def test_other_writers_questions_form_their_own_group_in_both_splits() -> None:
    gold = load_gold()
    other = [q for q in gold if q.groups()["writer"] == "other"]
    assert other and len(other) < len(gold)
    assert {q.split for q in other} == {"dev", "test"}


def test_a_question_without_a_writer_is_the_teams(tmp_path: Path) -> None:
    gold = tmp_path / "questions.yaml"
    gold.write_text(
        yaml.safe_dump(
            [
                {"id": "q1", "question": "Wie?", "language": "nl", "type": "fact", "answerable": True},
                {
                    "id": "q2",
                    "question": "Wat?",
                    "language": "nl",
                    "type": "fact",
                    "answerable": True,
                    "writer": "other",
                },
            ]
        ),
        encoding="utf-8",
    )
    assert [q.groups()["writer"] for q in load_gold(gold)] == ["team", "other"]


def test_without_questions_of_other_writers_there_is_nothing_to_hold_out() -> None:
    cases = [SimpleNamespace(gold={"id": f"q{i}", "writer": "team"}) for i in range(3)]
    assert other_writers(cases, [], vectors=None, near_misses=[]) == {}
    untagged = [SimpleNamespace(gold={"id": "q1"})]
    assert other_writers(untagged, [], vectors=None, near_misses=[]) == {}


def test_other_writers_without_an_answerable_question_are_not_judged() -> None:
    cases = [
        SimpleNamespace(gold={"id": "q1", "writer": "team", "answerable": True}),
        SimpleNamespace(gold={"id": "q2", "writer": "other", "answerable": False}),
    ]
    assert other_writers(cases, [], vectors=None, near_misses=[]) == {}
