"""Lists in the source come out as lists: bullet or numbered lines of a passage, or an enumeration inside
one sentence ("... vijf persona's: Samira Strategie, Bert Beleid, Amir Advies en Vera Vergunning.").
Items are verbatim pieces of the passage, so they can be quoted and cited as they stand.
"""

import re
from dataclasses import dataclass

_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+(.+?)[ \t]*$", re.MULTILINE)
_SEPARATOR = re.compile(r"\s*(?:,|;|\ben\b|\bof\b|\band\b)\s*")
_MIN_ITEMS = 3
_MAX_ITEM_WORDS = 8
_MAX_ITEMS = 10


@dataclass(frozen=True)
class ListAnswer:
    intro: str  # the sentence's words before the items ("" for a bulleted list)
    items: list[str]
    end: int  # offset in the passage just after the last item, for the citation's quote


def inline_list(sentence: str) -> ListAnswer | None:
    """An enumeration after a colon: "De vijf rollen: A, B, C en D." -> intro and items."""
    head, colon, tail = sentence.partition(":")
    if not colon:
        return None
    items = [i.strip(" .;") for i in _SEPARATOR.split(tail.strip()) if i.strip(" .;")]
    if len(items) < _MIN_ITEMS or any(len(i.split()) > _MAX_ITEM_WORDS for i in items):
        return None
    return ListAnswer(f"{head.strip()}:", items[:_MAX_ITEMS], 0)


def bulleted_list(passage_text: str, after: int) -> ListAnswer | None:
    """The bullet or numbered lines that follow offset `after` in the passage, as one list."""
    items: list[str] = []
    end = after
    for match in _LIST_LINE.finditer(passage_text, after):
        gap = passage_text[end : match.start()]
        if gap.strip():
            break  # prose before or between the lines: no list here, or the list has ended
        items.append(match.group(1))
        end = match.end()
        if len(items) == _MAX_ITEMS:
            break
    return ListAnswer("", items, end) if len(items) >= _MIN_ITEMS else None
