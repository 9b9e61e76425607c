"""The drafter's Dutch wording, read from assistant/data/vacancy_nl.yaml and validated on load."""

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA_FILE = Path(__file__).parent.parent / "data" / "vacancy_nl.yaml"

Address = Literal["je", "u"]
Tone = Literal["informal", "formal"]
SectionKey = Literal["taken", "profiel", "aanbod", "organisatie", "solliciteren"]
SECTION_ORDER: tuple[SectionKey, ...] = ("taken", "profiel", "aanbod", "organisatie", "solliciteren")
# Sections a suggestion can go into; the tasks come from the card and the apply section from the input.
SUGGESTION_SECTIONS: tuple[SectionKey, ...] = ("profiel", "aanbod", "organisatie")
HeaderField = Literal["location", "hours", "salary", "education_level", "closing_date", "vacancy_number"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phrase(_Strict):
    """One sentence or phrase in both forms of address."""

    je: str = Field(min_length=1)
    u: str = Field(min_length=1)

    def say(self, address: Address, **values: object) -> str:
        return (self.u if address == "u" else self.je).format(**values)


def _phrase(value: object) -> object:
    """A plain string is the same text for je and u."""
    return {"je": value, "u": value} if isinstance(value, str) else value


class PhraseField(Phrase):
    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: object) -> object:
        return _phrase(value)


Variants = dict[Tone, list[PhraseField]]


class Area(_Strict):
    """A field of work or a target group: the words that make evidence about it."""

    label: str
    terms: str
    anchors: list[str] = Field(min_length=1)


class Offer(_Strict):
    """A fixed employer wording: a wish the recruiter can tick, and a topic for corpus suggestions."""

    key: str = Field(pattern=r"^[a-z_]+$")
    label: str
    section: Literal["profiel", "aanbod", "organisatie"]
    wish: bool
    wording: PhraseField
    # No queries: a wish only, never looked for in the documents.
    queries: list[str] = Field(default_factory=list)
    anchors: list[str] = Field(default_factory=list)
    for_: list[str] = Field(default_factory=list, alias="for")
    sector_wide: bool = False


class VacancyWording(_Strict):
    unconfirmed_marker: str
    headings: dict[Address, dict[SectionKey, str]]
    header_labels: dict[HeaderField, str]
    education_levels: list[str] = Field(min_length=1)
    organisation_types: dict[str, str]
    openings: Variants
    task_intros: Variants
    day_intros: Variants
    level: PhraseField
    skill_intros: Variants
    profile_closings: Variants
    offer_intros: Variants
    offer_fallback: PhraseField
    workplace: PhraseField
    organisation_type: str
    team: PhraseField
    chain: str
    apply_leads: Variants
    apply: str
    closing_date: str
    vacancy_number: PhraseField
    apply_ends: Variants
    skill_glosses: dict[str, str]
    fields: dict[str, Area]
    target_groups: dict[str, Area]
    offers: list[Offer]

    @model_validator(mode="after")
    def _consistent(self) -> "VacancyWording":
        for address, headings in self.headings.items():
            if set(headings) != set(SECTION_ORDER):
                raise ValueError(f"headings.{address} must name every section: {', '.join(SECTION_ORDER)}")
        keys = [offer.key for offer in self.offers]
        if len(keys) != len(set(keys)):
            raise ValueError("offers: every key must be unique")
        known = set(self.fields) | set(self.target_groups)
        for offer in self.offers:
            unknown = set(offer.for_) - known
            if unknown:
                raise ValueError(f"offers.{offer.key}.for: unknown {', '.join(sorted(unknown))}")
        return self

    def offer(self, key: str) -> Offer:
        return next(o for o in self.offers if o.key == key)


def load_wording(path: Path = DATA_FILE) -> VacancyWording:
    return VacancyWording.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def default_wording() -> VacancyWording:
    return load_wording()
