"""One Dutch sentence splitter for the whole product, with offsets into the text it was given.

Markdown syntax and citation markers ("[3]") are masked with spaces rather than removed, so every
offset computed on the masked text is also an offset in the text the caller passed in.
"""

import re
from dataclasses import dataclass

# Abbreviations whose final "." never ends a sentence (lowercase, without that final ".").
# fmt: off
ABBREVIATIONS = frozenset({
    "a.i", "a.s", "a.u.b", "afd", "apr", "art", "aug", "bijv", "blz", "bv", "c.q", "ca", "d.d", "d.w.z",
    "dec", "dhr", "dr", "drs", "e.a", "e.d", "e.e.a", "e.v", "enz", "etc", "evt", "excl", "feb", "gem",
    "i.c.m", "i.o.m", "i.p.v", "i.v.m", "incl", "ing", "ir", "jl", "jr", "m.b.t", "m.i.v", "m.n",
    "m.u.v", "max", "mevr", "min", "mld", "mln", "mr", "mrt", "mw", "n.a.v", "n.v.t", "nov", "nr", "o.a",
    "o.b.v", "o.i.d", "o.l.v", "o.m", "okt", "ong", "p.m", "p.p", "p.w", "prof", "resp", "sept", "st",
    "t.a.v", "t.b.v", "t.z.t", "tel", "v.a", "vgl", "vs", "z.o.z", "z.s.m", "zgn",
})
# fmt: on
# ...except these, which can close a sentence ("36 uur p.w. Je werkt..."): split when a capital follows.
# The others introduce a noun or name ("o.a. Den Haag", "dhr. Jansen"), so a capital proves nothing.
SENTENCE_FINAL_ABBREVIATIONS = frozenset(
    {"a.s", "a.u.b", "e.a", "e.d", "enz", "etc", "jl", "n.v.t", "o.i.d", "p.m", "p.p", "p.w", "z.s.m"}
)

# Word tokens; "t/m", "o.a", "e-mail", "collega's" and "3.500" stay one word.
_WORD = re.compile(r"[^\W_]+(?:['’.,/\-][^\W_]+)*")
_CITATION = re.compile(r"\[\^?\d+(?:\s*[,;–-]\s*\d+)*\]")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_RULE_LINE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|(?:>[ \t]?)?(?:[-*+•]|\d{1,3}[.)])[ \t]+)", re.MULTILINE)
_QUOTE_PREFIX = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_INLINE = re.compile(r"\*+|`+|~~|(?<!\w)_+|_+(?!\w)|<[^>\n]+>|\|")
_LINE = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
_LAST_TOKEN = re.compile(r"[^\s(\"'“‘]*$")
# Words no Dutch (or English) sentence ends with, in lowercase as running text writes them; particles that
# may close one ("aan", "uit") are not here.
_DANGLING = frozenset(
    [
        *("de", "het", "een", "van", "voor", "met", "naar", "bij", "tot", "tegen", "en", "of", "maar"),
        *("dat", "die", "als", "omdat", "zodat", "te", "the", "a", "an", "and", "to"),
    ]
)
_MIN_TAIL_WORDS = 2  # "overheid. Dat blijkt uit": a sentence begun on the line, not a caption
# Masking leaves a space before punctuation: "december [3]." reads "december ." until tidied.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,!?;:…])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its offsets in the original text and its word tokens."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]


def _blank(match: re.Match[str]) -> str:
    """Spaces as long as the match, so offsets after it do not move."""
    return " " * len(match.group(0))


def _blank_link(match: re.Match[str]) -> str:
    """Keep a link's text in place, blank its brackets and URL; blank images entirely."""
    whole = match.group(0)
    if whole.startswith("!"):
        return " " * len(whole)
    label = match.group(1)
    return " " + label + " " * (len(whole) - len(label) - 1)


def strip_markup(text: str) -> str:
    """Blank out markdown syntax and citation markers, keeping every other character at its offset."""
    text = _RULE_LINE.sub(_blank, text)
    text = _BLOCK_PREFIX.sub(_blank, text)
    text = _QUOTE_PREFIX.sub(_blank, text)
    text = _LINK.sub(_blank_link, text)
    text = _CITATION.sub(_blank, text)
    return _INLINE.sub(_blank, text)


def words(text: str) -> list[str]:
    """Word tokens of already stripped text; numbers and abbreviations count as one word each."""
    return _WORD.findall(text)


def _is_block_line(line: str) -> bool:
    """A heading or list item: its own sentence whatever its punctuation."""
    return bool(_BLOCK_PREFIX.match(line))


def _segments(text: str, masked: str) -> list[tuple[int, int]]:
    """Spans that no sentence crosses: lines, except that hard-wrapped prose lines are joined."""
    spans: list[tuple[int, int]] = []
    joinable = dangling = False
    for line in _LINE.finditer(masked):
        content = line.group(0)
        if not content.strip():
            joinable = False
            continue
        block = _is_block_line(text[line.start() : line.end()])
        first = content.lstrip()[0]
        if not block and (dangling or (joinable and first.islower())):
            spans[-1] = (spans[-1][0], line.end())
        else:
            spans.append((line.start(), line.end()))
        # A prose line without final punctuation continues on the next line if that starts lowercase; a
        # dangling one continues whatever follows, across a blank line too.
        joinable = not block and not _TERMINAL.search(content)
        dangling = joinable and "|" not in text[line.start() : line.end()] and _dangles(content)
    return spans


def _dangles(line: str) -> bool:
    """A line the PDF broke off mid-sentence ("... bij de overheid. Dat blijkt uit", then a blank line and
    "Jong@Gemeenten, een onderzoek ..."): it ends in an article, preposition or conjunction, or a sentence
    ends on it and another begins. Judged on the line alone, so one break never chains into the next; a
    table row, a capitals heading ("EN", "DIE") and a "Bijlage A" do not dangle."""
    tail = line.rstrip()
    if _LAST_TOKEN.search(tail).group(0) in _DANGLING:
        return True
    ends = [b for b in _BOUNDARY.finditer(tail) if _ends_sentence(tail, b)]
    return bool(ends) and len(words(tail[ends[-1].end() :])) >= _MIN_TAIL_WORDS


def _ends_sentence(segment: str, boundary: re.Match[str]) -> bool:
    """Whether the punctuation at this boundary ends a sentence, or belongs to an abbreviation."""
    if not boundary.group(0).startswith("."):
        return True
    before = _LAST_TOKEN.search(segment[: boundary.start()]).group(0)
    rest = segment[boundary.end() :].lstrip()
    next_char = rest[:1]
    if before.lower() in ABBREVIATIONS:
        return before.lower() in SENTENCE_FINAL_ABBREVIATIONS and next_char.isupper()
    if len(before) == 1 and before.isalpha():
        return False  # an initial: "J. de Vries"
    # Dutch sentences start with a capital or a digit; a lowercase word means an unknown abbreviation.
    return not next_char.islower()


def _split_segment(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one segment."""
    segment = masked[start:end]
    spans: list[tuple[int, int]] = []
    begin = 0
    for boundary in _BOUNDARY.finditer(segment):
        if _ends_sentence(segment, boundary):
            spans.append((start + begin, start + boundary.end()))
            begin = boundary.end()
    spans.append((start + begin, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of raw (markdown) text, with offsets into it; markup and "[3]" are not part of words."""
    masked = strip_markup(text)
    sentences: list[Sentence] = []
    for seg_start, seg_end in _segments(text, masked):
        for start, end in _split_segment(masked, seg_start, seg_end):
            tokens = tuple(words(masked[start:end]))
            if not tokens:
                continue
            # Trim the span to its visible text so offsets point at the sentence itself.
            chunk = masked[start:end]
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
            sentences.append(Sentence(_display(masked[start:end]), start, end, tokens))
    return sentences


def _display(chunk: str) -> str:
    """A sentence as a reader sees it: one line, single spaces, no markup."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(chunk.split()))
