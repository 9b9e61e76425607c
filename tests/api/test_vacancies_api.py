"""POST/GET/PUT /api/vacancies and the Markdown and Word exports, over real HTTP.

The app is create_app() over the shared corpus index. Drafts go to a SQLite file of their own, so the
shared index dir stays read-only.
"""

import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import docx
import httpx
import pytest

from api.main import create_app
from api.routes import vacancies
from assistant.core.config import Settings
from assistant.core.redaction import EMAIL, PHONE
from assistant.drafts import DraftStore
from assistant.service import Assistant
from tests.builders import json_strings

pytestmark = pytest.mark.slow

ORGANISATION = "Omgevingsdienst Voorbeeldregio"
MARKER = re.compile(r"\[(\d+)\]")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def vacancy_client(
    api_settings: Settings, api_assistant: Assistant, serve_app, tmp_path_factory
) -> Iterator[httpx.Client]:
    app = create_app(api_settings, api_assistant)
    store = DraftStore(tmp_path_factory.mktemp("vacancy-api") / "drafts.sqlite")
    app.dependency_overrides[vacancies.get_draft_store] = lambda: store
    with serve_app(app) as url, httpx.Client(base_url=url, timeout=120.0) as http:
        yield http


def _body(**overrides) -> dict:
    body = {
        "persona_id": "tess-toezicht",
        "organisation": ORGANISATION,
        "organisation_type": "omgevingsdienst",
        "hours": 36,
        "closing_date": (date.today() + timedelta(days=21)).isoformat(),
        "tone": "informal",
        "address": "je",
    }
    body.update(overrides)
    return body


@pytest.fixture(scope="module")
def created(vacancy_client: httpx.Client) -> dict:
    response = vacancy_client.post("/api/vacancies", json=_body())
    assert response.status_code == 201, response.text
    return response.json()


def test_post_drafts_a_grounded_checked_text(created: dict) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", created["id"])
    assert [s["key"] for s in created["sections"]] == [
        "opening",
        "taken",
        "profiel",
        "aanbod",
        "organisatie",
        "solliciteren",
    ]
    assert created["persona"]["label"] == "personakaart Tess Toezicht"
    markers = {int(n) for n in MARKER.findall(created["text"])}
    assert markers == {c["n"] for c in created["sources"]} and markers
    assert all(c["quote"] and c["document_title"] for c in created["sources"])
    assert created["checks"]["length"]["verdict"] == "goed" and 350 <= created["words"] <= 700
    assert created["checks"]["readability"]["b1"] is True
    assert f"Solliciteren kan via de website van {ORGANISATION}." in created["text"]
    assert "- Uren: 36 uur per week." in created["text"]


def test_no_contact_details_in_the_response(created: dict) -> None:
    for text in json_strings(created):
        assert not EMAIL.search(text) and not PHONE.search(text), text[:200]


def test_get_returns_the_stored_draft(vacancy_client: httpx.Client, created: dict) -> None:
    response = vacancy_client.get(f"/api/vacancies/{created['id']}")
    assert response.status_code == 200
    assert response.json()["text"] == created["text"]
    assert response.json()["sources"] == created["sources"]


def test_put_stores_the_edit_and_reruns_the_checks(vacancy_client: httpx.Client, created: dict) -> None:
    text = created["text"].replace("## Wie ben jij", "## Wie ben jij\n\nWij zoeken een ambitieuze collega.")
    response = vacancy_client.put(f"/api/vacancies/{created['id']}", json={"text": text})
    assert response.status_code == 200, response.text
    edited = response.json()
    assert edited["edited"] is True and edited["text"] == text
    assert edited["sources"] == created["sources"]
    assert [f["text"] for f in edited["checks"]["inclusive"]] == ["ambitieuze"]
    assert created["checks"]["inclusive"] == []
    again = vacancy_client.get(f"/api/vacancies/{created['id']}").json()
    assert again["text"] == text and again["checks"] == edited["checks"]


def test_markdown_export_is_a_download_with_the_sources(vacancy_client: httpx.Client, created: dict) -> None:
    response = vacancy_client.get(f"/api/vacancies/{created['id']}/export", params={"format": "md"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and re.search(
        r'filename="vacature-[a-z0-9-]+\.md"', disposition
    )
    body = response.text
    assert "## Bronnen" in body and "Personakaart Tess Toezicht" in body
    for citation in created["sources"]:
        assert " ".join(citation["quote"].split()) in body


def test_docx_export_opens_in_word(vacancy_client: httpx.Client, created: dict) -> None:
    response = vacancy_client.get(f"/api/vacancies/{created['id']}/export", params={"format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX
    assert re.search(r'filename="vacature-[a-z0-9-]+\.docx"', response.headers["content-disposition"])
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Wat ga je doen", "Wie ben jij"] and headings[-1] == "Bronnen"


def test_unknown_format_is_422(vacancy_client: httpx.Client, created: dict) -> None:
    response = vacancy_client.get(f"/api/vacancies/{created['id']}/export", params={"format": "pdf"})
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "json"),
    [
        ("GET", "/api/vacancies/{id}", None),
        ("PUT", "/api/vacancies/{id}", {"text": "# Nieuw\n\nTekst."}),
        ("GET", "/api/vacancies/{id}/export?format=md", None),
    ],
)
def test_unknown_draft_is_404(vacancy_client: httpx.Client, method: str, path: str, json) -> None:
    for draft_id in ("0" * 32, "bestaat-niet"):
        response = vacancy_client.request(method, path.format(id=draft_id), json=json)
        assert response.status_code == 404, response.text
        assert "bestaat niet" in response.json()["detail"]


def test_unknown_persona_is_404(vacancy_client: httpx.Client) -> None:
    response = vacancy_client.post("/api/vacancies", json=_body(persona_id="piet-planner"))
    assert response.status_code == 404
    assert "piet-planner" in response.json()["detail"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"organisation": ""}, "organisation"),
        ({"wishes": "w" * 10_000}, "wishes"),
        ({"hours": 99}, "hours"),
        ({"closing_date": (date.today() - timedelta(days=3)).isoformat()}, "closing_date"),
        ({"tone": "grappig"}, "tone"),
        ({"contact": "jan@example.nl"}, "contact"),
        ({"team": "Bel 06-12345678"}, "team"),
    ],
)
def test_bad_requests_are_422_with_the_field_named(
    vacancy_client: httpx.Client, overrides: dict, field: str
) -> None:
    response = vacancy_client.post("/api/vacancies", json=_body(**overrides))
    assert response.status_code == 422, response.text
    assert f"veld {field}" in response.json()["detail"]


def test_bad_edits_are_refused(vacancy_client: httpx.Client, created: dict) -> None:
    url = f"/api/vacancies/{created['id']}"
    assert vacancy_client.put(url, json={"text": "  "}).status_code == 422
    assert vacancy_client.put(url, json={"text": "x" * 20_001}).status_code == 422
    assert vacancy_client.put(url, json={"text": "Mail naar jan@example.nl"}).status_code == 422
    assert vacancy_client.put(url, json={"tekst": "a"}).status_code == 422


def test_the_request_schema_is_published(vacancy_client: httpx.Client) -> None:
    schema = vacancy_client.get("/openapi.json").json()
    body = schema["paths"]["/api/vacancies"]["post"]["requestBody"]["content"]["application/json"]
    assert "persona_id" in body["schema"]["properties"]


def test_store_lives_in_the_data_dir_by_default(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    store = vacancies.get_draft_store(settings)
    assert store.path == tmp_path / "data" / "drafts.sqlite" and store.path.exists()
    assert vacancies.get_draft_store(settings) is store
