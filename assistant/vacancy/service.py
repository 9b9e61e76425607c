"""VacancyService: drafts made, kept, edited and exported per user; built once at start-up."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from assistant.core.config import Settings
from assistant.personas import get_persona
from assistant.retrieval import Passage
from assistant.vacancy.compose import compose_draft
from assistant.vacancy.edits import accept_suggestion, confirm_suggestion, edit_draft
from assistant.vacancy.export import ExportFile, ExportFormat, ExportPart, export_draft
from assistant.vacancy.models import DraftEdit, DraftSummary, VacancyDraft, VacancyOptions, WishOption
from assistant.vacancy.request import VacancyRequest
from assistant.vacancy.store import DraftStore
from assistant.vacancy.wording import VacancyWording, default_wording

TONES = {"informal": "informeel", "formal": "formeel"}
ADDRESSES = {"je": "je (informeel)", "u": "u (formeel)"}


class Searcher(Protocol):
    """What the drafter needs from retrieval: assistant.service.Assistant and Retriever both fit."""

    def search(self, query: str, k: int = 8, filters=None, mode="hybrid") -> list[Passage]: ...


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class VacancyService:
    personas_dir: Path
    searcher: Searcher
    store: DraftStore
    wording: VacancyWording = field(default_factory=default_wording)

    def options(self) -> VacancyOptions:
        w = self.wording
        wishes = [
            WishOption(
                key=o.key, label=o.label, section=o.section, wording={"je": o.wording.je, "u": o.wording.u}
            )
            for o in w.offers
            if o.wish
        ]
        return VacancyOptions(
            wishes=wishes,
            education_levels=list(w.education_levels),
            organisation_types=dict(w.organisation_types),
            tones=TONES,
            addresses=ADDRESSES,
            header_labels=dict(w.header_labels),
            unconfirmed_marker=w.unconfirmed_marker,
        )

    def create(self, owner: str, request: VacancyRequest) -> VacancyDraft:
        persona = get_persona(self.personas_dir, request.persona_id)
        draft = compose_draft(
            request, persona, self.searcher, self.wording, draft_id=uuid.uuid4().hex, owner=owner, now=_now()
        )
        return self.store.save(draft)

    def list(self, owner: str) -> list[DraftSummary]:
        return self.store.list(owner)

    def get(self, owner: str, draft_id: str) -> VacancyDraft:
        return self.store.get(owner, draft_id)

    def update(self, owner: str, draft_id: str, edit: DraftEdit) -> VacancyDraft:
        edited = edit_draft(self.store.get(owner, draft_id), edit, self.wording)
        return self.store.save(edited.model_copy(update={"updated": _now()}))

    def delete(self, owner: str, draft_id: str) -> None:
        self.store.delete(owner, draft_id)

    def duplicate(self, owner: str, draft_id: str) -> VacancyDraft:
        original = self.store.get(owner, draft_id)
        now = _now()
        copy = original.model_copy(
            update={
                "id": uuid.uuid4().hex,
                "created": now,
                "updated": now,
                "title": f"{original.title} (kopie)",
            },
            deep=True,
        )
        return self.store.save(copy)

    def accept(self, owner: str, draft_id: str, suggestion_id: str) -> VacancyDraft:
        draft = accept_suggestion(self.store.get(owner, draft_id), suggestion_id, self.wording)
        return self.store.save(draft.model_copy(update={"updated": _now()}))

    def confirm(self, owner: str, draft_id: str, suggestion_id: str) -> VacancyDraft:
        draft = confirm_suggestion(self.store.get(owner, draft_id), suggestion_id, self.wording)
        return self.store.save(draft.model_copy(update={"updated": _now()}))

    def export(self, owner: str, draft_id: str, fmt: ExportFormat, part: ExportPart) -> ExportFile:
        return export_draft(self.store.get(owner, draft_id), fmt, part, self.wording)


def build_vacancy_service(settings: Settings, searcher: Searcher) -> VacancyService:
    return VacancyService(settings.personas_dir, searcher, DraftStore(settings.data_dir / "vacancies.sqlite"))
