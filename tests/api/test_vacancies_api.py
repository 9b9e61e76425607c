"""The vacancy API over real HTTP: the app as served (shared `client`) on the real corpus index.

Drafts are kept per user; every path below is the contract the web page (api/static/vacancy.js) uses.
"""

import io
import re
from datetime import date, timedelta

import docx
import httpx
import pytest

from assistant.core.redaction import EMAIL, PHONE
from tests.builders import assert_error, json_strings

pytestmark = pytest.mark.slow

ORGANISATION = "Gemeente Enschede"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _body(**overrides) -> dict:
    body = {
        "persona_id": "tess-toezicht",
        "organisation": ORGANISATION,
        "organisation_type": "gemeente",
        "hours": 36,
        "location": "Enschede",
        "closing_date": (date.today() + timedelta(days=21)).isoformat(),
        "wishes": ["hybride"],
        "note": "Noem dat we hybride werken mogelijk maken.",
        "tone": "informal",
        "address": "je",
    }
    body.update(overrides)
    return body


@pytest.fixture(scope="module")
def created(client: httpx.Client) -> dict:
    response = client.post("/api/vacancies", json=_body())
    assert response.status_code == 201, response.text
    return response.json()


def _sections(draft: dict, **texts: str) -> dict:
    return {
        "sections": [
            {
                **{k: s[k] for k in ("key", "title", "text")},
                **({"text": texts[s["key"]]} if s["key"] in texts else {}),
            }
            for s in draft["sections"]
        ]
    }


def test_post_drafts_a_publishable_text_with_its_onderbouwing(created: dict) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", created["id"])
    assert [s["key"] for s in created["sections"]] == [
        "taken",
        "profiel",
        "aanbod",
        "organisatie",
        "solliciteren",
    ]
    assert created["problems"] == [] and created["checks"]["readability"]["b1"] is True
    assert not re.search(r"\[\d+\]|[“”]", created["text"])
    assert "Noem dat" not in created["text"] and created["note"].startswith("Noem dat")
    assert "Je kunt deels thuis werken en deels op kantoor." in created["text"]
    assert created["header"]["location"] == "Enschede" and created["header"]["salary"] is None
    suggestions = [s for o in created["onderbouwing"] for s in o["suggestions"]]
    cited = {c["n"] for c in created["sources"]}
    assert suggestions and all(set(s["citations"]) <= cited for s in suggestions)
    assert any(s["id"] == "aanbod-schaal" for s in suggestions)
    assert created["persona"] == {
        "persona_id": "tess-toezicht",
        "name": "Tess Toezicht",
        "role": "Toezichthouder bodem",
    }


def test_no_contact_details_anywhere(created: dict) -> None:
    for text in json_strings(created):
        assert not EMAIL.search(text) and not PHONE.search(text), text


def test_the_list_shows_the_users_drafts(client: httpx.Client, created: dict) -> None:
    listed = client.get("/api/vacancies").json()
    mine = next(d for d in listed if d["id"] == created["id"])
    assert set(mine) == {"id", "title", "persona", "organisation", "created", "updated"}
    assert mine["persona"]["name"] == "Tess Toezicht" and mine["organisation"] == ORGANISATION


def test_accept_edit_save_reload_and_export(client: httpx.Client, created: dict) -> None:
    draft_id = created["id"]
    suggestion = next(s for o in created["onderbouwing"] for s in o["suggestions"] if s["citations"])
    accepted = client.post(f"/api/vacancies/{draft_id}/suggestions/{suggestion['id']}/accept")
    assert accepted.status_code == 200, accepted.text
    marked = f"{suggestion['wording']} (te bevestigen)"
    assert marked in accepted.json()["text"].replace("\\", "")
    assert_error(client.get(f"/api/vacancies/{draft_id}/export", params={"format": "md"}), 409)
    # The recruiter rewrites the inserted sentence: it becomes theirs, the marker is gone.
    section = next(s for s in accepted.json()["sections"] if s["key"] == suggestion["section"])
    edited_text = section["text"].replace(marked, "Je krijgt de eerste maanden een vaste collega als maatje.")
    saved = client.put(
        f"/api/vacancies/{draft_id}", json=_sections(accepted.json(), **{section["key"]: edited_text})
    )
    assert saved.status_code == 200, saved.text
    reloaded = client.get(f"/api/vacancies/{draft_id}").json()
    assert "vaste collega als maatje" in reloaded["text"] and reloaded["edited"] is True
    status = {s["id"]: s["status"] for o in reloaded["onderbouwing"] for s in o["suggestions"]}
    assert status[suggestion["id"]] == "confirmed" and reloaded["problems"] == []
    md = client.get(f"/api/vacancies/{draft_id}/export", params={"format": "md", "part": "vacature"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert (
        'filename="vacature-toezichthouder-bodem-bij-gemeente-enschede.md"'
        in md.headers["content-disposition"]
    )
    assert "vaste collega als maatje" in md.text and "Bronnen" not in md.text


def test_confirm_removes_the_marker(client: httpx.Client) -> None:
    draft = client.post("/api/vacancies", json=_body(persona_id="amir-advies", wishes=[])).json()
    suggestion = next(s for o in draft["onderbouwing"] for s in o["suggestions"] if s["citations"])
    path = f"/api/vacancies/{draft['id']}/suggestions/{suggestion['id']}"
    assert_error(client.post(f"{path}/confirm"), 409)  # not accepted yet
    client.post(f"{path}/accept")
    confirmed = client.post(f"{path}/confirm").json()
    assert "te bevestigen" not in confirmed["text"] and suggestion["wording"] in confirmed["text"]
    assert_error(client.post(f"/api/vacancies/{draft['id']}/suggestions/aanbod-zwembad/accept"), 404)


def test_onderbouwing_export_is_a_separate_document(client: httpx.Client, created: dict) -> None:
    annex = client.get(
        f"/api/vacancies/{created['id']}/export", params={"format": "docx", "part": "onderbouwing"}
    )
    assert annex.status_code == 200 and annex.headers["content-type"] == DOCX
    assert "onderbouwing-toezichthouder-bodem" in annex.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(annex.content)).paragraphs)
    assert "Bronnen" in text and re.search(r"\[\d+\]", text) and "Personakaart Tess Toezicht" in text


def test_duplicate_and_delete(client: httpx.Client, created: dict) -> None:
    copy = client.post(f"/api/vacancies/{created['id']}/duplicate")
    assert copy.status_code == 201 and copy.json()["title"].endswith("(kopie)")
    assert client.delete(f"/api/vacancies/{copy.json()['id']}").json()["status"] == "verwijderd"
    assert_error(client.get(f"/api/vacancies/{copy.json()['id']}"), 404)


def test_options_for_the_form(client: httpx.Client) -> None:
    options = client.get("/api/vacancies/options").json()
    assert {"hybride", "parttime", "traineeship"} <= {w["key"] for w in options["wishes"]}
    assert options["header_labels"]["closing_date"] == "Reageren kan tot en met"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/vacancies/{}"),
        ("DELETE", "/api/vacancies/{}"),
        ("POST", "/api/vacancies/{}/duplicate"),
        ("GET", "/api/vacancies/{}/export"),
    ],
)
def test_unknown_draft_is_404(client: httpx.Client, method: str, path: str) -> None:
    for draft_id in ("0" * 32, "../../etc"):
        assert_error(client.request(method, path.format(draft_id)), 404)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"closing_date": "2020-01-01"}, "closing_date", "sluitingsdatum"),
        ({"wishes": "Noem dat we hybride werken"}, "wishes", "notitie"),
        ({"hours": 80}, "hours", "uren per week"),
        ({"organisation": ""}, "organisation", "organisatie"),
    ],
)
def test_bad_requests_are_422_in_dutch_per_field(
    client: httpx.Client, overrides: dict, field: str, words: str
) -> None:
    response = client.post("/api/vacancies", json=_body(**overrides))
    detail = assert_error(response, 422)
    assert words in detail and "closing_date" not in detail and "Input should" not in detail
    assert field in response.json()["fields"]


def test_unknown_persona_and_bad_edits(client: httpx.Client, created: dict) -> None:
    assert_error(client.post("/api/vacancies", json=_body(persona_id="niemand")), 404)
    assert_error(client.put(f"/api/vacancies/{created['id']}", json={"sections": []}), 422)
    bad = _sections(created, solliciteren="Mail naar jan@example.org.")
    assert_error(client.put(f"/api/vacancies/{created['id']}", json=bad), 422)
    bad_header = {**_sections(created), "header": {"location": "Enschede", "hours": 99}}
    response = client.put(f"/api/vacancies/{created['id']}", json=bad_header)
    assert "veld kop, uren per week" in assert_error(response, 422) and "header" in response.json()["fields"]
    assert_error(client.get(f"/api/vacancies/{created['id']}/export", params={"format": "pdf"}), 422)


def test_the_api_is_documented(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/vacancies",
        "/api/vacancies/options",
        "/api/vacancies/{draft_id}",
        "/api/vacancies/{draft_id}/suggestions/{suggestion_id}/accept",
        "/api/vacancies/{draft_id}/export",
    ):
        assert path in paths
    schema = paths["/api/vacancies"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "wishes" in schema["properties"] and "note" in schema["properties"]
