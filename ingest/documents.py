"""Document management used by the API: ingest an upload, delete a document, re-index all sources."""

from pathlib import Path

from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.core.snapshot import DocumentRecord, current_generation, load_snapshot
from ingest.pipeline import IngestReport, run_ingest
from ingest.uploads import remove_source, settle_upload


def ingest_upload(path: Path, settings: Settings, embedder: Embedder) -> tuple[str, str | None]:
    """Ingest a stored upload; a file the loaders refuse is taken out again (the version it replaced, if
    any, put back) and the reason raised."""
    try:
        report = run_ingest([settings.uploads_dir], settings, embedder)
    except Exception:
        settle_upload(path, accepted=False)  # a failed upload leaves no file behind to fail the next ingest
        raise
    source = str(path.resolve())
    if source in report.skipped:
        settle_upload(path, accepted=False)
        raise ValueError(f"Bestand geweigerd: {report.skipped[source]}")
    settle_upload(path, accepted=True)
    generation = current_generation(settings.index_dir)
    documents = load_snapshot(settings.index_dir, generation).documents.values() if generation else []
    document = next((d for d in documents if d.source_path == source), None)
    if document is None:
        raise ValueError("Het bestand is opgeslagen maar niet in de index gekomen.")
    count = document.chunk_count
    return f"{document.title}: {count} {'passage' if count == 1 else 'passages'} geïndexeerd", document.id


def delete_document(document: DocumentRecord, settings: Settings, embedder: Embedder) -> IngestReport:
    """Remove a document's file from the sources and drop it from both indexes now."""
    source = Path(document.source_path)
    remove_source(source, settings.uploads_dir, settings.trash_dir)
    return run_ingest([source], settings, embedder)


def reindex(settings: Settings, embedder: Embedder) -> tuple[str, None]:
    """Bring the index in line with every source folder."""
    report = run_ingest([d for d in settings.source_dirs if d.exists()], settings, embedder)
    changed = len(report.added) + len(report.updated) + len(report.removed)
    return f"{report.documents} documenten, {report.chunks} passages, {changed} gewijzigd", None
