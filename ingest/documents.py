"""Document management used by the API: ingest a staged upload, delete a document, re-index all sources.

Each of these holds the uploads lock, so an upload's promotion and ingest, a delete and a re-index never
interleave, not even across API worker processes.
"""

from collections.abc import Callable
from pathlib import Path

from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.core.snapshot import DocumentRecord, current_generation, load_snapshot
from ingest.metadata import remove_manifest_entry
from ingest.models import SkipFile
from ingest.pipeline import IngestReport, run_ingest
from ingest.probe import probe
from ingest.uploads import (
    StagedUpload,
    discard,
    is_upload,
    promote,
    recover_uploads,
    remove_source,
    settle,
    uploads_lock,
)

# (phase, progress 0..1) as a job reports it: opslaan, lezen, opdelen, embedden.
PhaseReport = Callable[[str, float], None]
KEPT = " (vorige versie blijft in de index)"


def ingest_upload(
    upload: StagedUpload, settings: Settings, embedder: Embedder, report: PhaseReport
) -> tuple[str, str | None]:
    """Read a staged upload in a limited child process, then promote and ingest it; a refused upload
    leaves the stored version (if any) and the index as they were, and its reason is raised."""
    with uploads_lock(settings.uploads_dir):
        report("lezen", 0.1)
        try:
            probe(upload.staged, settings)
        except SkipFile as exc:
            discard(upload)
            raise ValueError(f"Bestand geweigerd: {exc}{KEPT if upload.target.exists() else ''}") from exc
        promote(upload)
        try:
            result = run_ingest([upload.target], settings, embedder, progress=_pipeline_phases(report))
        except BaseException:
            settle(upload.target, accepted=False)
            raise
        source = str(upload.target.resolve())
        if source in result.skipped:
            settle(upload.target, accepted=False)
            raise ValueError(f"Bestand geweigerd: {result.skipped[source]}")
        settle(upload.target, accepted=True)
    document = _document_for(source, settings)
    if document is None:
        raise ValueError("Het bestand is opgeslagen maar niet in de index gekomen.")
    count = document.chunk_count
    return f"{document.title}: {count} {'passage' if count == 1 else 'passages'} geïndexeerd", document.id


def _pipeline_phases(report: PhaseReport) -> Callable[[str], None]:
    """The pipeline names each file it reads and then says it embeds: that is opdelen, then embedden."""

    def progress(message: str) -> None:
        embedding = message.startswith("embedden")
        report("embedden" if embedding else "opdelen", 0.5 if embedding else 0.3)

    return progress


def _document_for(source: str, settings: Settings) -> DocumentRecord | None:
    generation = current_generation(settings.index_dir)
    documents = load_snapshot(settings.index_dir, generation).documents.values() if generation else []
    return next((d for d in documents if d.source_path == source), None)


def delete_document(document: DocumentRecord, settings: Settings, embedder: Embedder) -> IngestReport:
    """Remove a document's file from the sources and drop it from both indexes now. An upload's manifest
    entry goes too; a corpus file keeps its entry, as it is kept in the trash and may be put back."""
    source = Path(document.source_path)
    with uploads_lock(settings.uploads_dir):
        if is_upload(source, settings.uploads_dir):
            remove_manifest_entry(source)
        remove_source(source, settings.uploads_dir, settings.trash_dir)
        return run_ingest([source], settings, embedder)


def reindex(settings: Settings, embedder: Embedder, report: PhaseReport) -> tuple[str, None]:
    """Bring the index in line with every source folder, after rolling back uploads a crash interrupted."""
    with uploads_lock(settings.uploads_dir):
        recover_uploads(settings.uploads_dir)
        result = run_ingest(
            [d for d in settings.source_dirs if d.exists()],
            settings,
            embedder,
            progress=_pipeline_phases(report),
        )
    changed = len(result.added) + len(result.updated) + len(result.removed)
    return f"{result.documents} documenten, {result.chunks} passages, {changed} gewijzigd", None
