"""Ingest into a real Chroma server (`chroma run` from the venv) instead of the embedded client."""

from pathlib import Path

import pytest

from assistant.core.snapshot import current_generation, load_snapshot
from assistant.core.vector_store import connect, get_collection
from ingest.pipeline import run_ingest

pytestmark = [pytest.mark.server, pytest.mark.slow]

DOCUMENTS = {
    "verlof.txt": "Verlof vraag je aan bij je leidinggevende. Bijzonder verlof geldt bij een huwelijk of "
    "een verhuizing.\n\nOuderschapsverlof neem je op tot het kind acht jaar is.\n",
    "thuiswerken.txt": "Thuiswerken mag twee dagen per week. De thuiswerkvergoeding is twee euro per dag.\n",
    "opleiding.md": "# Opleiding\n\nIedere medewerker heeft een persoonlijk opleidingsbudget per jaar.\n",
}


def test_ingest_into_a_chroma_server(chroma_server: int, settings_factory, embedder, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = settings_factory(chroma_host="127.0.0.1", chroma_port=chroma_server)

    report = run_ingest([corpus], settings, embedder)

    assert sorted(report.added) == sorted(Path(n).stem for n in DOCUMENTS) and report.skipped == {}
    assert not settings.chroma_dir.exists()  # nothing went to an embedded store
    snapshot = load_snapshot(settings.index_dir, current_generation(settings.index_dir))
    client = connect(settings)
    assert type(client).__name__ != "PersistentClient"
    collection = get_collection(client, snapshot.meta.collection)
    assert collection.count() == len(snapshot.chunks) == report.chunks == snapshot.keyword.size
    # Every chunk, embedded again, finds itself first: the server holds the right vector under each id.
    vectors = embedder.embed_documents([snapshot.dense_text(c) for c in snapshot.chunks])
    hits = collection.query(
        query_embeddings=vectors, n_results=1, include=["metadatas", "documents", "distances"]
    )
    assert [ids[0] for ids in hits["ids"]] == [c.id for c in snapshot.chunks]
    assert max(d[0] for d in hits["distances"]) < 1e-3
    assert [m[0]["document_id"] for m in hits["metadatas"]] == [c.document_id for c in snapshot.chunks]
    assert [d[0] for d in hits["documents"]] == [c.text for c in snapshot.chunks]

    # Two more generations: the server keeps the current and the previous one, like the embedded store.
    for text in ("Thuiswerken mag drie dagen per week.\n", "Thuiswerken mag vier dagen per week.\n"):
        (corpus / "thuiswerken.txt").write_text(text, encoding="utf-8")
        report = run_ingest([corpus], settings, embedder)
        assert report.updated == ["thuiswerken"]
    ours = {c.name for c in client.list_collections() if c.name.startswith(settings.collection_name)}
    generations = sorted(p.name for p in settings.index_dir.glob("gen-*"))
    assert len(generations) == 2
    assert ours == {f"{settings.collection_name}-{g}" for g in generations}
