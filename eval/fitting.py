"""What the training scripts share: which candidate sentences are evidence, the folds of the dev split,
and a logistic regression stored as plain coefficients."""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from assistant.core.spelling import Speller
from assistant.query import read_question, rewrite_follow_up, without_closing_remark
from assistant.sentence_model import Logistic
from eval.metrics import _letters, holds_evidence

FOLDS = 5
_MIN_PART_LETTERS = 20  # a sentence inside a longer evidence text counts when it is at least this long


def is_evidence(sentence: str, document_id: str, evidence: list[dict]) -> bool:
    letters = _letters(sentence)
    return any(
        e["document"] == document_id
        and (
            holds_evidence(sentence, e["text"])
            or (len(letters) >= _MIN_PART_LETTERS and letters in _letters(e["text"]))
        )
        for e in evidence
    )


def as_asked(gold: list[dict], speller: Speller) -> list[tuple[dict, str, str]]:
    """Each gold question with the text the assistant reads (typing errors put right) and the text it
    searches for it: a follow-up rewritten in the light of the question it follows."""
    by_id = {q["id"]: q for q in gold}

    def read(question: str) -> str:
        return read_question(speller, question)[0]

    out = []
    for q in gold:
        # the previous question as the conversation stored it: read, without its closing remark
        previous = q.get("follows") in by_id and [
            without_closing_remark(read(by_id[q["follows"]]["question"]))
        ]
        text = read(q["question"])
        out.append((q, text, rewrite_follow_up(without_closing_remark(text), previous or [])))
    return out


def dev_folds(labels: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The same five stratified folds for every model trained out of fold."""
    index = np.arange(len(labels))
    return list(StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0).split(index, labels))


def fit_logistic(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], c: float) -> Logistic:
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(class_weight="balanced", C=c, max_iter=1000).fit((x - scaler.mean_) / scale, y)
    return Logistic(
        features=list(names),
        mean=[round(float(v), 6) for v in scaler.mean_],
        scale=[round(float(v), 6) for v in scale],
        weights=[round(float(v), 6) for v in model.coef_[0]],
        intercept=round(float(model.intercept_[0]), 6),
    )
