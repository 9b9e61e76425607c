"""Document management over real HTTP: list, upload (ingested by a background job), delete, re-index.

These tests change the index, so they never touch the session's shared `corpus_index`: each app here runs
on a private copy of the corpus in a temp dir with its own data dir (`writable_index`). Only the session's
embedding cache is copied in, not its index, whose documents point at the real corpus/ files: deleting one
of those through the API would move a real corpus file to the trash.
"""

import io
import json
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from PIL import Image

from api.main import create_app
from assistant.conversations import ConversationStore
from assistant.core.config import PROJECT_ROOT, Settings
from assistant.core.embeddings import Embedder
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant
from ingest.uploads import NAMES
from tests.api.documents_client import (
    ask,
    delete,
    documents,
    listing,
    search,
    upload,
    upload_and_wait,
    wait_for,
)
from tests.builders import assert_error, make_docx, make_pdf

pytestmark = pytest.mark.slow

CORPUS_DIR = PROJECT_ROOT / "corpus"
MANIFEST = yaml.safe_load((CORPUS_DIR / "manifest.yaml").read_text(encoding="utf-8"))["documents"]
CORPUS_IDS = {Path(name).stem for name in MANIFEST}
MAX_FILE_BYTES = 2_000_000

# An invented programme: no corpus document mentions "Bodemvonk" or the number 47 in this context.
FACT_QUESTION = "Hoeveel zij-instromers leidt de Bodemvonk Academie op?"
FACT_NUMBER = "47"
FACT_TEXT = (
    "De gemeente Zuiderveen start in 2025 het programma Bodemvonk Academie. "
    "In de Bodemvonk Academie leidt de gemeente 47 zij-instromers op tot toezichthouder bodem. "
    "Elke deelnemer van de Bodemvonk Academie krijgt een leerwerkplek bij de omgevingsdienst en een vaste "
    "begeleider. Het programma duurt achttien maanden en sluit af met een erkend diploma."
)


# --- files made in the test ---------------------------------------------------------------------------


def make_png() -> bytes:
    rng = random.Random(7)
    image = Image.frombytes("RGB", (64, 64), bytes(rng.randrange(256) for _ in range(64 * 64 * 3)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# --- the app on a private copy --------------------------------------------------------------------------


@dataclass
class DocumentsApp:
    settings: Settings
    client: httpx.Client


@contextmanager
def documents_app(root: Path, writable_index, embedder: Embedder, serve_app) -> Iterator[DocumentsApp]:
    """The real corpus (manifest and persona cards included) copied to `root`, indexed, and served."""
    settings = writable_index(root, max_file_bytes=MAX_FILE_BYTES)
    assert settings.corpus_dir.is_relative_to(root) and settings.data_dir.is_relative_to(root)
    retriever = Retriever(settings, embedder, IndexReader(settings), dense_weight=settings.dense_weight)
    conversations = ConversationStore(settings.data_dir / "conversations.sqlite")
    assistant = Assistant(settings, embedder, retriever, conversations)
    with serve_app(create_app(settings, assistant)) as url, httpx.Client(base_url=url, timeout=120.0) as http:
        yield DocumentsApp(settings, http)


@pytest.fixture(scope="module")
def app(
    tmp_path_factory: pytest.TempPathFactory, writable_index, embedder, serve_app
) -> Iterator[DocumentsApp]:
    root = tmp_path_factory.mktemp("documents-api")
    with documents_app(root, writable_index, embedder, serve_app) as served:
        yield served


@pytest.fixture
def client(app: DocumentsApp) -> httpx.Client:
    return app.client


# --- listing ---------------------------------------------------------------------------------------------


def test_lists_the_corpus_documents(client: httpx.Client, app: DocumentsApp) -> None:
    docs = documents(client)
    assert set(docs) == CORPUS_IDS
    for doc_id, doc in docs.items():
        assert doc["chunk_count"] > 0
        assert doc["title"] == MANIFEST[f"{doc_id}.txt"]["title"]
        assert Path(doc["source_path"]).parent == app.settings.corpus_dir.resolve()
    titles = [d["title"].lower() for d in client.get("/api/documents").json()]
    assert titles == sorted(titles)


# --- an upload, from file to cited answer and back out ------------------------------------------------------


def test_uploaded_pdf_is_answered_from_and_deleted(client: httpx.Client, app: DocumentsApp) -> None:
    uploads = app.settings.uploads_dir
    before = listing(uploads)

    job = upload_and_wait(client, "Bodemvonk Academie.pdf", make_pdf([FACT_TEXT], title="Bodemvonk Academie"))
    assert job["status"] == "klaar", job
    doc_id = job["document_id"]
    assert doc_id == "bodemvonk-academie"
    count, noun = re.search(r"(\d+) (passages?) geïndexeerd", job["detail"]).groups()
    assert noun == ("passage" if count == "1" else "passages"), job["detail"]

    doc = documents(client)[doc_id]
    assert doc["title"] == "Bodemvonk Academie"
    assert doc["file_type"] == "pdf" and doc["pages"] == 1 and doc["chunk_count"] >= 1
    stored = Path(doc["source_path"])
    assert stored.parent == uploads.resolve() and stored.name == "bodemvonk-academie.pdf"
    assert listing(uploads) == before | {"bodemvonk-academie.pdf"}

    answer = ask(client, FACT_QUESTION)
    assert answer["abstained"] is False, answer["text"]
    cited = {c["document_id"] for c in answer["citations"]}
    assert doc_id in cited, answer
    assert FACT_NUMBER in answer["text"], answer["text"]
    assert any(doc_id == c["document_id"] and FACT_NUMBER in c["quote"] for c in answer["citations"])

    delete(client, doc_id)
    assert doc_id not in documents(client)
    assert all(
        r["document"] != doc_id for r in search(client, "Bodemvonk Academie zij-instromers Zuiderveen")
    )
    again = ask(client, FACT_QUESTION)
    assert doc_id not in {c["document_id"] for c in again["citations"]}, again
    assert "Bodemvonk" not in again["text"]
    assert not stored.exists()
    assert listing(uploads) == before


def test_same_content_under_two_names(client: httpx.Client, app: DocumentsApp) -> None:
    before = listing(app.settings.uploads_dir)
    data = make_pdf([FACT_TEXT])
    first = upload(client, "academie-a.pdf", data)
    second = upload(client, "academie-b.pdf", data)
    assert first.status_code == second.status_code == 202
    jobs = [wait_for(client, r.json()["id"]) for r in (first, second)]
    assert [j["status"] for j in jobs] == ["klaar", "klaar"], jobs
    ids = [j["document_id"] for j in jobs]
    assert ids == ["academie-a", "academie-b"]

    docs = documents(client)
    assert docs["academie-a"]["fingerprint"] == docs["academie-b"]["fingerprint"]
    # Searched one at a time: a search collapses near-duplicate passages into one result.
    chunks = {i: {r["chunk_id"] for r in search(client, "Bodemvonk Academie", document=[i])} for i in ids}
    assert chunks["academie-a"] and chunks["academie-b"]
    assert not chunks["academie-a"] & chunks["academie-b"]  # distinct chunks, not one shared

    for doc_id in ids:
        delete(client, doc_id)
    assert set(documents(client)) == CORPUS_IDS
    assert listing(app.settings.uploads_dir) == before


def test_new_version_under_the_same_name(client: httpx.Client, app: DocumentsApp) -> None:
    uploads = app.settings.uploads_dir
    before = listing(uploads)
    first = upload_and_wait(client, "academie.pdf", make_pdf([FACT_TEXT]))
    assert first["status"] == "klaar", first
    doc_id = first["document_id"]
    fingerprint = documents(client)[doc_id]["fingerprint"]

    newer = FACT_TEXT.replace("47", "52")
    second = upload_and_wait(client, "academie.pdf", make_pdf([newer]))
    assert second["status"] == "klaar" and second["document_id"] == doc_id, second
    assert documents(client)[doc_id]["fingerprint"] != fingerprint
    texts = " ".join(
        r["text"] for r in search(client, "Bodemvonk Academie zij-instromers", document=[doc_id])
    )
    assert "52 zij-instromers" in texts and "47" not in texts
    stored = (uploads / "academie.pdf").read_bytes()
    documents_before_refusal = documents(client)

    # A version the loader refuses: the job fails and the previous version stays, file and index alike.
    refused = upload_and_wait(
        client, "academie.pdf", make_pdf([FACT_TEXT], owner_password="eigenaar", user_password="geheim")
    )
    assert refused["status"] == "mislukt", refused
    assert "versleutelde PDF" in refused["detail"] and "vorige versie blijft" in refused["detail"]
    assert (uploads / "academie.pdf").read_bytes() == stored
    assert listing(uploads) == before | {"academie.pdf"}  # no backup or temp file left behind
    # ... also after the next ingest of the uploads folder, which would drop a document without its file.
    reindexed = wait_for(client, client.post("/api/documents/reindex").json()["id"])
    assert reindexed["status"] == "klaar", reindexed
    assert documents(client)[doc_id]["fingerprint"] == documents_before_refusal[doc_id]["fingerprint"]
    texts = " ".join(
        r["text"] for r in search(client, "Bodemvonk Academie zij-instromers", document=[doc_id])
    )
    assert "52 zij-instromers" in texts

    delete(client, doc_id)
    assert listing(uploads) == before


# --- uploads that are refused before anything is written ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "status", "words"),
    [
        pytest.param(
            "rapport.pdf",
            lambda: b"Dit is gewone tekst en geen PDF, al zegt de naam van wel.\n" * 20,
            422,
            ["heet .pdf", "geen PDF"],
            id="text-named-pdf",
        ),
        pytest.param(
            "foto.png", make_png, 422, ["niet worden gelezen", ".png", "Toegestaan: PDF", "2.0 MB"], id="png"
        ),
        pytest.param(
            "data.txt",
            lambda: random.Random(3).randbytes(20_000),
            422,
            ["niet worden gelezen", "binaire data"],
            id="binary-junk",
        ),
        pytest.param("leeg.txt", lambda: b"", 422, ["leeg"], id="empty"),
        pytest.param("spaties.txt", lambda: b" \n\t\n  ", 422, ["leeg"], id="whitespace-only"),
        pytest.param(
            "groot.txt",
            lambda: b"Bodem en ondergrond. " * (2_030_000 // 21),  # passes the body limit, not the file check
            422,
            ["te groot", "(2.1 MB, maximaal 2.0 MB)"],
            id="just-over-max-file-bytes",
        ),
        pytest.param(
            "heel-groot.txt",
            lambda: b"Bodem en ondergrond. " * (3_000_000 // 21),  # refused by the body limit, unread
            413,
            ["bestand is te groot", "maximaal 2.0 MB"],
            id="far-over-max-file-bytes",
        ),
    ],
)
def test_refused_upload_writes_nothing(
    client: httpx.Client, app: DocumentsApp, name: str, make, status: int, words: list[str]
) -> None:
    before = listing(app.settings.uploads_dir)
    docs_before = set(documents(client))
    detail = assert_error(upload(client, name, make()), status)
    for word in words:
        assert word in detail, detail
    assert listing(app.settings.uploads_dir) == before  # not the file, not a temp file
    assert set(documents(client)) == docs_before


def test_upload_without_a_file_is_422(client: httpx.Client) -> None:
    assert "file" in assert_error(client.post("/api/documents", data={"niets": "hier"}), 422)


def test_traversal_in_the_file_name_stays_inside_uploads(client: httpx.Client, app: DocumentsApp) -> None:
    uploads = app.settings.uploads_dir
    root = app.settings.data_dir.parent
    index_dir = app.settings.index_dir

    def evil_files() -> set[Path]:  # the index keeps a raw-text copy named after the document id
        return {p for p in root.rglob("*evil*") if not p.is_relative_to(index_dir) and p.parent.name != NAMES}

    before = evil_files()
    text = b"Kwaadaardige naam, gewone inhoud: de gemeente zoekt een adviseur bodem voor het team Noord.\n"
    job = upload_and_wait(client, "../../evil.txt", text, "text/plain")
    assert job["status"] == "klaar", job
    assert job["document_id"] == "evil"
    assert evil_files() - before == {uploads / "evil.txt"}
    assert not (root / "evil.txt").exists() and not (app.settings.data_dir / "evil.txt").exists()
    delete(client, job["document_id"])
    assert not (uploads / "evil.txt").exists()


def test_encrypted_pdf_fails_in_the_job_and_is_removed(client: httpx.Client, app: DocumentsApp) -> None:
    uploads = app.settings.uploads_dir
    before, docs_before = listing(uploads), set(documents(client))
    data = make_pdf([FACT_TEXT], owner_password="eigenaar", user_password="geheim")
    job = upload_and_wait(client, "geheim.pdf", data)  # the sniff sees a PDF: the upload is accepted
    assert job["status"] == "mislukt", job
    assert "versleutelde PDF" in job["detail"], job
    assert job["document_id"] is None
    assert listing(uploads) == before
    assert set(documents(client)) == docs_before


def test_docx_upload(client: httpx.Client, app: DocumentsApp) -> None:
    paragraphs = [
        "Met het Bodemmaatjesplan krijgt iedere nieuwe toezichthouder een maatje uit een buurgemeente.",
        "Het Bodemmaatjesplan koppelt in het eerste jaar 23 duo's in de regio.",
    ]
    job = upload_and_wait(client, "bodemmaatjes.docx", make_docx("Bodemmaatjesplan", paragraphs))
    assert job["status"] == "klaar", job
    doc = documents(client)[job["document_id"]]
    assert doc["file_type"] == "docx" and doc["title"] == "Bodemmaatjesplan"
    texts = " ".join(r["text"] for r in search(client, "Bodemmaatjesplan duo's", document=[doc["id"]]))
    assert "23 duo's" in texts
    delete(client, doc["id"])
    assert not (app.settings.uploads_dir / "bodemmaatjes.docx").exists()


def test_html_upload_keeps_text_and_drops_scripts(client: httpx.Client, app: DocumentsApp) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Werkplaats Grondstof</title>"
        "<script>alert(1)</script><style>body { color: red; }</style></head><body>"
        "<h1>Werkplaats Grondstof</h1>"
        "<p>In de Werkplaats Grondstof leren stagiairs bodemmonsters nemen bij de omgevingsdienst.</p>"
        "<script>alert(1); document.cookie</script>"
        "<p onclick=\"alert('klik')\">De Werkplaats Grondstof begeleidt elk jaar twaalf stagiairs.</p>"
        "</body></html>"
    )
    job = upload_and_wait(client, "grondstof.html", html.encode(), "text/html")
    assert job["status"] == "klaar", job
    doc_id = job["document_id"]
    assert documents(client)[doc_id]["file_type"] == "html"
    results = search(client, "Werkplaats Grondstof stagiairs bodemmonsters alert script", document=[doc_id])
    assert results
    text = " ".join(r["text"] for r in results)
    assert "bodemmonsters" in text and "twaalf stagiairs" in text
    for leaked in ("alert", "<script", "document.cookie", "color: red", "onclick"):
        assert leaked not in text, text
    delete(client, doc_id)


# --- other endpoints ----------------------------------------------------------------------------------------


def test_unknown_document_and_job_are_404(client: httpx.Client) -> None:
    assert "bestaat niet" in assert_error(client.delete("/api/documents/bestaat-niet"), 404)
    assert "bestaat niet" in assert_error(client.get("/api/documents/jobs/onbekend"), 404)
    assert set(documents(client)) >= CORPUS_IDS


def test_reindex_job(client: httpx.Client) -> None:
    before = documents(client)
    response = client.post("/api/documents/reindex")
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["kind"] == "reindex"
    done = wait_for(client, job["id"])
    assert done["status"] == "klaar", done
    assert done["detail"].startswith(f"{len(before)} documenten"), done
    assert done["detail"].endswith(" 0 gewijzigd"), done  # nothing changed on disk since the last ingest
    assert documents(client) == before


def test_json_limit_is_smaller_than_the_upload_limit(client: httpx.Client, app: DocumentsApp) -> None:
    settings = app.settings
    body = json.dumps({"question": "Wat is Lab XL?", "x": "y" * (settings.max_body_bytes + 10)}).encode()
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert "te groot" in assert_error(response, 413)

    # 1.5 MB: over the JSON limit, under the upload limit; the padding is a style sheet the loader drops.
    padding = "".join(f".regel-{i} {{ margin: {i % 9}px; }}\n" for i in range(50_000))
    html = (
        f"<!DOCTYPE html><html><head><title>Groot document</title><style>{padding}</style></head>"
        "<body><p>Het Bodemloket Oost beantwoordt vragen van inwoners over grondverzet.</p></body></html>"
    ).encode()
    assert settings.max_body_bytes < 1_400_000 < len(html) < 1_600_000 < settings.max_file_bytes
    job = upload_and_wait(client, "groot-document.html", html, "text/html")
    assert job["status"] == "klaar", job
    assert documents(client)[job["document_id"]]["size_bytes"] == len(html)
    delete(client, job["document_id"])


# --- deleting a corpus document ----------------------------------------------------------------------------


def test_deleting_a_corpus_document_moves_it_to_the_trash(
    tmp_path: Path, writable_index, embedder, serve_app
) -> None:
    """On an app of its own: the module's app keeps its five corpus documents."""
    with documents_app(tmp_path, writable_index, embedder, serve_app) as served:
        client, settings = served.client, served.settings
        doc_id = "twente-nieuwe-bodemkracht-presentatie"
        source = settings.corpus_dir / f"{doc_id}.txt"
        original = source.read_bytes()
        assert len(search(client, "Nieuwe bodemkracht Twente", document=[doc_id])) > 0

        delete(client, doc_id)

        assert set(documents(client)) == CORPUS_IDS - {doc_id}
        assert not source.exists()
        trashed = list(settings.trash_dir.iterdir())
        assert len(trashed) == 1 and trashed[0].name.endswith(f"-{doc_id}.txt")
        assert trashed[0].read_bytes() == original  # moved, not destroyed
        assert all(r["document"] != doc_id for r in search(client, "Nieuwe bodemkracht voor Twente Saxion"))
        assert (CORPUS_DIR / f"{doc_id}.txt").exists()  # the real corpus is untouched

        reindexed = wait_for(client, client.post("/api/documents/reindex").json()["id"])
        assert reindexed["status"] == "klaar"
        assert doc_id not in documents(client)  # a re-index does not bring it back from the trash
