"""Diversity re-ranking of the fused candidates, measured on dev by `python -m eval.tune_retrieval
--diversity` and not shipped in the product: no variant lifted hit@5 or the multi-document group beyond
a question or two, even when applied only to the multi-document questions (eval/tuning.md).

Both variants pick k passages greedily from the best-first candidates a search already has (the first
50 after near-duplicates are collapsed), then return them best score first, as a search does:
- MMR: relevance traded against the passage's highest cosine to a passage already picked;
- a soft penalty: a passage's score shrinks by a factor for every passage of the same group (section
  or document) already picked, instead of a hard per-document cap.
"""

from collections.abc import Callable, Hashable, Sequence
from typing import Protocol, TypeVar

import numpy as np


class Scored(Protocol):
    @property
    def score(self) -> float: ...


P = TypeVar("P", bound=Scored)


def _greedy(candidates: Sequence[P], k: int, value: Callable[[int, list[int]], float]) -> list[P]:
    """Repeatedly take the candidate of highest `value(candidate, picked so far)`; earlier (better
    ranked) candidates win ties. The picks come back best score first."""
    left = list(range(len(candidates)))
    picked: list[int] = []
    while left and len(picked) < k:
        best = max(left, key=lambda i: (value(i, picked), -i))
        picked.append(best)
        left.remove(best)
    return sorted((candidates[i] for i in picked), key=lambda p: -p.score)


def mmr(candidates: Sequence[P], vectors: np.ndarray, k: int, trade: float) -> list[P]:
    """Maximal marginal relevance: `trade` x score (scaled to the best candidate's) minus (1 - trade) x
    the highest cosine to a picked passage. `vectors` holds the candidates' unit vectors, row by row;
    trade 1.0 is the plain ranking."""
    if not candidates:
        return []
    top = max(p.score for p in candidates) or 1.0
    cosine = vectors @ vectors.T

    def value(i: int, picked: list[int]) -> float:
        overlap = float(cosine[i, picked].max()) if picked else 0.0
        return trade * candidates[i].score / top - (1 - trade) * overlap

    return _greedy(candidates, k, value)


def spread(candidates: Sequence[P], k: int, penalty: float, group: Callable[[P], Hashable]) -> list[P]:
    """Soft same-group penalty: a candidate's score times (1 - penalty) for every picked passage of its
    group. Penalty 0 is the plain ranking; penalty 1 takes one passage per group before any second."""
    keys = [group(p) for p in candidates]

    def value(i: int, picked: list[int]) -> float:
        return candidates[i].score * (1 - penalty) ** sum(keys[j] == keys[i] for j in picked)

    return _greedy(candidates, k, value)
