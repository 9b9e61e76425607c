"""Signing in and out with a built-in account, and the one-time setup of the first beheerder."""

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from api.accounts import Account, AccountStore, Role
from api.auth import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, TOO_MANY_FAILURES
from api.deps import AccountsDep, AuditDep, ClientAddressDep, CurrentUserDep, FailuresDep, SettingsDep
from api.errors import ForbiddenError, NotSignedInError, TooManyAttemptsError
from api.security import is_loopback, peer
from assistant.core.config import Settings
from assistant.core.errors import InvalidInputError

router = APIRouter(prefix="/api/auth", tags=["aanmelden"])


class Credentials(BaseModel, extra="forbid"):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class AuthState(BaseModel):
    mode: Literal["accounts", "proxy", "open"]
    setup: bool  # the one-time form for the first beheerder may be shown


class Me(BaseModel):
    name: str
    role: Role
    mode: str
    csrf_token: str  # send back as X-CSRF-Token on POST, PUT and DELETE
    csrf_header: str = CSRF_HEADER


def _setup_allowed(request: Request, settings: Settings, accounts: AccountStore) -> bool:
    """Only while nobody has an account, and only to a browser on this very machine (not via a proxy)."""
    forwarded = "x-forwarded-for" in request.headers or "forwarded" in request.headers
    local = is_loopback(peer(request.scope)) and is_loopback(request.client.host if request.client else "")
    return settings.auth == "accounts" and local and not forwarded and accounts.count() == 0


def _sign_in(
    request: Request, response: Response, settings: Settings, accounts: AccountStore, account: Account
) -> Me:
    session = accounts.open_session(account)
    cookie = {
        "max_age": int(settings.session_hours * 3600),
        "samesite": "lax",
        "secure": settings.secure_cookies or request.url.scheme == "https",
    }
    response.set_cookie(SESSION_COOKIE, session.token, httponly=True, **cookie)
    # The page's scripts read the CSRF token from this cookie and send it back as a header; another
    # site can neither read it nor set the header.
    response.set_cookie(CSRF_COOKIE, session.csrf, httponly=False, **cookie)
    return Me(name=account.name, role=account.role, mode=settings.auth, csrf_token=session.csrf)


@router.get("/state")
def state(request: Request, settings: SettingsDep, accounts: AccountsDep) -> AuthState:
    return AuthState(mode=settings.auth, setup=_setup_allowed(request, settings, accounts))


@router.post("/setup", status_code=201)
def setup(
    body: Credentials,
    request: Request,
    response: Response,
    settings: SettingsDep,
    accounts: AccountsDep,
    audit: AuditDep,
    address: ClientAddressDep,
) -> Me:
    if not _setup_allowed(request, settings, accounts):
        raise ForbiddenError(
            "Het eerste account maakt u op de server zelf: via deze pagina op die computer, of met"
            " 'python -m api users add --admin NAAM'."
        )
    account = accounts.add_first(body.name, body.password)
    audit.record(account.name, "eerste beheerder aangemaakt", account.name, address)
    return _sign_in(request, response, settings, accounts, account)


@router.post("/login")
def login(
    body: Credentials,
    request: Request,
    response: Response,
    settings: SettingsDep,
    accounts: AccountsDep,
    audit: AuditDep,
    failures: FailuresDep,
    address: ClientAddressDep,
) -> Me:
    if settings.auth != "accounts":
        raise InvalidInputError(
            "Aanmelden met een wachtwoord staat uit: deze omgeving gebruikt een andere aanmelding."
        )
    if failures.blocked(address):
        raise TooManyAttemptsError(TOO_MANY_FAILURES)
    account = accounts.verify(body.name, body.password)
    if account is None:
        failures.failed(address)
        audit.record(body.name, "aanmelden mislukt", "", address)
        raise NotSignedInError("Aanmelden mislukt: de naam of het wachtwoord klopt niet.")
    audit.record(account.name, "aangemeld", "", address)
    return _sign_in(request, response, settings, accounts, account)


@router.post("/logout")
def logout(
    request: Request,
    response: Response,
    user: CurrentUserDep,
    accounts: AccountsDep,
    audit: AuditDep,
    address: ClientAddressDep,
) -> dict[str, str]:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.close_session(token)
        audit.record(user.name, "afgemeld", "", address)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax")
    response.delete_cookie(CSRF_COOKIE, samesite="lax")
    return {"status": "afgemeld"}


@router.get("/me")
def me(request: Request, user: CurrentUserDep, settings: SettingsDep) -> Me:
    return Me(
        name=user.name, role=user.role, mode=settings.auth, csrf_token=getattr(request.state, "csrf", "")
    )
