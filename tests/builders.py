"""Real files and checks the tests share: PDFs and Word files generated on the spot, retrieved passages
for fake searchers, a walk over JSON answers for the personal-data checks, and the check that an API error
is readable JSON."""

import io
from collections.abc import Iterator

import docx
import httpx
from fpdf import FPDF

from assistant.retrieval import Passage

# Opaque identifiers: hex ids can look like phone numbers, so the personal-data checks skip them.
ID_FIELDS = frozenset(
    {"id", "chunk_id", "document_id", "persona_id", "conversation_id", "generation", "fingerprint"}
)


def make_pdf(pages: list[str], title: str = "", **encryption: str) -> bytes:
    """A real PDF with one page per text (an empty text gives a page with only a drawing, no text);
    `encryption` goes to fpdf2's set_encryption."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    if encryption:
        pdf.set_encryption(**encryption)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(w=0, text=text)
        else:
            pdf.rect(20, 20, 50, 50)
    return bytes(pdf.output())


def make_docx(title: str, paragraphs: list[str], core_title: str = "") -> bytes:
    """A Word file with `title` as its first heading (none when empty) and `core_title` in its metadata."""
    document = docx.Document()
    document.core_properties.title = core_title
    if title:
        document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_passage(
    text: str,
    chunk_id: str,
    document_id: str,
    section: str,
    title: str = "Praktijk",
    kind: str = "magazine",
) -> Passage:
    """A retrieved passage that is all of `text`, as a fake searcher returns it."""
    return Passage(
        chunk_id=chunk_id,
        document_id=document_id,
        document_title=title,
        kind=kind,
        section=section,
        line_start=1,
        line_end=2,
        start=0,
        end=len(text),
        text=text,
        score=1.0,
    )


def json_strings(value: object, key: str = "") -> Iterator[str]:
    """Every string value of a JSON document, except opaque identifiers."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from json_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v, key)
    elif isinstance(value, str) and key not in ID_FIELDS:
        yield value


def assert_error(response: httpx.Response, status: int) -> str:
    """An error answered as JSON with a readable detail and no internals; returns the detail."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "Traceback" not in response.text
    assert 'File "' not in response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.strip()
    return detail
