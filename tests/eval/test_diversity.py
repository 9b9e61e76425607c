"""Diversity re-ranking (MMR, soft same-group penalty) and its dev scores: passages made here, vectors
from the hash FakeEmbedder (texts sharing words are near)."""

from dataclasses import dataclass

import numpy as np
import pytest

from assistant.core.embeddings import FakeEmbedder
from eval.diversity import mmr, spread
from eval.goldset import GoldQuestion
from eval.tune_diversity import Judged, picker, scores_of


@dataclass
class Candidate:
    chunk_id: str
    document_id: str
    section: str
    text: str
    score: float


# Best first, as a search ranks them: two near-copies about leave at the top, then other subjects.
POOL = [
    Candidate("a1", "verlof", "Bijzonder verlof", "bijzonder verlof bij verhuizing twee dagen", 1.0),
    Candidate("a2", "verlof", "Bijzonder verlof", "bijzonder verlof bij verhuizing drie dagen", 0.95),
    Candidate("b1", "thuiswerk", "Vergoeding", "thuiswerkvergoeding twee euro per dag", 0.7),
    Candidate("a3", "verlof", "Ouderschap", "ouderschapsverlof tot het kind acht jaar is", 0.6),
    Candidate("c1", "werving", "Zij-instroom", "zij-instromers zonder overheidservaring", 0.5),
]


@pytest.fixture
def vectors() -> np.ndarray:
    return FakeEmbedder().embed_documents([c.text for c in POOL])


def ids(passages: list[Candidate]) -> list[str]:
    return [p.chunk_id for p in passages]


def test_mmr_without_trade_off_is_the_plain_ranking(vectors: np.ndarray) -> None:
    for k in (1, 3, 5):
        assert ids(mmr(POOL, vectors, k, 1.0)) == ids(POOL[:k])


def test_mmr_passes_over_a_near_copy_of_a_picked_passage(vectors: np.ndarray) -> None:
    assert vectors[0] @ vectors[1] > 0.7 > vectors[0] @ vectors[2]  # the hash vectors do see the copy

    picked = ids(mmr(POOL, vectors, 2, 0.5))

    assert picked[0] == "a1"  # the best passage always comes first
    assert "a2" not in picked
    assert ids(mmr(POOL, vectors, 2, 0.9)) == ["a1", "a2"]  # a mild trade-off keeps the strong copy


def test_picks_come_back_best_score_first(vectors: np.ndarray) -> None:
    for picked in (mmr(POOL, vectors, 4, 0.3), spread(POOL, 4, 0.8, lambda p: p.document_id)):
        scores = [p.score for p in picked]
        assert scores == sorted(scores, reverse=True)
        assert len(picked) == 4


def test_a_soft_penalty_lets_a_much_better_passage_of_the_same_section_in() -> None:
    by_section = lambda p: (p.document_id, p.section)  # noqa: E731

    assert ids(spread(POOL, 2, 0.0, by_section)) == ["a1", "a2"]  # no penalty: the plain ranking
    assert ids(spread(POOL, 2, 0.2, by_section)) == ["a1", "a2"]  # 0.95 x 0.8 still beats 0.7
    assert ids(spread(POOL, 2, 0.3, by_section)) == ["a1", "b1"]  # 0.95 x 0.7 no longer does
    # At 0.5 the near-copy (0.95 x 0.5) falls behind a3, from another section of the same document,
    # which only a penalty by document holds back (0.6 x 0.5 < 0.5).
    assert ids(spread(POOL, 3, 0.5, by_section)) == ["a1", "b1", "a3"]
    assert ids(spread(POOL, 3, 0.5, lambda p: p.document_id)) == ["a1", "b1", "c1"]


def test_a_full_penalty_takes_one_passage_per_document_before_any_second() -> None:
    assert ids(spread(POOL, 3, 1.0, lambda p: p.document_id)) == ["a1", "b1", "c1"]
    # then the best remaining, whatever its document (returned in score order)
    assert ids(spread(POOL, 4, 1.0, lambda p: p.document_id)) == ["a1", "a2", "b1", "c1"]


def test_empty_pool_and_k_beyond_the_pool(vectors: np.ndarray) -> None:
    assert mmr([], np.zeros((0, 4)), 3, 0.5) == []
    assert ids(spread(POOL, 10, 0.5, lambda p: p.document_id)) == ids(POOL)
    assert ids(picker("document", 0.5)(POOL, vectors, 10)) == ids(POOL)
    with pytest.raises(ValueError):
        picker("cap", 0.5)


def question(evidence: list[dict]) -> GoldQuestion:
    return GoldQuestion("q", "Welke voorbeelden zijn er?", "nl", "multi_doc", True, [], evidence)


def test_scores_count_each_evidence_item_and_the_rank_of_the_first() -> None:
    both = question(
        [
            {"document": "thuiswerk", "text": "thuiswerkvergoeding twee euro per dag"},
            {"document": "werving", "text": "zij-instromers zonder overheidservaring"},
        ]
    )
    single = question([{"document": "verlof", "text": "bijzonder verlof bij verhuizing twee dagen"}])
    judged = [Judged.of(both, POOL), Judged.of(single, POOL)]
    plain = [{k: POOL[:k] for k in (5, 8, 10)} for _ in judged]
    top_two = [{k: POOL[:2] for k in (5, 8, 10)} for _ in judged]

    scores = scores_of(judged, plain)
    assert scores["hit_at_5"] == 1.0
    assert scores["mrr"] == pytest.approx((1 / 3 + 1) / 2)  # b1 is third for the two-document question
    assert scores["multi_all_evidence_at_8"] == 1.0
    assert scores["multi_documents_at_8"] == 3.0
    assert scores["single_hit_at_5"] == 1.0

    missed = scores_of(judged, top_two)
    assert missed["multi_hit_at_5"] == 0.0 and missed["single_hit_at_5"] == 1.0
    assert missed["multi_all_evidence_at_8"] == 0.0
