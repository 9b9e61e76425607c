"""Vectors already computed, keyed by model and exact text: re-ingesting unchanged text embeds nothing."""

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from assistant.core.embeddings import Embedder


def _key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()


class EmbeddingCache:
    """A small SQLite table of float32 vectors."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def close(self) -> None:
        self._db.close()

    def embed(self, embedder: Embedder, texts: list[str]) -> tuple[np.ndarray, int]:
        """Vectors for `texts` in order, and how many had to be computed now."""
        keys = [_key(embedder.model_id, t) for t in texts]
        found = self._lookup(set(keys))
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if missing:
            vectors = embedder.embed_documents([t for _, t in missing])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(k, v.tobytes()) for (k, _), v in zip(missing, vectors, strict=True)],
                )
            found.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
        matrix = (
            np.stack([found[k] for k in keys]) if keys else np.zeros((0, embedder.dimensions), np.float32)
        )
        return matrix.astype(np.float32), len(missing)

    def _lookup(self, keys: set[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        key_list = list(keys)
        for i in range(0, len(key_list), 500):
            part = key_list[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part
            )
            found.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        return found
