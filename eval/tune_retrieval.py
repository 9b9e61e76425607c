"""Measure retrieval settings on the DEV split only (never on test): fusion weight, pseudo-relevance
feedback, a per-document cap, what text is embedded with a passage, and diversity re-ranking.

Every dev question is embedded once and scored once against every passage (BM25 and cosine); each
setting then re-ranks those cached scores through the product's own `Retriever.rank` and selection, so
the grid costs milliseconds per setting. Writes eval/tuning.md and eval/tuning.json.

    python -m eval.tune_retrieval                  # the grid on the current index
    python -m eval.tune_retrieval --embedded-text  # also: passage embedded with section only / text only
    python -m eval.tune_retrieval --diversity      # also: MMR and soft same-section/document penalties
"""

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from assistant.core.config import Settings
from assistant.core.snapshot import Snapshot, embed_text, sentence_texts
from assistant.query import analyse_query, rewrite_follow_up
from assistant.retrieval import _DENSE_CANDIDATES, Retriever
from assistant.service import build_assistant
from eval.goldset import ROOT, GoldQuestion, in_split, load_gold
from eval.runner import RETRIEVAL_K
from eval.scoring import rank_and_ndcg
from eval.tune_diversity import POOL, diversity_grid, render_diversity

OUT_MD = ROOT / "eval" / "tuning.md"
OUT_JSON = ROOT / "eval" / "tuning.json"
WEIGHTS = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]
FEEDBACK = [(0, 0.0), (5, 0.2), (5, 0.4)]
NEIGHBOURS = [0.0, 0.15, 0.3, 0.45]
CAPS = [None, "k-3"]


@dataclass
class Cached:
    question: GoldQuestion
    text: str  # as retrieval sees it (follow-ups rewritten with the question they follow)
    keyword: np.ndarray
    query_vector: np.ndarray


def asked_text(q: GoldQuestion, by_id: dict[str, GoldQuestion]) -> str:
    previous = [by_id[q.follows].question] if q.follows and q.follows in by_id else []
    return rewrite_follow_up(q.question, previous)


@dataclass
class SentenceVectors:
    matrix: np.ndarray
    owner: np.ndarray  # chunk position of each sentence
    mix: float  # share of the best sentence's cosine in a passage's dense score


def dense_from(
    matrix: np.ndarray, vector: np.ndarray, sentences: SentenceVectors | None = None
) -> np.ndarray:
    """What `Retriever.dense_scores` returns: cosine for the nearest candidates, 0 elsewhere."""
    cosine = matrix @ vector
    if sentences is not None:
        best = np.zeros_like(cosine)
        np.maximum.at(best, sentences.owner, sentences.matrix @ vector)
        best = np.where(best > 0, best, cosine)
        cosine = (1 - sentences.mix) * cosine + sentences.mix * best
    keep = np.argsort(-cosine)[:_DENSE_CANDIDATES]
    out = np.zeros_like(cosine)
    out[keep] = np.maximum(cosine[keep], 1e-6)
    return out


def passages_for(
    retriever: Retriever, snapshot: Snapshot, item: Cached, dense: np.ndarray | None, k: int
) -> list[Any]:
    allowed = np.ones(len(snapshot.chunks), dtype=bool)
    keyword = item.keyword if retriever.dense_weight < 1 else None
    scores = retriever.rank(snapshot, analyse_query(item.text), keyword, dense, allowed)
    return retriever._select(snapshot, scores, allowed, k)


def evaluate(
    retriever: Retriever,
    snapshot: Snapshot,
    cached: list[Cached],
    matrix: np.ndarray,
    sentences: SentenceVectors | None = None,
) -> dict:
    ranks, hits5 = [], []
    for item in cached:
        dense = dense_from(matrix, item.query_vector, sentences) if retriever.dense_weight > 0 else None
        if retriever.per_document_cap:  # the old cap of k-3 per document, for k=10 and for k=5
            capped = replace(retriever, per_document_cap=RETRIEVAL_K - 3)
            found = passages_for(capped, snapshot, item, dense, RETRIEVAL_K)
            ranks.append(rank_and_ndcg(found, item.question)[0])
            five = passages_for(replace(retriever, per_document_cap=2), snapshot, item, dense, 5)
            hits5.append(rank_and_ndcg(five, item.question)[0] is not None)
        else:
            found = passages_for(retriever, snapshot, item, dense, RETRIEVAL_K)
            rank, _ = rank_and_ndcg(found, item.question)
            ranks.append(rank)
            hits5.append(rank is not None and rank <= 5)
    n = len(ranks)
    return {
        "n": n,
        "hit_at_5": sum(hits5) / n,
        "hit_at_8": sum(r is not None and r <= 8 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "own_words_hit_at_5": _share(
            [h for h, c in zip(hits5, cached, strict=True) if c.question.phrasing == "own_words"]
        ),
        "english_hit_at_5": _share(
            [h for h, c in zip(hits5, cached, strict=True) if c.question.language == "en"]
        ),
    }


def _share(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def sentence_grid(settings, assistant, snapshot, cached, matrix, best, base) -> list[dict]:
    """Passages scored by a mix of their own cosine and their best sentence's."""
    from ingest.embedding_cache import EmbeddingCache

    texts, owner = [], []
    for position, chunk in enumerate(snapshot.chunks):
        units = sentence_texts(chunk, snapshot.documents[chunk.document_id].title)
        texts += units
        owner += [position] * len(units)
    print(f"[tune] embedding {len(texts)} sentences", file=sys.stderr, flush=True)
    cache = EmbeddingCache(settings.data_dir / "cache" / "embeddings.sqlite")
    try:
        vectors = cache.embed(assistant.embedder, texts)[0]
    finally:
        cache.close()
    rows = []
    for mix, weight in itertools.product([0.3, 0.5, 0.7, 1.0], [0.3, 0.4, 0.5, 0.6, 1.0]):
        retriever = replace(
            base,
            dense_weight=weight,
            dense_weight_english=weight,
            feedback_terms=best["feedback_terms"] if weight < 1 else 0,
            feedback_weight=best["feedback_weight"],
            neighbour_weight=best["neighbour_weight"],
        )
        scores = evaluate(retriever, snapshot, cached, matrix, SentenceVectors(vectors, np.array(owner), mix))
        rows.append({"sentence_mix": mix, "dense_weight": weight} | scores)
    return rows


def stored_vectors(snapshot: Snapshot, collection: Any) -> np.ndarray:
    """Every passage's vector from Chroma, in the snapshot's order."""
    ids = [c.id for c in snapshot.chunks]
    stored = collection.get(ids=ids, include=["embeddings"])
    position = {i: n for n, i in enumerate(stored["ids"])}
    return np.asarray(stored["embeddings"], dtype=np.float32)[[position[i] for i in ids]]


def product_retriever(base: Retriever, settings: Settings) -> Retriever:
    """The retriever as the product runs it (settings' defaults), on the cached scores."""
    return replace(
        base,
        dense_weight=settings.dense_weight,
        dense_weight_english=settings.dense_weight_english,
        feedback_terms=settings.feedback_terms,
        feedback_weight=settings.feedback_weight,
        neighbour_weight=settings.neighbour_weight,
    )


def embedded_variants(snapshot: Snapshot) -> dict[str, list[str]]:
    """Alternative texts to embed per passage, against the product's (title, section, fields, text)."""
    return {
        "section + text": [embed_text(c.section, c.text) for c in snapshot.chunks],
        "text only": [c.text for c in snapshot.chunks],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.tune_retrieval", description=__doc__.split("\n")[0])
    parser.add_argument("--embedded-text", action="store_true", help="also compare what text is embedded")
    parser.add_argument("--sentences", action="store_true", help="also score passages by their best sentence")
    parser.add_argument("--english", action="store_true", help="also: a separate dense weight for English")
    parser.add_argument(
        "--diversity", action="store_true", help="also: diversity re-ranking (MMR, penalties)"
    )
    args = parser.parse_args(argv)

    settings = Settings()
    assistant = build_assistant(settings)
    snapshot, collection = assistant.retriever.reader.current()
    gold = load_gold()
    by_id = {q.id: q for q in gold}
    dev = [q for q in in_split(gold, "dev") if q.answerable]
    print(f"[tune] {len(dev)} answerable dev questions", file=sys.stderr, flush=True)
    texts = [asked_text(q, by_id) for q in dev]
    vectors = assistant.retriever.query_vectors(texts)  # as a search has them: adapter included
    base = replace(assistant.retriever, feedback_terms=0)
    cached = [
        Cached(q, t, base.keyword_scores(snapshot, analyse_query(t)), v)
        for q, t, v in zip(dev, texts, vectors, strict=True)
    ]
    matrix = stored_vectors(snapshot, collection)

    grid = []
    for weight, (terms, fb_weight), neighbour, cap in itertools.product(WEIGHTS, FEEDBACK, NEIGHBOURS, CAPS):
        retriever = replace(
            base,
            dense_weight=weight,
            dense_weight_english=weight,
            feedback_terms=terms,
            feedback_weight=fb_weight,
            neighbour_weight=neighbour,
            per_document_cap=1 if cap else None,  # any int: `evaluate` applies k-3
        )
        row = {
            "dense_weight": weight,
            "feedback_terms": terms,
            "feedback_weight": fb_weight,
            "neighbour_weight": neighbour,
            "cap": cap,
        }
        grid.append(row | evaluate(retriever, snapshot, cached, matrix))
    best = max(grid, key=lambda r: (round(r["hit_at_5"], 3), r["mrr"]))

    english_rows = []
    if args.english:
        for weight in WEIGHTS:
            # at the product's own settings (feedback off), which is where the choice applies
            retriever = replace(product_retriever(base, settings), dense_weight_english=weight)
            english_rows.append(
                {"dense_weight_english": weight} | evaluate(retriever, snapshot, cached, matrix)
            )

    diversity_rows = []
    if args.diversity:
        product = product_retriever(base, settings)
        pools = [
            passages_for(product, snapshot, item, dense_from(matrix, item.query_vector), POOL)
            for item in cached
        ]
        diversity_rows = diversity_grid(snapshot, matrix, [c.question for c in cached], pools)

    sentence_rows = []
    if args.sentences:
        sentence_rows = sentence_grid(settings, assistant, snapshot, cached, matrix, best, base)

    embedded = []
    if args.embedded_text:
        from ingest.embedding_cache import EmbeddingCache

        chosen = replace(
            base,
            dense_weight=best["dense_weight"],
            dense_weight_english=best["dense_weight"],
            feedback_terms=best["feedback_terms"],
            feedback_weight=best["feedback_weight"],
            neighbour_weight=best["neighbour_weight"],
        )
        dense_only = replace(chosen, dense_weight=1.0, dense_weight_english=1.0, feedback_terms=0)
        cache = EmbeddingCache(settings.data_dir / "cache" / "embeddings.sqlite")
        try:
            variants = {"title | section | fields + text (product)": matrix}
            for name, variant_texts in embedded_variants(snapshot).items():
                print(f"[tune] embedding passages as: {name}", file=sys.stderr, flush=True)
                variants[name] = cache.embed(assistant.embedder, variant_texts)[0]
        finally:
            cache.close()
        for name, variant_matrix in variants.items():
            embedded.append(
                {"embedded": name, "hybrid": evaluate(chosen, snapshot, cached, variant_matrix)}
                | {"dense_only": evaluate(dense_only, snapshot, cached, variant_matrix)}
            )

    payload = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "model_id": assistant.embedder.model_id,
        "chunk_tokens": [settings.chunk_target_tokens, settings.chunk_max_tokens],
        "split": "dev",
        "questions": len(dev),
        "best": best,
        "grid": grid,
        "embedded_text": embedded,
        "sentences": sentence_rows,
        "english": english_rows,
        "diversity": diversity_rows,
    }
    OUT_JSON.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    OUT_MD.write_text(render(payload), encoding="utf-8")
    print(render(payload))


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def render(payload: dict) -> str:
    lines = [
        "# Retrieval tuning (dev split only)",
        "",
        f"{payload['date'][:16].replace('T', ' ')} UTC, model `{payload['model_id']}`, "
        f"{payload['questions']} answerable dev questions, passages of {payload['chunk_tokens'][0]} "
        f"(at most {payload['chunk_tokens'][1]}) e5 tokens. Reproduce: `python -m eval.tune_retrieval"
        f"{' --embedded-text' if payload['embedded_text'] else ''}"
        f"{' --sentences' if payload['sentences'] else ''}"
        f"{' --english' if payload.get('english') else ''}"
        f"{' --diversity' if payload.get('diversity') else ''}`. Best by hit@5, then MRR: "
        f"dense weight {payload['best']['dense_weight']}, feedback {payload['best']['feedback_terms']} terms "
        f"at {payload['best']['feedback_weight']}, neighbour weight {payload['best']['neighbour_weight']}, "
        f"cap {payload['best']['cap'] or 'none'}.",
        "",
        "| dense weight | feedback terms | feedback weight | neighbour weight | per-document cap "
        "| hit@5 | hit@8 | MRR | own words hit@5 | English hit@5 |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in payload["grid"]:
        lines.append(
            f"| {r['dense_weight']} | {r['feedback_terms']} | {r['feedback_weight']} | "
            f"{r['neighbour_weight']} | {r['cap'] or 'none'} | {_f(r['hit_at_5'])} | {_f(r['hit_at_8'])} | "
            f"{_f(r['mrr'])} | "
            f"{_f(r['own_words_hit_at_5'])} | {_f(r['english_hit_at_5'])} |"
        )
    if payload["embedded_text"]:
        lines += [
            "",
            "What is embedded with each passage (best setting above; and dense only):",
            "",
            "| embedded | hybrid hit@5 | hybrid MRR | dense-only hit@5 | dense-only MRR |",
            "|---|---:|---:|---:|---:|",
        ]
        for e in payload["embedded_text"]:
            h, d = e["hybrid"], e["dense_only"]
            lines.append(
                f"| {e['embedded']} | {_f(h['hit_at_5'])} | {_f(h['mrr'])} | "
                f"{_f(d['hit_at_5'])} | {_f(d['mrr'])} |"
            )
    if payload.get("english"):
        lines += [
            "",
            "A separate dense weight for questions detected as English (other settings: the product's "
            "defaults):",
            "",
            "| English dense weight | hit@5 | hit@8 | MRR | English hit@5 |",
            "|---:|---:|---:|---:|---:|",
        ]
        for r in payload["english"]:
            lines.append(
                f"| {r['dense_weight_english']} | {_f(r['hit_at_5'])} | {_f(r['hit_at_8'])} | "
                f"{_f(r['mrr'])} | {_f(r['english_hit_at_5'])} |"
            )
    if payload["sentences"]:
        lines += [
            "",
            "Passages scored by their best sentence too (dense score = (1 - mix) x passage cosine "
            "+ mix x best sentence cosine; feedback as the best setting above):",
            "",
            "| sentence mix | dense weight | hit@5 | hit@8 | MRR | own words hit@5 | English hit@5 |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in payload["sentences"]:
            lines.append(
                f"| {r['sentence_mix']} | {r['dense_weight']} | {_f(r['hit_at_5'])} | {_f(r['hit_at_8'])} | "
                f"{_f(r['mrr'])} | {_f(r['own_words_hit_at_5'])} | {_f(r['english_hit_at_5'])} |"
            )
    if payload.get("diversity"):
        lines += render_diversity(payload["diversity"])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
