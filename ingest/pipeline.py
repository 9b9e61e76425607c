"""The ingest run: discover files, reuse what is unchanged, chunk what is new, embed, write a new
generation of both indexes, and make it current in one atomic step.
"""

import hashlib
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.core.redaction import redact_personal_data
from assistant.core.snapshot import (
    ChunkRecord,
    DocumentRecord,
    GenerationMeta,
    Snapshot,
    current_generation,
    dense_text,
    generation_dirs,
    load_snapshot,
    make_current,
    remove_generation,
    write_generation,
)
from assistant.core.vector_store import add_chunks, connect, create_collection, drop_collection
from ingest.chunking import ChunkPlan, chunk_sections
from ingest.clean import vocabulary
from ingest.embedding_cache import EmbeddingCache
from ingest.loaders import _human_size, load_document
from ingest.locks import exclusive
from ingest.manifest import MANIFEST_NAME, DocumentMeta, load_manifest
from ingest.models import LoadedDocument, SkipFile
from ingest.structure import split_sections
from ingest.titles import display_title

# Bump when cleaning or chunking changes, so unchanged files are still re-chunked once.
PIPELINE_VERSION = "8"
_IGNORED_DIRS = {"personas"}
_PAGE_SEPARATOR = "\n\n"

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    documents: int = 0
    pages: int = 0
    chunks: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # file -> reason
    embedded: int = 0
    seconds: float = 0.0
    generation: str | None = None
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass
class _Built:
    record: DocumentRecord
    chunks: list[ChunkRecord]
    raw: str


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest under `paths`: manifests, persona cards and hidden files left out."""
    found: set[Path] = set()
    for path in paths:
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in candidates:
            rel = file.relative_to(path) if file != path else Path(file.name)
            if not file.is_file() or file.name == MANIFEST_NAME or any(p.startswith(".") for p in rel.parts):
                continue
            if _IGNORED_DIRS & set(rel.parts[:-1]):
                continue
            found.add(file.resolve())
    return sorted(found)


def document_id(path: Path, taken: dict[str, str]) -> str:
    """Stable id from the file name; a same-named file in another folder gets its path's hash appended."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:60] or "document"
    if taken.get(slug, str(path)) == str(path):
        return slug
    return f"{slug}-{hashlib.sha1(str(path).encode()).hexdigest()[:6]}"


def _fingerprint(data: bytes, settings: Settings, embedder_id: str) -> str:
    params = f"{PIPELINE_VERSION}:{settings.chunk_target_tokens}:{settings.chunk_max_tokens}:{embedder_id}"
    return hashlib.sha256(params.encode() + b"\0" + data).hexdigest()


def _in_scope(source: str, roots: list[Path]) -> bool:
    path = Path(source)
    return any(path == root or root in path.parents for root in roots)


def build_document(
    doc_id: str, loaded: LoadedDocument, meta: DocumentMeta, fingerprint: str, size: int, plan: ChunkPlan
) -> _Built:
    """Clean, split and chunk one loaded file."""
    pages = [redact_personal_data(p.text) for p in loaded.pages]
    raw = _PAGE_SEPARATOR.join(pages)
    page_starts = None
    if loaded.file_type == "pdf":
        page_starts, pos = [], 0
        for text in pages:
            page_starts.append(pos)
            pos += len(text) + len(_PAGE_SEPARATOR)
    title = display_title(meta.title or loaded.title, loaded.path)
    plan = replace(plan, known_words=vocabulary(raw), title=title)
    # Ids hash the content and the document id: two files with the same content get distinct chunks.
    id_seed = hashlib.sha256(f"{fingerprint}:{doc_id}".encode()).hexdigest()
    chunks = chunk_sections(doc_id, id_seed, raw, split_sections(raw, meta.layout), page_starts, plan)
    record = DocumentRecord(
        id=doc_id,
        title=title,
        kind=meta.kind,
        publisher=meta.publisher,
        year=meta.year,
        language=meta.language,
        source_path=str(loaded.path),
        file_type=loaded.file_type,
        fingerprint=fingerprint,
        size_bytes=size,
        pages=len(pages) if loaded.file_type == "pdf" else None,
        chunk_count=len(chunks),
    )
    return _Built(record, [ChunkRecord.model_validate(c, from_attributes=True) for c in chunks], raw)


def chunk_metadata(chunk: ChunkRecord, doc: DocumentRecord) -> dict[str, str | int]:
    """Scalar metadata Chroma stores with each vector; used for filters."""
    meta: dict[str, str | int] = {
        "document_id": doc.id,
        "title": doc.title,
        "kind": doc.kind,
        "section": chunk.section,
        "position": chunk.position,
    }
    if doc.year is not None:
        meta["year"] = doc.year
    if chunk.page is not None:
        meta["page"] = chunk.page
    meta.update({k: v for k, v in chunk.fields.items() if v})
    return meta


@contextmanager
def _ingest_lock(index_dir: Path) -> Iterator[None]:
    """One ingest at a time per data dir; readers are never blocked."""
    with exclusive(index_dir / ".lock"):
        yield


def _previous(settings: Settings) -> Snapshot | None:
    generation = current_generation(settings.index_dir)
    return load_snapshot(settings.index_dir, generation) if generation else None


def run_ingest(
    paths: list[Path],
    settings: Settings,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring the index in line with the files under `paths`; documents from elsewhere are kept."""
    started = time.perf_counter()
    report = IngestReport(dry_run=dry_run)
    roots = [p.resolve() for p in paths]
    with _ingest_lock(settings.index_dir):
        previous = _previous(settings)
        # Another model: every vector is recomputed (the cache is keyed by model), never mixed.
        rebuild = rebuild or (previous is not None and previous.meta.model_id != embedder.model_id)
        old_docs = {d.source_path: d for d in previous.documents.values()} if previous else {}
        built = _collect(roots, settings, embedder, previous, old_docs, rebuild, report, progress)
        for source, doc in old_docs.items():
            if _in_scope(source, roots) and source not in built and source not in report.skipped:
                report.removed.append(doc.id)
            elif source not in built:
                built[source] = _carry(previous, doc)  # outside this run's paths, or kept after a failure
        report.documents = len(built)
        report.chunks = sum(len(b.chunks) for b in built.values())
        report.pages = sum(b.record.pages or 1 for b in built.values())
        if not dry_run and (report.changed or rebuild or previous is None) and built:
            report.generation = _write(settings, embedder, list(built.values()), report, progress)
        elif previous is not None:
            report.generation = previous.meta.id
    report.seconds = time.perf_counter() - started
    return report


def _carry(previous: Snapshot | None, doc: DocumentRecord) -> _Built:
    assert previous is not None
    chunks = [c for c in previous.chunks if c.document_id == doc.id]
    return _Built(doc, chunks, previous.raw_text(doc.id))


def _collect(
    roots: list[Path],
    settings: Settings,
    embedder: Embedder,
    previous: Snapshot | None,
    old_docs: dict[str, DocumentRecord],
    rebuild: bool,
    report: IngestReport,
    progress: Progress | None,
) -> dict[str, _Built]:
    """Documents under `roots`: unchanged ones reused, the others loaded and chunked."""
    built: dict[str, _Built] = {}
    taken = {d.id: source for source, d in old_docs.items()}
    manifests: dict[Path, dict[str, DocumentMeta]] = {}
    plan = ChunkPlan(embedder.count_tokens, settings.chunk_target_tokens, settings.chunk_max_tokens)
    for path in discover(roots):
        if progress:
            progress(path.name)
        source = str(path)
        old = old_docs.get(source)
        try:
            data = _read_limited(path, settings.max_file_bytes)
            fingerprint = _fingerprint(data, settings, embedder.model_id)
            if old and old.fingerprint == fingerprint and not rebuild:
                built[source] = _carry(previous, old)
                report.unchanged.append(old.id)
                continue
            if path.parent not in manifests:
                manifests[path.parent] = load_manifest(path.parent)
            meta = manifests[path.parent].get(path.name, DocumentMeta())
            loaded = load_document(path, settings.max_file_bytes)
            doc_id = old.id if old else document_id(path, taken)
            taken[doc_id] = source
            doc = build_document(doc_id, loaded, meta, fingerprint, len(data), plan)
            if not doc.chunks:
                raise SkipFile("geen bruikbare tekst na het opschonen")
        except Exception as exc:  # one unreadable file must not stop the others
            reason = (
                str(exc) if isinstance(exc, SkipFile) else f"onverwachte fout: {type(exc).__name__}: {exc}"
            )
            kept = " (vorige versie blijft in de index)" if old else ""
            report.skipped[source] = f"{reason}{kept}"
            continue
        built[source] = doc
        (report.updated if old else report.added).append(doc.record.id)
    return built


def _read_limited(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"bestand is {_human_size(size)}, limiet {_human_size(max_bytes)}")
        return path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"bestand niet leesbaar: {exc.strerror}") from exc


def _write(
    settings: Settings,
    embedder: Embedder,
    docs: list[_Built],
    report: IngestReport,
    progress: Progress | None,
) -> str:
    """Embed (cache first), write a complete new generation, then make it current."""
    generation = f"gen-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
    collection_name = f"{settings.collection_name}-{generation}"
    chunks = [c for d in docs for c in d.chunks]
    by_id = {d.record.id: d.record for d in docs}
    if progress:
        progress(f"embedden van {len(chunks)} passages")
    cache = EmbeddingCache(settings.data_dir / "cache" / "embeddings.sqlite")
    try:
        texts = [dense_text(c, by_id[c.document_id].title) for c in chunks]
        vectors, report.embedded = cache.embed(embedder, texts)
    finally:
        cache.close()
    client = connect(settings)
    directory = settings.index_dir / generation
    try:
        collection = create_collection(client, collection_name)
        add_chunks(
            collection,
            [c.id for c in chunks],
            vectors,
            [c.text for c in chunks],
            [chunk_metadata(c, by_id[c.document_id]) for c in chunks],
        )
        meta = GenerationMeta(
            id=generation,
            collection=collection_name,
            model_id=embedder.model_id,
            dimensions=embedder.dimensions,
            created=datetime.now(UTC).isoformat(),
        )
        write_generation(
            directory, meta, [d.record for d in docs], chunks, {d.record.id: d.raw for d in docs}
        )
        make_current(settings.index_dir, generation)
    except BaseException:
        remove_generation(directory)
        drop_collection(client, collection_name)
        raise
    _collect_garbage(settings, client, keep=2)
    return generation


def _collect_garbage(settings: Settings, client, keep: int) -> None:
    """Remove all but the newest `keep` generations (the previous one stays for readers mid-query).

    A generation without meta.json was left half-written by a killed ingest: it never counts as one to
    keep, else it would push out the previous generation that readers may still be using.
    """
    current = current_generation(settings.index_dir)
    others = [d for d in generation_dirs(settings.index_dir) if d.name != current]
    complete = [d for d in others if (d / "meta.json").exists()]
    kept = set(complete[-(keep - 1) :]) if keep > 1 else set()
    for directory in (d for d in others if d not in kept):
        drop_collection(client, f"{settings.collection_name}-{directory.name}")
        remove_generation(directory)
    prefix = f"{settings.collection_name}-gen-"
    live = {f"{settings.collection_name}-{d.name}" for d in generation_dirs(settings.index_dir)}
    for collection in client.list_collections():
        if collection.name.startswith(prefix) and collection.name not in live:
            client.delete_collection(collection.name)  # left behind by a killed ingest
