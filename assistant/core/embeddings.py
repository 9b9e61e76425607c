"""The embedding model: a local sentence-transformers model (the packaged MiniLM by default), offline."""

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property

import numpy as np

# Weights come from disk only; a hub look-up would hang or fail on these machines.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from sentence_transformers import SentenceTransformer


@dataclass
class Embedder:
    """Normalised sentence embeddings and word-piece counts from one local model."""

    model_path: str
    batch_size: int = 32

    @cached_property
    def model(self) -> SentenceTransformer:
        return SentenceTransformer(self.model_path, device="cpu", local_files_only=True)

    @cached_property
    def model_id(self) -> str:
        """Identifies the weights, so cached vectors of another model are never mixed in."""
        return hashlib.sha256(f"{self.model_path}:{self.dimensions}".encode()).hexdigest()[:16]

    @property
    def dimensions(self) -> int:
        return int(self.model.get_embedding_dimension())

    @property
    def max_tokens(self) -> int:
        """Word pieces the model reads, special tokens included; the rest is silently dropped."""
        return int(self.model.max_seq_length)

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Word pieces per text, without the [CLS]/[SEP] the model adds."""
        if not texts:
            return []
        encoded = self.model.tokenizer(texts, add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)
