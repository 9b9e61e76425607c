"""Per-question judgements and their summaries: retrieval ranks and answers against the gold records."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eval.goldset import GoldQuestion
from eval.metrics import (
    cites_evidence,
    first_relevant_rank,
    keyword_coverage,
    mean,
    ndcg_at_10,
    quote_sentences_verbatim,
    quote_verbatim,
)


@dataclass
class QuestionResult:
    id: str
    language: str
    answerable: bool
    abstained: bool
    support: float
    keyword_coverage: float | None  # answerable only
    citations: int
    quotes_verbatim: int
    quotes_sentences_verbatim: int
    evidence_cited: bool | None  # answered answerable questions only
    evidence_in_top_k: bool | None  # answerable only
    ms: float
    split: str = "dev"
    groups: dict[str, str] = field(default_factory=dict)
    question: str = ""
    asked_as: str = ""  # the question after follow-up rewriting, as retrieval saw it
    near_miss: bool = False
    # Rank of the first passage holding the evidence, per retriever variant (None: not in the first 10).
    ranks: dict[str, int | None] = field(default_factory=dict)
    ndcg: dict[str, float] = field(default_factory=dict)


def judge_answer(
    q: GoldQuestion, answer: Any, top_k: Sequence[Any], ms: float, asked_as: str = ""
) -> QuestionResult:
    """One gold question's answer against its gold record; `top_k` are the passages retrieved for it."""
    answerable = q.answerable
    return QuestionResult(
        id=q.id,
        language=q.language,
        answerable=answerable,
        abstained=answer.abstained,
        support=answer.support,
        keyword_coverage=keyword_coverage(answer.text, q.keywords) if answerable else None,
        citations=len(answer.citations),
        quotes_verbatim=sum(quote_verbatim(c, answer.passages) for c in answer.citations),
        quotes_sentences_verbatim=sum(quote_sentences_verbatim(c, answer.passages) for c in answer.citations),
        evidence_cited=cites_evidence(answer.citations, q.evidence)
        if answerable and not answer.abstained
        else None,
        evidence_in_top_k=first_relevant_rank(top_k, q.evidence) is not None if answerable else None,
        ms=ms,
        split=q.split,
        groups=q.groups(),
        question=q.question,
        asked_as=asked_as or q.question,
        near_miss=q.near_miss,
    )


def rank_and_ndcg(passages: Sequence[Any], q: GoldQuestion) -> tuple[int | None, float]:
    return first_relevant_rank(passages, q.evidence), ndcg_at_10(passages, q.evidence)


@dataclass
class AnswerScores:
    scope: str  # "all", a split, or "group=value"
    answerable: int
    answered: int  # answerable questions that got an answer
    unanswerable: int
    keyword_coverage: float | None
    false_abstentions: float | None
    evidence_cited: float | None
    abstention_accuracy: float | None  # = refusal recall: unanswerable questions refused
    refusal_precision: float | None  # refusals that were right (the question was unanswerable)
    citations: int
    citation_grounding: float | None  # whole quote verbatim in the cited chunk
    citation_grounding_sentences: float | None  # each joined sentence verbatim in the cited chunk
    abstained_with_evidence: int  # answerable abstentions whose evidence was in the top k passages
    ms_per_question: float | None


def summarise(scope: str, results: list[QuestionResult]) -> AnswerScores:
    answerable = [r for r in results if r.answerable]
    answered = [r for r in answerable if not r.abstained]
    unanswerable = [r for r in results if not r.answerable]
    refused = [r for r in results if r.abstained]
    citations = sum(r.citations for r in results)
    return AnswerScores(
        scope=scope,
        answerable=len(answerable),
        answered=len(answered),
        unanswerable=len(unanswerable),
        keyword_coverage=mean([r.keyword_coverage or 0.0 for r in answerable]),
        false_abstentions=mean([float(r.abstained) for r in answerable]),
        evidence_cited=mean([float(bool(r.evidence_cited)) for r in answered]),
        abstention_accuracy=mean([float(r.abstained) for r in unanswerable]),
        refusal_precision=mean([float(not r.answerable) for r in refused]),
        citations=citations,
        citation_grounding=sum(r.quotes_verbatim for r in results) / citations if citations else None,
        citation_grounding_sentences=sum(r.quotes_sentences_verbatim for r in results) / citations
        if citations
        else None,
        abstained_with_evidence=sum(bool(r.abstained and r.evidence_in_top_k) for r in answerable),
        ms_per_question=mean([r.ms for r in results]),
    )


@dataclass
class RetrievalScores:
    variant: str
    scope: str
    questions: int
    hit_at_1: float | None
    hit_at_5: float | None  # the first 5 (= a search with k=5: rankings are prefix-stable)
    hit_at_8: float | None  # the 8 passages an answer reads
    mrr: float | None
    ndcg_at_10: float | None


def summarise_ranks(variant: str, scope: str, results: list[QuestionResult]) -> RetrievalScores:
    """Over the answerable questions among `results`, for one retriever variant."""
    scored = [r for r in results if r.answerable and variant in r.ranks]
    ranks = [r.ranks[variant] for r in scored]

    def hit(k: int) -> float | None:
        return mean([float(x is not None and x <= k) for x in ranks])

    return RetrievalScores(
        variant=variant,
        scope=scope,
        questions=len(scored),
        hit_at_1=hit(1),
        hit_at_5=hit(5),
        hit_at_8=hit(8),
        mrr=mean([1 / x if x else 0.0 for x in ranks]),
        ndcg_at_10=statistics.fmean([r.ndcg[variant] for r in scored]) if scored else None,
    )


def worst_false_refusals(
    results: list[QuestionResult], variant: str, count: int = 10
) -> list[QuestionResult]:
    """Answerable questions that were refused, worst first: the evidence was retrieved highest (the
    engine had the answer in hand)."""
    refused = [r for r in results if r.answerable and r.abstained]
    return sorted(refused, key=lambda r: (r.ranks.get(variant) or 99, r.id))[:count]
