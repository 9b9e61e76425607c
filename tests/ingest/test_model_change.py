"""A changed embedding model re-embeds everything: the index records model and dimension, the cache is
keyed by model, and vectors of two models are never mixed or compared. Fast: hash embedders, real Chroma."""

from pathlib import Path

import numpy as np
import pytest

from assistant.core.embeddings import FakeEmbedder
from assistant.core.errors import IndexNotReadyError
from assistant.core.snapshot import current_generation, load_snapshot
from assistant.core.vector_store import connect, get_collection
from assistant.retrieval import IndexReader, Retriever
from ingest.pipeline import run_ingest

DOCUMENTS = {
    "verlof.txt": "Verlof vraag je aan bij je leidinggevende. Bijzonder verlof geldt bij een verhuizing.\n",
    "thuiswerken.txt": "Thuiswerken mag twee dagen per week. De thuiswerkvergoeding is twee euro per dag.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def stored_vectors(settings) -> tuple[dict, np.ndarray]:
    snapshot = load_snapshot(settings.index_dir, current_generation(settings.index_dir))
    got = get_collection(connect(settings), snapshot.meta.collection).get(include=["embeddings"])
    return snapshot.meta, np.asarray(got["embeddings"])


def test_another_model_re_embeds_every_passage_and_is_recorded(corpus: Path, settings_factory) -> None:
    settings = settings_factory(corpus_dir=corpus)
    small, large = FakeEmbedder(dimensions=32, seed="a"), FakeEmbedder(dimensions=48, seed="b")

    first = run_ingest([corpus], settings, small)
    meta, vectors = stored_vectors(settings)
    assert (meta.model_id, meta.dimensions, vectors.shape[1]) == (small.model_id, 32, 32)

    second = run_ingest([corpus], settings, large)
    meta, vectors = stored_vectors(settings)

    assert second.generation != first.generation
    assert second.embedded == first.embedded == first.chunks  # nothing taken from the other model
    assert (meta.model_id, meta.dimensions, vectors.shape[1]) == (large.model_id, 48, 48)

    # Back to the first model: its vectors are still cached under its own id.
    third = run_ingest([corpus], settings, small)
    assert third.embedded == 0
    assert stored_vectors(settings)[0].model_id == small.model_id


def test_a_question_is_never_matched_against_another_models_vectors(corpus: Path, settings_factory) -> None:
    settings = settings_factory(corpus_dir=corpus)
    built_with, configured = FakeEmbedder(seed="a"), FakeEmbedder(seed="b")
    run_ingest([corpus], settings, built_with)

    stale = Retriever(settings, configured, IndexReader(settings))
    with pytest.raises(IndexNotReadyError, match="ander embeddingmodel"):
        stale.search("thuiswerkvergoeding")
    # Keyword search needs no vectors and still answers.
    assert "thuiswerkvergoeding" in stale.search("thuiswerkvergoeding", mode="keyword")[0].text

    current = Retriever(settings, built_with, IndexReader(settings))
    assert current.search("Hoeveel is de thuiswerkvergoeding?")[0].document_id == "thuiswerken"
