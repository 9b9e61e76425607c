"""Files to download: the publishable vacancy text, or the onderbouwing as a separate annex.

Both as Markdown or Word, named after the draft's title. The vacancy file holds nothing but the
text; the sources, practices and the persona card are in the onderbouwing.
"""

import io
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from docx import Document

from assistant.answer import Citation
from assistant.core.errors import ConflictError, InvalidInputError
from assistant.core.text_nl import fold
from assistant.vacancy.models import VacancyDraft
from assistant.vacancy.render import Block, to_markdown, vacancy_blocks
from assistant.vacancy.wording import VacancyWording

ExportFormat = Literal["md", "docx"]
ExportPart = Literal["vacature", "onderbouwing"]
MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
STATUS_LABELS = {"open": "voorstel", "accepted": "overgenomen, te bevestigen", "confirmed": "bevestigd"}
PERSONA_NOTE = "Eigen profiel van de HR-assistent (personakaart), geen brondocument."


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    content: bytes

    @property
    def content_disposition(self) -> str:
        """ASCII name for old clients, the UTF-8 name for the rest (RFC 6266)."""
        return f"attachment; filename=\"{self.filename}\"; filename*=UTF-8''{quote(self.filename)}"


def slug(text: str) -> str:
    """ASCII file-name part: 'Toezichthouder bij Gemeente Enschede' -> 'toezichthouder-bij-gemeente-...'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80].rstrip("-") or "tekst"


def filename_for(draft: VacancyDraft, fmt: ExportFormat, part: ExportPart) -> str:
    return f"{part}-{slug(draft.title)}.{fmt}"


def _as_written(section: str) -> bool:
    """False for headings the ingest title-cased ('Aandacht Voor De Risico’S'): they would mislead."""
    words = [w for w in section.split() if len(w) > 2]
    return len(words) < 3 or not all(w[:1].isupper() for w in words)


def citation_line(citation: Citation) -> str:
    where = [citation.document_title]
    if citation.section and citation.section != citation.document_title and _as_written(citation.section):
        where.append(citation.section)
    if citation.page is not None:
        where.append(f"p. {citation.page}")
    return f"[{citation.n}] {', '.join(where)}: “{' '.join(citation.quote.split())}”"


def onderbouwing_blocks(draft: VacancyDraft) -> list[Block]:
    found = [
        Block("heading", f"Onderbouwing: {draft.title}", 1),
        Block(
            "paragraph",
            "Voor de recruiter, niet om te publiceren. Per deel van de tekst: wat de bronnen laten zien "
            "en welke zin je kunt overnemen als de werkgever het echt biedt.",
        ),
    ]
    for part in draft.onderbouwing:
        found.append(Block("heading", part.title, 2))
        if not part.suggestions:
            found.append(Block("paragraph", "Geen voorbeelden uit de bronnen voor dit deel."))
        for s in part.suggestions:
            scope = "; geldt voor de hele sector" if s.sector_wide else ""
            found.append(
                Block(
                    "fact",
                    f"{s.practice} Voorstel voor de tekst: {s.wording} ({STATUS_LABELS[s.status]}{scope})",
                    label=s.label,
                )
            )
    found.append(Block("heading", "Bronnen", 2))
    found += [Block("bullet", citation_line(c)) for c in draft.sources]
    found.append(Block("bullet", f"Personakaart {draft.persona.name} ({draft.persona.role}). {PERSONA_NOTE}"))
    if draft.note:
        found += [Block("heading", "Notitie van de recruiter", 2), Block("paragraph", draft.note)]
    return found


def to_docx(title: str, document: list[Block]) -> bytes:
    """A Word document from the same blocks as the Markdown; text goes in as text, never as markup."""
    doc = Document()
    doc.core_properties.title = title
    for block in document:
        if block.kind == "heading":
            doc.add_heading(block.text, level=max(0, block.level - 1))
        elif block.kind == "paragraph":
            doc.add_paragraph(block.text)
        else:
            paragraph = doc.add_paragraph(style="List Bullet")
            if block.kind == "fact":
                paragraph.add_run(f"{block.label}: ").bold = True
            paragraph.add_run(block.text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def export_draft(draft: VacancyDraft, fmt: str, part: str, wording: VacancyWording) -> ExportFile:
    """The vacancy or its onderbouwing as a file; the vacancy only once every accepted claim is confirmed."""
    if fmt not in MEDIA_TYPES:
        raise InvalidInputError(f"Onbekend exportformaat '{str(fmt)[:20]}': kies md of docx.")
    if part == "vacature":
        waiting = [s.label for o in draft.onderbouwing for s in o.suggestions if s.status == "accepted"]
        if waiting:
            raise ConflictError(
                f"Nog te bevestigen: {', '.join(waiting)}. "
                "Bevestig of pas deze zinnen aan voor je de vacature exporteert."
            )
        document = vacancy_blocks(draft.title, draft.header, draft.sections, wording)
    elif part == "onderbouwing":
        document = onderbouwing_blocks(draft)
    else:
        raise InvalidInputError(f"Onbekend deel '{str(part)[:20]}': kies vacature of onderbouwing.")
    content = to_markdown(document).encode("utf-8") if fmt == "md" else to_docx(draft.title, document)
    return ExportFile(filename_for(draft, fmt, part), MEDIA_TYPES[fmt], content)  # type: ignore[arg-type]
