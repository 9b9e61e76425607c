"""The real corpus, ingested once per session (`corpus_index`): what ends up in the chunks and stores."""

import re
import shutil
from pathlib import Path

import pytest

from assistant.core.redaction import EMAIL, PHONE
from assistant.core.snapshot import Snapshot, current_generation, load_snapshot
from assistant.core.vector_store import connect, get_collection
from ingest.clean import normalise, vocabulary
from ingest.manifest import load_manifest
from ingest.pipeline import run_ingest

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
MAGAZINE = "ao-fonds-magazine-werken-bij-de-overheid-2020"
PROJECTS = "ao-fonds-projecten-leren-en-ontwikkelen"
# Any Dutch-looking phone number: 0, +31 or 0031 and at least nine more digits, whatever the separators.
LOOSE_PHONE = re.compile(r"(?<![\w-])(?:\+31|0031|0)(?:[ \-.()/]{0,3}\d){9,}")


@pytest.fixture(scope="module")
def snapshot(corpus_index) -> Snapshot:
    settings, _ = corpus_index
    return load_snapshot(settings.index_dir, current_generation(settings.index_dir))


@pytest.fixture(scope="module")
def collection(corpus_index, snapshot):
    settings, _ = corpus_index
    return get_collection(connect(settings), snapshot.meta.collection)


@pytest.fixture(scope="module")
def stored(collection) -> dict:
    """Everything Chroma holds for the corpus: ids, documents and metadata."""
    return collection.get(include=["documents", "metadatas"])


def chunks_of(snapshot: Snapshot, document_id: str) -> list:
    return [c for c in snapshot.chunks if c.document_id == document_id]


def test_every_corpus_file_is_ingested_and_the_stores_agree(corpus_index, snapshot, collection) -> None:
    _, report = corpus_index
    names = {p.stem for p in CORPUS.glob("*.txt")}

    assert report.skipped == {}
    assert set(report.added) == names
    assert set(snapshot.documents) == names
    assert report.chunks == len(snapshot.chunks) == collection.count() == snapshot.keyword.size
    assert report.embedded == len({snapshot.dense_text(c) for c in snapshot.chunks})
    for doc_id, doc in snapshot.documents.items():
        assert doc.chunk_count == len(chunks_of(snapshot, doc_id)) > 0
    manifest = load_manifest(CORPUS)
    for name, meta in manifest.items():
        doc = snapshot.documents[Path(name).stem]
        assert (doc.title, doc.kind, doc.year) == (meta.title, meta.kind, meta.year)


def test_source_files_do_contain_personal_data() -> None:
    """Guard for the next test: the corpus really has contact details to redact."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt"))

    assert len(EMAIL.findall(source)) >= 30
    assert len(PHONE.findall(source)) >= 30


def _personal_data(text: str) -> list[str]:
    return EMAIL.findall(text) + PHONE.findall(text) + [m.group() for m in LOOSE_PHONE.finditer(text)]


def test_no_email_or_phone_number_in_chunks_raw_texts_or_chroma(snapshot, stored) -> None:
    leaks = {}
    for chunk in snapshot.chunks:
        if found := _personal_data(f"{chunk.section}\n{chunk.text}\n{chunk.fields}"):
            leaks[chunk.id] = found
    for doc_id in snapshot.documents:
        if found := _personal_data(snapshot.raw_text(doc_id)):
            leaks[f"raw:{doc_id}"] = found
    for chunk_id, text, meta in zip(stored["ids"], stored["documents"], stored["metadatas"], strict=True):
        if found := _personal_data(f"{text}\n{meta}"):
            leaks[f"chroma:{chunk_id}"] = found

    assert leaks == {}


def test_every_source_email_address_is_gone(snapshot) -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt"))
    addresses = set(EMAIL.findall(source))
    everything = "\n".join([*(c.text for c in snapshot.chunks), *map(snapshot.raw_text, snapshot.documents)])

    assert {a for a in addresses if a in everything} == set()
    # Local parts of personal addresses ("r.wesseling") do not survive either.
    local_parts = {a.split("@")[0] for a in addresses if "." in a.split("@")[0]}
    assert {p for p in local_parts if p in everything} == set()


# Words the magazine breaks over two lines without a hyphen (checked against the file below).
BROKEN_WORDS = [("gemeente", "ambtenaren"), ("beschik", "king"), ("onder", "zoekers")]


@pytest.mark.parametrize(("head", "tail"), BROKEN_WORDS)
def test_words_broken_across_lines_are_rejoined_in_magazine_chunks(snapshot, head: str, tail: str) -> None:
    raw = snapshot.raw_text(MAGAZINE)
    breaks = [m.start() for m in re.finditer(rf"\b{head}[ \t]*\n[ \t]*{tail}\b", raw)]
    assert breaks, f"{head}|{tail} is not broken in the magazine text"

    for offset in breaks:
        covering = [c for c in chunks_of(snapshot, MAGAZINE) if c.start <= offset < c.end]
        assert covering, f"text at {offset} is in no chunk"
        for chunk in covering:
            assert head + tail in chunk.text
            assert f"{head} {tail}" not in chunk.text


def test_all_38_projects_are_chunks_with_their_fields(snapshot, stored) -> None:
    source = (CORPUS / f"{PROJECTS}.txt").read_text(encoding="utf-8")
    projects = re.findall(r"^Project:[ \t]*(.+?)[ \t]*$", source, re.MULTILINE)
    assert len(projects) == 38

    chunks = chunks_of(snapshot, PROJECTS)
    by_project: dict[str, list] = {}
    for chunk in chunks:
        if "project" in chunk.fields:
            by_project.setdefault(chunk.fields["project"], []).append(chunk)

    assert set(by_project) == set(projects)
    for name, project_chunks in by_project.items():
        for chunk in project_chunks:
            assert all(chunk.fields[k] for k in ("municipality", "theme", "period")), name
        # The record's own text is in its chunks: the project line's title appears in one of them.
        assert any(name in c.text for c in project_chunks), name
    metadata = dict(zip(stored["ids"], stored["metadatas"], strict=True))
    for chunk in chunks:
        for key, value in chunk.fields.items():
            assert metadata[chunk.id][key] == value


def test_no_embedded_text_exceeds_the_model_window(snapshot, embedder) -> None:
    texts = [snapshot.dense_text(c) for c in snapshot.chunks]

    # The engine's own count of what it reads (prefix and special tokens included): nothing is cut
    # into a second window, so every passage is one vector of its whole text.
    read = [embedder.model.token_count(t, False) for t in texts]

    assert max(read) <= embedder.max_tokens
    assert [c.tokens for c in snapshot.chunks] == [n - 2 for n in read]


def test_chunk_offsets_point_into_the_raw_text(snapshot) -> None:
    for doc_id in snapshot.documents:
        raw = snapshot.raw_text(doc_id)
        known = vocabulary(raw)
        previous_end = 0
        for chunk in chunks_of(snapshot, doc_id):
            assert previous_end <= chunk.start < chunk.end <= len(raw), chunk.id
            assert normalise(raw[chunk.start : chunk.end], known) == chunk.text, chunk.id
            assert chunk.line_start == raw.count("\n", 0, chunk.start) + 1
            assert chunk.line_end == raw.count("\n", 0, chunk.end) + 1
            assert chunk.page is None  # the corpus is plain text
            previous_end = chunk.end


def test_chunks_are_in_order_and_numbered(snapshot) -> None:
    for doc_id in snapshot.documents:
        count = snapshot.documents[doc_id].chunk_count
        assert [c.position for c in chunks_of(snapshot, doc_id)] == list(range(count))


def test_chroma_holds_each_chunk_text_under_its_id(snapshot, stored) -> None:
    texts = dict(zip(stored["ids"], stored["documents"], strict=True))

    assert texts == {c.id: c.text for c in snapshot.chunks}


def test_a_chunk_is_its_own_nearest_neighbour(snapshot, collection, embedder) -> None:
    sample = snapshot.chunks[:: max(1, len(snapshot.chunks) // 25)]

    vectors = embedder.embed_documents([snapshot.dense_text(c) for c in sample])
    result = collection.query(query_embeddings=vectors, n_results=1, include=["distances"])

    assert [ids[0] for ids in result["ids"]] == [c.id for c in sample]
    assert max(d[0] for d in result["distances"]) < 1e-3


def test_chunk_ids_are_unique_and_stable_across_a_second_ingest(
    corpus_index, snapshot, embedder, settings_factory
) -> None:
    ids = [c.id for c in snapshot.chunks]
    assert len(set(ids)) == len(ids)

    first_settings, _ = corpus_index
    settings = settings_factory(corpus_dir=CORPUS)
    cache = settings.data_dir / "cache" / "embeddings.sqlite"
    cache.parent.mkdir(parents=True)
    shutil.copy(first_settings.data_dir / "cache" / "embeddings.sqlite", cache)

    report = run_ingest([CORPUS], settings, embedder)
    again = load_snapshot(settings.index_dir, report.generation)

    assert report.embedded == 0  # same texts, same model: every vector comes from the cache
    assert [(c.id, c.text, c.start, c.end) for c in again.chunks] == [
        (c.id, c.text, c.start, c.end) for c in snapshot.chunks
    ]
