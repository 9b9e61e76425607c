"""Questions by writers who had not seen the rest of the gold set are reported on their own."""

from types import SimpleNamespace

from eval.goldset import load_gold
from eval.train_sentence_model import other_writers


def test_other_writers_questions_form_their_own_group_in_both_splits() -> None:
    gold = load_gold()
    other = [q for q in gold if q.groups()["writer"] == "other"]
    team = [q for q in gold if q.groups()["writer"] == "team"]
    assert other and team
    assert {q.split for q in other} == {"dev", "test"}
    assert all(q.writer == "team" for q in team)  # the default when the field is left out


def test_without_questions_of_other_writers_there_is_nothing_to_hold_out() -> None:
    cases = [SimpleNamespace(gold={"id": f"q{i}", "writer": "team"}) for i in range(3)]
    assert other_writers(cases, [], vectors=None) == {}
    untagged = [SimpleNamespace(gold={"id": "q1"})]
    assert other_writers(untagged, [], vectors=None) == {}
