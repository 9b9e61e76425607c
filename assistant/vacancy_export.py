"""Vacancy drafts as files: Markdown and Word (.docx), each with the sources listed under "Bronnen"."""

import io
import re
from dataclasses import dataclass
from typing import Literal

from docx import Document

from assistant.answer import Citation
from assistant.core.errors import InvalidInputError
from assistant.core.text_nl import fold
from assistant.vacancy import VacancyDraft

ExportFormat = Literal["md", "docx"]
MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SOURCES_HEADING = "Bronnen"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_EMPHASIS = re.compile(r"\*\*|__")


@dataclass(frozen=True)
class ExportFile:
    """A file to download: its name, media type and bytes."""

    filename: str
    media_type: str
    content: bytes


def _slug(text: str) -> str:
    """ASCII file-name part: 'Adviseur bodem bij Gemeente X' -> 'adviseur-bodem-bij-gemeente-x'."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:80].rstrip("-") or "tekst"


def filename_for(draft: VacancyDraft, fmt: ExportFormat) -> str:
    return f"vacature-{_slug(draft.title)}.{fmt}"


def _flat(text: str) -> str:
    return " ".join(text.split())


def citation_line(citation: Citation) -> str:
    """'[2] Title, section, p. 4: “quote”' with the quote on one line, as it appears in the source."""
    where = [citation.document_title]
    if citation.section and citation.section != citation.document_title:
        where.append(citation.section)
    if citation.page is not None:
        where.append(f"p. {citation.page}")
    return f"[{citation.n}] {', '.join(where)}: “{_flat(citation.quote)}”"


def persona_line(draft: VacancyDraft) -> str:
    """The persona card as a source, never as a document."""
    persona = draft.persona
    return (
        f"{persona.label[:1].upper()}{persona.label[1:]} ({persona.role}): taken, vaardigheden, "
        f"opleidingsniveau, werkdag en salarisindicatie. {persona.note}"
    )


def source_lines(draft: VacancyDraft) -> list[str]:
    return [*(citation_line(c) for c in draft.sources), persona_line(draft)]


def to_markdown(draft: VacancyDraft) -> str:
    """The draft's text (as edited) followed by the list of sources."""
    items = "\n".join(f"- {line}" for line in source_lines(draft))
    return f"{draft.text.rstrip()}\n\n## {SOURCES_HEADING}\n\n{items}\n"


def _blocks(markdown: str) -> list[tuple[str, str, int]]:
    """(kind, text, level) for headings, list items and paragraphs; wrapped lines join one paragraph."""
    blocks: list[tuple[str, str, int]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("paragraph", " ".join(paragraph), 0))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        heading, bullet = _HEADING.match(line), _BULLET.match(line)
        if not line:
            flush()
        elif heading:
            flush()
            blocks.append(("heading", heading.group(2).strip(), len(heading.group(1))))
        elif bullet:
            flush()
            blocks.append(("bullet", bullet.group(1).strip(), 0))
        else:
            paragraph.append(line)
    flush()
    return blocks


def to_docx(draft: VacancyDraft) -> bytes:
    """A Word document: the title, the section headings, paragraphs and lists, and the sources."""
    document = Document()
    document.core_properties.title = draft.title
    for kind, text, level in _blocks(draft.text):
        text = _EMPHASIS.sub("", text)
        if kind == "heading":
            # "# title" becomes the document title, "## section" a first-level heading.
            document.add_heading(text, level=max(0, level - 1))
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.add_heading(SOURCES_HEADING, level=1)
    for line in source_lines(draft):
        document.add_paragraph(line, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export_draft(draft: VacancyDraft, fmt: str) -> ExportFile:
    """The draft as a Markdown or Word file; InvalidInputError for any other format."""
    if fmt == "md":
        content = to_markdown(draft).encode("utf-8")
    elif fmt == "docx":
        content = to_docx(draft)
    else:
        raise InvalidInputError(f"Onbekend exportformaat '{str(fmt)[:20]}': kies md of docx.")
    return ExportFile(filename=filename_for(draft, fmt), media_type=MEDIA_TYPES[fmt], content=content)
