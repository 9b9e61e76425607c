"""Uploads under attack and under haste, over real HTTP on a small real index (issue 10, defects 1, 2, 3
and 10; issue 11's job phases): same-name uploads in quick succession, zip bombs, a memory-hungry file,
personal data in titles, and different names that map to one stored file.

The app serves a private two-document corpus, so each upload ingests in a second or two.
"""

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from api.main import create_app
from assistant.conversations import ConversationStore
from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.core.redaction import REDACTED, contains_personal_data
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant
from ingest.pipeline import run_ingest
from tests.api.documents_client import (
    delete,
    documents,
    listing,
    search,
    upload,
    upload_and_wait,
    wait_for,
)
from tests.builders import assert_error, json_strings, make_docx, make_pdf
from tests.conftest import make_settings

pytestmark = pytest.mark.slow

MAX_FILE_BYTES = 2_000_000
CORPUS = {
    "werving.txt": "Werving\n\nDe gemeente werft toezichthouders via regionale banenmarkten.",
    "opleiding.txt": "Opleiding\n\nNieuwe medewerkers volgen een opleiding van zes maanden.",
}
VERSION_TEXT = "In de Bodemvonk Academie leidt de gemeente {n} zij-instromers op tot toezichthouder bodem."
ENCRYPTED = {"owner_password": "eigenaar", "user_password": "geheim"}


def build_app(root: Path, embedder: Embedder, **overrides: object) -> tuple[Settings, object]:
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = make_settings(root / "data", corpus, max_file_bytes=MAX_FILE_BYTES, **overrides)
    run_ingest([corpus], settings, embedder)
    retriever = Retriever(settings, embedder, IndexReader(settings), dense_weight=settings.dense_weight)
    store = ConversationStore(settings.data_dir / "conversations.sqlite")
    return settings, create_app(settings, Assistant(settings, embedder, retriever, store))


@pytest.fixture(scope="module")
def served(tmp_path_factory, embedder: Embedder, serve_app) -> Iterator[tuple[Settings, httpx.Client]]:
    settings, app = build_app(tmp_path_factory.mktemp("upload-safety"), embedder)
    with serve_app(app) as url, httpx.Client(base_url=url, timeout=120.0) as http:
        yield settings, http


@pytest.fixture
def client(served) -> httpx.Client:
    return served[1]


@pytest.fixture
def settings(served) -> Settings:
    return served[0]


def version(n: int, **encryption: str) -> bytes:
    return make_pdf([VERSION_TEXT.format(n=n)], **encryption)


def indexed_text(client: httpx.Client, doc_id: str) -> str:
    return " ".join(r["text"] for r in search(client, "Bodemvonk Academie zij-instromers", document=[doc_id]))


# --- defect 1: same-name uploads in quick succession ---------------------------------------------------


def test_refused_versions_in_quick_succession_never_remove_the_good_one(client, settings) -> None:
    uploads = settings.uploads_dir
    good = upload_and_wait(client, "race3.pdf", version(47))
    assert good["status"] == "klaar", good
    stored = (uploads / "race3.pdf").read_bytes()

    posted = [upload(client, "race3.pdf", version(52, **ENCRYPTED)) for _ in range(2)]  # no waiting
    jobs = [wait_for(client, r.json()["id"]) for r in posted]

    for job in jobs:
        assert job["status"] == "mislukt", job
        assert "versleutelde PDF" in job["detail"] and "vorige versie blijft" in job["detail"]
    assert (uploads / "race3.pdf").read_bytes() == stored
    assert listing(uploads) >= {"race3.pdf"} and not {n for n in listing(uploads) if n.startswith(".")}
    reindexed = wait_for(client, client.post("/api/documents/reindex").json()["id"])
    assert reindexed["status"] == "klaar", reindexed
    assert "race3" in documents(client)
    assert "47 zij-instromers" in indexed_text(client, "race3")
    delete(client, "race3")


def test_job_outcomes_belong_to_their_own_versions(client, settings) -> None:
    files = [version(11), version(22), version(33, **ENCRYPTED)]
    posted = [upload(client, "versies.pdf", data) for data in files]  # no waiting in between
    jobs = [wait_for(client, r.json()["id"]) for r in posted]

    assert [j["status"] for j in jobs] == ["klaar", "klaar", "mislukt"], jobs
    assert "versleutelde PDF" in jobs[2]["detail"]
    assert jobs[0]["document_id"] == jobs[1]["document_id"] == "versies"
    assert jobs[2]["document_id"] is None
    assert (settings.uploads_dir / "versies.pdf").read_bytes() == files[1]
    text = indexed_text(client, "versies")
    assert "22 zij-instromers" in text and "11" not in text and "33" not in text
    delete(client, "versies")


# --- defect 2: zip bombs and files that cost too much to read ------------------------------------------


def docx_with_body(unpacked_mb: int, paragraph: Callable[[int], str]) -> bytes:
    """A real docx whose document.xml holds `unpacked_mb` MB of paragraphs, written as a stream."""
    source = zipfile.ZipFile(io.BytesIO(make_docx("Bom", ["x"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                archive.writestr(item, source.read(item.filename))
                continue
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(
                    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                    b'wordprocessingml/2006/main"><w:body>'
                )
                written, number = 0, 0
                while written < unpacked_mb * 1_000_000:
                    block = "".join(
                        f"<w:p><w:r><w:t>{paragraph(number + i)}</w:t></w:r></w:p>" for i in range(1000)
                    )
                    written += part.write(block.encode())
                    number += 1000
                part.write(b"</w:body></w:document>")
    return out.getvalue()


def bomb_docx(unpacked_mb: int) -> bytes:
    """One short paragraph repeated: it packs a thousand times smaller."""
    return docx_with_body(unpacked_mb, lambda _: "bodem")


WORDS = ["gemeente", "toezicht", "bodem", "werving", "opleiding", "salaris", "schaal", "functie", "team"]


def large_docx(unpacked_mb: int) -> bytes:
    """Varied, honest text: it packs like a real long report, so no zip check refuses it."""
    return docx_with_body(
        unpacked_mb, lambda n: " ".join(f"{WORDS[(n * j) % 9]}{n * j % 997}" for j in range(15))
    )


@pytest.mark.parametrize(("unpacked_mb", "reason"), [(100, "uitgepakt te groot"), (20, "keer samengeperst")])
def test_zip_bomb_docx_is_refused_before_anything_is_unpacked(
    client, settings, unpacked_mb: int, reason: str
) -> None:
    data = bomb_docx(unpacked_mb)
    assert len(data) < 500_000
    before, docs_before = listing(settings.uploads_dir), set(documents(client))
    rss_before = psutil.Process().memory_info().rss

    detail = assert_error(upload(client, "bom.docx", data), 422)

    assert reason in detail and "zip-bom" in detail, detail
    assert "Toegestaan: PDF" in detail
    assert psutil.Process().memory_info().rss - rss_before < 50_000_000  # the server never unpacked it
    assert listing(settings.uploads_dir) == before
    assert set(documents(client)) == docs_before


def docx_with_entities() -> bytes:
    """A docx whose main part declares entities (the "billion laughs" trick, kept small here)."""
    source = zipfile.ZipFile(io.BytesIO(make_docx("Lachen", ["hallo"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                declaration = b'<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                data = data.replace(b"?>", b"?>" + declaration, 1).replace(b">hallo<", b">&lol2;<")
            archive.writestr(item, data)
    return out.getvalue()


def test_xml_with_entity_declarations_is_refused(client, settings) -> None:
    job = upload_and_wait(client, "lachen.docx", docx_with_entities())
    assert job["status"] == "mislukt", job
    assert "onveilige of beschadigde XML" in job["detail"], job
    assert not (settings.uploads_dir / "lachen.docx").exists()


def test_reading_an_upload_is_limited_to_a_child_process(tmp_path: Path, embedder, serve_app) -> None:
    """With a small memory budget for the reader, a file that needs more is refused; the API process
    does not grow, and a small file under the same budget is read fine."""
    settings, app = build_app(tmp_path, embedder, upload_memory_bytes=100_000_000)
    data = large_docx(8)
    assert len(data) < MAX_FILE_BYTES
    with serve_app(app) as url, httpx.Client(base_url=url, timeout=120.0) as client:
        rss_before = psutil.Process().memory_info().rss
        job = upload_and_wait(client, "groot.docx", data)
        assert job["status"] == "mislukt", job
        assert "te veel geheugen of rekentijd" in job["detail"], job
        assert psutil.Process().memory_info().rss - rss_before < 100_000_000
        assert not (settings.uploads_dir / "groot.docx").exists()

        small = make_docx("Klein", ["De gemeente werft toezichthouders."])
        assert upload_and_wait(client, "klein.docx", small)["status"] == "klaar"


# --- defect 3: titles are redacted everywhere --------------------------------------------------------


PERSONAL_TITLE = "Verslag jan@x.nl 06-12345678"
TOPIC = "Het Grondpeilplan koppelt nieuwe toezichthouders aan een ervaren collega uit de regio."


def docx_with_core_title(title: str) -> bytes:
    return make_docx("", [TOPIC], core_title=title)


TITLED_FILES = {
    "md": ("titel.md", lambda: f"# {PERSONAL_TITLE}\n\n{TOPIC}\n".encode()),
    "html": ("titel.html", lambda: f"<title>{PERSONAL_TITLE}</title><p>{TOPIC}</p>".encode()),
    "pdf": ("titel.pdf", lambda: make_pdf([TOPIC], title=PERSONAL_TITLE)),
    "docx": ("titel.docx", lambda: docx_with_core_title(PERSONAL_TITLE)),
}


def assert_no_personal_data(payload: object) -> None:
    for text in json_strings(payload):
        assert not contains_personal_data(text), text


@pytest.mark.parametrize("kind", sorted(TITLED_FILES))
def test_personal_data_in_a_title_is_shown_nowhere(client, settings, kind: str) -> None:
    name, make = TITLED_FILES[kind]
    job = upload_and_wait(client, name, make())
    assert job["status"] == "klaar", job
    assert_no_personal_data(job)
    doc_id = job["document_id"]
    listed = documents(client)[doc_id]
    assert listed["title"] == f"Verslag {REDACTED} {REDACTED}"
    assert_no_personal_data(client.get("/api/documents").json())

    results = search(client, "Grondpeilplan toezichthouders collega", document=[doc_id])
    assert results and all(r["title"] == listed["title"] for r in results)
    assert_no_personal_data(results)

    question = {"question": "Wat doet het Grondpeilplan voor nieuwe toezichthouders?"}
    answer = client.post("/api/chat", json=question).json()
    assert doc_id in {c["document_id"] for c in answer["citations"]}, answer
    assert_no_personal_data(answer)
    stream = client.post("/api/chat/stream", json=question)
    assert stream.status_code == 200
    events = [json.loads(line[5:]) for line in stream.text.splitlines() if line.startswith("data:")]
    assert any(doc_id in json.dumps(e) for e in events)
    assert_no_personal_data(events)
    conversation = client.get(f"/api/conversations/{answer['conversation_id']}")
    if conversation.status_code == 200:
        assert_no_personal_data(conversation.json())

    index_files = [p for p in settings.index_dir.rglob("*.json*") if p.is_file()]
    assert index_files
    for path in index_files:
        assert "jan@x.nl" not in path.read_text(encoding="utf-8", errors="ignore")
    delete(client, doc_id)


# --- defect 10: different names for one stored file ----------------------------------------------------


def test_another_name_for_the_same_stored_file_is_refused(client, settings) -> None:
    first = upload_and_wait(client, "Verslag 2024.txt", b"Verslag van de werving in 2024 bij de gemeente.")
    assert first["status"] == "klaar" and first["name"] == "Verslag 2024.txt", first
    stored = (settings.uploads_dir / "verslag-2024.txt").read_bytes()

    detail = assert_error(upload(client, "verslag_2024.txt", b"Een heel ander verslag over opleiding."), 409)

    assert "Verslag 2024.txt" in detail and "andere naam" in detail, detail
    assert (settings.uploads_dir / "verslag-2024.txt").read_bytes() == stored
    again = upload_and_wait(client, "Verslag 2024.txt", b"Verslag van de werving in 2024, herziene versie.")
    assert again["status"] == "klaar" and again["document_id"] == first["document_id"], again
    delete(client, first["document_id"])
    # Once deleted, the name is free again for another spelling.
    other = upload_and_wait(client, "verslag_2024.txt", b"Een heel ander verslag over opleiding.")
    assert other["status"] == "klaar", other
    delete(client, other["document_id"])


def test_accented_names_keep_their_letters(client, settings) -> None:
    job = upload_and_wait(client, "één.txt", b"Een notitie over de opleiding van toezichthouders.")
    assert job["status"] == "klaar", job
    assert (settings.uploads_dir / "een.txt").exists()
    assert job["document_id"] == "een"
    delete(client, "een")


# --- issue 11: job phases and progress ----------------------------------------------------------------


def test_jobs_report_their_phase_and_progress(client) -> None:
    response = upload(client, "fasen.txt", b"Een notitie over de werving van toezichthouders in de regio.")
    assert response.status_code == 202
    created = response.json()
    assert created["phase"] == "opslaan" and created["name"] == "fasen.txt"
    phases = [created["phase"]]
    done = wait_for(client, created["id"], phases)

    assert done["status"] == done["phase"] == "klaar" and done["progress"] == 1.0
    known = ["opslaan", "lezen", "opdelen", "embedden", "klaar"]
    assert set(phases) <= set(known) and phases == sorted(phases, key=known.index), phases
    listed = client.get("/api/documents/jobs").json()
    assert listed[0]["id"] == created["id"]
    refused = upload_and_wait(client, "fasen.pdf", version(1, **ENCRYPTED))
    assert refused["phase"] == "mislukt" and refused["progress"] is None
    delete(client, done["document_id"])
