"""Dense vectors of questions and candidate sentences, through whatever embedder the assistant runs on.

Sentence vectors are cached by text: the same passages come back for related questions, so a warm ask
embeds only the question. The cache is bounded and shared by the request threads.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np

from assistant.core.embeddings import Embedder
from assistant.query_adapter import QueryAdapter, chosen_adapter

# The question's vector corrected towards the sentences that answer questions like it (trained on dev by
# eval/train_sentence_model.py): the answer engine's "dense" features use it.
SENTENCE_ADAPTER_PATH = Path(__file__).parent / "data" / "sentence_adapter.npz"

_CACHE_SIZE = 20_000  # sentences; 384 floats each, about 30 MB at most


def _embed(embedder: Embedder, texts: list[str], kind: Literal["query", "passage"]) -> np.ndarray:
    """Unit vectors; e5 embeds questions and passages with different prefixes."""
    return embedder.embed_query(texts) if kind == "query" else embedder.embed_documents(texts)


@dataclass
class SentenceVectors:
    embedder: Embedder
    size: int = _CACHE_SIZE
    adapter_file: Path | None = SENTENCE_ADAPTER_PATH  # read at the first question
    adapter: QueryAdapter | None = None  # given: used as it is (training gives each fold its own)
    _cache: OrderedDict[tuple[str, str], np.ndarray] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _vectors(self, texts: list[str], kind: Literal["query", "passage"]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if (kind, t) not in self._cache))
        if missing:
            fresh = _embed(self.embedder, missing, kind)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._cache[(kind, text)] = vector
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        with self._lock:
            for t in texts:
                self._cache.move_to_end((kind, t))
            return np.stack([self._cache[(kind, t)] for t in texts])

    @cached_property
    def _adapter(self) -> QueryAdapter | None:
        return chosen_adapter(self.adapter, self.adapter_file, self.embedder)

    def embedded(self, question: str, sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The question's unit vector and one row per sentence."""
        query = self._vectors([question], "query")[0]
        rows = self._vectors(sentences, "passage") if sentences else np.zeros((0, query.size), np.float32)
        return query, rows

    def similarities(self, question: str, sentences: list[str], adapted: bool = False) -> np.ndarray:
        """Cosine similarity of the question with each sentence (the vectors are unit length); `adapted`:
        with the question's vector corrected by the sentence adapter (the plain one without an adapter)."""
        query, rows = self.embedded(question, sentences)
        if adapted and self._adapter is not None:
            query = self._adapter.apply(query[None])[0]
        return rows @ query
