"""Accounts, managed by a beheerder: list, add, change role or password, remove."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.accounts import Account, Role
from api.deps import AccountsDep, AuditDep, BeheerderDep, ClientAddressDep
from assistant.core.errors import ConflictError

router = APIRouter(prefix="/api/users", tags=["gebruikers"])


class NewUser(BaseModel, extra="forbid"):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    role: Role = "recruiter"


class UserChange(BaseModel, extra="forbid"):
    role: Role | None = None
    password: str | None = Field(None, min_length=1, max_length=256)


@router.get("")
def list_users(_: BeheerderDep, accounts: AccountsDep) -> list[Account]:
    return accounts.list()


@router.post("", status_code=201)
def add_user(
    body: NewUser, user: BeheerderDep, accounts: AccountsDep, audit: AuditDep, address: ClientAddressDep
) -> Account:
    account = accounts.add(body.name, body.password, body.role)
    audit.record(user.name, "gebruiker toegevoegd", f"{account.name} ({account.role})", address)
    return account


@router.put("/{name}")
def change_user(
    name: str,
    body: UserChange,
    user: BeheerderDep,
    accounts: AccountsDep,
    audit: AuditDep,
    address: ClientAddressDep,
) -> Account:
    account = accounts.update(name, body.role, body.password)
    changes = [f"rol {body.role}"] * (body.role is not None) + ["nieuw wachtwoord"] * (
        body.password is not None
    )
    audit.record(user.name, "gebruiker gewijzigd", f"{name}: {', '.join(changes) or 'niets'}", address)
    return account


@router.delete("/{name}")
def remove_user(
    name: str, user: BeheerderDep, accounts: AccountsDep, audit: AuditDep, address: ClientAddressDep
) -> dict[str, str]:
    if name == user.name:
        raise ConflictError("U kunt uw eigen account niet verwijderen: vraag een andere beheerder.")
    accounts.remove(name)
    audit.record(user.name, "gebruiker verwijderd", name, address)
    return {"status": "verwijderd", "gebruiker": name}
