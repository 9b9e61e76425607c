"""Dutch analysis for keyword search: accent folding, tokens, stop words, compound splitting, stemming.

The same analyser runs over documents at ingest and over questions at query time, so both sides meet on
the same terms: "arbeidsmarktkrapte" and "krapte op de arbeidsmarkt" share the stems of
"arbeidsmarkt" and "krapte".
"""

import re
import unicodedata
from functools import cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH
from wordfreq import zipf_frequency

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STEMMER = Stemmer.Stemmer("dutch")
# Question words carry no topic: "Hoeveel ..." should not favour passages that happen to say "hoeveel".
STOPWORDS = frozenset(STOPWORDS_DUTCH) | {
    "wel",
    "we",
    "gaat",
    "via",
    "hoeveel",
    "welke",
    "welk",
    "waarom",
    "wanneer",
    "waarvoor",
    "hoelang",
    "vaak",
    "waar",
    "waardoor",
    "waarmee",
    "waarin",
    "waarop",
    "waarover",
    "hoezo",
    # fillers of a spoken question: "Hoeveel kost dat eigenlijk precies?"
    "eigenlijk",
    "precies",
    "ongeveer",
}

# Parts of a compound must be real, reasonably common Dutch words of some length, else
# "beleidsadviseur" would also yield noise such as "leids".
_MIN_PART = 4
_MIN_COMPOUND = 9
# Short parts need to be common to count ("leids" is not a word here); longer ones may be rarer ("krapte").
_SHORT_PART_ZIPF = 3.0
_LONG_PART_ZIPF = 2.3
_LINKING = ("s", "en", "e")
# Prefixes that are words on their own but make noise as compound heads ("mede|werkers", "onder|zoekers").
_PREFIXES = frozenset({"mede", "onder", "over", "voor", "door", "samen", "tegen", "terug", "achter"})


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(text: str) -> str:
    """Lowercase and strip accents, so "carrière" and "carriere" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    # Combining marks are never ASCII: only the few other characters are looked at one by one (a
    # character-by-character pass made duplicate checks over a large index's candidates slow).
    return decomposed if decomposed.isascii() else _NON_ASCII.sub(_drop_combining, decomposed)


def words(text: str) -> list[str]:
    """Folded word tokens; hyphenated words stay whole here ("zij-instromer")."""
    return _WORD.findall(fold(text))


@cache
def _is_word(word: str) -> bool:
    if len(word) < _MIN_PART or word in STOPWORDS or word in _PREFIXES:
        return False
    return zipf_frequency(word, "nl") >= (_SHORT_PART_ZIPF if len(word) == _MIN_PART else _LONG_PART_ZIPF)


@cache
def split_compound(word: str) -> tuple[str, ...]:
    """Split a Dutch compound into known parts ("arbeidsmarktkrapte" -> arbeidsmarkt, krapte); () if none."""
    if len(word) < _MIN_COMPOUND or not word.isalpha():
        return ()
    best: tuple[float, str, str] | None = None
    for i in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, tail = word[:i], word[i:]
        if not _is_word(tail):
            continue
        for candidate in (head, *(head[: -len(link)] for link in _LINKING if head.endswith(link))):
            if _is_word(candidate):
                score = min(zipf_frequency(candidate, "nl"), zipf_frequency(tail, "nl"))
                if best is None or score > best[0]:
                    best = (score, candidate, tail)
    if best is None:
        return ()
    _, head, tail = best
    return tuple(part for piece in (head, tail) for part in (piece, *split_compound(piece)))


def expand(word: str) -> list[str]:
    """A token plus what it stands for: parts of hyphenated words, their joined form, compound parts."""
    if "-" in word:
        parts = word.split("-")
        joined = "".join(parts)
        return [joined, *parts, *split_compound(joined)]
    return [word, *split_compound(word)]


def _is_term(word: str) -> bool:
    # A letter alone is what an apostrophe or ampersand leaves ("zo'n", "collega's", "A&O"), and the
    # English article "a": never a topic. A digit alone is ("draaiknop 5").
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def analyse(text: str) -> list[str]:
    """Stemmed search terms of a text, stop words removed, compounds also as their parts."""
    terms = [term for word in words(text) for term in expand(word) if _is_term(term)]
    return _STEMMER.stemWords(terms)


def stems(text: str) -> list[str]:
    """Stems of the whole words of a text (no compound parts), stop words removed."""
    return _STEMMER.stemWords([w.replace("-", "") for w in words(text) if _is_term(w)])


def wordset(words: str) -> frozenset[str]:
    """A word list written as one string ('en of maar'), for the small fixed lists in the code."""
    return frozenset(words.split())
