"""The passage model that re-ranks a search's best passages (assistant/rerank.py), trained on dev.

Each dev question's first `rerank_pool` passages, as the first stage ranks them; every sentence gets the
answer features without sentence vectors; the gold evidence sentences are the positives. Out of fold
(each question re-ranked by a model that never saw it), the retrieval share of the blend is measured on a
grid; the training script writes it to eval/rerank.md. The test split is never read.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from assistant.answer_features import LEXICAL_FEATURES, passage_candidates, profile_question
from assistant.answer_words import load_answer_words
from assistant.rerank import Reranker
from assistant.retrieval import Retrieval, Retriever
from assistant.sentence_model import Logistic
from eval.fitting import as_asked, dev_folds, fit_logistic, is_evidence
from eval.metrics import first_relevant_rank
from eval.train_query_adapter import fold_retrievers

REPORT = Path(__file__).parent / "rerank.md"
PASSAGE_C = 1.0
WEIGHTS = (1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.0)


@dataclass
class PoolCase:
    gold: dict
    question: str  # as searched: a follow-up rewritten
    found: Retrieval
    x: np.ndarray  # features of every candidate sentence
    y: np.ndarray  # 1 for a gold evidence sentence
    passage_of: np.ndarray  # the passage each candidate comes from


def collect_pool(retriever: Retriever, gold: list[dict], pool: int) -> list[PoolCase]:
    lexicon = load_answer_words()
    cases = []
    searcher = fold_retrievers(retriever)  # retrieval that never learned the question's answer
    for q, _read, question in as_asked(gold, retriever.reader.current()[0].speller):
        found = searcher(q).retrieve(question, pool)
        idf = found.snapshot.keyword.idf(found.query.answer_terms)
        profile = profile_question(question, found.query, idf, lexicon)
        cands = passage_candidates(found.query.text, profile, found.passages, None, lexicon, pool)
        evidence = (q.get("evidence") or []) if q["answerable"] else []
        docs = [found.passages[c.passage_rank].document_id for c in cands]
        cases.append(
            PoolCase(
                q,
                question,
                found,
                np.array([[c.features[f] for f in LEXICAL_FEATURES] for c in cands]).reshape(
                    -1, len(LEXICAL_FEATURES)
                ),
                np.array([int(is_evidence(c.text, d, evidence)) for c, d in zip(cands, docs, strict=True)]),
                np.array([c.passage_rank for c in cands], dtype=int),
            )
        )
    return cases


def fit_passages(cases: list[PoolCase]) -> Logistic:
    x = np.vstack([c.x for c in cases])
    y = np.concatenate([c.y for c in cases])
    return fit_logistic(x, y, LEXICAL_FEATURES, PASSAGE_C)


def _first_rank(case: PoolCase, model: Logistic, weight: float) -> int | None:
    passages = case.found.passages
    best = np.zeros(len(passages))
    for row, rank in zip(case.x, case.passage_of, strict=True):
        best[rank] = max(best[rank], model.score(dict(zip(LEXICAL_FEATURES, row, strict=True))))
    retrieval = np.array([p.score for p in passages])
    blend = weight * retrieval / (retrieval.max() or 1.0) + (1 - weight) * best
    order = np.argsort(-blend, kind="stable")
    return first_relevant_rank([passages[i] for i in order], case.gold["evidence"])


def out_of_fold(cases: list[PoolCase]) -> list[dict[str, float]]:
    """hit@5 and MRR (over the pool) of the answerable dev questions per retrieval weight, out of fold."""
    labels = np.array([bool(c.gold["answerable"]) for c in cases])
    model: dict[int, Logistic] = {}
    for train, held in dev_folds(labels):
        fitted = fit_passages([cases[i] for i in train])
        model.update({int(i): fitted for i in held})
    answerable = [i for i, c in enumerate(cases) if c.gold["answerable"]]
    groups = {
        "all": answerable,
        "own_words": [i for i in answerable if cases[i].gold.get("phrasing") == "own_words"],
        "en": [i for i in answerable if cases[i].gold.get("language") == "en"],
    }
    rows = []
    for weight in WEIGHTS:
        ranks = {i: _first_rank(cases[i], model[i], weight) for i in answerable}
        row: dict[str, float] = {"weight": weight}
        for name, members in groups.items():
            row[f"hit5_{name}"] = round(float(np.mean([(ranks[i] or 99) <= 5 for i in members])), 3)
        row["mrr"] = round(float(np.mean([1 / ranks[i] if ranks[i] else 0.0 for i in answerable])), 3)
        rows.append(row)
    return rows


def write_report(rows: list[dict[str, float]], pool: int, chosen: float, questions: int) -> None:
    lines = [
        "# Re-ranking by the best sentence (dev split only)",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {questions} answerable dev questions, the first {pool} "
        "passages of the hybrid search re-ranked by `weight` x retrieval score (divided by the best) + "
        "(1 - weight) x best sentence, each question by a passage model trained on the other folds. Weight "
        f"1.0 is the first stage alone. Chosen: {chosen} (`HR_RERANK_WEIGHT`). Reproduce: "
        "`python -m eval.train_sentence_model` (`--dry-run` prints this grid and writes nothing).",
        "",
        "| weight | hit@5 | MRR | own words hit@5 | English hit@5 |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['weight']} | {r['hit5_all']:.3f} | {r['mrr']:.3f} | {r['hit5_own_words']:.3f} |")
        lines[-1] += f" {r['hit5_en']:.3f} |"
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def train_reranker(retriever: Retriever, gold: list[dict], pool: int, weight: float) -> tuple[Reranker, list]:
    """The passage model from all dev questions, and the out-of-fold grid that justifies `weight`."""
    cases = collect_pool(retriever, gold, pool)
    rows = out_of_fold(cases)
    return Reranker(fit_passages(cases), load_answer_words(), weight, pool), rows
