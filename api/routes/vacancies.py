"""Vacancy texts: draft from a persona, read, edit (checks re-run) and export as Markdown or Word."""

from functools import cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import AssistantDep, SettingsDep
from assistant.drafts import DraftStore
from assistant.personas import get_persona
from assistant.vacancy import (
    MAX_EDIT_CHARS,
    VacancyDraft,
    VacancyRequest,
    draft_vacancy,
    edit_draft,
    parse_request,
)
from assistant.vacancy_export import ExportFormat, export_draft

router = APIRouter(prefix="/api", tags=["vacancies"])


@cache
def _store_at(path: Path) -> DraftStore:
    return DraftStore(path)


def get_draft_store(settings: SettingsDep) -> DraftStore:
    """One store per data dir, made on first use; kept here so api/main.py needs no change."""
    return _store_at(settings.data_dir / "drafts.sqlite")


DraftStoreDep = Annotated[DraftStore, Depends(get_draft_store)]


class DraftEdit(BaseModel, extra="forbid"):
    # Length and content are checked by edit_draft, with a message in Dutch.
    text: str = Field(description=f"The edited Markdown text (at most {MAX_EDIT_CHARS} characters).")


# Taken as plain JSON and validated by parse_request, whose messages name the field in Dutch; the
# schema is still published for /docs.
RequestBody = Annotated[dict, Body()]
_REQUEST_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": VacancyRequest.model_json_schema()}},
    }
}


@router.post("/vacancies", status_code=201, openapi_extra=_REQUEST_SCHEMA)
def create_vacancy(
    body: RequestBody, assistant: AssistantDep, settings: SettingsDep, store: DraftStoreDep
) -> VacancyDraft:
    request = parse_request(body)
    persona = get_persona(settings.personas_dir, request.persona_id)
    return store.save(draft_vacancy(request, persona, assistant))


@router.get("/vacancies/{draft_id}")
def read_vacancy(draft_id: str, store: DraftStoreDep) -> VacancyDraft:
    return store.get(draft_id)


@router.put("/vacancies/{draft_id}")
def update_vacancy(draft_id: str, edit: DraftEdit, store: DraftStoreDep) -> VacancyDraft:
    return store.save(edit_draft(store.get(draft_id), edit.text))


@router.get("/vacancies/{draft_id}/export")
def export_vacancy(
    draft_id: str, store: DraftStoreDep, fmt: Annotated[ExportFormat, Query(alias="format")] = "md"
) -> Response:
    file = export_draft(store.get(draft_id), fmt)
    return Response(
        content=file.content,
        media_type=file.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )
