"""Lists in the source come out as lists: bullet or numbered lines of a passage, an enumeration inside
one sentence ("... vijf persona's: Samira Strategie, Bert Beleid, Amir Advies en Vera Vergunning."), or
a slide's short capitalised lines one under the other ("Samira Strategie\nBert Beleid\n...").
Items are verbatim pieces of the passage, so they can be quoted and cited as they stand.
"""

import re
from dataclasses import dataclass

_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+(.+?)[ \t]*$", re.MULTILINE)
_SEPARATOR = re.compile(r"\s*(?:,|;|\ben\b|\bof\b|\band\b)\s*")
_MIN_ITEMS = 3
_MAX_ITEM_WORDS = 8
_MAX_ITEMS = 10
# A slide line that names something: two to four capitalised words, no sentence punctuation. Lines in
# capitals are headings broken over lines or a table of contents, not a list.
_NAME_LINE = re.compile(r"^(?=.*[a-z])[ \t]*[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){1,3}[ \t]*$")


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


def _lines(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"[^\n]+", text))


def line_runs(passage_text: str) -> list[tuple[int, int]]:
    """Offsets of each run of at least three name lines directly under each other."""
    runs: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for line in [*_lines(passage_text), None]:
        if line is not None and _NAME_LINE.match(line.group()):
            run.append(line)
            continue
        if len(run) >= _MIN_ITEMS:
            runs.append((run[0].start(), run[min(len(run), _MAX_ITEMS) - 1].end()))
        run = []
    return runs


def line_list(text: str) -> ListAnswer | None:
    """A run of name lines (see `line_runs`) as a list without an intro."""
    lines = [m.group().strip() for m in _lines(text)]
    if len(lines) < _MIN_ITEMS or not all(_NAME_LINE.match(line) for line in lines):
        return None
    return ListAnswer("", lines, 0)
