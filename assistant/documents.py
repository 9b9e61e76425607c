"""One whole document as it was indexed: its redacted text with the sections, pages and passages the
viewer needs to open it at a cited passage."""

from pydantic import BaseModel

from assistant.core.errors import NotFoundError
from assistant.core.snapshot import DocumentRecord, Snapshot
from assistant.service import Assistant


class Span(BaseModel):
    start: int  # offsets into `DocumentText.text`
    end: int


class SectionSpan(Span):
    title: str


class PageStart(BaseModel):
    number: int
    start: int  # offset of the first passage that begins on this page


class PassageSpan(Span):
    id: str
    position: int
    section: str
    page: int | None = None
    page_end: int | None = None


class DocumentText(BaseModel):
    document: DocumentRecord
    text: str
    sections: list[SectionSpan]
    pages: list[PageStart]
    passages: list[PassageSpan]


def find_document(assistant: Assistant, document_id: str) -> tuple[Snapshot, DocumentRecord]:
    snapshot = assistant.snapshot()
    document = snapshot.documents.get(document_id)
    if document is None:
        raise NotFoundError(f"Document {document_id!r} bestaat niet (meer) in de index.")
    return snapshot, document


def read_document(assistant: Assistant, document_id: str) -> DocumentText:
    """The current generation's copy of a document: the redacted text that was chunked and embedded."""
    return document_text(*find_document(assistant, document_id))


def document_text(snapshot: Snapshot, document: DocumentRecord) -> DocumentText:
    chunks = sorted((c for c in snapshot.chunks if c.document_id == document.id), key=lambda c: c.position)
    passages = [
        PassageSpan(
            id=c.id,
            position=c.position,
            section=c.section,
            page=c.page,
            page_end=c.page_end,
            start=c.start,
            end=c.end,
        )
        for c in chunks
    ]
    sections: list[SectionSpan] = []
    for passage in passages:
        if sections and sections[-1].title == passage.section:
            sections[-1].end = passage.end
        else:
            sections.append(SectionSpan(title=passage.section, start=passage.start, end=passage.end))
    # The index keeps each passage's page, not the page breaks: a page starts where its first passage does.
    pages: dict[int, int] = {}
    for passage in passages:
        if passage.page is not None:
            pages.setdefault(passage.page, passage.start)
    return DocumentText(
        document=document,
        text=snapshot.raw_text(document.id),
        sections=sections,
        pages=[PageStart(number=n, start=s) for n, s in sorted(pages.items())],
        passages=passages,
    )
