"""Size second: pack each structural section into chunks that fit the embedding model's window.

Chunks are built from whole sentences of the raw text, so every chunk has exact raw offsets and no
sentence is cut unless it alone is longer than the window.
"""

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.core.snapshot import context_line, embed_text
from ingest.clean import normalise
from ingest.structure import Section

TokenCounter = Callable[[list[str]], list[int]]

# A sentence ends at . ! ? or … before whitespace and a capital, digit, quote or bullet; a blank line and
# a bullet also end one.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[A-Z0-9À-Ý“\"‘'(▪•])|\n[ \t]*\n|(?=\n\s*[▪•●◦])")
# Sections this short (a pull quote, a caption) are folded into the next one instead of standing alone.
_MIN_SECTION_CHARS = 160
_MIN_CHUNK_CHARS = 25


@dataclass(frozen=True)
class Chunk:
    id: str
    document_id: str
    position: int
    section: str
    text: str  # normalised: what is searched, embedded and shown
    start: int  # offsets into the document's raw (redacted) text
    end: int
    page: int | None
    page_end: int | None
    line_start: int
    line_end: int
    tokens: int
    fields: dict[str, str] = field(default_factory=dict)


def _spans(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (raw offsets) within raw[start:end], blank ones dropped."""
    spans, pos = [], start
    for match in _SENTENCE_END.finditer(raw, start, end):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, end))
    return [(s, e) for s, e in spans if raw[s:e].strip()]


def _split_long(raw: str, span: tuple[int, int], pieces: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at word boundaries into `pieces` parts of similar length."""
    start, end = span
    cuts = [m.start() for m in re.finditer(r"\s+", raw[start:end])]
    if not cuts:
        return [span]
    bounds = [start]
    for i in range(1, pieces):
        target = (end - start) * i // pieces
        bounds.append(start + min(cuts, key=lambda c: abs(c - target)))
    bounds.append(end)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _merge_small_sections(sections: list[Section]) -> list[Section]:
    merged: list[Section] = []
    carry: int | None = None
    for section in sections:
        start = carry if carry is not None else section.start
        if section.end - section.start < _MIN_SECTION_CHARS and section is not sections[-1]:
            carry = start
            continue
        carry = None
        merged.append(Section(section.title, start, section.end, section.fields))
    return merged


@dataclass
class ChunkPlan:
    """Settings of one chunking run."""

    count_tokens: TokenCounter
    target_tokens: int
    max_tokens: int
    known_words: frozenset[str] = frozenset()
    title: str = ""  # the document's, embedded with every passage and counted in its budget


def _pack(raw: str, section: Section, plan: ChunkPlan) -> list[tuple[int, int, str, int]]:
    """Greedy packing of sentences into (start, end, text, tokens) under the target size."""
    spans = _spans(raw, section.start, section.end)
    texts = [normalise(raw[s:e], plan.known_words) for s, e in spans]
    context = context_line(plan.title, section.title, section.fields)
    # The context line is read once per chunk, so it is counted once per chunk, not once per sentence.
    context_tokens = plan.count_tokens([embed_text(context, "")])[0] if context else 0
    budget = max(plan.target_tokens - context_tokens, plan.target_tokens // 2)
    counts = plan.count_tokens(texts)
    units: list[tuple[int, int, int]] = []
    for span, count in zip(spans, counts, strict=True):
        if count > budget:
            parts = _split_long(raw, span, -(-count // budget))
            part_counts = plan.count_tokens([normalise(raw[s:e], plan.known_words) for s, e in parts])
            units.extend((s, e, c) for (s, e), c in zip(parts, part_counts, strict=True))
        else:
            units.append((*span, count))
    groups: list[list[tuple[int, int, int]]] = []
    for unit in units:
        if groups and sum(u[2] for u in groups[-1]) + unit[2] <= budget:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    packed = []
    for group in groups:
        start, end = group[0][0], group[-1][1]
        packed.extend(_fit(raw, start, end, context, plan))
    return packed


def _fit(raw: str, start: int, end: int, context: str, plan: ChunkPlan) -> list[tuple[int, int, str, int]]:
    """Measure the joined chunk exactly; halve it until it fits the model's window."""
    text = normalise(raw[start:end], plan.known_words)
    tokens = plan.count_tokens([embed_text(context, text)])[0]
    if tokens <= plan.max_tokens:
        return [(start, end, text, tokens)]
    halves = _split_long(raw, (start, end), 2)
    if len(halves) < 2:
        return [(start, end, text, tokens)]
    return [piece for s, e in halves for piece in _fit(raw, s, e, context, plan)]


def chunk_sections(
    document_id: str,
    id_seed: str,
    raw: str,
    sections: list[Section],
    page_starts: list[int] | None,
    plan: ChunkPlan,
) -> list[Chunk]:
    """All chunks of a document, in order; empty and duplicate passages (repeated slides) dropped.

    `page_starts` holds the raw offset where each PDF page begins; None for unpaged files.
    """
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for section in _merge_small_sections(sections):
        for start, end, text, tokens in _pack(raw, section, plan):
            if len(text) < _MIN_CHUNK_CHARS or text in seen or not re.search(r"[^\W\d_]{3}", text):
                continue
            seen.add(text)
            position = len(chunks)
            chunks.append(
                Chunk(
                    id=f"{id_seed[:16]}-{position:04d}",
                    document_id=document_id,
                    position=position,
                    section=section.title,
                    text=text,
                    start=start,
                    end=end,
                    page=_page_of(page_starts, start) if page_starts else None,
                    page_end=_page_of(page_starts, end - 1) if page_starts else None,
                    line_start=raw.count("\n", 0, start) + 1,
                    line_end=raw.count("\n", 0, end) + 1,
                    tokens=tokens,
                    fields=section.fields,
                )
            )
    return chunks


def _page_of(page_starts: list[int], offset: int) -> int:
    return bisect_right(page_starts, offset)
