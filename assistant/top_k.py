"""The best few of a large score array, without sorting all of it.

On an index of 150,000 passages a common question word gives tens of thousands of passages a positive
score; sorting them all per search cost more than everything else in the ranking together.
"""

import numpy as np


def best_positions(scores: np.ndarray, allowed: np.ndarray, n: int) -> np.ndarray:
    """Positions of the `n` highest positive scores among the allowed ones, highest first, equal scores
    in position order: exactly `positive[np.argsort(-scores[positive], kind="stable")[:n]]`.

    Only the scores at or above the n-th best value are sorted. Every one of those equal to that value is
    kept before the sort, so ties (a corpus that holds the same passage twice) come out in position order
    as a full stable sort would put them.
    """
    positive = np.flatnonzero(allowed & (scores > 0))
    if n <= 0:
        return positive[:0]
    if positive.size > n:
        values = scores[positive]
        nth_best = np.partition(values, values.size - n)[values.size - n]
        positive = positive[values >= nth_best]
    return positive[np.argsort(-scores[positive], kind="stable")[:n]]
