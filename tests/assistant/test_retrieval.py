"""Hybrid retrieval on a small real index (real Chroma, real BM25) with hash vectors: milliseconds."""

from pathlib import Path

import numpy as np
import pytest

from assistant.conversations import ConversationStore
from assistant.core.snapshot import WORDS, current_generation, load_snapshot
from assistant.query import analyse_query
from assistant.retrieval import Filters, IndexReader, Retriever, feedback_terms, fuse, with_neighbours
from assistant.service import Assistant
from ingest.pipeline import run_ingest

# One document answers everything about leave, in many passages; another is about something else.
LEAVE = "\n\n".join(
    [
        "Bijzonder verlof krijg je bij een verhuizing.",
        "Bij een huwelijk geldt twee dagen bijzonder verlof.",
        "Overlijden van een ouder geeft vier dagen verlof.",
        "Verlof vraag je aan bij je leidinggevende.",
        "Ouderschapsverlof is verlof tot het kind acht jaar is.",
        "Zorgverlof helpt wie een naaste verzorgt, ook bij verhuizing.",
    ]
)
OTHER = "Thuiswerken mag twee dagen per week.\n\nDe thuiswerkvergoeding is twee euro per dag."


@pytest.fixture
def retriever(tmp_path: Path, settings_factory, fake_embedder) -> Retriever:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "verlof.txt").write_text(LEAVE, encoding="utf-8")
    (corpus / "thuiswerken.txt").write_text(OTHER, encoding="utf-8")
    settings = settings_factory(corpus_dir=corpus, chunk_target_tokens=10, chunk_max_tokens=40)
    run_ingest([corpus], settings, fake_embedder)
    return Retriever(settings, fake_embedder, IndexReader(settings))


def test_a_generation_carries_its_words_for_spelling_correction(retriever: Retriever) -> None:
    index_dir = retriever.settings.index_dir
    snapshot = load_snapshot(index_dir, current_generation(index_dir))
    assert (snapshot.directory / WORDS).exists()  # written by the ingest, not gathered at a question
    read = snapshot.speller.correct("Hoeveel ouderschapsverlfo?", dutch=True, blocked=frozenset())[0]
    assert read == "Hoeveel ouderschapsverlof?"
    # a generation written before the file existed gathers its words itself
    (snapshot.directory / WORDS).unlink()
    again = load_snapshot(index_dir, current_generation(index_dir))
    assert again.speller.counts == snapshot.speller.counts


def test_one_document_may_fill_every_slot(retriever: Retriever) -> None:
    found = retriever.search("verlof", k=5)

    assert len(found) == 5
    assert {p.document_id for p in found} == {"verlof"}  # no slots held back for other documents


def test_dense_weight_defaults_to_the_settings_and_decides_the_mix(retriever: Retriever) -> None:
    assert retriever.dense_weight == retriever.settings.dense_weight
    keyword = np.array([4.0, 2.0, 0.0])
    dense = np.array([0.80, 0.90, 0.85])  # e5-like cosines: close together

    assert fuse(keyword, dense, 0.0).tolist() == [1.0, 0.5, 0.0]
    assert fuse(keyword, dense, 1.0).tolist() == pytest.approx([0.0, 1.0, 0.5])  # min-max over candidates
    assert fuse(keyword, np.zeros(3), 0.5).tolist() == [0.5, 0.25, 0.0]  # no dense candidates


def test_feedback_adds_informative_words_of_the_best_passages(retriever: Retriever) -> None:
    snapshot = load_snapshot(retriever.settings.index_dir, current_generation(retriever.settings.index_dir))
    query = analyse_query("thuiswerken")
    order = [i for i, c in enumerate(snapshot.chunks) if c.document_id == "thuiswerken"]

    extra = feedback_terms(snapshot, order, query.terms, 3)

    assert len(extra) == 3 and not set(extra) & set(query.terms)
    assert all(
        any(t in c.text.lower() for c in snapshot.chunks if c.document_id == "thuiswerken") for t in extra
    )
    assert feedback_terms(snapshot, order, query.terms, 0) == []


def test_filters_and_feedback_keep_results_inside_the_filter(retriever: Retriever) -> None:
    with_feedback = Retriever(retriever.settings, retriever.embedder, retriever.reader, feedback_terms=5)

    found = with_feedback.search("twee dagen verlof", k=5, filters=Filters(document=["thuiswerken"]))

    assert found and {p.document_id for p in found} == {"thuiswerken"}
    assert with_feedback.search("verhuizing", k=3)[0].document_id == "verlof"


def test_an_english_question_uses_the_english_dense_weight(retriever: Retriever) -> None:
    # no boost for the asked figure ("How many"): the mix alone decides here
    leaning = Retriever(
        retriever.settings,
        retriever.embedder,
        retriever.reader,
        dense_weight=0.0,
        dense_weight_english=1.0,
        type_boost=0.0,
    )
    english, dutch = "How many days of leave for a wedding?", "Hoeveel dagen verlof bij een huwelijk?"

    def ids(passages) -> list[str]:
        return [p.chunk_id for p in passages]

    assert ids(leaning.search(english, k=4)) == ids(leaning.search(english, k=4, mode="dense"))
    assert ids(leaning.search(dutch, k=4)) == ids(leaning.search(dutch, k=4, mode="keyword"))


def test_neighbours_stay_inside_their_document(retriever: Retriever) -> None:
    snapshot = load_snapshot(retriever.settings.index_dir, current_generation(retriever.settings.index_dir))
    previous, following = snapshot.neighbours

    for i, chunk in enumerate(snapshot.chunks):
        for j in (previous[i], following[i]):
            assert j == -1 or snapshot.chunks[j].document_id == chunk.document_id
        if previous[i] != -1:
            assert snapshot.chunks[previous[i]].position == chunk.position - 1
        if following[i] != -1:
            assert snapshot.chunks[following[i]].position == chunk.position + 1
    firsts = [i for i, c in enumerate(snapshot.chunks) if c.position == 0]
    assert len(firsts) == 2 and all(previous[i] == -1 for i in firsts)
    assert sum(following == -1) == 2  # each document's last passage


def test_a_passage_next_to_a_strong_match_moves_up(retriever: Retriever) -> None:
    snapshot = load_snapshot(retriever.settings.index_dir, current_generation(retriever.settings.index_dir))
    previous, following = snapshot.neighbours
    first = next(i for i, c in enumerate(snapshot.chunks) if c.position == 0 and following[i] != -1)
    fused = np.zeros(len(snapshot.chunks))
    fused[first] = 1.0
    excluded = int(np.flatnonzero(previous == first)[0])
    fused[excluded] = -1.0  # excluded by a filter: stays excluded whatever its neighbours score

    boosted = with_neighbours(snapshot, fused, 0.3)

    assert boosted[first] == 1.0  # no neighbour before it; it never boosts itself
    assert boosted[excluded] == -1.0
    assert [i for i in range(len(fused)) if boosted[i] != fused[i]] == []  # its only neighbour is out
    fused[excluded] = 0.0
    boosted = with_neighbours(snapshot, fused, 0.3)
    assert boosted[excluded] == pytest.approx(0.3)
    assert [i for i in range(len(fused)) if boosted[i] != fused[i]] == [excluded]
    assert with_neighbours(snapshot, fused, 0.0) is fused


def test_a_hybrid_search_of_the_assistant_re_ranks_the_first_stage_s_pool(
    retriever: Retriever, tmp_path: Path
) -> None:
    question = "Hoeveel dagen verlof krijg je bij een huwelijk?"
    store = ConversationStore(tmp_path / "conversations.sqlite")
    assistant = Assistant(retriever.settings, retriever.embedder, retriever, store)
    assert assistant.reranker is not None and assistant.reranker.pool == retriever.settings.rerank_pool
    pool = {p.chunk_id for p in retriever.search(question, k=assistant.reranker.pool)}
    found = assistant.search(question, k=3)
    assert len(found) == 3 and {p.chunk_id for p in found} <= pool
    assert all(0.0 <= p.score <= 1.0 for p in found)  # the blend of retrieval and best sentence
    assert found[0].text.startswith("Bij een huwelijk geldt twee dagen")
    # keyword-only and dense-only searches are the first stage's own
    keyword = [p.chunk_id for p in retriever.search(question, k=3, mode="keyword")]
    assert [p.chunk_id for p in assistant.search(question, k=3, mode="keyword")] == keyword
    # rerank_pool 0 turns it off
    off = retriever.settings.model_copy(update={"rerank_pool": 0})
    plain = Assistant(off, retriever.embedder, retriever, store)
    assert plain.reranker is None
    assert [p.chunk_id for p in plain.search(question, k=3)] == [
        p.chunk_id for p in retriever.search(question, k=3)
    ]


def test_passages_holding_the_asked_kind_of_figure_rise_in_a_hybrid_search(retriever: Retriever) -> None:
    def first(question: str, boost: float, mode: str = "hybrid") -> str:
        plain = Retriever(retriever.settings, retriever.embedder, retriever.reader, type_boost=boost)
        return plain.search(question, k=2, mode=mode)[0].text

    assert retriever.type_boost == retriever.settings.type_boost
    # "Wat kost": an amount of money answers it, "twee dagen" does not
    assert first("Wat kost thuiswerken?", 0.0).startswith("Thuiswerken mag twee dagen")
    assert first("Wat kost thuiswerken?", 2.0).startswith("De thuiswerkvergoeding is twee euro")
    # keyword-only search and a question that asks no figure are left as they are
    assert first("Wat kost thuiswerken?", 2.0, "keyword") == first("Wat kost thuiswerken?", 0.0, "keyword")
    assert first("Wat is thuiswerken?", 2.0) == first("Wat is thuiswerken?", 0.0)
