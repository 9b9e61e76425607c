"""The packaged models: a small JSON file that validates against the code's features and loads."""

import json

import pytest
from pydantic import ValidationError

from assistant.answer_features import FEATURES, LEXICAL_FEATURES, QUESTION_FEATURES
from assistant.sentence_model import MODEL_PATH, Logistic, SentenceModel, load_sentence_model

MAX_MODEL_BYTES = 10_000


def test_the_packaged_model_is_small_json_and_loads() -> None:
    raw = MODEL_PATH.read_bytes()
    assert len(raw) < MAX_MODEL_BYTES
    json.loads(raw)  # plain JSON: no pickle
    model = load_sentence_model()
    assert model.sentence.features == list(FEATURES)
    assert model.answerable.features == list(QUESTION_FEATURES)
    assert model.passage is not None and model.passage.features == list(LEXICAL_FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert model.trained_on.get("dev_questions", 0) > 0, "train it with eval/train_sentence_model.py"


# The readings of how much of the question a sentence covers: alone, with its context, against the best
# one, with the sentence it points back at, of the sentence that asks. They overlap, so one weight alone
# may take any sign; together they must reward the sentence that covers more.
COVERAGE = ("coverage", "coverage_with_context", "coverage_gap", "coverage_with_previous", "coverage_asking")


def _covering_more(part: Logistic, amount: float) -> float:
    """How the score's log-odds move when every reading of coverage rises by `amount`."""
    per_unit = dict(
        zip(part.features, (w / s for w, s in zip(part.weights, part.scale, strict=True)), strict=True)
    )
    return amount * sum(per_unit[f] for f in COVERAGE)


def test_the_packaged_model_rewards_evidence() -> None:
    model = load_sentence_model()
    sentence = dict(zip(model.sentence.features, model.sentence.weights, strict=True))
    assert _covering_more(model.sentence, 0.2) > 0  # the sentence that covers more of the question
    assert sentence["type_missing"] < 0  # "hoeveel" without a figure
    answerable = dict(zip(model.answerable.features, model.answerable.weights, strict=True))
    assert answerable["max_dense"] + answerable["best_score"] > 0
    assert model.passage is not None
    passage = dict(zip(model.passage.features, model.passage.weights, strict=True))
    assert _covering_more(model.passage, 0.2) > 0 and passage["type_missing"] < 0


@pytest.mark.parametrize("part", ["sentence", "answerable", "passage"])
def test_a_model_for_other_features_is_refused_with_a_dutch_message(part: str) -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    raw[part]["features"][0] = "kenmerk_dat_de_code_niet_kent"
    with pytest.raises(ValidationError, match="train opnieuw"):
        SentenceModel.model_validate(raw)


def test_scores_are_probabilities_rising_with_a_positive_weight() -> None:
    sentence = load_sentence_model().sentence
    base = dict(zip(sentence.features, sentence.mean, strict=True))
    assert 0.0 < sentence.score(base) < 1.0
    more = {**base, **{f: base[f] + 0.2 for f in COVERAGE}}  # covers more of the question, every way
    assert sentence.score(more) > sentence.score(base)
    assert 0.0 <= sentence.score(dict.fromkeys(FEATURES, 1e9)) <= 1.0


def test_a_model_without_a_passage_model_loads_and_re_ranks_nothing() -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    del raw["passage"]
    assert SentenceModel.model_validate(raw).passage is None


def test_a_model_with_missing_weights_is_refused() -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    raw["sentence"]["weights"] = raw["sentence"]["weights"][:-1]
    with pytest.raises(ValidationError, match="één waarde per kenmerk"):
        SentenceModel.model_validate(raw)
