"""The persona card API over real HTTP, on a private copy of the shipped cards.

The app here needs no index (persona routes read and write YAML files only), so it starts in well under a
second; the cards it edits are copies in a temp dir, never the shipped files in corpus/personas.
"""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.main import create_app
from assistant.core.config import PROJECT_ROOT, Settings
from tests.builders import assert_error

SHIPPED_DIR = PROJECT_ROOT / "corpus" / "personas"
SHIPPED_IDS = ["samira-strategie", "bert-beleid", "amir-advies", "vera-vergunning", "tess-toezicht"]
NEW_ID = "nina-netwerk"


@pytest.fixture(scope="module")
def persona_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("personas-api")
    corpus_dir = root / "corpus"
    shutil.copytree(SHIPPED_DIR, corpus_dir / "personas")
    # No auth and a rate limit no test reaches, whatever the developer's environment says.
    return Settings(
        data_dir=root / "data",
        corpus_dir=corpus_dir,
        chroma_host="",
        api_key="",
        basic_auth_user="",
        rate_limit="100000/minute",
    )


@pytest.fixture(scope="module")
def client(persona_settings: Settings, serve_app) -> Iterator[httpx.Client]:
    with serve_app(create_app(persona_settings)) as url, httpx.Client(base_url=url, timeout=30.0) as http:
        yield http


def card_data(client: httpx.Client, **changes: object) -> dict:
    """A valid card as JSON: a shipped card (as the API returns it) with a new id and `changes` applied."""
    data = client.get("/api/personas/bert-beleid").json()
    data.pop("updated", None)
    data.update({"id": NEW_ID, "name": "Nina Netwerk"})
    data.update(changes)
    return data


def files_in(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


# --- reading ------------------------------------------------------------------------------------------


def test_lists_the_five_shipped_cards(client: httpx.Client) -> None:
    response = client.get("/api/personas")
    assert response.status_code == 200
    cards = response.json()
    assert [c["id"] for c in cards] == SHIPPED_IDS  # in chain order, strategie to toezicht
    for card in cards:
        assert card["source"] == "personakaart"
        assert card["name"] and card["role"] and card["summary"]
        assert card["salary_scale"]["min"] <= card["salary_scale"]["max"]


def test_get_one_card(client: httpx.Client) -> None:
    response = client.get("/api/personas/vera-vergunning")
    assert response.status_code == 200
    card = response.json()
    assert card["id"] == "vera-vergunning"
    assert card["chain_position"] == "vergunning"
    assert card["source"] == "personakaart"


def test_unknown_card_is_404(client: httpx.Client) -> None:
    assert "bestaat niet" in assert_error(client.get("/api/personas/piet-onbekend"), 404)


def test_malformed_id_in_the_path_is_refused(client: httpx.Client) -> None:
    detail = assert_error(client.get("/api/personas/Niet_Geldig"), 422)
    assert "geen geldige persona-id" in detail


# --- the life of one card -----------------------------------------------------------------------------


def test_create_update_delete(client: httpx.Client, persona_settings: Settings) -> None:
    directory = persona_settings.personas_dir
    data = card_data(client)

    created = client.post("/api/personas", json=data)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"] == NEW_ID and body["source"] == "personakaart"
    assert body["updated"]  # stamped by the store
    assert (directory / f"{NEW_ID}.yaml").is_file()
    assert NEW_ID in [c["id"] for c in client.get("/api/personas").json()]

    assert "bestaat al" in assert_error(client.post("/api/personas", json=data), 409)

    summary = "Nina legt verbindingen tussen gemeenten, provincie en omgevingsdienst over bodemtaken."
    updated = client.put(f"/api/personas/{NEW_ID}", json={**data, "summary": summary})
    assert updated.status_code == 200, updated.text
    assert updated.json()["summary"] == summary
    assert client.get(f"/api/personas/{NEW_ID}").json()["summary"] == summary

    mismatch = client.put("/api/personas/bert-beleid", json={**data, "summary": summary})
    assert NEW_ID in assert_error(mismatch, 422)
    assert client.get("/api/personas/bert-beleid").json()["name"] == "Bert Beleid"  # untouched

    ghost = {**data, "id": "spook-persona"}
    assert "bestaat niet" in assert_error(client.put("/api/personas/spook-persona", json=ghost), 404)
    assert not (directory / "spook-persona.yaml").exists()

    deleted = client.delete(f"/api/personas/{NEW_ID}")
    assert deleted.status_code == 200
    assert deleted.json() == {"status": "verwijderd", "persona": NEW_ID}
    assert_error(client.get(f"/api/personas/{NEW_ID}"), 404)
    assert_error(client.delete(f"/api/personas/{NEW_ID}"), 404)
    assert files_in(directory) == {f"{i}.yaml" for i in SHIPPED_IDS}  # no temp files left behind


# --- invalid cards --------------------------------------------------------------------------------------


def _without_role(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "role"}


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(_without_role, ["veld functie", "ontbreekt"], id="missing-role"),
        pytest.param(
            lambda d: {**d, "salary_scale": {**d["salary_scale"], "min": 12, "max": 10}},
            ["veld salarisschaal", "laagste schaal (12) is hoger dan de hoogste (10)"],
            id="scale-min-over-max",
        ),
        pytest.param(
            lambda d: {**d, "summary": "Bodem " * 2000},
            ["veld samenvatting", "te lang", "400"],
            id="summary-10000-chars",
        ),
        pytest.param(
            lambda d: {**d, "id": "../../etc/passwd"},
            ["veld id", "kleine letters"],
            id="id-with-traversal",
        ),
        pytest.param(
            lambda d: {**d, "chain_position": "raadhuis"},
            ["veld plek in de keten", "moet een van deze waarden zijn"],
            id="unknown-chain-position",
        ),
        pytest.param(
            lambda d: {**d, "nickname": "Nien"}, ["veld nickname", "geen bekend veld"], id="unknown-field"
        ),
    ],
)
def test_invalid_card_is_422_in_dutch(
    client: httpx.Client, persona_settings: Settings, make, expected
) -> None:
    directory = persona_settings.personas_dir
    before = {p.name: p.read_bytes() for p in directory.iterdir()}
    data = make(card_data(client))
    # A new card and an update of an existing one are validated alike, before anything is written.
    for method, url in (("POST", "/api/personas"), ("PUT", "/api/personas/bert-beleid")):
        detail = assert_error(client.request(method, url, json=data), 422)
        assert detail.startswith("Personakaart invoer klopt niet"), detail
        for words in expected:
            assert words in detail, detail
        assert "Input should" not in detail and "Field required" not in detail  # no English pydantic text
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == before
    assert not (directory.parent / "etc").exists()


@pytest.mark.parametrize("body", [[1, 2, 3], "een kaart", 42, None], ids=["list", "string", "number", "null"])
def test_body_that_is_not_a_json_object_is_422_in_dutch(client: httpx.Client, body: object) -> None:
    response = client.post(
        "/api/personas", content=json.dumps(body), headers={"content-type": "application/json"}
    )
    detail = assert_error(response, 422)
    assert "Personakaart" in detail and "velden" in detail, detail
    assert "Input should" not in detail, detail


def test_body_that_is_not_json_is_422(client: httpx.Client) -> None:
    response = client.post(
        "/api/personas", content=b"id: yaml-is-geen-json", headers={"content-type": "application/json"}
    )
    assert_error(response, 422)


def test_traversal_id_in_the_path_never_reaches_the_disk(
    client: httpx.Client, persona_settings: Settings
) -> None:
    before = files_in(persona_settings.personas_dir)
    for path in ("..%2F..%2Fdata%2Fjobs", "..%2Fpersonas%2Fbert-beleid"):
        response = client.delete(f"/api/personas/{path}")
        assert response.status_code in (404, 422), response.text
    assert files_in(persona_settings.personas_dir) == before
    assert (persona_settings.data_dir / "jobs.sqlite").exists()


def test_each_problem_is_also_given_per_field_for_the_form(client: httpx.Client) -> None:
    data = {**card_data(client), "working_day": "Te kort om een dag te beschrijven.", "role": ""}
    response = client.post("/api/personas", json=data)
    assert_error(response, 422)
    fields = response.json()["fields"]
    assert set(fields) == {"working_day", "role"}
    assert "60 tot 200" in fields["working_day"] and "werkdag" in fields["working_day"]
    assert "veld werkdag" in response.json()["detail"]
