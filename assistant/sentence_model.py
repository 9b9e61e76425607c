"""The learned models of the answer engine, stored as JSON: logistic regressions over the answer features.

- `sentence`: how likely a candidate sentence is to answer the question (it picks and orders the quotes);
- `answerable`: how likely the passages answer the question at all, from the same features of the best
  sentences (it decides abstention, against `threshold`);
- `passage`: the sentence model without the sentence vectors, cheap enough to re-rank the passages a
  search finds by their best sentence (assistant/rerank.py); None turns re-ranking off.

All three are trained by eval/train_sentence_model.py on the dev split of the gold set, and the threshold is
calibrated there. The file holds coefficients only, no pickled objects, so it is small, diffable and safe
to load.
"""

import math
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from assistant.answer_features import FEATURES, LEXICAL_FEATURES, QUESTION_FEATURES

MODEL_PATH = Path(__file__).parent / "data" / "sentence_model.json"


class Logistic(BaseModel, extra="forbid"):
    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    intercept: float

    @model_validator(mode="after")
    def _one_value_per_feature(self) -> "Logistic":
        if not len(self.mean) == len(self.scale) == len(self.weights) == len(self.features):
            raise ValueError("mean, scale en weights moeten één waarde per kenmerk hebben")
        if any(s <= 0 for s in self.scale):
            raise ValueError("scale moet positief zijn")
        return self

    def score(self, values: dict[str, float]) -> float:
        """Probability of the positive class."""
        z = self.intercept + sum(
            w * (values[f] - m) / s
            for f, w, m, s in zip(self.features, self.weights, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class SentenceModel(BaseModel, extra="forbid"):
    sentence: Logistic
    answerable: Logistic
    passage: Logistic | None = None
    threshold: float = Field(ge=0, le=1, description="Abstain when `answerable` scores lower.")
    trained_on: dict[str, float | int | str] = {}

    @model_validator(mode="after")
    def _matches_the_code(self) -> "SentenceModel":
        for name, model, expected in [
            ("sentence", self.sentence, FEATURES),
            ("answerable", self.answerable, QUESTION_FEATURES),
            ("passage", self.passage, LEXICAL_FEATURES),
        ]:
            if model is None:
                continue
            if tuple(model.features) != expected:
                raise ValueError(
                    f"het {name}-model is getraind op andere kenmerken ({model.features}) dan de code "
                    f"gebruikt ({list(expected)}): train opnieuw met eval/train_sentence_model.py"
                )
        return self


@cache
def load_sentence_model(path: Path = MODEL_PATH) -> SentenceModel:
    return SentenceModel.model_validate_json(path.read_text(encoding="utf-8"))
