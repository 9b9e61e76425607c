"""Hybrid retrieval: Dutch BM25 (with pseudo-relevance feedback) and multilingual dense vectors from
Chroma, fused, filtered, near-duplicates collapsed.

Every weight here is measured on the dev split of the gold set (`python -m eval.tune_retrieval`), never on
the test split.
"""

import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel

from assistant.answer_types import CURRENCY, FIGURE_TYPES, holds_type
from assistant.answer_words import AnswerWords, load_answer_words
from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.core.errors import IndexNotReadyError, InvalidInputError
from assistant.core.snapshot import (
    Snapshot,
    current_generation,
    keyword_text,
    load_snapshot,
)
from assistant.core.text_nl import analyse, words
from assistant.core.vector_store import connect, get_collection
from assistant.query import AnalysedQuery, analyse_query
from assistant.query_adapter import ADAPTER_PATH, QueryAdapter, chosen_adapter
from assistant.top_k import best_positions

Mode = Literal["hybrid", "keyword", "dense"]
_EXPANSION_WEIGHT = 0.4
_DENSE_CANDIDATES = 60
_DUPLICATE_OVERLAP = 0.8
_FEEDBACK_PASSAGES = 3  # pseudo-relevance feedback reads the first passages of the fused ranking
_TYPED_CANDIDATES = 60  # passages looked at for the asked kind of figure


class Filters(BaseModel, extra="forbid"):
    """Restrict a search to documents, kinds, organisations (municipality), themes or years."""

    document: list[str] | None = None
    kind: list[str] | None = None
    organisation: str | None = None
    theme: str | None = None
    year: int | None = None


class Passage(BaseModel):
    chunk_id: str
    document_id: str
    document_title: str
    kind: str
    section: str
    page: int | None = None
    page_end: int | None = None
    line_start: int
    line_end: int
    start: int
    end: int
    text: str
    score: float
    fields: dict[str, str] = {}


@dataclass(frozen=True)
class Retrieval:
    query: AnalysedQuery
    passages: list[Passage]
    snapshot: Snapshot


@dataclass
class IndexReader:
    """The current generation, reloaded when an ingest (in any process) swaps the pointer."""

    settings: Settings
    _snapshot: Snapshot | None = None
    _collection: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self) -> tuple[Snapshot, Any]:
        generation = current_generation(self.settings.index_dir)
        if generation is None:
            raise IndexNotReadyError("Er is nog geen index: voer eerst een ingest uit (make ingest).")
        with self._lock:
            if self._snapshot is None or self._snapshot.meta.id != generation:
                snapshot = load_snapshot(self.settings.index_dir, generation)
                self._collection = get_collection(connect(self.settings), snapshot.meta.collection)
                self._snapshot = snapshot
            return self._snapshot, self._collection


def check_k(k: int) -> None:
    if not 1 <= k <= 50:
        raise InvalidInputError("k moet tussen 1 en 50 liggen.")


def _allowed(snapshot: Snapshot, filters: Filters | None) -> np.ndarray:
    """Which chunks the filters let through; without filters no chunk is looked at."""
    if filters is None or not filters.model_dump(exclude_none=True):
        return np.ones(len(snapshot.chunks), dtype=bool)
    return snapshot.filter_index.allowed(**filters.model_dump())


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else scores


def _min_max(scores: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Rescale the candidates' scores to 0..1 (the weakest candidate 0, like every non-candidate).

    e5 cosines crowd into 0.75-0.9 for any Dutch text, so raw cosines would add nearly the same amount
    to every passage and the fusion weight would mean little.
    """
    out = np.zeros_like(scores)
    if not candidates.any():
        return out
    low, high = float(scores[candidates].min()), float(scores[candidates].max())
    if high > low:
        out[candidates] = (scores[candidates] - low) / (high - low)
    else:
        out[candidates] = 1.0
    return out


def fuse(keyword: np.ndarray, dense: np.ndarray, dense_weight: float) -> np.ndarray:
    """Weighted sum of BM25 (divided by its best score) and dense similarity (min-max over the dense
    candidates; `dense` is 0 outside them)."""
    return (1 - dense_weight) * _normalised(keyword) + dense_weight * _min_max(dense, dense > 0)


def feedback_terms(snapshot: Snapshot, order: list[int], query_terms: list[str], count: int) -> list[str]:
    """Pseudo-relevance feedback: the `count` most informative stems of the best passages that the
    question does not contain, so a paraphrased question also matches the documents' own words."""
    if count <= 0 or not order:
        return []
    weights: dict[str, float] = {}
    for rank, index in enumerate(order[:_FEEDBACK_PASSAGES]):
        terms = analyse(keyword_text(snapshot.chunks[index]))
        for term in terms:
            weights[term] = weights.get(term, 0.0) + 1.0 / (len(terms) * (rank + 1))
    idf = snapshot.keyword.idf(sorted(weights))
    known = set(query_terms)
    ranked = sorted(
        ((w * idf[t], t) for t, w in weights.items() if t not in known and len(t) > 2), reverse=True
    )
    return [t for _, t in ranked[:count]]


def with_neighbours(snapshot: Snapshot, fused: np.ndarray, weight: float) -> np.ndarray:
    """Add `weight` times the better neighbour's score: a passage continuing (or leading up to) a strong
    match is likely about the same thing even when it does not repeat the question's words."""
    if weight <= 0 or not fused.size:
        return fused
    previous, following = snapshot.neighbours
    before = np.where(previous >= 0, fused[previous], 0.0)
    after = np.where(following >= 0, fused[following], 0.0)
    near = np.maximum(np.maximum(before, after), 0.0)
    return np.where(fused >= 0, fused + weight * near, fused)


@dataclass
class Retriever:
    settings: Settings
    embedder: Embedder
    reader: IndexReader
    dense_weight: float | None = None  # None: settings.dense_weight, the one default
    dense_weight_english: float | None = None  # None: settings.dense_weight_english
    feedback_terms: int | None = None  # None: settings.feedback_terms
    feedback_weight: float | None = None  # None: settings.feedback_weight
    neighbour_weight: float | None = None  # None: settings.neighbour_weight
    # A document fills at most this many of the k slots. None: no cap; measured on dev, a fixed cap of
    # k-3 cost more single-document answers than it gained multi-document ones (eval/tuning.md).
    per_document_cap: int | None = None
    type_boost: float | None = None  # None: settings.type_boost
    lexicon: AnswerWords = field(default_factory=load_answer_words)
    adapter_share: float | None = None  # None: settings.query_adapter, else the adapter's own share
    adapter_file: Path = ADAPTER_PATH  # the learned query correction of the dense side, read lazily
    adapter: QueryAdapter | None = None  # given: used as it is (training gives each fold its own)

    def __post_init__(self) -> None:
        if self.dense_weight is None:
            self.dense_weight = self.settings.dense_weight
        if self.dense_weight_english is None:
            self.dense_weight_english = self.settings.dense_weight_english
        if self.feedback_terms is None:
            self.feedback_terms = self.settings.feedback_terms
        if self.feedback_weight is None:
            self.feedback_weight = self.settings.feedback_weight
        if self.neighbour_weight is None:
            self.neighbour_weight = self.settings.neighbour_weight
        if self.type_boost is None:
            self.type_boost = self.settings.type_boost
        if self.adapter_share is None:
            self.adapter_share = self.settings.query_adapter

    def keyword_scores(self, snapshot: Snapshot, query: AnalysedQuery) -> np.ndarray:
        scores = snapshot.keyword.scores(query.terms)
        if query.expansions:
            scores = scores + _EXPANSION_WEIGHT * snapshot.keyword.scores(query.expansions)
        return scores

    @cached_property
    def active_adapter(self) -> QueryAdapter | None:
        return (
            None
            if self.adapter_share == 0
            else chosen_adapter(self.adapter, self.adapter_file, self.embedder)
        )

    def query_vectors(self, texts: list[str]) -> np.ndarray:
        """The question vectors the dense side searches with: e5's, corrected by the adapter."""
        vectors = self.embedder.embed_query(texts)
        if self.active_adapter is None:
            return vectors
        return self.active_adapter.apply(vectors, self.adapter_share)

    def dense_scores(self, snapshot: Snapshot, collection: Any, text: str, allowed: np.ndarray) -> np.ndarray:
        """Cosine similarity for Chroma's nearest chunks among the allowed ones; 0 elsewhere."""
        scores = np.zeros(len(snapshot.chunks), dtype=np.float32)
        if not allowed.any():
            return scores
        vector = self.query_vectors([text])[0]
        ids = [snapshot.chunks[i].id for i in np.flatnonzero(allowed)] if not allowed.all() else None
        result = collection.query(
            query_embeddings=[vector],
            n_results=min(_DENSE_CANDIDATES, int(allowed.sum())),
            ids=ids,
            include=["distances"],
        )
        for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            if chunk_id in snapshot.positions:
                # A tiny floor keeps a candidate distinguishable from a non-candidate (0).
                scores[snapshot.positions[chunk_id]] = max(1e-6, 1.0 - distance)
        return scores

    def search(
        self, query: str, k: int = 8, filters: Filters | None = None, mode: Mode = "hybrid"
    ) -> list[Passage]:
        """The k best passages for a question; near-duplicates collapsed."""
        return self.retrieve(query, k, filters, mode).passages

    def retrieve(
        self, query: str, k: int = 8, filters: Filters | None = None, mode: Mode = "hybrid"
    ) -> "Retrieval":
        """`search`, also returning the analysed question and the index generation it was answered from,
        so an answer is composed from the same analysis and the same generation."""
        if not query.strip():
            raise InvalidInputError("Stel een vraag of geef zoekwoorden op.")
        check_k(k)
        snapshot, collection = self.reader.current()
        if mode != "keyword" and snapshot.meta.model_id != self.embedder.model_id:
            # Vectors of two models are not comparable: a question is never matched against them.
            raise IndexNotReadyError(
                "De index is gemaakt met een ander embeddingmodel dan is ingesteld: "
                "voer opnieuw een ingest uit (make ingest)."
            )
        analysed = analyse_query(query)
        allowed = _allowed(snapshot, filters)
        keyword = self.keyword_scores(snapshot, analysed) if mode != "dense" else None
        dense = self.dense_scores(snapshot, collection, analysed.text, allowed) if mode != "keyword" else None
        scores = self.rank(snapshot, analysed, keyword, dense, allowed)
        if mode == "hybrid":
            scores = self.typed(snapshot, analysed, scores, allowed)
        return Retrieval(analysed, self._select(snapshot, scores, allowed, k), snapshot)

    def typed(
        self, snapshot: Snapshot, query: AnalysedQuery, scores: np.ndarray, allowed: np.ndarray
    ) -> np.ndarray:
        """Raise the best passages that hold the kind of figure asked for: an amount for "Wat kost ...",
        a figure for "Hoeveel ...", a date for "Wanneer ...". A paraphrase ("Wat moeten we per persoon
        begroten?") matches the programme's passages by its words; the one with "€ 18.500" by its type."""
        kind = self.lexicon.answer_type(query.text)
        if not self.type_boost or kind not in FIGURE_TYPES:
            return scores
        money = kind == "number" and self.lexicon.about_money(query.text)
        out = scores.copy()
        for i in best_positions(scores, allowed, _TYPED_CANDIDATES):
            text = snapshot.chunks[i].text
            if CURRENCY.search(text) if money else holds_type(text, kind, self.lexicon, in_list=False):
                out[i] *= 1 + self.type_boost
        return out

    def rank(
        self,
        snapshot: Snapshot,
        query: AnalysedQuery,
        keyword: np.ndarray | None,
        dense: np.ndarray | None,
        allowed: np.ndarray,
    ) -> np.ndarray:
        """Fused scores (-1 for passages the filters exclude). Either side may be None (keyword-only or
        dense-only search). Split from `retrieve` so eval can re-rank cached scores under other weights."""
        mix = self.dense_weight_english if query.language == "en" else self.dense_weight
        weight = 0.0 if dense is None else 1.0 if keyword is None else float(mix or 0.0)
        size = len(snapshot.chunks)
        keyword = np.zeros(size, np.float32) if keyword is None else keyword
        dense = np.zeros(size, np.float32) if dense is None else dense
        fused = np.where(allowed, fuse(keyword, dense, weight), -1.0)
        if self.feedback_terms and weight < 1.0:
            top = np.argpartition(-fused, min(_FEEDBACK_PASSAGES, fused.size - 1))[:_FEEDBACK_PASSAGES]
            order = [int(i) for i in top[np.argsort(-fused[top], kind="stable")] if fused[i] > 0]
            extra = feedback_terms(snapshot, order, query.terms, self.feedback_terms)
            if extra:
                keyword = keyword + self.feedback_weight * snapshot.keyword.scores(extra)
                fused = np.where(allowed, fuse(keyword, dense, weight), -1.0)
        return with_neighbours(snapshot, fused, float(self.neighbour_weight or 0.0))

    def _select(self, snapshot: Snapshot, scores: np.ndarray, allowed: np.ndarray, k: int) -> list[Passage]:
        # Only the best k*10 are ever looked at: sort those, not every chunk of a large index.
        order = [int(i) for i in best_positions(scores, allowed, k * 10)]
        chosen: list[int] = []
        overflow: list[int] = []
        per_doc: dict[str, int] = {}
        seen_words: list[set[str]] = []
        cap = self.per_document_cap or k
        for i in order:
            chunk = snapshot.chunks[i]
            bag = set(words(chunk.text))
            if any(
                len(bag & other) >= _DUPLICATE_OVERLAP * min(len(bag), len(other)) for other in seen_words
            ):
                continue
            seen_words.append(bag)
            if per_doc.get(chunk.document_id, 0) >= cap:
                overflow.append(i)
                continue
            per_doc[chunk.document_id] = per_doc.get(chunk.document_id, 0) + 1
            chosen.append(i)
            if len(chosen) == k:
                break
        chosen += overflow[: k - len(chosen)]
        chosen.sort(key=lambda i: -scores[i])
        return [self._passage(snapshot, i, float(scores[i])) for i in chosen]

    @staticmethod
    def _passage(snapshot: Snapshot, index: int, score: float) -> Passage:
        chunk = snapshot.chunks[index]
        doc = snapshot.documents[chunk.document_id]
        return Passage(
            chunk_id=chunk.id,
            document_id=doc.id,
            document_title=doc.title,
            kind=doc.kind,
            section=chunk.section,
            page=chunk.page,
            page_end=chunk.page_end,
            line_start=chunk.line_start,
            line_end=chunk.line_end,
            start=chunk.start,
            end=chunk.end,
            text=chunk.text,
            score=round(score, 4),
            fields=chunk.fields,
        )
