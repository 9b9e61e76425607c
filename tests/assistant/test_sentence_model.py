"""The packaged sentence model: a small JSON file that validates against the code's features and loads."""

import json

import pytest
from pydantic import ValidationError

from assistant.answer_features import FEATURES
from assistant.sentence_model import MODEL_PATH, SentenceModel, load_sentence_model

MAX_MODEL_BYTES = 10_000


def test_the_packaged_model_is_small_json_and_loads() -> None:
    raw = MODEL_PATH.read_bytes()
    assert len(raw) < MAX_MODEL_BYTES
    json.loads(raw)  # plain JSON: no pickle
    model = load_sentence_model()
    assert model.features == list(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert model.trained_on.get("dev_questions", 0) > 0, "train it with eval/train_sentence_model.py"


def test_the_packaged_model_rewards_evidence_and_penalises_fragments() -> None:
    weights = dict(zip(load_sentence_model().features, load_sentence_model().weights, strict=True))
    assert weights["coverage_with_context"] > 0
    assert weights["type_missing"] < 0


def test_a_model_for_other_features_is_refused_with_a_dutch_message() -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    raw["features"] = raw["features"][:-1]
    with pytest.raises(ValidationError, match="train opnieuw"):
        SentenceModel.model_validate(raw)


def test_scores_are_probabilities_rising_with_a_positive_weight() -> None:
    model = load_sentence_model()
    base = list(model.mean)
    assert 0.0 < model.score(base) < 1.0
    i = list(FEATURES).index("coverage_with_context")
    more = [*base[:i], base[i] + 1.0, *base[i + 1 :]]
    assert model.score(more) > model.score(base)
    assert 0.0 <= model.score([1e9] * len(FEATURES)) <= 1.0
