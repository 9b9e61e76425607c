"""One generation of the index on disk: documents, chunks, raw texts and the keyword index, plus the
pointer that says which generation is current.

An ingest writes a whole new generation beside the current one and then swaps the pointer with an
atomic rename, so readers never see a half-built index and a failed ingest leaves the old one whole.
"""

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from assistant.core.filter_index import FilterIndex
from assistant.core.keyword_index import KeywordIndex
from assistant.core.sentences import split_sentences
from assistant.core.spelling import Speller

POINTER = "CURRENT"
WORDS = "words.json"  # the documents' words with their counts, for spelling correction


class DocumentRecord(BaseModel):
    id: str
    title: str
    kind: str
    publisher: str = ""
    year: int | None = None
    language: str = "nl"
    source_path: str
    file_type: str
    fingerprint: str
    size_bytes: int
    pages: int | None = None
    chunk_count: int = 0


class ChunkRecord(BaseModel):
    id: str
    document_id: str
    position: int
    section: str
    text: str
    start: int
    end: int
    page: int | None = None
    page_end: int | None = None
    line_start: int
    line_end: int
    tokens: int
    fields: dict[str, str] = {}


class GenerationMeta(BaseModel):
    id: str
    collection: str
    model_id: str
    dimensions: int = 0  # 0: written before dimensions were recorded
    created: str


@dataclass
class Snapshot:
    """Everything a reader needs from one generation, loaded into memory."""

    directory: Path
    meta: GenerationMeta
    documents: dict[str, DocumentRecord]
    chunks: list[ChunkRecord]
    keyword: KeywordIndex

    @cached_property
    def positions(self) -> dict[str, int]:
        """Chunk id -> position in `chunks` (and in the keyword index's score arrays)."""
        return {c.id: i for i, c in enumerate(self.chunks)}

    @cached_property
    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """Position of each chunk's previous and next chunk in its document (-1 at either end)."""
        size = len(self.chunks)
        previous, following = np.full(size, -1), np.full(size, -1)
        order = sorted(range(size), key=lambda i: (self.chunks[i].document_id, self.chunks[i].position))
        for before, after in pairwise(order):
            if self.chunks[before].document_id == self.chunks[after].document_id:
                previous[after], following[before] = before, after
        return previous, following

    @cached_property
    def filter_index(self) -> FilterIndex:
        """Search filters as array operations; built at the first filtered search."""
        return FilterIndex.of(self.documents, self.chunks)

    @cached_property
    def speller(self) -> Speller:
        """The documents' words, to put typing errors in a question right: written with the generation,
        or (a generation written before) gathered at the first question."""
        path = self.directory / WORDS
        return Speller.load(path) if path.exists() else spelling_of(self.documents.values(), self.chunks)

    def dense_text(self, chunk: ChunkRecord) -> str:
        """The text that was embedded for a chunk."""
        return dense_text(chunk, self.documents[chunk.document_id].title)

    def raw_text(self, document_id: str) -> str:
        return (self.directory / "raw" / f"{document_id}.txt").read_text(encoding="utf-8")


def spelling_of(documents: Iterable[DocumentRecord], chunks: list[ChunkRecord]) -> Speller:
    return Speller.of([*(d.title for d in documents), *(keyword_text(c) for c in chunks)])


def keyword_text(chunk: ChunkRecord) -> str:
    """What BM25 indexes: the passage plus its heading and record fields, so a passage that says
    "tien Goudse ambtenaren" is still found for "Gouda ... datagedreven sturing"."""
    return " ".join([chunk.section, *chunk.fields.values(), chunk.text])


def context_line(title: str, section: str, fields: dict[str, str]) -> str:
    """Document title, heading and record fields, each once: a passage that says "the programme" is
    embedded together with which programme, municipality and theme it belongs to."""
    parts: list[str] = []
    for part in (title, section, *fields.values()):
        part = " ".join(part.split())
        if part and not any(part.lower() in p.lower() for p in parts):
            parts.append(part)
    return " | ".join(parts)


def embed_text(context: str, text: str) -> str:
    """What the dense model reads for a passage: its context line, then the passage."""
    return f"{context}. {text}" if context else text


def dense_text(chunk: ChunkRecord, title: str) -> str:
    return embed_text(context_line(title, chunk.section, chunk.fields), chunk.text)


MIN_SENTENCE_WORDS = 4  # shorter lines are headings and captions: they would match on a word or two


def sentence_texts(chunk: ChunkRecord, title: str) -> list[str]:
    """Each full sentence of a passage with the passage's context line, embedded on its own so a
    question matches the one sentence that answers it, not the average of a passage about more."""
    context = context_line(title, chunk.section, chunk.fields)
    return [
        embed_text(context, s.text) for s in split_sentences(chunk.text) if len(s.words) >= MIN_SENTENCE_WORDS
    ]


def current_generation(index_dir: Path) -> str | None:
    """Id of the generation readers should use, or None before the first ingest."""
    try:
        return (index_dir / POINTER).read_text().strip() or None
    except FileNotFoundError:
        return None


def write_generation(
    directory: Path,
    meta: GenerationMeta,
    documents: list[DocumentRecord],
    chunks: list[ChunkRecord],
    raw_texts: dict[str, str],
) -> None:
    """Write a complete generation directory (not yet current)."""
    (directory / "raw").mkdir(parents=True)
    for doc_id, text in raw_texts.items():
        (directory / "raw" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (directory / "documents.json").write_text(
        json.dumps([d.model_dump() for d in documents], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    with (directory / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for chunk in chunks:
            out.write(chunk.model_dump_json() + "\n")
    keyword_dir = directory / "keyword"
    keyword_dir.mkdir()
    KeywordIndex.build([keyword_text(c) for c in chunks]).save(keyword_dir)
    spelling_of(documents, chunks).save(directory / WORDS)
    # Written last: a generation without meta.json is incomplete and never made current.
    (directory / "meta.json").write_text(meta.model_dump_json(), encoding="utf-8")


def make_current(index_dir: Path, generation_id: str) -> None:
    """Atomically point readers at a generation."""
    tmp = index_dir / f".{POINTER}.tmp"
    tmp.write_text(generation_id)
    os.replace(tmp, index_dir / POINTER)


def load_snapshot(index_dir: Path, generation_id: str) -> Snapshot:
    directory = index_dir / generation_id
    meta = GenerationMeta.model_validate_json((directory / "meta.json").read_text(encoding="utf-8"))
    documents = [
        DocumentRecord.model_validate(d) for d in json.loads((directory / "documents.json").read_text())
    ]
    with (directory / "chunks.jsonl").open(encoding="utf-8") as lines:
        chunks = [ChunkRecord.model_validate_json(line) for line in lines]
    return Snapshot(
        directory, meta, {d.id: d for d in documents}, chunks, KeywordIndex.load(directory / "keyword")
    )


def generation_dirs(index_dir: Path) -> list[Path]:
    """All generation directories, oldest first (ids sort by creation time)."""
    if not index_dir.exists():
        return []
    return sorted(p for p in index_dir.iterdir() if p.is_dir() and p.name.startswith("gen-"))


def remove_generation(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
