"""The publishable text as Markdown and as plain text, its checks, and why it is not publishable yet.

All persona and recruiter text is plain text: Markdown and HTML characters are escaped, so a name
with '<script>' or '**' stays literal in every export.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assistant.vacancy.models import DraftSection, Header
from assistant.vacancy.wording import VacancyWording

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
# Characters with a Markdown or HTML meaning anywhere in a line; '(' and '!' only matter after these.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
# At the start of a line: a list item, numbered item or quote.
_MD_LINE_START = re.compile(r"^([-+>]|\d+\.)(?=\s)")
_LIST_ITEM = re.compile(r"^-\s+")


def escape_markdown(text: str) -> str:
    """Plain text made safe for Markdown: every character with a Markdown or HTML meaning escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def dutch_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def header_lines(header: Header, wording: VacancyWording) -> list[tuple[str, str]]:
    """(label, value) for each header fact the recruiter gave, in the usual order."""
    values = {
        "location": header.location,
        "hours": f"{header.hours} uur" if header.hours else None,
        "salary": header.salary,
        "education_level": header.education_level,
        "closing_date": dutch_date(header.closing_date) if header.closing_date else None,
        "vacancy_number": header.vacancy_number,
    }
    return [(wording.header_labels[k], v) for k, v in values.items() if v]


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """A section's text as ('list', items) and ('paragraph', [text]) blocks."""
    found: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        # An empty list item ("-" left after deleting its text) is no content.
        lines = [line.strip() for line in chunk.splitlines() if line.strip() not in ("", "-")]
        if not lines:
            continue
        if all(_LIST_ITEM.match(line) for line in lines):
            found.append(("list", [_LIST_ITEM.sub("", line) for line in lines]))
        else:
            found.append(("paragraph", [" ".join(lines)]))
    return found


@dataclass(frozen=True)
class Block:
    """One piece of a document, rendered alike to Markdown and Word: a heading, paragraph, list item or
    labelled fact ('Standplaats: Enschede')."""

    kind: Literal["heading", "paragraph", "bullet", "fact"]
    text: str
    level: int = 0
    label: str = ""


def section_blocks(section: DraftSection) -> list[Block]:
    found = [Block("heading", section.title, 2)]
    for kind, items in blocks(section.text):
        found += [Block("bullet" if kind == "list" else "paragraph", item) for item in items]
    return found


def vacancy_blocks(
    title: str, header: Header, sections: list[DraftSection], wording: VacancyWording
) -> list[Block]:
    found = [Block("heading", title, 1)]
    found += [Block("fact", value, label=label) for label, value in header_lines(header, wording)]
    for section in sections:
        if section.text.strip():
            found += section_blocks(section)
    return found


def to_markdown(document: list[Block]) -> str:
    """Markdown with every text escaped; list items and facts grouped, blank lines between blocks."""
    parts: list[str] = []
    previous = ""
    for block in document:
        text = escape_markdown(block.text)
        if block.kind == "heading":
            parts.append(f"\n{'#' * block.level} {text}\n")
        elif block.kind == "paragraph":
            parts.append(f"\n{text}\n")
        else:
            line = f"- **{escape_markdown(block.label)}:** {text}" if block.kind == "fact" else f"- {text}"
            parts.append(line if previous in ("bullet", "fact") else f"\n{line}")
        previous = block.kind
    return re.sub(r"\n{3,}", "\n\n", "\n".join(parts)).strip() + "\n"


def body_plain(sections: list[DraftSection]) -> str:
    """Only the running text of the sections: the B1 checks are about that, not the header facts."""
    out = []
    for section in sections:
        for kind, items in blocks(section.text):
            out += (
                [item if re.search(r"[.!?:]$", item) else f"{item}." for item in items]
                if kind == "list"
                else items
            )
    return "\n".join(out)
