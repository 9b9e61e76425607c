"""Re-ranking a search's best passages by their best sentence (assistant/rerank.py), with hand-built
passages, a hand-set passage model and a stand-in for the index's keyword statistics."""

from types import SimpleNamespace

import pytest

from assistant.answer_features import LEXICAL_FEATURES
from assistant.answer_words import load_answer_words
from assistant.core.errors import InvalidInputError
from assistant.query import analyse_query
from assistant.rerank import Reranker
from assistant.retrieval import Retrieval
from assistant.sentence_model import Logistic
from tests.assistant.answer_fixtures import idf_table, passage

QUESTION = "Hoeveel kost een deelnemer aan Ruimte voor Groei?"
# A sentence that covers the question and holds the asked amount scores high; nothing else matters here.
PASSAGE_MODEL = Logistic(
    features=list(LEXICAL_FEATURES),
    mean=[0.0] * len(LEXICAL_FEATURES),
    scale=[1.0] * len(LEXICAL_FEATURES),
    weights=[{"coverage_with_context": 2.0, "unit_with_figure": 4.0}.get(f, 0.0) for f in LEXICAL_FEATURES],
    intercept=-3.0,
)


def found(keys_and_scores: list[tuple[str, float]]) -> Retrieval:
    idf = idf_table()
    snapshot = SimpleNamespace(keyword=SimpleNamespace(idf=lambda terms: {t: idf.get(t, 0.0) for t in terms}))
    passages = [passage(key, score) for key, score in keys_and_scores]
    return Retrieval(analyse_query(QUESTION), passages, snapshot)  # type: ignore[arg-type]


def reranker(weight: float) -> Reranker:
    return Reranker(PASSAGE_MODEL, load_answer_words(), weight, pool=12)


def test_the_passage_whose_sentence_answers_moves_up() -> None:
    # the first stage puts a passage that merely names the programme first; the cost is in the third
    ranked = reranker(0.5).rerank(QUESTION, found([("brabant", 1.0), ("dalfsen", 0.9), ("kosten", 0.8)]))
    assert ranked.passages[0].document_id == "kosten"
    scores = [p.score for p in ranked.passages]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)  # the blend, not the retrieval score


def test_the_retrieval_weight_alone_keeps_the_first_stage_order() -> None:
    order = [("brabant", 1.0), ("dalfsen", 0.9), ("kosten", 0.8)]
    ranked = reranker(1.0).rerank(QUESTION, found(order))
    assert [p.document_id for p in ranked.passages] == [key for key, _ in order]


def test_reranking_reads_the_whole_pool_not_only_the_answer_s_eight() -> None:
    order = [("dalfsen", 1.0)] * 9 + [("kosten", 0.5)]
    ranked = reranker(0.5).rerank(QUESTION, found(order))
    assert ranked.passages[0].document_id == "kosten"


class FakeRetriever:
    def __init__(self) -> None:
        self.asked: list[int] = []

    def retrieve(self, query: str, k: int, filters: object = None) -> Retrieval:
        self.asked.append(k)
        return found([("brabant", 1.0), ("dalfsen", 0.9), ("kosten", 0.8)][:k])


def test_a_search_for_k_passages_re_ranks_the_pool_and_returns_k() -> None:
    retriever = FakeRetriever()
    result = reranker(0.5).retrieve(retriever, QUESTION, 2)  # type: ignore[arg-type]
    assert retriever.asked == [12]
    assert [p.document_id for p in result.passages] == ["kosten", "brabant"]


@pytest.mark.parametrize("k", [0, 51])
def test_a_bad_k_is_refused_before_searching(k: int) -> None:
    retriever = FakeRetriever()
    with pytest.raises(InvalidInputError, match="k moet tussen 1 en 50"):
        reranker(0.5).retrieve(retriever, QUESTION, k)  # type: ignore[arg-type]
    assert retriever.asked == []
