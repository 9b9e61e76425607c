"""Who is asking: the Authentication middleware puts a `User` on every request or refuses it.

Modes (Settings.auth): `accounts` (session cookie from the sign-in page, or basic auth with the same
account), `proxy` (an identity header, believed only from a trusted proxy address), `open` (no sign-in:
everyone is the local beheerder). In every mode a script may send the API key (X-API-Key).
Failed attempts are counted per client address; past the limit the client gets 429 for a while.
"""

import base64
import binascii
import ipaddress
import secrets

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel
from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from api.accounts import AccountStore, Role
from api.security import OPEN_PATHS, UNSAFE_METHODS, client, json_error, peer
from assistant.conversations import LOCAL_OWNER
from assistant.core.config import Settings

SESSION_COOKIE = "hr_sessie"
CSRF_HEADER = "X-CSRF-Token"
CSRF_COOKIE = "hr_csrf"
# Reachable without signing in: the sign-in page and its files, and the calls it makes.
PUBLIC_PATHS = OPEN_PATHS | {
    "/login",
    "/favicon.ico",
    "/api/auth/state",
    "/api/auth/login",
    "/api/auth/setup",
}
PUBLIC_PREFIXES = ("/static/", "/docs-static/")
TOO_MANY_FAILURES = "Te veel mislukte aanmeldpogingen vanaf dit adres. Probeer het over een minuut opnieuw."
NOT_VIA_PROXY = "Niet aangemeld: open de HR-assistent via de aanmeldpagina van uw organisatie."
NOT_SIGNED_IN = "Niet aangemeld: meld u aan, of geef de API-sleutel mee (X-API-Key)."


class User(BaseModel):
    """Who is asking: conversations and drafts belong to `name`; `role` decides what else is allowed."""

    name: str
    role: Role


LOCAL_USER = User(name=LOCAL_OWNER, role="beheerder")  # auth=open
API_KEY_USER = User(name="api-sleutel", role="beheerder")


class FailedAuthLimit:
    """Failed sign-ins and wrong keys per client address (in memory, per worker process)."""

    def __init__(self, rate: str) -> None:
        self.rate = parse(rate)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def blocked(self, address: str) -> bool:
        return not self.limiter.test(self.rate, address)

    def failed(self, address: str) -> None:
        self.limiter.hit(self.rate, address)


def same_secret(given: str, expected: str) -> bool:
    # As bytes: compare_digest refuses non-ASCII str, and headers may carry any byte.
    return bool(expected) and secrets.compare_digest(given.encode(), expected.encode())


def basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:], validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")  # malformed credentials count as a failed attempt
    return user, password


class Authentication:
    """Needs `app.state.services` (accounts, failures), made at start-up by build_services."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.trusted = _networks(settings.trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"] if scope["type"] == "http" else ""
        # Public paths need nobody: signing in again while a session cookie is still valid must work.
        if scope["type"] != "http" or path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            await self.app(scope, receive, send)
            return
        services = scope["app"].state.services
        try:
            # Off the event loop: a password check (argon2) takes tens of milliseconds of CPU on purpose.
            user, problem = await run_in_threadpool(
                self._identify, HTTPConnection(scope), scope, services.accounts, services.failures
            )
        except _Refusal as refusal:
            await json_error(refusal.status, refusal.detail)(scope, receive, send)
            return
        if user is not None:
            scope.setdefault("state", {})["user"] = user
            await self.app(scope, receive, send)
        elif path == "/" and self.settings.auth == "accounts":
            await RedirectResponse("/login", status_code=303)(scope, receive, send)
        else:
            await json_error(401, problem or NOT_SIGNED_IN)(scope, receive, send)

    def _identify(
        self, connection: HTTPConnection, scope: Scope, accounts: AccountStore, failures: FailedAuthLimit
    ) -> tuple[User | None, str]:
        headers = connection.headers
        address = client(scope)
        key = headers.get("x-api-key")
        basic = basic_credentials(headers.get("authorization")) if self.settings.auth == "accounts" else None
        if key is not None or basic is not None:
            if failures.blocked(address):
                raise _Refusal(429, TOO_MANY_FAILURES)
            user = API_KEY_USER if key is not None and same_secret(key, self.settings.api_key) else None
            if user is None and key is None and basic is not None:
                account = accounts.verify(*basic) if basic[0] else None
                user = User(name=account.name, role=account.role) if account else None
            if user is None:
                failures.failed(address)
                return None, "Aanmelden mislukt: de API-sleutel of het wachtwoord klopt niet."
            return user, ""
        if self.settings.auth == "open":
            # Without a key configured everyone is the local user; with one, the API needs it.
            api_guarded = self.settings.api_key and scope["path"].startswith("/api/")
            return (None, "") if api_guarded else (LOCAL_USER, "")
        if self.settings.auth == "proxy":
            return self._proxy_user(headers, scope, accounts), NOT_VIA_PROXY
        return self._session_user(connection, scope, accounts), ""

    def _session_user(self, connection: HTTPConnection, scope: Scope, accounts: AccountStore) -> User | None:
        token = connection.cookies.get(SESSION_COOKIE)
        session = accounts.session(token) if token else None
        if session is None:
            return None
        if scope["method"] in UNSAFE_METHODS and not same_secret(
            connection.headers.get(CSRF_HEADER, ""), session.csrf
        ):
            raise _Refusal(
                403, "Beveiligingscontrole mislukt (CSRF-token ontbreekt of klopt niet). Vernieuw de pagina."
            )
        scope.setdefault("state", {})["csrf"] = session.csrf
        return User(name=session.account.name, role=session.account.role)

    def _proxy_user(self, headers: Headers, scope: Scope, accounts: AccountStore) -> User | None:
        name = headers.get(self.settings.proxy_user_header, "").strip()
        if not name or not _in_networks(peer(scope), self.trusted):
            return None
        groups = {g.strip() for g in headers.get(self.settings.proxy_groups_header, "").split(",")}
        if self.settings.proxy_admin_group and self.settings.proxy_admin_group in groups:
            return User(name=name, role="beheerder")
        known = {a.name: a.role for a in accounts.list()}
        return User(name=name, role=known.get(name, "recruiter"))


class _Refusal(Exception):
    def __init__(self, status: int, detail: str) -> None:
        self.status = status
        self.detail = detail


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(values: list[str]) -> list[Network]:
    return [ipaddress.ip_network(v, strict=False) for v in values]


def _in_networks(address: str, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)
