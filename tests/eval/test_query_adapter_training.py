"""The query adapter's training on a made-up space where questions are a rotated, noisy view of the
passages that answer them: it must learn the way back, also for passages it never saw a question for."""

import numpy as np

from assistant.query_adapter import QueryAdapter
from eval.train_query_adapter import fit


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def _mrr(queries: np.ndarray, answers: np.ndarray, passages: np.ndarray) -> float:
    scores = queries @ passages.T
    ranks = (scores > scores[np.arange(len(answers)), answers][:, None]).sum(axis=1) + 1
    return float(np.mean(1.0 / ranks))


def test_training_learns_how_questions_word_what_passages_say() -> None:
    rng = np.random.default_rng(0)
    dims = 16
    passages = _unit(rng.normal(size=(60, dims)))
    rotation = np.linalg.qr(rng.normal(size=(dims, dims)))[0]

    def asked(answers: np.ndarray) -> np.ndarray:  # other words: the passage rotated, plus noise
        return _unit(passages[answers] @ rotation.T * 0.8 + 0.3 * rng.normal(size=(len(answers), dims)))

    seen = rng.integers(0, 40, size=120)  # training questions ask about the first 40 passages only
    down, up = fit(asked(seen), [np.array([a]) for a in seen], passages, rank=dims)
    adapter = QueryAdapter("made-up", down, up, share=1.0)

    for answers in (rng.integers(0, 40, size=50), rng.integers(40, 60, size=50)):  # seen, then unseen
        questions = asked(answers)
        before = _mrr(questions, answers, passages)
        after = _mrr(adapter.apply(questions), answers, passages)
        assert after > before + 0.2, (before, after)
