"""Vacancy texts: draft from a persona, keep per user, edit (re-checked), accept suggestions, export.

Every call is scoped to the signed-in user: another user's draft is 404, as if it did not exist.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import Response
from pydantic import BaseModel

from api.deps import CurrentUserDep, VacancyServiceDep
from assistant.vacancy.edits import parse_edit
from assistant.vacancy.export import ExportFormat, ExportPart
from assistant.vacancy.models import DraftEdit, DraftSummary, VacancyDraft, VacancyOptions
from assistant.vacancy.request import VacancyRequest, parse_request

router = APIRouter(prefix="/api/vacancies", tags=["vacancies"])

# Taken as plain JSON and validated by parse_request, whose messages name the field in Dutch; the
# schema is still published for /docs.
RequestBody = Annotated[Any, Body()]


def _inline(node: Any, defs: dict) -> Any:
    """The schema with every '#/$defs/X' replaced by X itself: OpenAPI would look for $defs at its root."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


def _schema(model: type[BaseModel]) -> dict:
    """The body's schema for /docs; the route itself takes plain JSON and validates it in Dutch."""
    schema = model.model_json_schema()
    content = {"application/json": {"schema": _inline(schema, schema.get("$defs", {}))}}
    return {"requestBody": {"required": True, "content": content}}


@router.get("/options")
def vacancy_options(service: VacancyServiceDep) -> VacancyOptions:
    """The form's fixed choices: wishes with their wording, education levels, organisation types."""
    return service.options()


@router.post("", status_code=201, openapi_extra=_schema(VacancyRequest))
def create_vacancy(body: RequestBody, service: VacancyServiceDep, user: CurrentUserDep) -> VacancyDraft:
    """Draft a vacancy text for a persona and save it as the user's draft."""
    return service.create(user.name, parse_request(body))


@router.get("")
def list_vacancies(service: VacancyServiceDep, user: CurrentUserDep) -> list[DraftSummary]:
    """The user's saved drafts, most recently changed first."""
    return service.list(user.name)


@router.get("/{draft_id}")
def read_vacancy(draft_id: str, service: VacancyServiceDep, user: CurrentUserDep) -> VacancyDraft:
    return service.get(user.name, draft_id)


@router.put("/{draft_id}", openapi_extra=_schema(DraftEdit))
def update_vacancy(
    draft_id: str, body: RequestBody, service: VacancyServiceDep, user: CurrentUserDep
) -> VacancyDraft:
    """Save the edited sections (and optionally title and header); the checks run again."""
    return service.update(user.name, draft_id, parse_edit(body))


@router.delete("/{draft_id}")
def delete_vacancy(draft_id: str, service: VacancyServiceDep, user: CurrentUserDep) -> dict[str, str]:
    service.delete(user.name, draft_id)
    return {"status": "verwijderd", "id": draft_id}


@router.post("/{draft_id}/duplicate", status_code=201)
def duplicate_vacancy(draft_id: str, service: VacancyServiceDep, user: CurrentUserDep) -> VacancyDraft:
    """A copy of the draft under a new id, titled '... (kopie)'."""
    return service.duplicate(user.name, draft_id)


@router.post("/{draft_id}/suggestions/{suggestion_id}/accept")
def accept_suggestion(
    draft_id: str, suggestion_id: str, service: VacancyServiceDep, user: CurrentUserDep
) -> VacancyDraft:
    """Insert the suggestion's neutral wording into its section, marked 'te bevestigen'."""
    return service.accept(user.name, draft_id, suggestion_id)


@router.post("/{draft_id}/suggestions/{suggestion_id}/confirm")
def confirm_suggestion(
    draft_id: str, suggestion_id: str, service: VacancyServiceDep, user: CurrentUserDep
) -> VacancyDraft:
    """The recruiter confirms the employer offers this: the 'te bevestigen' marker goes."""
    return service.confirm(user.name, draft_id, suggestion_id)


@router.get("/{draft_id}/export")
def export_vacancy(
    draft_id: str,
    service: VacancyServiceDep,
    user: CurrentUserDep,
    fmt: Annotated[ExportFormat, Query(alias="format")] = "md",
    part: Annotated[
        ExportPart, Query(description="vacature = publishable text; onderbouwing = the annex")
    ] = "vacature",
) -> Response:
    """The publishable text, or the onderbouwing with its sources, as Markdown or Word, named after
    the title."""
    file = service.export(user.name, draft_id, fmt, part)
    return Response(
        content=file.content,
        media_type=file.media_type,
        headers={"Content-Disposition": file.content_disposition},
    )
