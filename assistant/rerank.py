"""Re-ranking of the passages a search finds by the best sentence each holds.

The first stage (BM25 and e5, assistant/retrieval.py) ranks whole passages; a recruiter's paraphrase
often matches a passage that merely mentions the topic above the one whose sentence answers it. The
passage model of the answer engine (its sentence model without the sentence vectors, so nothing is
embedded here) scores every sentence of the first `pool` passages, and each passage is ranked by a blend
of its retrieval score and its best sentence. Measured on dev, out of fold (eval/train_rerank.py).
"""

from dataclasses import dataclass, replace

from assistant.answer_features import passage_candidates, profile_question
from assistant.answer_words import AnswerWords
from assistant.retrieval import Filters, Retrieval, Retriever, check_k
from assistant.sentence_model import Logistic


@dataclass(frozen=True)
class Reranker:
    model: Logistic
    lexicon: AnswerWords
    weight: float  # share of the retrieval score (divided by the best one); the rest is the best sentence
    pool: int  # passages re-ranked

    def retrieve(self, retriever: Retriever, query: str, k: int, filters: Filters | None = None) -> Retrieval:
        """The k best passages of a hybrid search after re-ranking the first `pool`."""
        check_k(k)
        ranked = self.rerank(query, retriever.retrieve(query, max(k, self.pool), filters))
        return replace(ranked, passages=ranked.passages[:k])

    def rerank(self, question: str, found: Retrieval) -> Retrieval:
        """`found` with its passages re-ordered, each scored by the blend."""
        passages = found.passages
        if len(passages) < 2:
            return found
        idf = found.snapshot.keyword.idf(found.query.answer_terms)
        profile = profile_question(question, found.query, idf, self.lexicon)
        best = [0.0] * len(passages)
        for cand in passage_candidates(
            found.query.text, profile, passages, None, self.lexicon, len(passages)
        ):
            best[cand.passage_rank] = max(best[cand.passage_rank], self.model.score(cand.features))
        top = max(p.score for p in passages) or 1.0
        blend = [
            self.weight * p.score / top + (1 - self.weight) * b for p, b in zip(passages, best, strict=True)
        ]
        order = sorted(range(len(passages)), key=lambda i: -blend[i])
        return replace(
            found, passages=[passages[i].model_copy(update={"score": round(blend[i], 4)}) for i in order]
        )
