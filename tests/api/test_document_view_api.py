"""GET /api/documents/{id} (the whole redacted document for the viewer) and PATCH /api/documents/{id}
(title, kind, year, publisher) over real HTTP on a private copy of the corpus."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.api.test_documents_api import DocumentsApp, documents_app, upload, wait_for
from tests.builders import assert_error, make_pdf

pytestmark = pytest.mark.slow

TWENTE = "twente-nieuwe-bodemkracht-presentatie"


def letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@pytest.fixture(scope="module")
def app(tmp_path_factory, writable_index, embedder, serve_app) -> Iterator[DocumentsApp]:
    with documents_app(
        tmp_path_factory.mktemp("document-view"), writable_index, embedder, serve_app
    ) as served:
        yield served


def test_a_document_is_served_whole_with_its_passages(app: DocumentsApp) -> None:
    response = app.client.get(f"/api/documents/{TWENTE}")
    assert response.status_code == 200
    body = response.json()
    assert body["document"]["id"] == TWENTE
    text = body["text"]
    assert "werksessies" in text
    passages = body["passages"]
    assert len(passages) == body["document"]["chunk_count"]
    # Offsets point into the text: every passage's words are found at its place.
    for passage in passages:
        assert 0 <= passage["start"] < passage["end"] <= len(text)
    assert [p["position"] for p in passages] == sorted(p["position"] for p in passages)
    sections = body["sections"]
    assert sections and sections[0]["start"] == passages[0]["start"]
    assert {s["title"] for s in sections} == {p["section"] for p in passages}
    assert body["pages"] == []  # not a PDF


def test_a_cited_passage_can_be_found_in_the_document(app: DocumentsApp) -> None:
    answer = app.client.post(
        "/api/chat", json={"question": "Hoeveel werksessies had de learning community HR in Twente?"}
    )
    citation = answer.json()["citations"][0]
    body = app.client.get(f"/api/documents/{citation['document_id']}").json()
    passage = next(p for p in body["passages"] if p["id"] == citation["chunk_id"])
    raw = body["text"][passage["start"] : passage["end"]]
    # The indexed passage repairs line breaks and drops bullets: compare letters and digits.
    assert letters(citation["quote"]) in letters(raw)


def test_pdf_pages(app: DocumentsApp) -> None:
    pdf = make_pdf(
        [
            "Eerste pagina over de Wadlo-kwartiermakers.",
            "Tweede pagina: elke kwartiermaker krijgt een mentor.",
        ]
    )
    job = upload(app.client, "wadlo.pdf", pdf).json()
    assert wait_for(app.client, job["id"])["status"] == "klaar"
    body = app.client.get("/api/documents/wadlo").json()
    assert body["document"]["pages"] == 2
    assert body["pages"] and body["pages"][0]["number"] == 1
    assert all(p["page"] is not None for p in body["passages"])


def test_unknown_document_is_404(app: DocumentsApp) -> None:
    assert "bestaat niet" in assert_error(app.client.get("/api/documents/bestaat-niet"), 404)
    assert_error(app.client.patch("/api/documents/bestaat-niet", json={"title": "X"}), 404)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"title": "   "}, "titel mag niet leeg zijn"),
        ({"kind": None}, "soort mag niet leeg zijn"),
        ({"year": 1700}, "jaar moet 1900 of later zijn"),
        ({"year": "vorig jaar"}, "jaar moet een jaartal zijn"),
        ({"title": "x" * 201}, "titel is te lang"),
        ({"colour": "rood"}, "colour kan hier niet worden gewijzigd"),
        ({}, "Geen wijziging"),
        (["title"], "Niet opgeslagen"),
    ],
)
def test_bad_edits_are_refused_in_dutch_and_change_nothing(app: DocumentsApp, body, says) -> None:
    manifest = app.settings.corpus_dir / "manifest.yaml"
    before = manifest.read_text(encoding="utf-8")
    detail = assert_error(app.client.patch(f"/api/documents/{TWENTE}", json=body), 422)
    assert says in detail
    assert manifest.read_text(encoding="utf-8") == before


def test_an_edit_is_stored_in_the_manifest_and_used_at_once(app: DocumentsApp) -> None:
    response = app.client.patch(
        f"/api/documents/{TWENTE}",
        json={"title": " Twente: learning community HR ", "year": 2023, "publisher": "ODT"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Twente: learning community HR"
    listed = {d["id"]: d for d in app.client.get("/api/documents").json()}[TWENTE]
    assert (listed["title"], listed["year"], listed["publisher"], listed["kind"]) == (
        "Twente: learning community HR",
        2023,
        "ODT",
        "presentatie",
    )
    entry = yaml.safe_load((app.settings.corpus_dir / "manifest.yaml").read_text())["documents"]
    assert entry[f"{TWENTE}.txt"]["title"] == "Twente: learning community HR"
    assert entry[f"{TWENTE}.txt"]["layout"] == "slides"  # the rest of the entry is kept
    # Citations and the year filter use the new metadata.
    answer = app.client.post(
        "/api/chat",
        json={
            "question": "Hoeveel werksessies had de learning community HR in Twente?",
            "filters": {"year": 2023},
        },
    ).json()
    assert answer["citations"] and answer["citations"][0]["document_title"] == "Twente: learning community HR"
    # The edit went to the manifest beside the file itself.
    assert Path(listed["source_path"]).parent == app.settings.corpus_dir.resolve()
