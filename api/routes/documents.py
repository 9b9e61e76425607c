"""The documents in the index: list, upload (ingested in the background), delete, re-index."""

from fastapi import APIRouter, UploadFile
from fastapi.concurrency import run_in_threadpool

from api.deps import AssistantDep, JobsDep, SettingsDep
from api.jobs import Job
from assistant.core.errors import InvalidInputError, NotFoundError
from assistant.core.snapshot import DocumentRecord
from ingest.documents import delete_document, ingest_upload, reindex
from ingest.uploads import stage_upload

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents")
def list_documents(assistant: AssistantDep) -> list[DocumentRecord]:
    snapshot, _ = assistant.retriever.reader.current()
    return sorted(snapshot.documents.values(), key=lambda d: d.title.lower())


@router.post("/documents", status_code=202)
async def upload_document(
    file: UploadFile, settings: SettingsDep, assistant: AssistantDep, jobs: JobsDep
) -> Job:
    """Stage a PDF, docx, txt, md or html file and ingest it in the background; poll the returned job.
    It replaces the stored file of the same name only when its ingest succeeds; another name that maps
    to the same stored file is refused (409)."""
    data = await file.read(settings.max_file_bytes + 1)
    if not file.filename:
        raise InvalidInputError("Geen bestandsnaam meegegeven.")
    upload = await run_in_threadpool(
        stage_upload, data, file.filename, settings.uploads_dir, settings.max_file_bytes
    )
    return jobs.submit(
        "upload",
        lambda report: ingest_upload(upload, settings, assistant.embedder, report),
        name=upload.name,
        phase="opslaan",
    )


@router.get("/documents/jobs")
def recent_jobs(jobs: JobsDep) -> list[Job]:
    """The newest 50 jobs of every worker, newest first."""
    return jobs.recent()


@router.get("/documents/jobs/{job_id}")
def job_status(job_id: str, jobs: JobsDep) -> Job:
    return jobs.get(job_id)


@router.post("/documents/reindex", status_code=202)
def reindex_documents(settings: SettingsDep, assistant: AssistantDep, jobs: JobsDep) -> Job:
    return jobs.submit("reindex", lambda report: reindex(settings, assistant.embedder, report))


@router.delete("/documents/{document_id}")
async def remove_document(document_id: str, settings: SettingsDep, assistant: AssistantDep) -> dict[str, str]:
    snapshot, _ = assistant.retriever.reader.current()
    document = snapshot.documents.get(document_id)
    if document is None:
        raise NotFoundError(f"Document {document_id!r} bestaat niet.")
    await run_in_threadpool(delete_document, document, settings, assistant.embedder)
    return {"status": "verwijderd", "document": document_id}
