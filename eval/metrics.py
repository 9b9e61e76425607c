"""Metrics of retrieval and answers against gold evidence; pure functions, no index or model."""

import math
import re
import statistics
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from assistant.core.text_nl import fold

EVIDENCE_SHARE = 0.6  # a passage holds the evidence when it contains this share of it verbatim
MIN_PIECE_WORDS = 3  # the extractive engine quotes no sentence shorter than this


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def holds_evidence(passage_text: str, evidence: str) -> bool:
    """Evidence found in a passage, ignoring whitespace, punctuation and chunk boundaries."""
    chunk, ev = _letters(passage_text), _letters(evidence)
    if ev in chunk:
        return True
    match = SequenceMatcher(None, chunk, ev, autojunk=False).find_longest_match(0, len(chunk), 0, len(ev))
    return match.size >= EVIDENCE_SHARE * len(ev)


def is_relevant(passage: Any, evidence: list[dict]) -> bool:
    return any(
        e["document"] == passage.document_id and holds_evidence(passage.text, e["text"]) for e in evidence
    )


def first_relevant_rank(passages: Sequence[Any], evidence: list[dict]) -> int | None:
    for rank, p in enumerate(passages, start=1):
        if is_relevant(p, evidence):
            return rank
    return None


def ndcg_at_10(passages: Sequence[Any], evidence: list[dict]) -> float:
    """Binary gains; the ideal ranking puts one relevant passage per evidence item on top."""
    gains = [1.0 if is_relevant(p, evidence) else 0.0 for p in passages[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(evidence), 10)))
    return dcg / ideal if ideal else 0.0


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def cited_passage(citation: Any, passages: Sequence[Any]) -> Any | None:
    """The passage of the answer that a citation points at, by chunk id."""
    return next((p for p in passages if p.chunk_id == citation.chunk_id), None)


def quote_verbatim(citation: Any, passages: Sequence[Any]) -> bool:
    """Citation grounding, strict: the whole quote occurs verbatim (whitespace-normalised) in the text
    of the cited chunk."""
    passage = cited_passage(citation, passages)
    quote = normalise_space(citation.quote)
    return passage is not None and bool(quote) and quote in normalise_space(passage.text)


def verbatim_pieces(quote: str, source: str, min_words: int = MIN_PIECE_WORDS) -> bool:
    """The quote cut at spaces into pieces of at least `min_words` words, each verbatim in the source
    (whitespace-normalised). A quote verbatim as a whole always passes."""
    words, text = normalise_space(quote).split(), normalise_space(source)
    if not words:
        return False
    reachable = [True] + [False] * len(words)
    for i in range(len(words)):
        if not reachable[i]:
            continue
        for j in range(i + 1, len(words) + 1):
            if " ".join(words[i:j]) not in text:
                break  # a longer piece cannot occur either
            if j - i >= min_words or (i == 0 and j == len(words)):
                reachable[j] = True
    return reachable[-1]


def quote_sentences_verbatim(citation: Any, passages: Sequence[Any]) -> bool:
    """Citation grounding, per joined sentence: engines quote several sentences of one chunk as one quote,
    joined by a space; each of them must be verbatim in the cited chunk."""
    passage = cited_passage(citation, passages)
    return passage is not None and verbatim_pieces(citation.quote, passage.text)


def cites_evidence(citations: Sequence[Any], evidence: list[dict]) -> bool:
    """Some citation of the gold evidence's document quotes (part of) the evidence or lies within it."""
    return any(
        c.document_id == e["document"]
        and _letters(c.quote) != ""
        and (holds_evidence(c.quote, e["text"]) or holds_evidence(e["text"], c.quote))
        for c in citations
        for e in evidence
    )


def keyword_coverage(text: str, keywords: list[str]) -> float:
    folded = fold(text)
    return sum(fold(k) in folded for k in keywords) / len(keywords) if keywords else 0.0


def mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None
