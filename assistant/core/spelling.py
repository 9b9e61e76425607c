"""Typing errors in a question, put right against the words of the documents.

A recruiter types "Ruimte voor Groie" or "de eerste lichitng"; read as typed, the search misses the
programme and the answer engine counts the unknown word as something the documents never mention, and
refuses. A word is corrected only when neither the documents nor Dutch or English use it (wordfreq), it is
not a compound of known words, and one word of the documents is within one edit of it (two for a long
word); of several, the one the documents use most. Else a Dutch word one edit away ("salarsischaal").
"België" or "veerpont" stay as they are: real words the documents lack say something about the question.
"""

import json
import math
import re
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
_LONG = 8  # from this length two edits (a swap counts as one) may be put right
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
        seen = Counter(_WORD.findall("\n".join(texts).lower()))
        counts: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        for word, n in seen.items():
            key = fold(word)
            counts[key] += n
            forms.setdefault(key, Counter())[word] += n
        return cls(dict(counts), {k: f.most_common(1)[0][0] for k, f in forms.items()})

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"counts": self.counts, "written": self.written}, ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> "Speller":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["counts"], data["written"])

    def correct(self, text: str) -> tuple[str, list[Correction]]:
        """The text with its typing errors put right, and what was changed."""
        corrections: list[Correction] = []

        def fix(match: re.Match[str]) -> str:
            typed = match.group(0)
            read = self._word(typed)
            if read is None:
                return typed
            read = read[0].upper() + read[1:] if typed[0].isupper() else read
            corrections.append(Correction(typed, read))
            return read

        return _WORD.sub(fix, text), corrections

    def _word(self, typed: str) -> str | None:
        key = re.split(r"['’]", fold(typed))[0]  # "Beverwijk's": whose, the name is what is spelled
        if len(key) < _MIN_LENGTH or key in self.counts or _is_word(typed) or len(split_compound(key)) > 1:
            return None
        edits = 2 if len(key) >= _LONG else 1
        near = process.extract(key, self.counts.keys(), scorer=OSA.distance, score_cutoff=edits, limit=None)
        if near:
            best = min(near, key=lambda m: (m[1], -self.counts[m[0]]))
            return self.written[best[0]]
        # A word the documents lack, misspelt ("salarsischaal"): put right as Dutch writes it, so the
        # search sees the word and the answer engine knows it for a real word the documents do not use.
        dutch = _dutch_words()
        # One edit only: two would read "vakkrachten" (a compound wordfreq lacks) as "verkrachten".
        near = process.extract(key, dutch.keys(), scorer=OSA.distance, score_cutoff=1, limit=None)
        return dutch[min(near, key=lambda m: (m[1], -zipf_frequency(dutch[m[0]], "nl")))[0]] if near else None


@cache
def _dutch_words() -> dict[str, str]:
    """Dutch words of some length that wordfreq knows well enough (folded -> as written); read once."""
    return {
        fold(word): word
        for word, share in get_frequency_dict("nl").items()
        if len(word) >= _MIN_LENGTH and word.isalpha() and math.log10(share) + 9 >= _DICTIONARY
    }


def _is_word(word: str) -> bool:
    lower = word.lower()
    return zipf_frequency(lower, "nl") >= _KNOWN or zipf_frequency(lower, "en") >= _KNOWN
