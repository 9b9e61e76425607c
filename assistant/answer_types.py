"""What kind of answer a text holds: a figure, a date, a duration, a name, a list, an amount of money.

Shared by the answer engine (does this sentence hold what the question asks?) and retrieval (does this
passage?), so both read a "hoeveel" or "wanneer" question the same way.
"""

import re

from assistant.answer_words import AnswerType, AnswerWords
from assistant.core.quotable import has_figure
from assistant.core.text_nl import fold

YEAR = re.compile(r"\b(19|20)\d\d\b")
NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-zà-ÿ]+(?:\s+(?:van|de|der|den)?\s*[A-Z][a-zà-ÿ]+)*")
ORGANISATION = re.compile(r"\b(gemeente|provincie|ministerie|waterschap|rijk|universiteit|hogeschool)\w*")
ENUMERATION = re.compile(r"\w+,\s+\w+(?:,\s+\w+)*\s+(?:en|of|and)\s+\w+")
CURRENCY = re.compile(r"€|\beuro\b|\bEUR\b", re.IGNORECASE)
FIGURE_TYPES = frozenset({"number", "date", "duration"})


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def holds_count(text: str, lexicon: AnswerWords) -> bool:
    """A figure ("249", "€ 18.500") or a number word ("zeventien", "helft"); the day of a date ("Looptijd:
    15 mei - 16 oktober 2022") counts nothing."""
    return has_figure(lexicon.date_pattern.sub(" ", text)) or bool(words_of(text) & lexicon.number_set)


def holds_type(text: str, answer_type: AnswerType | None, lexicon: AnswerWords, in_list: bool) -> bool:
    """Whether a sentence holds the kind of answer asked for."""
    match answer_type:
        case None:
            return True
        case "number":
            return holds_count(text, lexicon)
        case "duration":
            return bool(lexicon.duration_pattern.search(text))
        case "date":
            return bool(YEAR.search(text)) or bool(words_of(text) & set(lexicon.months))
        case "name":
            # a name, an organisation, or the people it lists ("bodemmedewerkers, teammanagers en ...")
            return bool(NAME.search(text) or ORGANISATION.search(fold(text)) or ENUMERATION.search(text))
        case "list":
            return in_list or text.count(",") >= 2 or text.rstrip().endswith(":")
