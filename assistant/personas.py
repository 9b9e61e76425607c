"""Persona cards ("personakaarten"): the product's own authored role profiles, stored as one YAML file each.

The cards are written by us, not taken from the source documents, so `source` is always "personakaart"
and callers must show and cite them as such.
"""

import contextlib
import os
import re
import tempfile
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from assistant.core.errors import ConflictError, InvalidInputError, NotFoundError

PERSONA_SOURCE = "personakaart"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,40}$"
# A card is a few kilobytes; anything far larger is a mistake or an attack, so it is refused before parsing.
MAX_FILE_BYTES = 64_000
WORKING_DAY_WORDS = (60, 200)
MAX_PROBLEMS_SHOWN = 8
SCALE_RANGE = (1, 18)  # functieschalen in the Cao Gemeenten (HR21) run from 1 to 18
DEFAULT_SCALE_NOTE = (
    "Indicatie. De echte schaal volgt uit de functiewaardering van de werkgever "
    "(Cao Gemeenten, of Cao SGO bij een omgevingsdienst)."
)

_ID_RE = re.compile(ID_PATTERN)


class ChainStep(StrEnum):
    """Positions along the chain 'Van Raad naar Straat', in chain order."""

    RAAD = "raad"
    STRATEGIE = "strategie"
    BELEID = "beleid"
    ADVIES = "advies"
    VERGUNNING = "vergunning"
    TOEZICHT = "toezicht"

    @property
    def order(self) -> int:
        """1-based place in the chain, from the council (1) to the street (6)."""
        return list(ChainStep).index(self) + 1

    @property
    def label(self) -> str:
        """Dutch label for display."""
        return _CHAIN_LABELS[self]


_CHAIN_LABELS = {
    ChainStep.RAAD: "Raad en bestuur",
    ChainStep.STRATEGIE: "Strategie",
    ChainStep.BELEID: "Beleid",
    ChainStep.ADVIES: "Advies",
    ChainStep.VERGUNNING: "Vergunningverlening",
    ChainStep.TOEZICHT: "Toezicht en handhaving",
}


def _single_line(value: str) -> str:
    """Reject line breaks and tabs in fields that are shown on one line (names, titles, list items)."""
    if any(char in value for char in "\r\n\t"):
        raise ValueError("mag geen regeleinden of tabs bevatten")
    return value


# Every text has a ceiling so that absurd input is refused, not stored and fed to the vacancy writer.
Name = Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_single_line)]
Role = Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(_single_line)]
Task = Annotated[str, StringConstraints(min_length=3, max_length=200), AfterValidator(_single_line)]
Competency = Annotated[str, StringConstraints(min_length=3, max_length=60), AfterValidator(_single_line)]
EducationLevel = Annotated[str, StringConstraints(min_length=1, max_length=60), AfterValidator(_single_line)]
Summary = Annotated[str, StringConstraints(min_length=20, max_length=400)]
WorkingDay = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


TargetGroup = Literal["carrièreswitchers", "mbo", "young professionals"]


class SalaryScale(BaseModel):
    """An indicative range of functieschalen; never a promise, hence the required note."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    min: int = Field(ge=SCALE_RANGE[0], le=SCALE_RANGE[1])
    max: int = Field(ge=SCALE_RANGE[0], le=SCALE_RANGE[1])
    note: str = Field(DEFAULT_SCALE_NOTE, min_length=1, max_length=300)

    @field_validator("note")
    @classmethod
    def _note_says_indication(cls, value: str) -> str:
        # Vacancy drafts quote this note; it must never read as a fixed salary offer.
        if "indicatie" not in value.lower():
            raise ValueError("moet zeggen dat het een indicatie is (gebruik het woord 'indicatie')")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "SalaryScale":
        if self.min > self.max:
            raise ValueError(f"de laagste schaal ({self.min}) is hoger dan de hoogste ({self.max})")
        return self


class PersonaCard(BaseModel):
    """One authored persona card for a role in the soil chain."""

    # extra="forbid" so a typo in a YAML key is an error, not a silently ignored field.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    id: str = Field(pattern=ID_PATTERN, max_length=41)
    name: Name
    role: Role
    chain_position: ChainStep
    summary: Summary
    tasks: list[Task] = Field(min_length=3, max_length=8)
    working_day: WorkingDay
    competencies: list[Competency] = Field(min_length=4, max_length=8)
    education_level: EducationLevel
    salary_scale: SalaryScale
    # Who the vacancy also means to reach; the drafter looks for practices aimed at these groups.
    target_groups: list[TargetGroup] = Field(default_factory=list, max_length=3)
    source: Literal["personakaart"] = PERSONA_SOURCE
    updated: datetime | None = None

    @property
    def chain_order(self) -> int:
        """Place of this persona in the chain, for sorting."""
        return self.chain_position.order

    @field_validator("working_day")
    @classmethod
    def _working_day_words(cls, value: str) -> str:
        words = len(value.split())
        low, high = WORKING_DAY_WORDS
        if not low <= words <= high:
            raise ValueError(
                f"heeft {words} woorden en moet er {low} tot {high} hebben: beschrijf een gewone werkdag van "
                "begin tot eind, zodat een lezer ziet wat het werk echt is"
            )
        return value

    @field_validator("tasks", "competencies")
    @classmethod
    def _no_duplicates(cls, items: list[str]) -> list[str]:
        seen: set[str] = set()
        for item in items:
            key = item.casefold()
            if key in seen:
                raise ValueError(f"'{item}' staat er twee keer in")
            seen.add(key)
        return items

    @field_validator("updated")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        # YAML may give a naive timestamp; we store every time in UTC.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


# --- readable errors -------------------------------------------------------------------------------


# The names the persona form shows; errors use them, so "veld working_day" never reaches a recruiter.
FIELD_LABELS = {
    "id": "id",
    "name": "naam",
    "role": "functie",
    "chain_position": "plek in de keten",
    "summary": "samenvatting",
    "tasks": "taken",
    "working_day": "werkdag",
    "competencies": "vaardigheden",
    "education_level": "opleidingsniveau",
    "salary_scale": "salarisschaal",
    "min": "laagste schaal",
    "max": "hoogste schaal",
    "note": "toelichting",
    "target_groups": "doelgroepen",
    "source": "bron",
    "updated": "bijgewerkt",
}


def _field_path(loc: tuple[int | str, ...], labels: dict[str, str]) -> str:
    """'tasks' + 2 -> 'taken, item 3': Dutch names, 1-based, as people count."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        else:
            parts.append(labels.get(part, part))
    return ", ".join(parts) or "kaart"


_DATETIME_HINT = "moet een datum en tijd zijn (bijvoorbeeld 2025-01-31T09:00:00Z)"
_GROUP = "moet een groep velden zijn"
# Dutch wording per pydantic error type; {placeholders} come from the error's context.
_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "is geen bekend veld",
    "string_type": "moet tekst zijn",
    "int_type": "moet een heel getal zijn",
    "int_parsing": "moet een heel getal zijn",
    "int_from_float": "moet een heel getal zijn",
    "list_type": "moet een lijst zijn",
    "model_type": _GROUP,
    "model_attributes_type": _GROUP,
    "dict_type": _GROUP,
    "datetime_type": _DATETIME_HINT,
    "datetime_parsing": _DATETIME_HINT,
    "datetime_from_date_parsing": _DATETIME_HINT,
    "string_pattern_mismatch": "mag alleen kleine letters, cijfers en streepjes bevatten (2 tot 41 tekens)",
    "literal_error": "moet {expected} zijn",
    "enum": "moet een van deze waarden zijn: " + ", ".join(ChainStep),
    "string_too_short": "is te kort (minimaal {min_length} tekens)",
    "string_too_long": "is te lang (maximaal {max_length} tekens)",
    "too_short": "heeft te weinig items (minimaal {min_length})",
    "too_long": "heeft te veel items (maximaal {max_length})",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
}


def _problem(error: ErrorDetails) -> str:
    """One pydantic error in plain Dutch."""
    ctx = error.get("ctx", {})
    if error["type"] == "value_error":
        return str(ctx.get("error", "heeft een ongeldige waarde"))  # our own validators speak Dutch already
    template = _MESSAGES.get(error["type"], "heeft een ongeldige waarde")
    try:
        return template.format_map(ctx)
    except (KeyError, IndexError, ValueError):
        return template


def field_errors(exc: ValidationError, labels: dict[str, str] = FIELD_LABELS) -> dict[str, str]:
    """One Dutch message per top-level field, keyed by the field's JSON name, so a form can show each
    message next to its own input."""
    found: dict[str, str] = {}
    for error in exc.errors():
        key = str(error["loc"][0]) if error["loc"] else "kaart"
        where = _field_path(error["loc"][1:], labels)
        message = _problem(error) if where == "kaart" else f"{where}: {_problem(error)}"
        found[key] = f"{found[key]}; {message}" if key in found else message
    return found


def describe_validation_error(exc: ValidationError, labels: dict[str, str] = FIELD_LABELS) -> str:
    """All problems of one validation, as 'veld X: probleem' separated by semicolons."""
    problems = [f"veld {_field_path(e['loc'], labels)}: {_problem(e)}" for e in exc.errors()]
    # A wildly wrong file can produce dozens of errors; the first few are enough to act on.
    if len(problems) > MAX_PROBLEMS_SHOWN:
        hidden = len(problems) - MAX_PROBLEMS_SHOWN
        problems = [*problems[:MAX_PROBLEMS_SHOWN], f"en nog {hidden} andere fout(en)"]
    return "; ".join(problems)


def parse_persona(data: object, *, origin: str = "invoer") -> PersonaCard:
    """Validate raw data into a card; problems become one InvalidInputError that names `origin`."""
    if not isinstance(data, dict):
        raise InvalidInputError(f"Personakaart {origin} klopt niet: de kaart moet een lijst van velden zijn.")
    try:
        return PersonaCard.model_validate(data)
    except ValidationError as exc:
        problems = describe_validation_error(exc)
        raise InvalidInputError(
            f"Personakaart {origin} klopt niet: {problems}.", fields=field_errors(exc)
        ) from exc


# --- the store ---------------------------------------------------------------------------------------


def _checked_id(persona_id: str) -> str:
    """Refuse ids that are not slugs; this also keeps '../' and friends out of file paths."""
    if not isinstance(persona_id, str) or not _ID_RE.fullmatch(persona_id):
        raise InvalidInputError(
            f"'{str(persona_id)[:60]}' is geen geldige persona-id: gebruik 2 tot 41 kleine letters, "
            "cijfers en streepjes."
        )
    return persona_id


def _card_path(directory: Path, persona_id: str) -> Path:
    """File that holds the card with this id."""
    return directory / f"{_checked_id(persona_id)}.yaml"


def _read_card(path: Path) -> PersonaCard:
    """Read and validate one card file; every problem is an InvalidInputError naming the file."""
    name = path.name
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInputError(f"Personakaart {name} is te groot (maximaal {MAX_FILE_BYTES} bytes).")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"Personakaart {name} is geen UTF-8-tekst.") from exc
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (regel {where.line + 1})" if where is not None else ""
        raise InvalidInputError(f"Personakaart {name} is geen geldige YAML{line}.") from exc
    card = parse_persona(data, origin=name)
    if card.id != path.stem:
        raise InvalidInputError(
            f"Personakaart {name} klopt niet: veld id is '{card.id}', maar moet gelijk zijn aan de "
            f"bestandsnaam '{path.stem}'."
        )
    return card


def load_personas(directory: Path) -> dict[str, PersonaCard]:
    """All cards in `directory` (*.yaml), keyed by id, in chain order; a missing directory is empty."""
    if not directory.is_dir():
        return {}
    cards: list[PersonaCard] = []
    for path in sorted(directory.glob("*.yaml")):
        # A card deleted by another worker between glob() and reading is simply no longer there.
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            cards.append(_read_card(path))
    cards.sort(key=lambda card: (card.chain_order, card.id))
    return {card.id: card for card in cards}


def get_persona(directory: Path, persona_id: str) -> PersonaCard:
    """The card with this id; NotFoundError if there is none."""
    path = _card_path(directory, persona_id)
    try:
        return _read_card(path)
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise NotFoundError(f"Persona '{persona_id}' bestaat niet.") from exc


def _to_yaml(card: PersonaCard) -> str:
    """Card as YAML in field order, with Dutch characters kept readable."""
    data = card.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _write_temp(directory: Path, persona_id: str, text: str) -> Path:
    """Write `text` to a fsynced temp file next to the target; the '.tmp' suffix keeps it out of loads."""
    fd, name = tempfile.mkstemp(dir=directory, prefix=f".{persona_id}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)  # mkstemp makes 0600; cards are ordinary readable files
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _publish_new(temp: Path, target: Path, persona_id: str) -> None:
    """Move `temp` to `target` only if `target` does not exist yet."""
    try:
        # link() fails if the target exists, so two concurrent creates cannot both win.
        os.link(temp, target)
    except FileExistsError as exc:
        raise ConflictError(f"Persona '{persona_id}' bestaat al.") from exc
    except OSError:
        # Filesystems without hard links: fall back to check-then-replace.
        if target.exists():
            raise ConflictError(f"Persona '{persona_id}' bestaat al.") from None
        os.replace(temp, target)


def save_persona(directory: Path, card: PersonaCard, *, overwrite: bool) -> PersonaCard:
    """Write `card` atomically and return it as stored, with `updated` set to now (UTC).

    overwrite=False: ConflictError if the id exists. overwrite=True: NotFoundError if it does not.
    """
    directory.mkdir(parents=True, exist_ok=True)
    target = _card_path(directory, card.id)
    if overwrite and not target.is_file():
        raise NotFoundError(f"Persona '{card.id}' bestaat niet en kan dus niet worden bijgewerkt.")
    stored = card.model_copy(update={"updated": datetime.now(UTC).replace(microsecond=0)})
    temp = _write_temp(directory, card.id, _to_yaml(stored))
    try:
        if overwrite:
            os.replace(temp, target)
        else:
            _publish_new(temp, target, card.id)
    finally:
        # After replace() the temp name is gone already; after link() both names exist.
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return stored


def delete_persona(directory: Path, persona_id: str) -> None:
    """Remove the card with this id; NotFoundError if there is none."""
    path = _card_path(directory, persona_id)
    try:
        path.unlink()
    except FileNotFoundError as exc:
        raise NotFoundError(f"Persona '{persona_id}' bestaat niet.") from exc
