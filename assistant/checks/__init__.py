"""Checks on drafted Dutch vacancy texts: readability (B1), inclusive wording, officialese and length."""

from pydantic import BaseModel

from assistant.checks.inclusive import Address, Finding, check_inclusive
from assistant.checks.jargon import check_jargon
from assistant.checks.length import DEFAULT_MAX_WORDS, DEFAULT_MIN_WORDS, LengthReport, check_length
from assistant.checks.readability import (
    B1_MAX_AVG_SENTENCE_WORDS,
    B1_MAX_LONG_WORD_SHARE,
    B1_MIN_SCORE,
    DifficultSentence,
    ReadabilityReport,
    check_readability,
    count_syllables,
    count_words,
    flesch_douma,
)


class TextChecks(BaseModel):
    """All checks on one text; findings are in text order with offsets into that text."""

    readability: ReadabilityReport
    inclusive: list[Finding]
    jargon: list[Finding]
    length: LengthReport


def check_text(
    text: str,
    *,
    min_words: int = DEFAULT_MIN_WORDS,
    max_words: int = DEFAULT_MAX_WORDS,
    address: Address = "je",
) -> TextChecks:
    """Run every check on a drafted vacancy text; advice speaks the text's own form of address."""
    return TextChecks(
        readability=check_readability(text),
        inclusive=check_inclusive(text, address),
        jargon=check_jargon(text),
        length=check_length(text, min_words, max_words),
    )


__all__ = [
    "B1_MAX_AVG_SENTENCE_WORDS",
    "B1_MAX_LONG_WORD_SHARE",
    "B1_MIN_SCORE",
    "DEFAULT_MAX_WORDS",
    "DEFAULT_MIN_WORDS",
    "DifficultSentence",
    "Finding",
    "LengthReport",
    "ReadabilityReport",
    "TextChecks",
    "check_inclusive",
    "check_jargon",
    "check_length",
    "check_readability",
    "check_text",
    "count_syllables",
    "count_words",
    "flesch_douma",
]
