"""Persona cards: the product's own authored profiles, used to draft vacancy texts."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from api.deps import AuditDep, BeheerderDep, ClientAddressDep, SettingsDep
from assistant.core.errors import InvalidInputError
from assistant.personas import (
    PersonaCard,
    delete_persona,
    get_persona,
    load_personas,
    parse_persona,
    save_persona,
)

router = APIRouter(prefix="/api/personas", tags=["personas"])
# Taken as plain JSON and validated by parse_persona, whose messages name the field in Dutch. Typed Any,
# not dict: with dict, FastAPI itself refuses a list or string body in English before parse_persona sees it.
CardBody = Annotated[Any, Body()]


class PersonaAudit:
    """Changing persona cards is for beheerders, and is logged."""

    def __init__(self, user: BeheerderDep, audit: AuditDep, address: ClientAddressDep) -> None:
        self.user, self.audit, self.address = user, audit, address

    def __call__(self, action: str, persona_id: str) -> None:
        self.audit.record(self.user.name, action, persona_id, self.address)


PersonaAuditDep = Annotated[PersonaAudit, Depends()]


@router.get("")
def list_personas(settings: SettingsDep) -> list[PersonaCard]:
    return list(load_personas(settings.personas_dir).values())


@router.get("/{persona_id}")
def read_persona(persona_id: str, settings: SettingsDep) -> PersonaCard:
    return get_persona(settings.personas_dir, persona_id)


@router.post("", status_code=201)
def create_persona(settings: SettingsDep, card: CardBody, log: PersonaAuditDep) -> PersonaCard:
    saved = save_persona(settings.personas_dir, parse_persona(card), overwrite=False)
    log("persona aangemaakt", saved.id)
    return saved


@router.put("/{persona_id}")
def update_persona(
    persona_id: str, settings: SettingsDep, card: CardBody, log: PersonaAuditDep
) -> PersonaCard:
    parsed = parse_persona(card)
    if parsed.id != persona_id:
        raise InvalidInputError(
            f"Het id in de kaart ({parsed.id!r}) hoort bij een andere persona dan {persona_id!r}."
        )
    saved = save_persona(settings.personas_dir, parsed, overwrite=True)
    log("persona gewijzigd", persona_id)
    return saved


@router.delete("/{persona_id}")
def remove_persona(persona_id: str, settings: SettingsDep, log: PersonaAuditDep) -> dict[str, str]:
    delete_persona(settings.personas_dir, persona_id)
    log("persona verwijderd", persona_id)
    return {"status": "verwijderd", "persona": persona_id}
