"""A draft composed from the persona card, the recruiter's input and fixed wording; nothing else.

The text says only what the recruiter gave (organisation, terms, ticked wishes), what the card says
about the work (written in the second person, turned into the u-form when asked) and neutral template
sentences. The corpus feeds the onderbouwing beside it, never the text itself.
"""

import hashlib
from datetime import datetime
from typing import TypeVar

from assistant.checks import check_text
from assistant.checks.address import to_u_form
from assistant.personas import PersonaCard
from assistant.vacancy.evidence import find_suggestions
from assistant.vacancy.models import (
    DraftSection,
    Header,
    Onderbouwing,
    PersonaReference,
    Suggestion,
    VacancyDraft,
)
from assistant.vacancy.render import dutch_date
from assistant.vacancy.request import VacancyRequest
from assistant.vacancy.review import finish
from assistant.vacancy.wording import SECTION_ORDER, SUGGESTION_SECTIONS, SectionKey, VacancyWording

T = TypeVar("T")


class _Writer:
    """One draft's wording choices: the form of address, the tone and a stable per-draft variation."""

    def __init__(self, request: VacancyRequest, persona: PersonaCard, wording: VacancyWording) -> None:
        self.request, self.persona, self.w = request, persona, wording
        self.address = request.address
        self.seed = f"{persona.id}|{request.organisation.casefold()}"

    def pick(self, slot: str, options: list[T]) -> T:
        """The same persona and organisation always get the same choice."""
        digest = hashlib.sha256(f"{self.seed}|{slot}".encode()).digest()
        return options[int.from_bytes(digest[:4], "big") % len(options)]

    def say(self, slot: str, variants: dict, **values: object) -> str:
        return self.pick(slot, variants[self.request.tone]).say(self.address, **values)

    def card(self, text: str) -> str:
        """Card text is written with je; the u-form is derived."""
        flat = " ".join(text.split())
        return to_u_form(flat) if self.address == "u" else flat


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def _wish_wordings(w: _Writer, section: SectionKey) -> list[str]:
    return [
        o.wording.say(w.address) for o in w.w.offers if o.key in w.request.wishes and o.section == section
    ]


def _tasks(w: _Writer, role: str) -> str:
    opening = w.say("opening", w.w.openings, org=w.request.organisation, role=_lower_first(role))
    day = w.card(w.persona.working_day)
    return _paragraphs(
        f"{opening} {w.card(w.persona.summary)}",
        w.say("tasks", w.w.task_intros),
        _bullets([w.card(task) for task in w.persona.tasks]),
        w.say("day", w.w.day_intros),
        day,
    )


def _skill(w: _Writer, skill: str) -> str:
    gloss = w.w.skill_glosses.get(skill.casefold())
    return f"{skill}: {gloss}." if gloss else f"{skill}."


def _profile(w: _Writer) -> str:
    level = w.request.education_level or w.persona.education_level
    return _paragraphs(
        w.w.level.say(w.address, level=level),
        " ".join(_wish_wordings(w, "profiel")),
        w.say("skills", w.w.skill_intros),
        _bullets([_skill(w, skill) for skill in w.persona.competencies]),
        w.say("profile-end", w.w.profile_closings),
    )


def _offer(w: _Writer) -> str:
    """The ticked offers; salary, hours and place stand in the header already."""
    items = _wish_wordings(w, "aanbod")
    if not items:
        return w.w.offer_fallback.say(w.address)
    return _paragraphs(w.say("offer", w.w.offer_intros), _bullets(items))


def _organisation(w: _Writer) -> str:
    r = w.request
    kind = w.w.organisation_types.get(r.organisation_type, "")
    lines = [w.w.workplace.say(w.address, org=r.organisation)]
    if r.organisation_type != "anders" and kind.casefold() not in r.organisation.casefold():
        lines.append(w.w.organisation_type.format(org=r.organisation, type=kind))
    if r.team:
        lines.append(w.w.team.say(w.address, team=r.team.rstrip(".")))
    chain = w.w.chain.format(label=_lower_first(w.persona.chain_position.label))
    return _paragraphs(" ".join(lines), chain, " ".join(_wish_wordings(w, "organisatie")))


def _apply(w: _Writer) -> str:
    r = w.request
    facts = []
    if r.closing_date:
        facts.append(w.w.closing_date.format(date=dutch_date(r.closing_date)))
    if r.vacancy_number:
        facts.append(w.w.vacancy_number.say(w.address, number=r.vacancy_number))
    return _paragraphs(
        w.say("apply", w.w.apply_leads) + " " + w.w.apply.format(org=r.organisation),
        " ".join(facts),
        w.say("end", w.w.apply_ends),
    )


def scale_suggestion(persona: PersonaCard, request: VacancyRequest) -> Suggestion | None:
    """The card's scale, for the recruiter to check against the real job evaluation; never printed as is."""
    if request.salary:
        return None
    scale = persona.salary_scale
    scales = f"schaal {scale.min}" if scale.min == scale.max else f"schaal {scale.min} tot en met {scale.max}"
    return Suggestion(
        id="aanbod-schaal",
        section="aanbod",
        topic="schaal",
        label="Salarisschaal",
        practice=f"Personakaart {persona.name}: {scales}. {' '.join(scale.note.split())}",
        wording=f"Salaris: {scales}.",
        sector_wide=False,
        citations=[],
    )


def compose_draft(
    request: VacancyRequest,
    persona: PersonaCard,
    searcher,
    wording: VacancyWording,
    *,
    draft_id: str,
    owner: str,
    now: datetime,
) -> VacancyDraft:
    """A checked draft with its onderbouwing, owned by `owner`."""
    w = _Writer(request, persona, wording)
    role = request.title or persona.role
    bodies = {
        "taken": _tasks(w, role),
        "profiel": _profile(w),
        "aanbod": _offer(w),
        "organisatie": _organisation(w),
        "solliciteren": _apply(w),
    }
    headings = wording.headings[request.address]
    sections = [DraftSection(key=k, title=headings[k], text=bodies[k]) for k in SECTION_ORDER]
    suggestions, citations = find_suggestions(persona, request, searcher, wording)
    scale = scale_suggestion(persona, request)
    if scale:
        suggestions.insert(0, scale)
    onderbouwing = [
        Onderbouwing(
            section=key, title=headings[key], suggestions=[s for s in suggestions if s.section == key]
        )
        for key in SUGGESTION_SECTIONS
    ]
    header = Header(
        location=request.location,
        hours=request.hours,
        salary=request.salary,
        education_level=request.education_level,
        closing_date=request.closing_date,
        vacancy_number=request.vacancy_number,
    )
    draft = VacancyDraft(
        id=draft_id,
        owner=owner,
        created=now,
        updated=now,
        request=request.model_dump(mode="json"),
        persona=PersonaReference(persona_id=persona.id, name=persona.name, role=persona.role),
        organisation=request.organisation,
        title=f"{role} bij {request.organisation}",
        header=header,
        sections=sections,
        onderbouwing=onderbouwing,
        sources=citations,
        note=request.note,
        text="",
        plain_text="",
        checks=check_text(""),
        problems=[],
        words=0,
    )
    return finish(draft, wording)
