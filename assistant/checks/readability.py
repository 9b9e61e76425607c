"""Readability of Dutch text: Flesch-Douma score, sentence and word length, and a B1 verdict.

Flesch-Douma (Douma 1960) is Flesch's reading ease refitted to Dutch:

    206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)

Douma's own table reads 60-70 as "normaal", 70-80 as "tamelijk gemakkelijk" and below 45 as
"moeilijk". The score is not clamped, so very short plain sentences can go above 100.

Markdown syntax and citation markers ("[3]") are masked with spaces rather than removed, so every
offset computed on the masked text is also an offset in the text the caller passed in.
"""

import re
from dataclasses import dataclass
from functools import cache

import pyphen
from pydantic import BaseModel, Field

FLESCH_BASE = 206.835
FLESCH_SENTENCE_WEIGHT = 0.93
FLESCH_SYLLABLE_WEIGHT = 77.0

# B1 thresholds. Dutch plain-language guidance puts B1 at 10-15 words per sentence on average, and
# Douma's table puts "normaal" (lower secondary school) at 60+; below that a text needs more than
# B1 reading skill. No guide gives a long-word share, so the bar is "at most one word in ten": plain
# vacancy texts measured 3-7 %, a typical policy-adviser vacancy 20-25 %, officialese 15 % and up,
# which leaves room for the long job title a vacancy cannot avoid ("vergunningverlener").
B1_MIN_SCORE = 60.0
B1_MAX_AVG_SENTENCE_WORDS = 15.0
B1_MAX_LONG_WORD_SHARE = 0.10

# A long word has 4+ syllables, or more than 13 letters (compounds where the hyphenation
# dictionary misses a break still read as long).
LONG_WORD_SYLLABLES = 4
LONG_WORD_MAX_LETTERS = 13

# A single sentence is difficult when it is longer than B2 guidance (20 words), or when at least
# 3 of its words, and more than a quarter, are long.
LONG_SENTENCE_WORDS = 20
DENSE_MIN_LONG_WORDS = 3
DENSE_LONG_WORD_SHARE = 0.25

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

_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûü")
# Word tokens; "t/m", "o.a", "e-mail", "collega's" and "3.500" stay one word.
_WORD = re.compile(r"[^\W_]+(?:['’.,/\-][^\W_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")

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
# Masking leaves a space before punctuation: "december [3]." reads "december ." until tidied.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,!?;:…])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its offsets in the original text and its word tokens."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]


class DifficultSentence(BaseModel):
    """A sentence that pulls the score down, with the reasons why (in Dutch)."""

    text: str
    start: int = Field(description="Offset of the sentence in the checked text.")
    end: int
    words: int
    long_words: list[str]
    reasons: list[str]


class ReadabilityReport(BaseModel):
    """Flesch-Douma score, its ingredients and the B1 verdict."""

    score: float = Field(description="Flesch-Douma reading ease; higher is easier, 60+ is 'normaal'.")
    words: int
    sentences: int
    syllables: int
    avg_sentence_length: float = Field(description="Words per sentence.")
    avg_syllables_per_word: float
    long_words: int = Field(description="Words with 4+ syllables or more than 13 letters.")
    long_word_share: float = Field(description="long_words / words, between 0 and 1.")
    b1: bool = Field(description="Meets all three B1 thresholds.")
    advice: list[str] = Field(description="Why the text misses B1, one Dutch line per threshold missed.")
    difficult_sentences: list[DifficultSentence]


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


def count_words(text: str) -> int:
    """Number of words in raw text, not counting markdown syntax or citation markers."""
    return len(words(strip_markup(text)))


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def _part_syllables(part: str) -> int:
    """Syllables of one run of letters: hyphenation points + 1, with one fix for a lone first vowel."""
    if not _VOWELS.intersection(part):
        return 0  # the "s" of "collega's", the "t" and "m" of "t/m"
    positions = _hyphenator().positions(part)
    count = len(positions) + 1
    # Dutch hyphenation never splits off one letter ("over", "idee", "analyse"), but it is a syllable.
    lone_first_vowel = (
        len(part) >= 3
        and part[0] in _VOWELS
        and part[1] not in _VOWELS
        and part[2] in _VOWELS
        and not part.startswith("ij")
    )
    if lone_first_vowel and (not positions or positions[0] > 2):
        count += 1
    return count


@cache
def count_syllables(word: str) -> int:
    """Dutch syllables of a word token (at least 1; a number counts as 1)."""
    parts = _LETTERS.findall(word.lower())
    return max(1, sum(_part_syllables(part) for part in parts))


def is_long_word(word: str) -> bool:
    """True for 4+ syllables or more than 13 letters."""
    letters = sum(len(part) for part in _LETTERS.findall(word))
    return count_syllables(word) >= LONG_WORD_SYLLABLES or letters > LONG_WORD_MAX_LETTERS


def flesch_douma(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """The Flesch-Douma reading ease for the given counts (0.0 for empty text)."""
    if n_words == 0 or n_sentences == 0:
        return 0.0
    return (
        FLESCH_BASE
        - FLESCH_SENTENCE_WEIGHT * (n_words / n_sentences)
        - FLESCH_SYLLABLE_WEIGHT * (n_syllables / n_words)
    )


def _is_block_line(line: str) -> bool:
    """A heading or list item: its own sentence whatever its punctuation."""
    return bool(_BLOCK_PREFIX.match(line))


def _segments(text: str, masked: str) -> list[tuple[int, int]]:
    """Spans that no sentence crosses: lines, except that hard-wrapped prose lines are joined."""
    spans: list[tuple[int, int]] = []
    joinable = False
    for line in _LINE.finditer(masked):
        content = line.group(0)
        if not content.strip():
            joinable = False
            continue
        block = _is_block_line(text[line.start() : line.end()])
        first = content.lstrip()[0]
        if joinable and not block and first.islower():
            spans[-1] = (spans[-1][0], line.end())
        else:
            spans.append((line.start(), line.end()))
        # A prose line without final punctuation continues on the next line if that starts lowercase.
        joinable = not block and not _TERMINAL.search(content)
    return spans


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


def _difficulty(sentence: Sentence) -> DifficultSentence | None:
    """The reasons one sentence is hard to read, or None when it is fine."""
    n = len(sentence.words)
    long_words = [word for word in sentence.words if is_long_word(word)]
    reasons: list[str] = []
    if n > LONG_SENTENCE_WORDS:
        reasons.append(
            f"Lange zin: {n} woorden. Knip hem op in zinnen van hooguit {LONG_SENTENCE_WORDS} woorden."
        )
    if len(long_words) >= DENSE_MIN_LONG_WORDS and len(long_words) / n > DENSE_LONG_WORD_SHARE:
        reasons.append(
            f"Veel lange woorden: {len(long_words)} van de {n} ({', '.join(long_words)}). "
            "Kies kortere woorden of splits samenstellingen."
        )
    if not reasons:
        return None
    return DifficultSentence(
        text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        words=n,
        long_words=long_words,
        reasons=reasons,
    )


def _decimal(number: float) -> str:
    """One decimal with a Dutch decimal comma: 21,3."""
    return f"{number:.1f}".replace(".", ",")


def _advice(score: float, avg_sentence: float, long_share: float) -> list[str]:
    """One Dutch line per B1 threshold the text misses."""
    advice: list[str] = []
    if score < B1_MIN_SCORE:
        advice.append(
            f"De Flesch-Douma-score is {score:.0f}; voor B1 is dat minstens {B1_MIN_SCORE:.0f}. "
            "Schrijf kortere zinnen en kortere woorden."
        )
    if avg_sentence > B1_MAX_AVG_SENTENCE_WORDS:
        advice.append(
            f"Zinnen zijn gemiddeld {_decimal(avg_sentence)} woorden lang; voor B1 is dat hooguit "
            f"{B1_MAX_AVG_SENTENCE_WORDS:.0f}. Knip lange zinnen in tweeën."
        )
    if long_share > B1_MAX_LONG_WORD_SHARE:
        advice.append(
            f"{long_share:.0%} van de woorden is lang; voor B1 is dat hooguit "
            f"{B1_MAX_LONG_WORD_SHARE:.0%}. Vervang lange woorden door kortere."
        )
    return advice


def check_readability(text: str) -> ReadabilityReport:
    """Flesch-Douma score, sentence length, long-word share, B1 verdict and the difficult sentences."""
    sentences = split_sentences(text)
    tokens = [word for sentence in sentences for word in sentence.words]
    n_words, n_sentences = len(tokens), len(sentences)
    n_syllables = sum(count_syllables(word) for word in tokens)
    n_long = sum(is_long_word(word) for word in tokens)
    score = flesch_douma(n_words, n_sentences, n_syllables)
    avg_sentence = n_words / n_sentences if n_sentences else 0.0
    long_share = n_long / n_words if n_words else 0.0
    advice = _advice(score, avg_sentence, long_share) if n_words else ["De tekst bevat geen woorden."]
    return ReadabilityReport(
        score=score,
        words=n_words,
        sentences=n_sentences,
        syllables=n_syllables,
        avg_sentence_length=avg_sentence,
        avg_syllables_per_word=n_syllables / n_words if n_words else 0.0,
        long_words=n_long,
        long_word_share=long_share,
        b1=not advice,
        advice=advice,
        difficult_sentences=[d for s in sentences if (d := _difficulty(s)) is not None],
    )
