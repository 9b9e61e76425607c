"""The diversity grid of `python -m eval.tune_retrieval --diversity` (dev split only): MMR and soft
same-section/same-document penalties over the product's own candidates, applied to every question or
only to the multi-document ones (the gold label as a perfect "broad question" detector: the upper bound of
any word list that would recognise them)."""

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.core.snapshot import Snapshot
from eval.diversity import mmr, spread
from eval.metrics import is_relevant, mean

POOL = 50  # candidates re-ranked: the best 50 after near-duplicates are collapsed
MRR_K = 10  # as the main grid, which scores the first 10
VARIANTS: list[tuple[str, float]] = [
    *(("mmr", trade) for trade in (0.9, 0.7, 0.5, 0.3)),
    *(("section", penalty) for penalty in (0.1, 0.2, 0.3, 0.5)),
    *(("document", penalty) for penalty in (0.1, 0.2, 0.3, 0.5)),
]
GATES: dict[str, Callable[[Any], bool]] = {
    "all questions": lambda q: True,
    "multi-document only": lambda q: q.multi_document,
}

Pick = Callable[[list[Any], np.ndarray, int], list[Any]]


def picker(variant: str, value: float) -> Pick:
    """k passages out of a best-first pool and its vectors, by one variant of the grid."""
    if variant == "mmr":
        return lambda pool, vectors, k: mmr(pool, vectors, k, value)
    if variant == "section":
        return lambda pool, vectors, k: spread(pool, k, value, lambda p: (p.document_id, p.section))
    if variant == "document":
        return lambda pool, vectors, k: spread(pool, k, value, lambda p: p.document_id)
    if variant == "none":
        return lambda pool, vectors, k: pool[:k]
    raise ValueError(f"unknown diversity variant {variant!r}")


@dataclass
class Judged:
    """One question with, for each passage of its pool, which evidence items the passage holds (judged
    once: the variants only choose among the pool)."""

    question: Any
    holds: dict[str, list[bool]]

    @classmethod
    def of(cls, question: Any, pool: Sequence[Any]) -> "Judged":
        return cls(question, {p.chunk_id: [is_relevant(p, [e]) for e in question.evidence] for p in pool})

    def rank(self, passages: Sequence[Any]) -> int | None:
        return next((n for n, p in enumerate(passages, 1) if any(self.holds[p.chunk_id])), None)

    def every_item_found(self, passages: Sequence[Any]) -> bool:
        """Each evidence item (for a multi-document question: one per document) in some passage."""
        return all(
            any(self.holds[p.chunk_id][e] for p in passages) for e in range(len(self.question.evidence))
        )


def scores_of(judged: Sequence[Judged], picks: Sequence[dict[int, list[Any]]]) -> dict:
    """hit@5 of a k=5 search, hit@8 of a k=8 search, MRR of the first 10, and the multi-document group
    (also: every evidence item among the 8 an answer reads)."""
    ranks = {k: [j.rank(p[k]) for j, p in zip(judged, picks, strict=True)] for k in (5, 8, MRR_K)}
    hit5 = [float(r is not None) for r in ranks[5]]
    multi = [n for n, j in enumerate(judged) if j.question.multi_document]
    single = [n for n, j in enumerate(judged) if not j.question.multi_document]
    reciprocal = [1 / r if r else 0.0 for r in ranks[MRR_K]]
    return {
        "hit_at_5": mean(hit5),
        "hit_at_8": mean([float(r is not None) for r in ranks[8]]),
        "mrr": mean(reciprocal),
        "single_hit_at_5": mean([hit5[n] for n in single]),
        "multi_hit_at_5": mean([hit5[n] for n in multi]),
        "multi_mrr": mean([reciprocal[n] for n in multi]),
        "multi_all_evidence_at_8": mean([float(judged[n].every_item_found(picks[n][8])) for n in multi]),
        "multi_documents_at_8": mean([float(len({p.document_id for p in picks[n][8]})) for n in multi]),
    }


def diversity_grid(
    snapshot: Snapshot,
    matrix: np.ndarray,
    questions: Sequence[Any],
    pools: Sequence[list[Any]],
) -> list[dict]:
    """Every variant x gate against the plain ranking; `pools` are each question's best POOL passages
    (the product's own ranking and near-duplicate collapse), `matrix` the passage vectors."""
    vectors = [matrix[[snapshot.positions[p.chunk_id] for p in pool]] for pool in pools]
    judged = [Judged.of(q, pool) for q, pool in zip(questions, pools, strict=True)]

    def run(pick: Pick, applies: Callable[[Any], bool]) -> list[dict[int, list[Any]]]:
        plain = picker("none", 0.0)
        return [
            {k: (pick if applies(q) else plain)(pool, v, k) for k in (5, 8, MRR_K)}
            for q, pool, v in zip(questions, pools, vectors, strict=True)
        ]

    # The ceiling of any re-ranking: questions whose every evidence item is among the candidates at all.
    ceiling = mean(
        [
            float(j.every_item_found(pool))
            for j, pool in zip(judged, pools, strict=True)
            if j.question.multi_document
        ]
    )
    plain = scores_of(judged, run(picker("none", 0.0), GATES["all questions"]))
    rows = [{"variant": "none", "value": None, "gate": "—", "multi_all_evidence_in_pool": ceiling} | plain]
    for (variant, value), (gate, applies) in itertools.product(VARIANTS, GATES.items()):
        picks = run(picker(variant, value), applies)
        rows.append({"variant": variant, "value": value, "gate": gate} | scores_of(judged, picks))
    return rows


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def render_diversity(rows: list[dict]) -> list[str]:
    lines = [
        "",
        f"Diversity re-ranking of the best {POOL} candidates (product settings; `--diversity`). mmr: value = "
        "trade x score - (1 - trade) x highest cosine to a picked passage; section / document: score x "
        "(1 - penalty) per picked passage of the same section / document. hit@5 from a k=5 search, hit@8 "
        "from k=8, MRR over the first 10; multi = questions with evidence in two documents:",
        "",
        "| variant | trade / penalty | applied to | hit@5 | hit@8 | MRR | single hit@5 | multi hit@5 "
        "| multi MRR | multi: all evidence in 8 | multi: documents in 8 |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['variant']} | {'—' if r['value'] is None else r['value']} | {r['gate']} | "
            f"{_f(r['hit_at_5'])} | {_f(r['hit_at_8'])} | {_f(r['mrr'])} | {_f(r['single_hit_at_5'])} | "
            f"{_f(r['multi_hit_at_5'])} | {_f(r['multi_mrr'])} | {_f(r['multi_all_evidence_at_8'])} | "
            f"{_f(r['multi_documents_at_8'], 2)} |"
        )
    ceiling = rows[0].get("multi_all_evidence_in_pool")
    lines += [
        "",
        f"Multi-document questions with every evidence item among the {POOL} candidates at all (the most any "
        f"re-ranking of them could reach on 'all evidence'): {_f(ceiling)}.",
    ]
    return lines
