"""Data that flows through ingestion: loaded pages, sections, chunks, and the ingest report."""

from dataclasses import dataclass, field
from pathlib import Path


class SkipFile(Exception):
    """A file that cannot be ingested; the message is the reason shown in the ingest report."""


@dataclass(frozen=True)
class Page:
    """Text of one page (PDF, 1-based `number`) or of a whole unpaged file (`number` is None)."""

    number: int | None
    text: str


@dataclass(frozen=True)
class LoadedDocument:
    path: Path
    file_type: str  # "pdf" | "docx" | "html" | "md" | "txt"
    pages: list[Page]
    title: str | None = None  # from the file's own metadata or first heading, when it has one
    metadata: dict[str, str] = field(default_factory=dict)
