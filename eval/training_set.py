"""Training questions (eval/training/questions.yaml): questions in users' own words about every part of
the corpus, written from the documents alone by helpers who saw no gold question, in rounds. They train
the query adapter (eval/train_query_adapter.py), the answer engine's sentence adapter and, with their
near misses, the answerable model (eval/train_sentence_model.py); they are never scored, so the gold
set's dev and test figures stay what they measure.

Each entry is shaped like a gold question (`question`, `language`, `answerable`, `keywords`, `evidence`),
with an id `t001`, `t002`, ... Records are returned as plain dicts, as the training scripts read gold.
"""

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, TypeAdapter

from eval.goldset import ROOT

TRAINING = ROOT / "eval" / "training" / "questions.yaml"


class Evidence(BaseModel, extra="forbid"):
    document: str = Field(min_length=1)
    text: str = Field(min_length=10)


class TrainingQuestion(BaseModel, extra="forbid"):
    id: str = Field(pattern=r"^t\d{3,}$")
    question: str = Field(min_length=10)
    language: Literal["nl", "en"]
    answerable: bool
    keywords: list[str]
    evidence: list[Evidence] = Field(min_length=1)
    source: str  # which part of the corpus its writer read, and the persona they wrote as
    round: int = Field(ge=1)  # written in this round: a later round's writers never saw an earlier one


def load_training(path: Path = TRAINING) -> list[dict]:
    """The training questions, validated; an error names the entry that is wrong."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    records = TypeAdapter(list[TrainingQuestion]).validate_python(raw)
    return [r.model_dump() for r in records]
