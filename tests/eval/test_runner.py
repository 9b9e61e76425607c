"""Gold questions reach the assistant in conversation order and are broken down by split and group."""

from eval.goldset import GoldQuestion
from eval.run_eval import scopes
from eval.runner import conversation_order
from eval.scoring import QuestionResult


def gold(qid: str, follows: str | None = None, split: str = "dev", language: str = "nl") -> GoldQuestion:
    return GoldQuestion(qid, f"vraag {qid}", language, "fact", True, [], [], split=split, follows=follows)


def test_a_follow_up_is_asked_after_the_question_it_follows():
    ordered = conversation_order([gold("b2", follows="b1"), gold("a"), gold("b1"), gold("c", follows="zz")])

    assert [q.id for q in ordered] == ["b1", "b2", "a", "c"]


def test_scopes_split_then_group():
    def result(q: GoldQuestion) -> QuestionResult:
        r = QuestionResult(q.id, q.language, True, False, 0.0, 1.0, 0, 0, 0, None, None, 1.0)
        r.split, r.groups = q.split, q.groups()
        return r

    results = [result(gold("a")), result(gold("b", language="en")), result(gold("c", split="test"))]
    by_scope = scopes(results)

    assert [r.id for r in by_scope["dev"]] == ["a", "b"]
    assert [r.id for r in by_scope["test"]] == ["c"]
    assert [r.id for r in by_scope["dev language=en"]] == ["b"]
    assert "test language=en" not in by_scope
