"""Cleaning: personal data out of everything, and a readable normalised text for search and display.

The raw text (personal data redacted) is kept for offsets and exact passages; the normalised text repairs
the extraction damage: words broken across lines, bullets, odd spaces, U+FFFD, link and navigation lines,
known OCR slips.
"""

import re
from collections.abc import Iterable

from wordfreq import zipf_frequency

from assistant.core.text_nl import STOPWORDS, fold

_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_BULLET = re.compile(r"^\s*[▪•●◦■□➢►✓\uf0b7\uf0a7]\s*", re.MULTILINE)
_URL_LINE = re.compile(r"^\s*(?:https?://\S*|www\.\S+|\S+\.(?:nl|com|org|eu)/?\S*)\s*>?\s*$", re.IGNORECASE)
_NAVIGATION = re.compile(
    r"^\s*(?:terug naar inspiratie|bekijk ook|alle inspiratie onderwerpen|over cookies & privacy.*"
    r"|lees (?:hier|meer|verder)\b.*|bekijk het filmpje.*|download hier\b.*|min max)\s*$",
    re.IGNORECASE,
)
# OCR slips seen in the scanned blueprint; each pattern is specific enough not to hit correct text.
_OCR_FIXES = [
    (re.compile(r"\b6f\b"), "óf"),
    (re.compile(r"\bvédr\b"), "vóór"),
    (re.compile(r"\bdodr\b"), "door"),
    (re.compile(r"(?<=[“\"‘'\s])lk\b|^lk\b", re.MULTILINE), "Ik"),
    (re.compile(r"\bAl(?=-[a-z])"), "AI"),
]
# "HRadviseur" lost its hyphen; "IJssel" is a Dutch capital digraph, not a lost hyphen.
_LOST_HYPHEN = re.compile(r"\b(?!IJ[a-z])([A-Z]{2,})([a-z]{3,})\b")
_BROKEN_WORD = re.compile(r"(\w+)(-?)\n(\w+)")
_MIN_JOIN_ZIPF = 1.0
_WORD_ZIPF = 2.5
_COMMON_ZIPF = 3.0
# Record fields ("Project: ...", "Looptijd: ...") keep their own line.
_FIELD_LINE = re.compile(r"^[A-Z][\w ]{2,30}:\s")
_REDACTED_ONLY = re.compile(
    r"^[\w ]{2,30}:[\s,|.\-]*(?:(?:tel\.?|en|of)?[\s,|.\-]*\[verwijderd\][\s,|.\-]*)+$"
)


def vocabulary(text: str) -> frozenset[str]:
    """Folded words that occur whole in a text: evidence for re-joining words broken elsewhere in it."""
    return frozenset(re.findall(r"\w+", fold(text)))


def _join_decision(head: str, hyphen: str, tail: str, known: frozenset[str]) -> str:
    """How to glue a word split over a line break: '' (one word), '-' (kept hyphen) or ' ' (two words)."""
    if hyphen:
        return "-" if tail[:1].isupper() or head[-1:].isupper() else ""
    if not tail[:1].islower() or not head[-1:].isalpha():
        return " "
    joined = fold(head + tail)
    if joined in known:
        return ""
    if fold(head) in STOPWORDS or fold(tail) in STOPWORDS:
        return " "  # "in" + "een" is two words, whatever a word list says of "ineen"
    # Two real words ("van" + "een") stay apart unless the text itself uses the joined form;
    # a fragment ("beschik" + "king") joins when the word list knows the result.
    both_words = min(zipf_frequency(fold(head), "nl"), zipf_frequency(fold(tail), "nl")) >= _WORD_ZIPF
    joined_zipf = zipf_frequency(joined, "nl")
    return "" if joined_zipf >= _COMMON_ZIPF or (not both_words and joined_zipf >= _MIN_JOIN_ZIPF) else " "


def _drop_noise_lines(lines: Iterable[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if _URL_LINE.match(line) or _NAVIGATION.match(line) or _REDACTED_ONLY.match(line):
            continue
        if kept and line.strip() and line.strip() == kept[-1].strip():
            continue  # duplicated panel line
        kept.append(line)
    return kept


def _separate_fields(lines: list[str]) -> list[str]:
    """Put a blank line before each record field that follows a blank line or another field."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if _FIELD_LINE.match(line) and (not previous.strip() or _FIELD_LINE.match(previous.lstrip("\n"))):
            line = "\n" + line
        out.append(line)
    return out


def _join_paragraph(paragraph: str, known: frozenset[str]) -> str:
    joined = _BROKEN_WORD.sub(lambda m: m[1] + _join_decision(m[1], m[2], m[3], known) + m[3], paragraph)
    return re.sub(r"\s*\n\s*", " ", joined)


def normalise(raw: str, known: frozenset[str] = frozenset()) -> str:
    """Readable text: paragraphs and list items on their own lines, broken words re-joined, noise removed."""
    text = raw.replace("\ufffd", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACE.sub(" ", text)
    text = _BULLET.sub("\n\n", text)
    for pattern, replacement in _OCR_FIXES:
        text = pattern.sub(replacement, text)
    text = _LOST_HYPHEN.sub(r"\1-\2", text)
    lines = _drop_noise_lines(line.rstrip() for line in text.split("\n"))
    lines = _separate_fields(lines)
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines))
    cleaned = (re.sub(r" {2,}", " ", _join_paragraph(p.strip(), known)).strip() for p in paragraphs)
    return "\n".join(p for p in cleaned if p)
