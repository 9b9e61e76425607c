"""Health, static files, feedback, request validation and limits, and an app with no index yet."""

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.main import create_app
from assistant.core.config import Settings
from assistant.core.snapshot import current_generation
from tests.builders import assert_error

pytestmark = pytest.mark.slow


# --- health, docs, static --------------------------------------------------------------------------


def test_healthz(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_the_current_generation(client: httpx.Client, corpus_index) -> None:
    settings, report = corpus_index
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["generation"] == current_generation(settings.index_dir)
    assert body["documents"] == report.documents
    assert body["chunks"] == report.chunks > 0


def test_openapi_docs(client: httpx.Client) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "text/html" in docs.headers["content-type"]
    schema = client.get("/openapi.json").json()
    for path in ("/api/chat", "/api/chat/stream", "/api/search", "/api/feedback", "/healthz", "/readyz"):
        assert path in schema["paths"]


def test_index_page_and_static_files(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in page.text
    assert "/static/app.js" in page.text
    script = client.get("/static/app.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    # app.js loads the parts as ES modules; each is served locally (no CDN).
    for module in ("api.js", "chat.js", "documents.js", "personas.js", "vacancy.js"):
        assert f"./{module}" in script.text
        assert client.get(f"/static/{module}").status_code == 200
    assert "/api/chat/stream" in client.get("/static/chat.js").text
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/bestaat-niet.js").status_code == 404


def test_unknown_route_is_404_json(client: httpx.Client) -> None:
    assert_error(client.get("/api/bestaat-niet"), 404)


# --- feedback ---------------------------------------------------------------------------------------


def test_feedback_is_stored(client: httpx.Client, conversation_db: Path) -> None:
    answer = client.post("/api/chat", json={"question": "Wat is Lab XL?"}).json()
    body = {"conversation_id": answer["conversation_id"], "position": 0, "rating": 1, "comment": "Helder"}
    response = client.post("/api/feedback", json=body)
    assert response.status_code == 201
    assert response.json() == {"status": "opgeslagen"}
    with sqlite3.connect(conversation_db) as db:
        rows = db.execute(
            "SELECT position, rating, comment FROM feedback WHERE conversation_id = ?",
            (answer["conversation_id"],),
        ).fetchall()
    assert rows == [(0, 1, "Helder")]


def test_feedback_without_conversation_is_accepted(client: httpx.Client) -> None:
    response = client.post("/api/feedback", json={"rating": -1, "comment": "Geen antwoord gekregen"})
    assert response.status_code == 201


def test_feedback_on_unknown_conversation_is_404(client: httpx.Client) -> None:
    response = client.post("/api/feedback", json={"conversation_id": "bestaat-niet", "rating": 1})
    assert "bestaat niet" in assert_error(response, 404)


@pytest.mark.parametrize(
    "body",
    [{"rating": 5}, {"rating": 0}, {"rating": 1, "position": -1}, {"rating": 1, "extra": True}, {}],
)
def test_invalid_feedback_is_422(client: httpx.Client, body: dict) -> None:
    assert_error(client.post("/api/feedback", json=body), 422)


# --- request validation and limits --------------------------------------------------------------------


def test_malformed_json_is_422_with_a_readable_detail(client: httpx.Client) -> None:
    response = client.post(
        "/api/chat", content=b'{"question": "Wat is Lab XL?"', headers={"content-type": "application/json"}
    )
    detail = assert_error(response, 422)
    assert detail.startswith("Ongeldig verzoek")
    assert "JSON" in detail


def test_body_that_is_not_an_object_is_422(client: httpx.Client) -> None:
    assert_error(client.post("/api/chat", json=["Wat is Lab XL?"]), 422)
    assert_error(client.post("/api/chat", json="Wat is Lab XL?"), 422)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"question": "Wat is Lab XL?", "temperature": 0.2}, "temperature"),
        ({"question": "Wat is Lab XL?", "filters": {"land": "België"}}, "land"),
        ({"vraag": "Wat is Lab XL?"}, "question"),
        ({"question": ""}, "question"),
        ({"question": "x" * 5000}, "question"),
        ({"question": 42}, "question"),
        ({"question": "Wat is Lab XL?", "conversation_id": "x" * 100}, "conversation_id"),
    ],
)
def test_invalid_chat_requests_are_422(client: httpx.Client, body: dict, needle: str) -> None:
    detail = assert_error(client.post("/api/chat", json=body), 422)
    assert detail.startswith("Ongeldig verzoek")
    assert needle in detail


def test_whitespace_question_is_422(client: httpx.Client) -> None:
    assert "leeg" in assert_error(client.post("/api/chat", json={"question": " \n\t "}), 422)


def test_body_over_the_limit_is_413(client: httpx.Client, api_settings: Settings) -> None:
    body = json.dumps({"question": "Wat is Lab XL?", "comment": "x" * 2_000_000}).encode()
    assert len(body) > api_settings.max_body_bytes
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert "te groot" in assert_error(response, 413)


def test_chunked_body_over_the_limit_is_413(client: httpx.Client, api_settings: Settings) -> None:
    """Without a Content-Length header the limit must still hold."""
    piece = b"x" * 100_000
    pieces = api_settings.max_body_bytes // len(piece) + 5

    def body() -> Iterator[bytes]:
        yield b'{"question": "Wat is Lab XL?", "comment": "'
        for _ in range(pieces):
            yield piece
        yield b'"}'

    response = client.post("/api/chat", content=body(), headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert "te groot" in assert_error(response, 413)


def test_body_just_under_the_limit_is_read(client: httpx.Client, api_settings: Settings) -> None:
    # Under the limit the body is parsed, and the too-long question is what is reported.
    body = json.dumps({"question": "x" * 5000}).encode()
    assert len(body) < api_settings.max_body_bytes
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert "question" in assert_error(response, 422)


# --- an app before the first ingest -----------------------------------------------------------------


@pytest.fixture(scope="module")
def empty_client(tmp_path_factory: pytest.TempPathFactory, serve_app) -> Iterator[httpx.Client]:
    data_dir = tmp_path_factory.mktemp("no-index") / "data"
    settings = Settings(data_dir=data_dir, corpus_dir=data_dir / "corpus", chroma_host="", auth="open")
    with serve_app(create_app(settings)) as url, httpx.Client(base_url=url, timeout=60.0) as http:
        yield http


def test_app_without_index_is_alive_but_not_ready(empty_client: httpx.Client) -> None:
    assert empty_client.get("/healthz").status_code == 200
    response = empty_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert "ingest" in response.json()["detail"]


def test_app_without_index_tells_to_run_an_ingest(empty_client: httpx.Client) -> None:
    assert "ingest" in assert_error(empty_client.post("/api/chat", json={"question": "Wat is Lab XL?"}), 503)
    assert "ingest" in assert_error(empty_client.post("/api/search", json={"query": "Lab XL"}), 503)
    assert "ingest" in assert_error(empty_client.get("/api/documents"), 503)
    # The page still loads, so the user sees the message rather than a dead site.
    assert empty_client.get("/").status_code == 200


def test_app_without_index_streams_the_error(empty_client: httpx.Client) -> None:
    with empty_client.stream("POST", "/api/chat/stream", json={"question": "Wat is Lab XL?"}) as response:
        assert response.status_code == 200
        text = "".join(response.iter_text())
    assert "event: error" in text
    data = next(line for line in text.splitlines() if line.startswith("data:"))
    error = json.loads(data.removeprefix("data:"))
    assert error["status"] == 503
    assert "ingest" in error["detail"]
