"""The documents in the index: list, upload (ingested in the background), delete, re-index."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, UploadFile
from fastapi.concurrency import run_in_threadpool

from api.deps import AssistantDep, AuditDep, BeheerderDep, ClientAddressDep, JobsDep, SettingsDep
from api.jobs import Job
from assistant.core.errors import ConflictError, InvalidInputError
from assistant.core.snapshot import DocumentRecord
from assistant.documents import DocumentText, find_document, read_document
from ingest.documents import delete_document, ingest_upload, reindex
from ingest.metadata import edit_metadata, parse_edit
from ingest.uploads import stage_upload

router = APIRouter(prefix="/api", tags=["documents"])


class DocumentView(DocumentRecord):
    core: bool  # one of the corpus's own documents: removing it asks for the title as confirmation


@router.get("/documents")
def list_documents(assistant: AssistantDep) -> list[DocumentView]:
    return [DocumentView(**d.model_dump(), core=assistant.is_core(d)) for d in assistant.documents()]


@router.post("/documents", status_code=202)
async def upload_document(
    file: UploadFile,
    settings: SettingsDep,
    assistant: AssistantDep,
    jobs: JobsDep,
    user: BeheerderDep,
    audit: AuditDep,
    address: ClientAddressDep,
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
    job = jobs.submit(
        "upload",
        lambda report: ingest_upload(upload, settings, assistant.embedder, report),
        name=upload.name,
        phase="opslaan",
    )
    audit.record(user.name, "document geüpload", f"{upload.name} (taak {job.id})", address)
    return job


@router.get("/documents/jobs")
def recent_jobs(jobs: JobsDep, _: BeheerderDep) -> list[Job]:
    """The newest 50 jobs of every worker, newest first."""
    return jobs.recent()


@router.get("/documents/jobs/{job_id}")
def job_status(job_id: str, jobs: JobsDep) -> Job:
    return jobs.get(job_id)


@router.post("/documents/reindex", status_code=202)
def reindex_documents(settings: SettingsDep, assistant: AssistantDep, jobs: JobsDep, _: BeheerderDep) -> Job:
    return jobs.submit("reindex", lambda report: reindex(settings, assistant.embedder, report))


@router.delete("/documents/{document_id}")
async def remove_document(
    document_id: str,
    settings: SettingsDep,
    assistant: AssistantDep,
    user: BeheerderDep,
    audit: AuditDep,
    address: ClientAddressDep,
    bevestiging: Annotated[str, Query(max_length=300)] = "",
) -> dict[str, str]:
    """A core document goes only when `bevestiging` repeats its title exactly."""
    document = assistant.document(document_id)
    if assistant.is_core(document) and bevestiging.strip() != document.title:
        raise ConflictError(
            f"{document.title!r} is een van de kerndocumenten. Typ de titel exact over om het verwijderen"
            " te bevestigen."
        )
    await run_in_threadpool(delete_document, document, settings, assistant.embedder)
    # Stored answers keep no text of a removed document.
    await run_in_threadpool(assistant.conversations.forget_document, document_id)
    audit.record(user.name, "document verwijderd", f"{document.title} ({document_id})", address)
    return {"status": "verwijderd", "document": document_id}


@router.get("/documents/{document_id}")
def get_document(document_id: str, assistant: AssistantDep) -> DocumentText:
    """The whole redacted text as indexed, with its sections, pages and passages (for the viewer)."""
    return read_document(assistant, document_id)


@router.patch("/documents/{document_id}")
async def edit_document(
    document_id: str,
    settings: SettingsDep,
    assistant: AssistantDep,
    body: Annotated[Any, Body()],
    user: BeheerderDep,
    audit: AuditDep,
    address: ClientAddressDep,
) -> DocumentRecord:
    """Change title, kind, year or publisher; stored in the manifest and re-indexed at once."""
    edit = parse_edit(body)
    _, document = find_document(assistant, document_id)
    edited = await run_in_threadpool(edit_metadata, document, edit, settings, assistant.embedder)
    audit.record(user.name, "documentgegevens gewijzigd", f"{edited.title} ({document_id})", address)
    return edited
