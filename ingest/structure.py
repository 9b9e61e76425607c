"""Structure first: split a document's raw text into its natural units (records, practices, sections,
slides) before any splitting by size. Every unit keeps character offsets into the raw text.

Which splitter runs is read from the text itself (record fields, DRAAIKNOP tags, BLAUWDRUK footers);
the manifest may name one explicitly. Splitters keep titles as printed; `split_sections` gives headings
set in capitals back in the document's own casing (ingest/casing.py).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from ingest.casing import sentence_case, word_forms

Layout = Literal["projects", "good_practices", "blueprint", "slides", "headings"]


@dataclass(frozen=True)
class Section:
    title: str
    start: int
    end: int
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int


def _lines(raw: str) -> list[_Line]:
    out, pos = [], 0
    for text in raw.split("\n"):
        out.append(_Line(text, pos, pos + len(text)))
        pos += len(text) + 1
    return out


_PROJECT = re.compile(r"^Project:\s*(.*)$")
_FIELD = re.compile(r"^(Thema|Looptijd|Gemeente|Gemeenten|Project):\s*(.*)$")
_DRAAIKNOP = re.compile(r"^\s*DRAAIKNOP:\s*(.+?)\s*$")
_BLAUWDRUK = re.compile(r"^\s*BLAUWDRUK\s+-\s*(.*?)\s*(\d+)?\s*$")
_PRACTICE_TITLE_LINES = 3
# Headings of a magazine's end matter: they close the last practice instead of belonging to it.
_END_MATTER = re.compile(r"^(CONCLUSIE|TOT SLOT|SLOTWOORD|COLOFON|BRONNEN|OVERZICHT\b.*|BIJLAGE\b.*)$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+)$")


def _is_caps_heading(text: str) -> bool:
    """An all-capitals line of some length: how the magazines mark headings."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 6 and all(ch.isupper() for ch in letters) and len(text.strip()) <= 80


def detect_layout(raw: str) -> Layout:
    """Pick the splitter from what the text contains."""
    if len(re.findall(r"^Project:", raw, re.MULTILINE)) >= 3:
        return "projects"
    if len(re.findall(r"^\s*DRAAIKNOP:", raw, re.MULTILINE)) >= 3:
        return "good_practices"
    if len(re.findall(r"^\s*BLAUWDRUK\s+-", raw, re.MULTILINE)) >= 3:
        return "blueprint"
    if raw.count("▪") >= 10 and len(re.findall(r"\n\s*\n\s*\n", raw)) >= 5:
        return "slides"
    return "headings"


def _previous_nonblank(lines: list[_Line], index: int) -> int | None:
    index -= 1
    while index >= 0 and not lines[index].text.strip():
        index -= 1
    return index if index >= 0 else None


def _field_values(lines: list[_Line]) -> dict[str, str]:
    """Record fields; a value on the line after its label ("Looptijd:\\n2020") is taken from there."""
    values: dict[str, str] = {}
    for i, line in enumerate(lines):
        match = _FIELD.match(line.text.strip())
        if not match or match[1] in values:
            continue
        value = match[2].strip()
        if not value:
            nxt = next((ln.text.strip() for ln in lines[i + 1 : i + 3] if ln.text.strip()), "")
            value = "" if _FIELD.match(nxt) else nxt
        values[match[1]] = value
    return values


def _split_at(raw: str, starts: list[tuple[int, str, dict[str, str]]]) -> list[Section]:
    """Sections from sorted (offset, title, fields) starts; text before the first start is an intro."""
    if not starts:
        return [Section("", 0, len(raw))]
    sections = []
    if raw[: starts[0][0]].strip():
        sections.append(Section("Inleiding", 0, starts[0][0]))
    for (start, title, fields), nxt in zip(starts, [*starts[1:], (len(raw), "", {})], strict=True):
        sections.append(Section(title, start, nxt[0], fields))
    return sections


def split_projects(raw: str) -> list[Section]:
    """One section per project record: title line, organisation line, then "Project:" and its fields."""
    lines = _lines(raw)
    starts: list[tuple[int, str, dict[str, str]]] = []
    for i, line in enumerate(lines):
        if not _PROJECT.match(line.text.strip()):
            continue
        org = _previous_nonblank(lines, i)
        title = _previous_nonblank(lines, org) if org is not None else None
        first = title if title is not None else (org if org is not None else i)
        organisation = lines[org].text.strip() if org is not None else ""
        starts.append((lines[first].start, lines[first].text.strip(), {"organisation": organisation}))
    return [_with_project_fields(raw, s) for s in _split_at(raw, starts)]


def _with_project_fields(raw: str, section: Section) -> Section:
    values = _field_values(_lines(raw[section.start : section.end]))
    if "Project" not in values:
        return section
    organisation = section.fields.get("organisation", "")
    municipality = values.get("Gemeente") or values.get("Gemeenten") or organisation.split(":")[0]
    municipality = re.sub(r"^Gemeenten?:?\s+", "", municipality).strip()
    fields = {
        "project": values["Project"],
        "municipality": municipality,
        "theme": values.get("Thema", ""),
        "period": values.get("Looptijd", ""),
    }
    return Section(section.title, section.start, section.end, fields)


def _caps_block_above(lines: list[_Line], index: int, reach: int = 40) -> int | None:
    """Index of the first line of the nearest all-capitals block above `index`."""
    for i in range(index - 1, max(index - reach, -1), -1):
        if _is_caps_heading(lines[i].text):
            while i > 0 and _is_caps_heading(lines[i - 1].text):
                i -= 1
            return i
    return None


def parse_draaiknoppen(value: str) -> list[int]:
    """ "1 T/M 5" -> [1..5], "1, 4 EN 5" -> [1, 4, 5]."""
    span = re.search(r"(\d)\s*T/M\s*(\d)", value, re.IGNORECASE)
    if span:
        return list(range(int(span[1]), int(span[2]) + 1))
    return sorted({int(n) for n in re.findall(r"\d", value)})


def split_good_practices(raw: str) -> list[Section]:
    """One section per good practice: its capitals title block down to the next practice's title."""
    lines = _lines(raw)
    starts: list[tuple[int, str, dict[str, str]]] = []
    for i, line in enumerate(lines):
        match = _DRAAIKNOP.match(line.text)
        if not match:
            continue
        top = _caps_block_above(lines, i)
        first = top if top is not None else i
        title_lines = [ln.text.strip() for ln in lines[first:i] if _is_caps_heading(ln.text)]
        title = " ".join(title_lines) or f"Good practice (draaiknop {match[1]})"
        knobs = ",".join(str(n) for n in parse_draaiknoppen(match[1]))
        if starts and lines[first].start <= starts[-1][0]:
            continue
        starts.append((lines[first].start, title, {"draaiknop": knobs}))
    starts = sorted(starts + _untagged_practices(lines, starts))
    return _split_intro_by_headings(raw, _split_at(raw, starts))


def _untagged_practices(lines: list[_Line], tagged: list[tuple[int, str, dict[str, str]]]) -> list:
    """Practices without a DRAAIKNOP tag (a title of three or more capital lines after the first practice;
    sub-headings inside a practice are one or two lines), and end-matter headings."""
    if not tagged:
        return []
    taken = {offset for offset, _, _ in tagged}
    found, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_caps_heading(lines[j].text):
            j += 1
        if _END_MATTER.match(lines[i].text.strip()) and lines[i].start not in taken:
            found.append((lines[i].start, lines[i].text.strip(), {}))
        is_quote = lines[i].text.strip(" \t\ufffd").startswith(("“", '"', "‘", "'"))  # a pull quote
        if (
            j - i >= _PRACTICE_TITLE_LINES
            and lines[i].start > tagged[0][0]
            and lines[i].start not in taken
            and not is_quote
        ):
            title = " ".join(ln.text.strip() for ln in lines[i:j])
            found.append((lines[i].start, title, {}))
        i = max(j, i + 1)
    return found


def _split_intro_by_headings(raw: str, sections: list[Section]) -> list[Section]:
    """The introduction before the first practice is split further at its own headings."""
    if not sections or sections[0].title != "Inleiding":
        return sections
    intro = sections[0]
    parts = split_headings(raw[intro.start : intro.end])
    return [Section(p.title, p.start + intro.start, p.end + intro.start) for p in parts] + sections[1:]


def split_blueprint(raw: str) -> list[Section]:
    """The blueprint's footers ("BLAUWDRUK - Werving en selectie") name the section of the page above."""
    lines = _lines(raw)
    sections: list[Section] = []
    start = 0
    for line in lines:
        match = _BLAUWDRUK.match(line.text)
        if not match:
            continue
        title = match[1].strip() or (sections[-1].title if sections else "Blauwdruk")
        if sections and sections[-1].title == title and sections[-1].end == start:
            sections[-1] = Section(title, sections[-1].start, line.end)
        else:
            sections.append(Section(title, start, line.end))
        start = line.end
    if raw[start:].strip():
        sections.append(Section(sections[-1].title if sections else "Blauwdruk", start, len(raw)))
    return sections


def split_slides(raw: str) -> list[Section]:
    """Slides are separated by runs of blank lines; a slide's first line is its title."""
    sections = []
    for match in re.finditer(r"(?:(?!\n[ \t]*\n[ \t]*\n).)+", raw, re.DOTALL):
        text = match.group()
        if not text.strip():
            continue
        sections.append(Section(_slide_title(text), match.start(), match.end()))
    return sections


def _slide_title(text: str) -> str:
    """The lines before the first bullet (slide titles wrap over several short lines)."""
    head = []
    for line in (ln.strip() for ln in text.split("\n") if ln.strip()):
        if line.startswith("▪") or len(head) == 3:
            break
        head.append(line)
    return " ".join(head) or text.strip().split("\n")[0].strip(" ▪")


def split_headings(raw: str) -> list[Section]:
    """Generic: split at markdown headings and all-capitals heading lines."""
    lines = _lines(raw)
    starts: list[tuple[int, str, dict[str, str]]] = []
    previous_heading = -2
    for i, line in enumerate(lines):
        md = _MD_HEADING.match(line.text.strip())
        if md or _is_caps_heading(line.text):
            if i == previous_heading + 1 and starts:  # a heading over two lines
                offset, title, fields = starts[-1]
                starts[-1] = (offset, f"{title} {line.text.strip()}", fields)
            else:
                starts.append((line.start, md[1] if md else line.text.strip(), {}))
            previous_heading = i
    return _split_at(raw, starts)


SPLITTERS: dict[Layout, Callable[[str], list[Section]]] = {
    "projects": split_projects,
    "good_practices": split_good_practices,
    "blueprint": split_blueprint,
    "slides": split_slides,
    "headings": split_headings,
}


def split_sections(raw: str, layout: Layout | None = None) -> list[Section]:
    """Structural units of a document, in order, covering the raw text; titles in the document's casing."""
    forms = word_forms(raw)
    return [
        replace(s, title=sentence_case(s.title, forms)) for s in SPLITTERS[layout or detect_layout(raw)](raw)
    ]
