"""Dutch BM25 keyword index (bm25s) over the normalised chunk texts."""

from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from assistant.core.text_nl import analyse


@dataclass
class KeywordIndex:
    """BM25 scores for every chunk, in chunk order, for a question analysed like the documents."""

    bm25: bm25s.BM25
    size: int

    @classmethod
    def build(cls, texts: list[str]) -> "KeywordIndex":
        bm25 = bm25s.BM25()
        # An empty token list would crash bm25s; a placeholder keeps positions aligned with chunks.
        bm25.index([analyse(text) or ["_"] for text in texts], show_progress=False)
        return cls(bm25, len(texts))

    def save(self, directory: Path) -> None:
        self.bm25.save(str(directory), show_progress=False)
        (directory / "size.txt").write_text(str(self.size))

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex":
        bm25 = bm25s.BM25.load(str(directory), show_progress=False)
        return cls(bm25, int((directory / "size.txt").read_text()))

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of each chunk for already analysed query terms (zeros when none match)."""
        if not terms or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(terms), dtype=np.float32)

    def idf(self, terms: list[str]) -> dict[str, float]:
        """Inverse document frequency per term; 0 for terms the corpus does not contain."""
        vocab = self.bm25.vocab_dict
        indptr = self.bm25.scores["indptr"]
        out = {}
        for term in terms:
            col = vocab.get(term)
            df = int(indptr[col + 1] - indptr[col]) if col is not None else 0
            out[term] = float(np.log(1 + (self.size - df + 0.5) / (df + 0.5))) if df else 0.0
        return out
