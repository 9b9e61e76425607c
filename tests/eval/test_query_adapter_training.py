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


def test_training_on_each_questions_own_sentences() -> None:
    """The sentence adapter's case: every question has its own short list of candidate sentences."""
    rng = np.random.default_rng(1)
    dims = 16
    sentences = _unit(rng.normal(size=(200, dims)))
    rotation = np.linalg.qr(rng.normal(size=(dims, dims)))[0]

    def questions(count: int) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        lists = [rng.choice(200, size=rng.integers(5, 13), replace=False) for _ in range(count)]
        answers = np.array([picked[0] for picked in lists])  # the first of each list answers it
        asked = _unit(sentences[answers] @ rotation.T * 0.8 + 0.3 * rng.normal(size=(count, dims)))
        return asked, [sentences[picked] for picked in lists], lists

    asked, candidates, _ = questions(150)
    down, up = fit(asked, [np.array([0])] * len(asked), candidates, rank=dims)
    adapter = QueryAdapter("made-up", down, up, share=1.0)

    held, candidates, _ = questions(60)
    moved = adapter.apply(held)
    first = [
        float(np.mean([c[0] @ q >= (c @ q).max() for q, c in zip(vectors, candidates, strict=True)]))
        for vectors in (held, moved)
    ]
    assert first[1] > first[0] + 0.15, first
