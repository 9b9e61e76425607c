"""Length of a vacancy text in words, against a target range."""

from typing import Literal

from pydantic import BaseModel

from assistant.checks.readability import count_words

# Dutch vacancy-writing guidance: long enough for tasks, requirements and terms of employment,
# short enough to be read on a phone. Callers can pass their own range.
DEFAULT_MIN_WORDS = 350
DEFAULT_MAX_WORDS = 700

Verdict = Literal["te kort", "goed", "te lang"]


class LengthReport(BaseModel):
    """Word count, the target range and a verdict with a Dutch explanation."""

    words: int
    min_words: int
    max_words: int
    verdict: Verdict
    message: str


def _verdict(words: int, min_words: int, max_words: int) -> tuple[Verdict, str]:
    """The verdict and its Dutch message; both bounds count as "goed"."""
    if words < min_words:
        return "te kort", (
            f"De tekst telt {words} woorden; mik op {min_words} tot {max_words}. "
            "Vul aan met taken, eisen of arbeidsvoorwaarden."
        )
    if words > max_words:
        return "te lang", (
            f"De tekst telt {words} woorden; dat is meer dan {max_words}. Schrap herhalingen en bijzaken."
        )
    return "goed", f"De tekst telt {words} woorden; dat past binnen {min_words} tot {max_words}."


def check_length(
    text: str, min_words: int = DEFAULT_MIN_WORDS, max_words: int = DEFAULT_MAX_WORDS
) -> LengthReport:
    """Count words (no markdown syntax, no "[3]" markers) and compare with the target range."""
    if not 0 <= min_words <= max_words:
        raise ValueError(
            f"target range must satisfy 0 <= min_words <= max_words, got {min_words}-{max_words}"
        )
    words = count_words(text)
    verdict, message = _verdict(words, min_words, max_words)
    return LengthReport(
        words=words, min_words=min_words, max_words=max_words, verdict=verdict, message=message
    )
