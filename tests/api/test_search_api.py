"""POST /api/search over real HTTP: result shape, k, and the document / organisation / kind filters."""

import httpx
import pytest

from assistant.core.config import PROJECT_ROOT

pytestmark = pytest.mark.slow

CORPUS = PROJECT_ROOT / "corpus"
FIELDS = {"chunk_id", "document", "title", "section", "page", "score", "text"}


def search(client: httpx.Client, query: str, k: int | None = None, filters: dict | None = None) -> list[dict]:
    body: dict = {"query": query}
    if k is not None:
        body["k"] = k
    if filters is not None:
        body["filters"] = filters
    response = client.post("/api/search", json=body)
    assert response.status_code == 200, response.text
    return response.json()["results"]


@pytest.fixture(scope="module")
def documents(client: httpx.Client) -> dict[str, dict]:
    response = client.get("/api/documents")
    assert response.status_code == 200
    return {d["id"]: d for d in response.json()}


def test_documents_lists_every_corpus_file(documents: dict[str, dict]) -> None:
    files = {p.stem for p in CORPUS.glob("*.txt")}
    assert set(documents) == files
    for doc in documents.values():
        assert doc["title"] and doc["kind"]


def test_results_have_the_documented_fields_and_are_ranked(client: httpx.Client) -> None:
    results = search(client, "carrièreswitchers ontwikkeltraject Brabant", k=5)
    assert 1 <= len(results) <= 5
    for result in results:
        assert set(result) == FIELDS
        assert result["text"].strip() and result["title"] and result["document"]
        assert isinstance(result["score"], float) and result["score"] > 0
        assert result["page"] is None or result["page"] >= 1
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert len({r["chunk_id"] for r in results}) == len(results)
    # The blueprint is the document about this programme; it leads the ranking.
    assert results[0]["document"] == "ruimte-voor-groei-blauwdruk-brabant"


@pytest.mark.parametrize("k", [1, 3, 12])
def test_k_is_respected(client: httpx.Client, k: int) -> None:
    results = search(client, "werving en selectie van nieuwe medewerkers", k=k)
    assert len(results) == k  # a broad query has far more than 12 matching passages


def test_default_k_is_eight(client: httpx.Client) -> None:
    assert len(search(client, "werving en selectie van nieuwe medewerkers")) == 8


def test_filter_by_document_restricts_results(client: httpx.Client, documents: dict[str, dict]) -> None:
    doc_id = "twente-nieuwe-bodemkracht-presentatie"
    assert doc_id in documents
    unfiltered = search(client, "behoud en aantrekken van nieuwe arbeidskrachten", k=20)
    assert {r["document"] for r in unfiltered} - {doc_id}, "the query should match other documents too"
    filtered = search(
        client, "behoud en aantrekken van nieuwe arbeidskrachten", k=20, filters={"document": [doc_id]}
    )
    assert filtered
    assert {r["document"] for r in filtered} == {doc_id}
    assert all(r["title"] == documents[doc_id]["title"] for r in filtered)


def test_filter_by_two_documents(client: httpx.Client) -> None:
    wanted = {"twente-nieuwe-bodemkracht-presentatie", "ruimte-voor-groei-blauwdruk-brabant"}
    results = search(client, "nieuwe medewerkers", k=30, filters={"document": sorted(wanted)})
    assert {r["document"] for r in results} == wanted


def test_filter_by_organisation_gouda(client: httpx.Client) -> None:
    projects = (CORPUS / "ao-fonds-projecten-leren-en-ontwikkelen.txt").read_text(encoding="utf-8")
    heading = next(line for line in projects.splitlines() if line.startswith("Gouda:"))
    query = "competenties data beleid"
    unfiltered = search(client, query, k=20)
    assert any("Gouda" not in r["section"] for r in unfiltered)
    results = search(client, query, k=20, filters={"organisation": "Gouda"})
    assert results
    for result in results:
        assert result["document"] == "ao-fonds-projecten-leren-en-ontwikkelen"
        assert result["section"] == heading.strip(), result["section"]
    # Case does not matter.
    assert search(client, query, k=20, filters={"organisation": "gouda"}) == results


def test_filter_by_kind(client: httpx.Client, documents: dict[str, dict]) -> None:
    kind = documents["twente-nieuwe-bodemkracht-presentatie"]["kind"]
    same_kind = {d for d, doc in documents.items() if doc["kind"] == kind}
    results = search(client, "werving van nieuwe medewerkers", k=15, filters={"kind": [kind]})
    assert results
    assert {r["document"] for r in results} <= same_kind
    other = next(doc["kind"] for doc in documents.values() if doc["kind"] != kind)
    results = search(client, "werving van nieuwe medewerkers", k=15, filters={"kind": [other]})
    assert results
    assert all(documents[r["document"]]["kind"] == other for r in results)


def test_filter_by_year(client: httpx.Client, documents: dict[str, dict]) -> None:
    year = documents["ao-fonds-magazine-werken-bij-de-overheid-2020"]["year"]
    results = search(client, "jonge ambtenaren", k=10, filters={"year": year})
    assert results
    assert all(documents[r["document"]]["year"] == year for r in results)


def test_filter_that_matches_nothing_gives_no_results(client: httpx.Client) -> None:
    assert search(client, "werving", filters={"document": ["bestaat-niet"]}) == []
    assert search(client, "werving", filters={"organisation": "Atlantis"}) == []


def test_search_text_is_the_indexed_chunk_text(client: httpx.Client, api_assistant) -> None:
    snapshot, _ = api_assistant.retriever.reader.current()
    chunks = {c.id: c for c in snapshot.chunks}
    for result in search(client, "Lab XL innovatie", k=5):
        chunk = chunks[result["chunk_id"]]
        assert result["text"] == chunk.text
        assert result["document"] == chunk.document_id
        assert result["section"] == chunk.section


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"query": "werving", "k": 0}, "k"),
        ({"query": "werving", "k": 1000}, "k"),
        ({"query": "werving", "k": "veel"}, "k"),
        ({"query": ""}, "query"),
        ({"query": "x" * 5000}, "query"),
        ({"query": "werving", "filters": {"gemeente": "Gouda"}}, "gemeente"),
        ({"query": "werving", "filters": {"document": "niet-een-lijst"}}, "document"),
        ({"query": "werving", "sort": "datum"}, "sort"),
        ({}, "query"),
    ],
)
def test_invalid_search_requests_are_422(client: httpx.Client, body: dict, needle: str) -> None:
    response = client.post("/api/search", json=body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith("Ongeldig verzoek")
    assert needle in detail
    assert "Traceback" not in response.text


def test_whitespace_query_is_422(client: httpx.Client) -> None:
    response = client.post("/api/search", json={"query": "   "})
    assert response.status_code == 422
    assert "Traceback" not in response.text
