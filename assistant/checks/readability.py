"""Readability of Dutch text: Flesch-Douma score, sentence and word length, and a B1 verdict.

Flesch-Douma (Douma 1960) is Flesch's reading ease refitted to Dutch:

    206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)

Douma's own table reads 60-70 as "normaal", 70-80 as "tamelijk gemakkelijk" and below 45 as
"moeilijk". The score is not clamped, so very short plain sentences can go above 100.

Sentences, words and markup masking come from assistant.core.sentences.
"""

import re
from functools import cache
from typing import Literal

import pyphen
from pydantic import BaseModel, Field

from assistant.core.sentences import Sentence, split_sentences, strip_markup, words

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

# Plain-language guides ask for the active voice; a few passive sentences are fine. No guide gives a
# number, so the bar is "at most one sentence in seven".
B1_MAX_PASSIVE_SHARE = 0.15

# A long word has 4+ syllables, or more than 13 letters (compounds where the hyphenation
# dictionary misses a break still read as long).
LONG_WORD_SYLLABLES = 4
LONG_WORD_MAX_LETTERS = 13

# A single sentence is difficult when it is longer than B2 guidance (20 words), or when at least
# 3 of its words, and more than a quarter, are long.
LONG_SENTENCE_WORDS = 20
DENSE_MIN_LONG_WORDS = 3
DENSE_LONG_WORD_SHARE = 0.25

_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûü")
_LETTERS = re.compile(r"[^\W\d_]+")


class DifficultSentence(BaseModel):
    """A sentence that pulls the score down, with the reasons why (in Dutch)."""

    text: str
    start: int = Field(description="Offset of the sentence in the checked text.")
    end: int
    words: int
    long_words: list[str]
    reasons: list[str]


class Criterion(BaseModel):
    """One B1 criterion on its own: what was measured, the limit and whether the text meets it."""

    name: Literal["Flesch-Douma", "zinslengte", "lange woorden", "lijdende vorm"]
    value: float
    limit: float
    ok: bool
    explanation: str


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
    passive_sentences: int = Field(description="Sentences in the passive voice ('wordt ... gedaan').")
    passive_share: float = Field(description="passive_sentences / sentences, between 0 and 1.")
    criteria: list[Criterion] = Field(description="Each B1 criterion separately, in a fixed order.")
    b1: bool = Field(description="Meets every B1 criterion.")
    advice: list[str] = Field(description="Why the text misses B1, one Dutch line per threshold missed.")
    difficult_sentences: list[DifficultSentence]


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


_WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden", "geworden"})
# A past participle: ge- after at most a separable prefix ('gemaakt', 'uitgelegd'), or be-/ver-/ont-/
# her-/er- + stem ('besproken', 'verstuurd'); ending in d, t or en.
_PARTICIPLE = re.compile(r"^(?:\w{0,6}ge\w{2,}|(?:be|ver|ont|her|er)\w{2,})(?:d|t|en)$")


def is_passive(sentence: Sentence) -> bool:
    """'Het rapport wordt door jou geschreven': a form of 'worden' and a past participle."""
    lowered = [word.lower() for word in sentence.words]
    return bool(_WORDEN.intersection(lowered)) and any(
        _PARTICIPLE.match(word) for word in lowered if word not in _WORDEN
    )


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


def _criteria(score: float, avg_sentence: float, long_share: float, passive_share: float) -> list[Criterion]:
    return [
        Criterion(
            name="Flesch-Douma",
            value=round(score, 1),
            limit=B1_MIN_SCORE,
            ok=score >= B1_MIN_SCORE,
            explanation=f"Leesgemak {score:.0f}; voor B1 minstens {B1_MIN_SCORE:.0f}.",
        ),
        Criterion(
            name="zinslengte",
            value=round(avg_sentence, 1),
            limit=B1_MAX_AVG_SENTENCE_WORDS,
            ok=avg_sentence <= B1_MAX_AVG_SENTENCE_WORDS,
            explanation=f"Gemiddeld {_decimal(avg_sentence)} woorden per zin; voor B1 hooguit "
            f"{B1_MAX_AVG_SENTENCE_WORDS:.0f}, liefst rond de 10.",
        ),
        Criterion(
            name="lange woorden",
            value=round(long_share, 3),
            limit=B1_MAX_LONG_WORD_SHARE,
            ok=long_share <= B1_MAX_LONG_WORD_SHARE,
            explanation=f"{long_share:.0%} lange woorden; voor B1 hooguit {B1_MAX_LONG_WORD_SHARE:.0%}.",
        ),
        Criterion(
            name="lijdende vorm",
            value=round(passive_share, 3),
            limit=B1_MAX_PASSIVE_SHARE,
            ok=passive_share <= B1_MAX_PASSIVE_SHARE,
            explanation=f"{passive_share:.0%} van de zinnen in de lijdende vorm; voor B1 hooguit "
            f"{B1_MAX_PASSIVE_SHARE:.0%}. Schrijf wie iets doet.",
        ),
    ]


def _advice(score: float, avg_sentence: float, long_share: float, passive_share: float = 0.0) -> list[str]:
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
    if passive_share > B1_MAX_PASSIVE_SHARE:
        advice.append(
            f"{passive_share:.0%} van de zinnen staat in de lijdende vorm; voor B1 is dat hooguit "
            f"{B1_MAX_PASSIVE_SHARE:.0%}. Schrijf wie iets doet: 'je schrijft het rapport'."
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
    n_passive = sum(is_passive(sentence) for sentence in sentences)
    passive_share = n_passive / n_sentences if n_sentences else 0.0
    advice = (
        _advice(score, avg_sentence, long_share, passive_share)
        if n_words
        else ["De tekst bevat geen woorden."]
    )
    return ReadabilityReport(
        score=score,
        words=n_words,
        sentences=n_sentences,
        syllables=n_syllables,
        avg_sentence_length=avg_sentence,
        avg_syllables_per_word=n_syllables / n_words if n_words else 0.0,
        long_words=n_long,
        long_word_share=long_share,
        passive_sentences=n_passive,
        passive_share=passive_share,
        criteria=_criteria(score, avg_sentence, long_share, passive_share),
        b1=not advice,
        advice=advice,
        difficult_sentences=[d for s in sentences if (d := _difficulty(s)) is not None],
    )
