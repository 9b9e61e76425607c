"""A saved vacancy draft: header, publishable sections, the onderbouwing beside them, and the checks."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.answer import Citation
from assistant.checks import TextChecks
from assistant.core.redaction import EMAIL, PHONE
from assistant.vacancy.wording import SectionKey

SuggestionStatus = Literal["open", "accepted", "confirmed"]


class Header(BaseModel):
    """The facts above the text, as on werkenvoornederland.nl; only what the recruiter gave."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    location: str | None = Field(None, max_length=80)
    hours: int | None = Field(None, ge=1, le=40)
    salary: str | None = Field(None, max_length=80)
    education_level: str | None = Field(None, max_length=60)
    closing_date: date | None = None
    vacancy_number: str | None = Field(None, max_length=40)

    @field_validator("location", "salary", "education_level", "vacancy_number")
    @classmethod
    def _one_plain_line(cls, value: str | None) -> str | None:
        if value is not None and any(char in value for char in "\r\n\t"):
            raise ValueError("mag geen regeleinden of tabs bevatten")
        if value is not None and (EMAIL.search(value) or PHONE.search(value)):
            raise ValueError("zet geen e-mailadres of telefoonnummer in de kop")
        return value or None


class DraftSection(BaseModel):
    """One section of the publishable text: paragraphs separated by a blank line, list items as '- '."""

    key: SectionKey
    title: str = Field(description="The heading exactly as written (never title-cased).")
    text: str


class Suggestion(BaseModel):
    """A choice the corpus supports, for the recruiter to accept; never in the text until accepted."""

    id: str = Field(description="Stable within the draft, e.g. 'aanbod-begeleiding'.")
    section: SectionKey
    topic: str = Field(description="The offer key in assistant/data/vacancy_nl.yaml, or 'schaal'.")
    label: str
    practice: str = Field(description="What others do, with its citation: 'Leeuwarden ... [2]'.")
    wording: str = Field(description="The neutral employer wording that accepting inserts into the section.")
    sector_wide: bool = Field(description="About the public sector as a whole, not about this persona.")
    status: SuggestionStatus = "open"
    citations: list[int] = Field(description="Numbers n of the draft's sources that back the practice.")


class Onderbouwing(BaseModel):
    """The evidence for one section, shown beside the text and exported as an annex."""

    section: SectionKey
    title: str
    suggestions: list[Suggestion]


class PersonaReference(BaseModel):
    """The persona card a draft is based on: our own profile, not a source document."""

    persona_id: str
    name: str
    role: str


class VacancyDraft(BaseModel):
    """A draft that belongs to one user; the text is publishable, the evidence sits in `onderbouwing`."""

    id: str
    owner: str
    created: datetime
    updated: datetime
    request: dict[str, Any] = Field(description="The request as given (plain JSON; it may be past its date).")
    persona: PersonaReference
    organisation: str
    title: str
    header: Header
    sections: list[DraftSection]
    onderbouwing: list[Onderbouwing]
    sources: list[Citation] = Field(description="The passages the suggestions cite, numbered [1], [2], ...")
    note: str | None = Field(None, description="The recruiter's own note; never part of the text.")
    text: str = Field(description="The publishable text as Markdown (header and sections).")
    plain_text: str = Field(
        description="The sections' running text, one block a line; the checks' offsets point here."
    )
    checks: TextChecks
    problems: list[str] = Field(description="Why the text is not yet publishable (Dutch); empty = ready.")
    words: int
    edited: bool = False
    notice: str | None = None

    def suggestion(self, suggestion_id: str) -> Suggestion | None:
        return next((s for o in self.onderbouwing for s in o.suggestions if s.id == suggestion_id), None)


class DraftSummary(BaseModel):
    """One line of the list of saved drafts."""

    id: str
    title: str
    persona: PersonaReference
    organisation: str
    created: datetime
    updated: datetime


class SectionEdit(BaseModel, extra="forbid"):
    key: SectionKey
    title: str = Field(min_length=1, max_length=120)
    text: str = Field(max_length=8000)


class DraftEdit(BaseModel, extra="forbid"):
    """PUT body: the edited text. Sections are sent whole; header and title are optional."""

    title: str | None = Field(None, min_length=1, max_length=160)
    header: Header | None = None
    sections: list[SectionEdit] = Field(min_length=1, max_length=10)


class WishOption(BaseModel):
    key: str
    label: str
    section: SectionKey
    wording: dict[str, str] = Field(description="The fixed text per form of address: {'je': ..., 'u': ...}.")


class VacancyOptions(BaseModel):
    """What the form offers: fixed wish wordings, education levels, organisation types, tones, address."""

    wishes: list[WishOption]
    education_levels: list[str]
    organisation_types: dict[str, str]
    tones: dict[str, str]
    addresses: dict[str, str]
    header_labels: dict[str, str]
    unconfirmed_marker: str
