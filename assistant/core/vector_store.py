"""Chroma: an embedded PersistentClient under the data dir, or a Chroma server when one is configured.

Vectors are always computed by us and passed in; no collection gets an embedding function, so chromadb's
default model is never downloaded.
"""

from collections.abc import Sequence
from typing import Any

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from assistant.core.config import Settings

_ADD_BATCH = 1000
# Chroma's default (100) let the approximate search miss 1-3 of the nearest 60 passages of the corpus,
# and not the same ones in every process: the same question could be answered differently after a
# restart. At 400 the nearest 80 are the exact ones (checked against a full scan on the corpus).
EF_SEARCH = 400


def connect(settings: Settings) -> ClientAPI:
    """A client for the configured Chroma: server when `chroma_host` is set, else embedded on disk."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def create_collection(client: ClientAPI, name: str) -> Any:
    return client.create_collection(
        name, embedding_function=None, configuration={"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}}
    )


def get_collection(client: ClientAPI, name: str) -> Any:
    collection = client.get_collection(name, embedding_function=None)
    hnsw = (collection.configuration or {}).get("hnsw") or {}
    if hnsw.get("ef_search") != EF_SEARCH:
        # an index made before: the search width is a query-time setting Chroma lets us change
        collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
    return collection


def add_chunks(
    collection: Any,
    ids: Sequence[str],
    vectors: np.ndarray,
    documents: Sequence[str],
    metadatas: Sequence[dict],
) -> None:
    for i in range(0, len(ids), _ADD_BATCH):
        part = slice(i, i + _ADD_BATCH)
        collection.add(
            ids=list(ids[part]),
            embeddings=vectors[part],
            documents=list(documents[part]),
            metadatas=list(metadatas[part]),
        )


def drop_collection(client: ClientAPI, name: str) -> None:
    """Delete a collection if it exists (clean-up of old or half-built generations)."""
    if name in {c.name for c in client.list_collections()}:
        client.delete_collection(name)
