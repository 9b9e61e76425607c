"""Roles on the real corpus: only a beheerder uploads or removes documents; a core document goes only when
its title is typed over; removing a document takes its text out of stored conversations; both are logged."""

import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from api.main import create_app
from assistant.conversations import ConversationStore
from assistant.core.config import Settings
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant
from tests.api.conftest import ACCOUNTS, add_accounts, sign_in
from tests.builders import assert_error

pytestmark = pytest.mark.slow

TWENTE = "Nieuwe bodemkracht voor Twente (presentatie)"
QUESTION = "Hoeveel werksessies had de learning community HR in Twente?"


@dataclass
class RolesApp:
    settings: Settings
    beheerder: httpx.Client
    recruiter: httpx.Client


@pytest.fixture(scope="module")
def roles_app(tmp_path_factory, writable_index, embedder, serve_app) -> Iterator[RolesApp]:
    settings = writable_index(tmp_path_factory.mktemp("roles"), auth="accounts")
    add_accounts(settings)
    retriever = Retriever(settings, embedder, IndexReader(settings), dense_weight=settings.dense_weight)
    conversations = ConversationStore(settings.data_dir / "conversations.sqlite")
    with serve_app(create_app(settings, Assistant(settings, embedder, retriever, conversations))) as url:
        beheerder = sign_in(url, "beheer", ACCOUNTS["beheer"][0])
        recruiter = sign_in(url, "recruiter", ACCOUNTS["recruiter"][0])
        with beheerder, recruiter:
            yield RolesApp(settings, beheerder, recruiter)


def _twente(client: httpx.Client) -> dict:
    return next(d for d in client.get("/api/documents").json() if d["title"] == TWENTE)


def test_documents_are_listed_for_everyone_with_core_marked(roles_app: RolesApp) -> None:
    documents = roles_app.recruiter.get("/api/documents").json()
    assert sum(d["core"] for d in documents) == 5


def test_upload_is_for_beheerders_and_logged(roles_app: RolesApp) -> None:
    files = {"file": ("rooster.txt", b"Het rooster van de toezichthouders wisselt elke week.", "text/plain")}
    assert_error(roles_app.recruiter.post("/api/documents", files=files), 403)
    job = roles_app.beheerder.post("/api/documents", files=files)
    assert job.status_code == 202
    deadline = time.monotonic() + 120
    while roles_app.beheerder.get(f"/api/documents/jobs/{job.json()['id']}").json()["status"] not in (
        "klaar",
        "mislukt",
    ):
        assert time.monotonic() < deadline
        time.sleep(0.5)
    log = roles_app.beheerder.get("/api/audit").json()
    assert any(e["action"] == "document geüpload" and "rooster.txt" in e["detail"] for e in log)


def test_core_document_needs_its_title_and_leaves_no_text_in_conversations(roles_app: RolesApp) -> None:
    answer = roles_app.recruiter.post("/api/chat", json={"question": QUESTION}).json()
    cited = [c for c in answer["citations"] if c["document_title"] == TWENTE]
    assert cited, "the question should be answered from the Twente presentation"
    document = _twente(roles_app.beheerder)
    path = f"/api/documents/{document['id']}"

    assert "beheerder" in assert_error(roles_app.recruiter.delete(path, params={"bevestiging": TWENTE}), 403)
    assert "kerndocumenten" in assert_error(roles_app.beheerder.delete(path), 409)
    assert_error(roles_app.beheerder.delete(path, params={"bevestiging": "nieuwe bodemkracht"}), 409)
    assert _twente(roles_app.beheerder)  # still there

    removed = roles_app.beheerder.delete(path, params={"bevestiging": TWENTE})
    assert removed.status_code == 200, removed.text
    assert all(d["title"] != TWENTE for d in roles_app.beheerder.get("/api/documents").json())

    stored = roles_app.recruiter.get(f"/api/conversations/{answer['conversation_id']}").json()
    kept = stored["turns"][0]["answer"]
    for quote in (c["quote"] for c in cited):
        assert quote not in str(kept)
    assert any(c["quote"] == "bron verwijderd" for c in kept["citations"])
    log = roles_app.beheerder.get("/api/audit").json()
    assert any(e["action"] == "document verwijderd" and TWENTE in e["detail"] for e in log)
