"""Changes after drafting: the recruiter's edits (re-checked), and accepting or confirming suggestions.

An accepted suggestion enters its section as the topic's fixed wording followed by the marker
"(te bevestigen)". The recruiter confirms it, removes the marker, or rewrites the sentence (then it is
theirs); deleting it puts the suggestion back to open.
"""

from typing import Any

from pydantic import ValidationError

from assistant.core.errors import ConflictError, InvalidInputError, NotFoundError
from assistant.core.redaction import contains_personal_data
from assistant.personas import describe_validation_error, field_errors
from assistant.vacancy.models import DraftEdit, DraftSection, Suggestion, SuggestionStatus, VacancyDraft
from assistant.vacancy.render import blocks
from assistant.vacancy.request import FIELD_LABELS
from assistant.vacancy.review import finish
from assistant.vacancy.wording import VacancyWording


def _marked(suggestion: Suggestion, wording: VacancyWording) -> str:
    return f"{suggestion.wording} {wording.unconfirmed_marker}"


# The header fields carry the request form's names; "title" is the draft's title here.
EDIT_LABELS = {
    **FIELD_LABELS,
    "title": "titel",
    "header": "kop",
    "sections": "secties",
    "key": "sectie",
    "text": "tekst",
}


def parse_edit(data: Any) -> DraftEdit:
    """Validate a raw PUT body; every problem becomes one InvalidInputError in plain Dutch."""
    if not isinstance(data, dict):
        raise InvalidInputError("De bewerking moet een lijst van velden zijn, met de secties van de tekst.")
    try:
        return DraftEdit.model_validate(data)
    except ValidationError as exc:
        problems = describe_validation_error(exc, EDIT_LABELS)
        raise InvalidInputError(
            f"De bewerking klopt niet: {problems}.", fields=field_errors(exc, EDIT_LABELS)
        ) from exc


def _lines(text: str) -> set[str]:
    return {" ".join(item.split()) for _, items in blocks(text) for item in items}


def _status_after_edit(
    suggestion: Suggestion, old: str, new: str, wording: VacancyWording
) -> SuggestionStatus:
    """Where an accepted suggestion stands after the recruiter's edit of its section."""
    if suggestion.status == "open":
        return "open"
    if _marked(suggestion, wording) in new:
        return "accepted"
    if suggestion.wording in new:
        return "confirmed"  # the marker was removed, the sentence kept
    if not _lines(new) - _lines(old):
        return "open"  # the sentence was deleted and nothing new was written
    # A line of the recruiter's own replaced it: theirs now, unless they kept the marker on it.
    kept_marker = new.count(wording.unconfirmed_marker) >= old.count(wording.unconfirmed_marker) > 0
    return "accepted" if suggestion.status == "accepted" and kept_marker else "confirmed"


def _with_statuses(draft: VacancyDraft, update: dict[str, SuggestionStatus]) -> list:
    return [
        o.model_copy(
            update={
                "suggestions": [
                    s.model_copy(update={"status": update.get(s.id, s.status)}) for s in o.suggestions
                ]
            }
        )
        for o in draft.onderbouwing
    ]


def edit_draft(draft: VacancyDraft, edit: DraftEdit, wording: VacancyWording) -> VacancyDraft:
    """The edited sections (and title, header), checked again; NotFound-free, every problem in Dutch."""
    keys = [s.key for s in edit.sections]
    if len(keys) != len(set(keys)):
        raise InvalidInputError("Elke sectie mag maar één keer in de tekst staan.")
    missing = {s.key for s in draft.sections} - set(keys)
    if missing:
        raise InvalidInputError(
            f"Deze secties ontbreken: {', '.join(sorted(missing))}. Stuur alle secties mee."
        )
    texts = [edit.title or "", *(s.title for s in edit.sections), *(s.text for s in edit.sections)]
    if any(contains_personal_data(t) for t in texts):
        raise InvalidInputError(
            "Haal het e-mailadres of telefoonnummer uit de tekst: solliciteren loopt via de website."
        )
    sections = [
        DraftSection(key=s.key, title=" ".join(s.title.split()), text=s.text.strip()) for s in edit.sections
    ]
    new = {s.key: s.text for s in sections}
    old = {s.key: s.text for s in draft.sections}
    statuses = {
        s.id: _status_after_edit(s, old.get(s.section, ""), new.get(s.section, ""), wording)
        for o in draft.onderbouwing
        for s in o.suggestions
    }
    updated = draft.model_copy(
        update={
            "title": " ".join(edit.title.split()) if edit.title else draft.title,
            "header": edit.header or draft.header,
            "sections": sections,
            "onderbouwing": _with_statuses(draft, statuses),
            "edited": True,
        }
    )
    return finish(updated, wording)


def _suggestion(draft: VacancyDraft, suggestion_id: str) -> Suggestion:
    found = draft.suggestion(suggestion_id)
    if found is None:
        raise NotFoundError(f"Suggestie '{suggestion_id[:60]}' hoort niet bij deze vacaturetekst.")
    return found


def _insert(section: DraftSection, line: str, fallback: set[str]) -> DraftSection:
    """The aanbod gets a list item (in place of the 'we tell you in the interview' line, if that is all
    it says); the profile a paragraph before its closing line; others a last paragraph."""
    parts = [p for p in section.text.strip().split("\n\n") if p.strip()]
    if section.key == "aanbod":
        parts = [p for p in parts if " ".join(p.split()) not in fallback]
        lists = [i for i, p in enumerate(parts) if p.lstrip().startswith("- ")]
        if lists:
            parts[lists[-1]] = f"{parts[lists[-1]].rstrip()}\n- {line}"
        else:
            parts.append(f"- {line}")
    elif section.key == "profiel" and len(parts) > 1:
        parts.insert(len(parts) - 1, line)
    else:
        parts.append(line)
    return section.model_copy(update={"text": "\n\n".join(parts)})


def accept_suggestion(draft: VacancyDraft, suggestion_id: str, wording: VacancyWording) -> VacancyDraft:
    """Insert the suggestion's wording into its section, marked as still to be confirmed."""
    suggestion = _suggestion(draft, suggestion_id)
    if suggestion.status != "open":
        return draft  # accepting twice inserts nothing twice
    fallback = {wording.offer_fallback.je, wording.offer_fallback.u}
    sections = [
        _insert(s, _marked(suggestion, wording), fallback) if s.key == suggestion.section else s
        for s in draft.sections
    ]
    updated = draft.model_copy(
        update={"sections": sections, "onderbouwing": _with_statuses(draft, {suggestion.id: "accepted"})}
    )
    return finish(updated, wording)


def confirm_suggestion(draft: VacancyDraft, suggestion_id: str, wording: VacancyWording) -> VacancyDraft:
    """The recruiter vouches for the inserted sentence: its marker goes."""
    suggestion = _suggestion(draft, suggestion_id)
    if suggestion.status == "confirmed":
        return draft
    if suggestion.status == "open":
        raise ConflictError("Neem de suggestie eerst over; daarna kun je hem bevestigen.")
    marked = _marked(suggestion, wording)

    def unmark(text: str) -> str:
        if marked in text:
            return text.replace(marked, suggestion.wording)
        # The recruiter reworded the sentence and kept the marker: the first marker left is this one's.
        return text.replace(f" {wording.unconfirmed_marker}", "", 1)

    sections = [
        s.model_copy(update={"text": unmark(s.text)}) if s.key == suggestion.section else s
        for s in draft.sections
    ]
    updated = draft.model_copy(
        update={"sections": sections, "onderbouwing": _with_statuses(draft, {suggestion.id: "confirmed"})}
    )
    return finish(updated, wording)
