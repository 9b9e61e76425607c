"""What a recruiter asks for: the persona, the organisation, the terms and the ticked wishes."""

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from assistant.core.errors import InvalidInputError
from assistant.core.redaction import contains_personal_data
from assistant.personas import ID_PATTERN, describe_validation_error, field_errors
from assistant.vacancy.wording import Address, Tone, default_wording

OrganisationType = Literal[
    "gemeente", "provincie", "omgevingsdienst", "waterschap", "rijksoverheid", "anders"
]
_MARKUP = re.compile(r"[#*_<>\[\]|`\\]")


def _empty_to_none(value: object) -> object:
    """A blank optional form field means 'not given'."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _single_line(value: str) -> str:
    if any(char in value for char in "\r\n\t"):
        raise ValueError("mag geen regeleinden of tabs bevatten")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value


def _known_wish(value: str) -> str:
    if value not in {o.key for o in default_wording().offers if o.wish}:
        raise ValueError(f"'{value[:40]}' is geen bekende wens; kies een wens uit de lijst")
    return value


def _known_level(value: str) -> str:
    if value not in default_wording().education_levels:
        raise ValueError("kies een opleidingsniveau uit de lijst")
    return value


Line = Annotated[str, AfterValidator(_single_line)]
OptionalLine = Annotated[Line | None, BeforeValidator(_empty_to_none)]
Wish = Annotated[str, AfterValidator(_known_wish)]


class VacancyRequest(BaseModel):
    """The form: only what the recruiter gives ends up in the header and the terms of employment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    persona_id: str = Field(pattern=ID_PATTERN, max_length=41, description="Id of the persona card.")
    organisation: Annotated[Line, Field(max_length=120), AfterValidator(_not_blank)]
    organisation_type: OrganisationType = "gemeente"
    title: OptionalLine = Field(
        None, max_length=100, description="Functietitel; leeg = de rol van de persona."
    )
    location: OptionalLine = Field(None, max_length=80, description="Standplaats.")
    hours: int | None = Field(None, ge=8, le=40, strict=True, description="Uren per week.")
    salary: OptionalLine = Field(
        None, max_length=80, description="Schaal of bedragen, bijvoorbeeld 'schaal 10' of '€3.500 - €5.000'."
    )
    education_level: Annotated[OptionalLine, AfterValidator(lambda v: v and _known_level(v))] = Field(
        None, description="Een van de opleidingsniveaus uit GET /api/vacancies/options."
    )
    closing_date: date | None = None
    vacancy_number: OptionalLine = Field(None, max_length=40)
    team: OptionalLine = Field(None, max_length=200, description="Bijvoorbeeld 'het team Bodem en Water'.")
    wishes: list[Wish] = Field(
        default_factory=list,
        max_length=20,
        description="Keys of ticked wishes (GET /api/vacancies/options); each prints its fixed wording.",
    )
    note: Annotated[str | None, BeforeValidator(_empty_to_none)] = Field(
        None, max_length=1000, description="Notitie voor de recruiter zelf; komt nooit in de vacaturetekst."
    )
    tone: Tone = "informal"
    address: Address = "je"

    @field_validator("organisation", "title", "location", "salary", "team", "vacancy_number")
    @classmethod
    def _safe_text(cls, value: str | None) -> str | None:
        # Contact details are never published by the drafter, and "[3]" would pose as a source marker.
        if value is not None and contains_personal_data(value):
            raise ValueError(
                "zet geen e-mailadres of telefoonnummer in de tekst; solliciteren loopt via de website"
            )
        if value is not None and _MARKUP.search(value):
            raise ValueError("gebruik geen opmaaktekens zoals # * _ < > [ ] | of `")
        return value

    @field_validator("wishes")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @field_validator("closing_date")
    @classmethod
    def _not_past(cls, value: date | None) -> date | None:
        if value is not None and value < date.today():
            raise ValueError("de sluitingsdatum ligt in het verleden")
        return value


# Dutch names of the form fields, so an error names what the recruiter sees.
FIELD_LABELS = {
    "persona_id": "persona",
    "organisation": "organisatie",
    "organisation_type": "soort organisatie",
    "title": "functietitel",
    "location": "standplaats",
    "hours": "uren per week",
    "salary": "salaris",
    "education_level": "opleidingsniveau",
    "closing_date": "sluitingsdatum",
    "vacancy_number": "vacaturenummer",
    "team": "team",
    "wishes": "wensen",
    "note": "notitie",
    "tone": "toon",
    "address": "aanspreekvorm",
}


def parse_request(data: Any) -> VacancyRequest:
    """Validate raw JSON into a request; every problem becomes one InvalidInputError in plain Dutch."""
    if not isinstance(data, dict):
        raise InvalidInputError("De aanvraag voor een vacaturetekst moet een lijst van velden zijn.")
    if isinstance(data.get("wishes"), str):
        message = "is een lijst van keuzes; eigen tekst hoort in de notitie"
        raise InvalidInputError(f"De aanvraag klopt niet: veld wensen {message}.", fields={"wishes": message})
    try:
        return VacancyRequest.model_validate(data)
    except ValidationError as exc:
        problems = describe_validation_error(exc, FIELD_LABELS)
        raise InvalidInputError(
            f"De aanvraag klopt niet: {problems}.", fields=field_errors(exc, FIELD_LABELS)
        ) from exc
