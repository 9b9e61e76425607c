"""The documents in the index: list, upload (ingested in the background), delete, re-index."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, UploadFile
from fastapi.concurrency import run_in_threadpool

from api.deps import AssistantDep, JobsDep, SettingsDep
from api.jobs import Job
from assistant.core.errors import InvalidInputError, NotFoundError
from assistant.core.snapshot import DocumentRecord
from assistant.documents import DocumentText, find_document, read_document
from ingest.documents import delete_document, ingest_upload, reindex
from ingest.metadata import edit_metadata, parse_edit
from ingest.uploads import store_upload

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents")
def list_documents(assistant: AssistantDep) -> list[DocumentRecord]:
    snapshot, _ = assistant.retriever.reader.current()
    return sorted(snapshot.documents.values(), key=lambda d: d.title.lower())


@router.post("/documents", status_code=202)
async def upload_document(
    file: UploadFile, settings: SettingsDep, assistant: AssistantDep, jobs: JobsDep
) -> Job:
    """Store a PDF, docx, txt, md or html file and ingest it in the background; poll the returned job."""
    data = await file.read(settings.max_file_bytes + 1)
    if not file.filename:
        raise InvalidInputError("Geen bestandsnaam meegegeven.")
    path = await run_in_threadpool(
        store_upload, data, file.filename, settings.uploads_dir, settings.max_file_bytes
    )
    return jobs.submit("upload", lambda: ingest_upload(path, settings, assistant.embedder))


@router.get("/documents/jobs/{job_id}")
def job_status(job_id: str, jobs: JobsDep) -> Job:
    return jobs.get(job_id)


@router.post("/documents/reindex", status_code=202)
def reindex_documents(settings: SettingsDep, assistant: AssistantDep, jobs: JobsDep) -> Job:
    return jobs.submit("reindex", lambda: reindex(settings, assistant.embedder))


@router.delete("/documents/{document_id}")
async def remove_document(document_id: str, settings: SettingsDep, assistant: AssistantDep) -> dict[str, str]:
    snapshot, _ = assistant.retriever.reader.current()
    document = snapshot.documents.get(document_id)
    if document is None:
        raise NotFoundError(f"Document {document_id!r} bestaat niet.")
    await run_in_threadpool(delete_document, document, settings, assistant.embedder)
    return {"status": "verwijderd", "document": document_id}


@router.get("/documents/{document_id}")
def get_document(document_id: str, assistant: AssistantDep) -> DocumentText:
    """The whole redacted text as indexed, with its sections, pages and passages (for the viewer)."""
    return read_document(assistant, document_id)


@router.patch("/documents/{document_id}")
async def edit_document(
    document_id: str, settings: SettingsDep, assistant: AssistantDep, body: Annotated[Any, Body()]
) -> DocumentRecord:
    """Change title, kind, year or publisher; stored in the manifest and re-indexed at once."""
    edit = parse_edit(body)
    _, document = find_document(assistant, document_id)
    return await run_in_threadpool(edit_metadata, document, edit, settings, assistant.embedder)
