"""Put the gold questions to the assistant as a user would: a follow-up is asked in the conversation of
the question it follows, after that question. Retrieval variants are scored on the question as
retrieval saw it (after follow-up rewriting)."""

import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.conversations import ConversationStore
from assistant.service import Assistant
from eval.goldset import GoldQuestion
from eval.scoring import QuestionResult, judge_answer, rank_and_ndcg

RETRIEVAL_K = 10  # passages asked of each retriever; nDCG@10 needs ten
VARIANTS = ("dense", "keyword", "hybrid")

Search = Callable[[str], Sequence[Any]]


def conversation_order(gold: list[GoldQuestion]) -> list[GoldQuestion]:
    """Every question after the one it follows (gold files list them in any order)."""
    by_id = {q.id: q for q in gold}
    ordered: list[GoldQuestion] = []
    placed: set[str] = set()

    def place(q: GoldQuestion) -> None:
        if q.id in placed:
            return
        if q.follows and q.follows in by_id:
            place(by_id[q.follows])
        placed.add(q.id)
        ordered.append(q)

    for q in gold:
        place(q)
    return ordered


def ask_all(assistant: Assistant, gold: list[GoldQuestion]) -> list[QuestionResult]:
    """Ask every question, follow-ups in their conversation; conversations go to a throw-away store."""
    k = assistant.settings.answer_passages
    assistant.ask("warm-up", remember=False)  # model load is not question time
    stored = assistant.conversations
    with tempfile.TemporaryDirectory(prefix="eval-conversations-") as tmp:
        assistant.conversations = ConversationStore(Path(tmp) / "conversations.sqlite")
        try:
            conversation_of: dict[str, str] = {}
            results = []
            for q in conversation_order(gold):
                conversation = conversation_of.get(q.follows) if q.follows else None
                started = time.perf_counter()
                answer = assistant.ask(q.question, conversation_id=conversation)
                ms = 1000 * (time.perf_counter() - started)
                if answer.conversation_id:
                    conversation_of[q.id] = answer.conversation_id
                asked_as = answer.rewritten_question or q.question
                # An abstention carries only the nearest passages; the same search gives the k it read.
                top_k = answer.passages if not answer.abstained else assistant.search(asked_as, k=k)
                results.append(judge_answer(q, answer, top_k, ms, asked_as))
        finally:
            assistant.conversations = stored
    return results


def score_retrieval(
    results: list[QuestionResult], gold: list[GoldQuestion], variant: str, search: Search
) -> float:
    """Rank of the first relevant passage for every answerable question; returns ms per search."""
    by_id = {q.id: q for q in gold}
    search("warm-up")
    seconds, count = 0.0, 0
    for r in results:
        if not r.answerable:
            continue
        started = time.perf_counter()
        found = search(r.asked_as)
        seconds += time.perf_counter() - started
        count += 1
        r.ranks[variant], r.ndcg[variant] = rank_and_ndcg(found, by_id[r.id])
    return 1000 * seconds / max(count, 1)


def ours(assistant: Assistant, mode: str) -> Search:
    return lambda text: assistant.search(text, k=RETRIEVAL_K, mode=mode)  # type: ignore[arg-type]
