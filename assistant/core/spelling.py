"""Typing errors in a question, put right against the words of the documents.

A recruiter types "Ruimte voor Groie" or "de eerste lichitng"; read as typed, the search misses the
programme and the answer engine counts the unknown word as something the documents never mention, and
refuses. A word is corrected only when neither the documents nor Dutch or English use it (wordfreq) and it
is not a compound of known words: read as the documents' word one edit away (of several, the one they use
most), else, in a Dutch question, as a Dutch word one edit away ("salarsischaal"). "België" or "veerpont"
stay as they are: real words the documents lack say something about the question. Words the caller
blocks (slurs, obscenities) are never read, whatever was typed.
"""

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import get_frequency_dict, zipf_frequency

from assistant.core.text_nl import fold, split_compound

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_LENGTH = 5  # shorter words have too many neighbours to guess from
_KNOWN = 1.0  # wordfreq's Zipf scale: a word listed at all in Dutch or English is a word
_DICTIONARY = 1.5  # ... and one listed more often may be what was meant (the rarest include misspellings)


@dataclass(frozen=True)
class Correction:
    typed: str
    read: str


@dataclass(frozen=True)
class Speller:
    """The documents' words (folded) with how often each occurs, and the form they are written in."""

    counts: dict[str, int]
    written: dict[str, str]

    @classmethod
    def of(cls, texts: Iterable[str]) -> "Speller":
        # one pass of the regex over all text, then each distinct word once: 150k passages in seconds
        seen = Counter(_WORD.findall(unicodedata.normalize("NFC", "\n".join(texts)).lower()))
        counts: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        for word, n in seen.items():
            key = fold(word)
            counts[key] += n
            forms.setdefault(key, Counter())[word] += n
        return cls(dict(counts), {k: f.most_common(1)[0][0] for k, f in forms.items()})

    def save(self, path: Path) -> None:
        data = {"counts": self.counts, "written": self.written}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Speller":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["counts"], data["written"])

    def correct(self, text: str, *, dutch: bool, blocked: frozenset[str]) -> tuple[str, list[Correction]]:
        """The text with its typing errors put right, and what was changed. A question in English is put
        right against the documents' words only; a word in `blocked` (folded) is never read."""
        corrections: list[Correction] = []

        def fix(match: re.Match[str]) -> str:
            typed = match.group(0)
            # "Beverwjik's": the name is what is spelled, and it keeps its 's
            base, suffix = re.match(r"([^'’]+)(.*)", typed).groups()
            read = self._word(base, dutch, blocked)
            if read is None:
                return typed
            read = (read[0].upper() + read[1:] if base[0].isupper() else read) + suffix
            corrections.append(Correction(typed, read))
            return read

        return _WORD.sub(fix, unicodedata.normalize("NFC", text)), corrections

    def _word(self, typed: str, dutch: bool, blocked: frozenset[str]) -> str | None:
        key = fold(typed)
        if len(key) < _MIN_LENGTH or key in self.counts or _is_word(typed) or len(split_compound(key)) > 1:
            return None
        # One edit (a swap counts as one): two read real words wrongly ("bewadneld" as "behandeld",
        # "vakkrachten", a compound nobody lists, as "verkrachten"). The documents' word first; else a
        # word the documents lack, misspelt ("salarsischaal"), as Dutch writes it, so the search sees the
        # word and the answer engine knows it for a real word the documents do not use.
        sources = [(self.counts, self.written), *([_dutch_words()] if dutch else [])]
        for counts, written in sources:
            near = [
                m
                for m in process.extract(key, counts.keys(), scorer=OSA.distance, score_cutoff=1, limit=None)
                if m[0] not in blocked
            ]
            if near:
                return written[min(near, key=lambda m: -counts[m[0]])[0]]
        return None


@cache
def _dutch_words() -> tuple[dict[str, float], dict[str, str]]:
    """Dutch words of some length that wordfreq knows well enough, folded, with their frequency and the
    form of the most frequent one that folds to it; read once."""
    counts: dict[str, float] = {}
    written: dict[str, str] = {}
    for word, share in get_frequency_dict("nl").items():
        key = fold(word)
        frequent = len(word) >= _MIN_LENGTH and word.isalpha() and math.log10(share) + 9 >= _DICTIONARY
        if frequent and share > counts.get(key, 0.0):  # "geïdentificeerd", not the rarer "geidentificeerd"
            counts[key], written[key] = share, word
    return counts, written


def _is_word(word: str) -> bool:
    lower = word.lower()
    return zipf_frequency(lower, "nl") >= _KNOWN or zipf_frequency(lower, "en") >= _KNOWN
