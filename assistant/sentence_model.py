"""The learned sentence scorer: a logistic regression over the answer features, stored as JSON.

Trained by eval/train_sentence_model.py on the dev split of the gold set (gold evidence sentences are
the positives, the other retrieved sentences the negatives); the abstention threshold is calibrated on the
same split. The file holds coefficients only, no pickled objects, so it is small, diffable and safe to load.
"""

import math
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from assistant.answer_features import FEATURES

MODEL_PATH = Path(__file__).parent / "data" / "sentence_model.json"


class SentenceModel(BaseModel, extra="forbid"):
    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    intercept: float
    threshold: float = Field(ge=0, le=1, description="Abstain when the best sentence scores lower.")
    trained_on: dict[str, float | int | str] = {}

    @model_validator(mode="after")
    def _matches_the_code(self) -> "SentenceModel":
        if tuple(self.features) != FEATURES:
            raise ValueError(
                f"het model is getraind op andere kenmerken ({self.features}) dan de code gebruikt "
                f"({list(FEATURES)}): train opnieuw met eval/train_sentence_model.py"
            )
        if not len(self.mean) == len(self.scale) == len(self.weights) == len(FEATURES):
            raise ValueError("mean, scale en weights moeten één waarde per kenmerk hebben")
        if any(s <= 0 for s in self.scale):
            raise ValueError("scale moet positief zijn")
        return self

    def score(self, vector: list[float]) -> float:
        """Probability that the sentence answers the question."""
        z = self.intercept + sum(
            w * (x - m) / s for w, x, m, s in zip(self.weights, vector, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_sentence_model(path: Path = MODEL_PATH) -> SentenceModel:
    return SentenceModel.model_validate_json(path.read_text(encoding="utf-8"))
