"""The shortcuts that keep search fast on a large index rank exactly as the plain computations they
replace: checked against those plain versions, on random scores full of ties and on a small real index
(real Chroma, real BM25, hash vectors) that holds every passage three times, as the scale benchmark's
copied index does."""

import unicodedata
from pathlib import Path

import numpy as np
import pytest

from assistant import retrieval
from assistant.core.filter_index import FilterIndex
from assistant.core.snapshot import ChunkRecord, DocumentRecord
from assistant.core.text_nl import fold
from assistant.retrieval import Filters, IndexReader, Retriever
from assistant.top_k import best_positions
from ingest.pipeline import run_ingest
from tests.assistant.test_retrieval import LEAVE, OTHER


def reference_best(scores: np.ndarray, allowed: np.ndarray, n: int) -> np.ndarray:
    """The plain version: sort every allowed positive score."""
    positive = np.flatnonzero(allowed & (scores > 0))
    return positive[np.argsort(-scores[positive], kind="stable")[:n]]


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def reference_allowed(chunk: ChunkRecord, doc: DocumentRecord, filters: Filters) -> bool:
    """The plain version: every filter checked on every chunk."""
    if filters.document and doc.id not in filters.document:
        return False
    if filters.kind and doc.kind not in filters.kind:
        return False
    if filters.year is not None and doc.year != filters.year:
        return False
    if filters.organisation:
        haystack = " ".join(
            [chunk.fields.get("municipality", ""), chunk.fields.get("organisation", ""), doc.publisher]
        )
        if filters.organisation.lower() not in haystack.lower():
            return False
    return not (filters.theme and filters.theme.lower() not in chunk.fields.get("theme", "").lower())


@pytest.mark.parametrize("seed", range(20))
def test_best_positions_match_a_full_stable_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 400))
    # Mostly a few distinct values, so ties straddle the cut; zeros and -1 (filtered out) never count.
    scores = rng.choice(np.array([-1.0, 0.0, 0.1, 0.25, 0.5, 0.75, 1.0], dtype=np.float32), size)
    distinct = rng.random(size) < 0.3
    scores[distinct] = rng.random(int(distinct.sum()), dtype=np.float32)
    allowed = rng.random(size) < 0.8
    for n in (1, 5, 10, 80, size, size + 5):
        assert best_positions(scores, allowed, n).tolist() == reference_best(scores, allowed, n).tolist()


def test_fold_strips_exactly_the_combining_marks() -> None:
    every_bmp_character = "".join(chr(cp) for cp in range(0xD800)) + "".join(
        chr(cp) for cp in range(0xE000, 0x10000)
    )
    samples = ["Carrière, coöperatie en één ideeën", "ÉÉN zij-instromer", "plain ascii", "€ 18.500 – “quote”"]

    for text in [*samples, every_bmp_character]:
        assert fold(text) == reference_fold(text)
    assert fold("Carrière coöperatie") == "carriere cooperatie"


@pytest.fixture
def tripled(tmp_path: Path, settings_factory, fake_embedder) -> Retriever:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in ("a", "b", "c"):  # three copies: every BM25 score is tied three ways
        (corpus / f"verlof-{copy}.txt").write_text(f"{LEAVE}\n\n{OTHER}", encoding="utf-8")
    settings = settings_factory(corpus_dir=corpus, chunk_target_tokens=10, chunk_max_tokens=40)
    run_ingest([corpus], settings, fake_embedder)
    return Retriever(settings, fake_embedder, IndexReader(settings))


QUESTIONS = ["verlof", "twee dagen verlof bij verhuizing", "thuiswerken vergoeding", "How much leave?"]


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("mode", ["hybrid", "keyword", "dense"])
def test_search_ranks_as_with_a_full_sort(tripled: Retriever, monkeypatch, question: str, mode: str) -> None:
    filters = [None, Filters(document=["verlof-b", "verlof-c"])]
    fast = [[p.chunk_id for p in tripled.search(question, k, f, mode)] for k in (1, 2, 8) for f in filters]
    monkeypatch.setattr(retrieval, "best_positions", reference_best)

    plain = [[p.chunk_id for p in tripled.search(question, k, f, mode)] for k in (1, 2, 8) for f in filters]

    assert fast == plain
    assert any(fast)


def test_the_copies_tie_and_the_cut_falls_inside_the_ties(tripled: Retriever) -> None:
    """The case the exactness argument is about: more positive passages than the k*10 looked at, with
    equal scores on both sides of the cut."""
    snapshot, _ = tripled.reader.current()
    query = retrieval.analyse_query("verlof")
    allowed = np.ones(len(snapshot.chunks), dtype=bool)
    scores = tripled.rank(snapshot, query, tripled.keyword_scores(snapshot, query), None, allowed)
    n = 10
    ranked = reference_best(scores, allowed, len(scores))

    assert ranked.size > n and scores[ranked[n - 1]] == scores[ranked[n]]
    assert best_positions(scores, allowed, n).tolist() == ranked[:n].tolist()


def test_filter_index_lets_through_what_checking_every_chunk_does() -> None:
    rng = np.random.default_rng(8)
    documents = {
        f"doc-{i}": DocumentRecord(
            id=f"doc-{i}",
            title=f"Document {i}",
            kind=["rapport", "magazine", "blauwdruk"][i % 3],
            publisher=["Gemeente Gouda", "A&O-fonds Gemeenten", ""][i % 3],
            year=[2021, 2023, None][i % 3],
            source_path=f"doc-{i}.pdf",
            file_type="pdf",
            fingerprint=str(i),
            size_bytes=1,
        )
        for i in range(7)
    }
    places = ["", "Gouda", "Zwolle", "Súdwest-Fryslân"]
    themes = ["", "Krapte op de arbeidsmarkt", "Leren en ontwikkelen"]
    chunks = []
    for n in range(300):
        fields = {"municipality": places[rng.integers(4)], "theme": themes[rng.integers(3)]}
        if rng.random() < 0.3:
            fields["organisation"] = "Provincie Gelderland"
        chunks.append(
            ChunkRecord(
                id=f"c{n}",
                document_id=f"doc-{rng.integers(7)}",
                position=n,
                section="",
                text="tekst",
                start=0,
                end=5,
                line_start=1,
                line_end=1,
                tokens=1,
                fields={k: v for k, v in fields.items() if v},
            )
        )
    index = FilterIndex.of(documents, chunks)
    grid = [
        Filters(document=["doc-1", "doc-4"]),
        Filters(document=[]),
        Filters(kind=["magazine"]),
        Filters(year=2023),
        Filters(organisation="gouda"),
        Filters(organisation="GELDERLAND"),
        Filters(organisation="súdwest"),
        Filters(theme="krapte"),
        Filters(kind=["rapport", "blauwdruk"], organisation="gemeente", theme="leren", year=2021),
        Filters(organisation="bestaat niet"),
    ]

    for filters in grid:
        expected = [reference_allowed(c, documents[c.document_id], filters) for c in chunks]
        assert index.allowed(**filters.model_dump()).tolist() == expected, filters
    assert 0 < sum(index.allowed(organisation="gouda")) < len(chunks)
