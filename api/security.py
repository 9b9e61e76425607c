"""Access control and fair use: optional API key or basic auth, and a per-client rate limit.

Both are plain ASGI middleware so they cover every route, the static UI included, in one place.
"""

import base64
import binascii
import secrets

from fastapi.responses import JSONResponse
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.core.config import Settings

# Probes and the page shell carry no data; the shell asks for the API key itself.
OPEN_PATHS = frozenset({"/healthz", "/readyz"})
UI_SHELL_PREFIXES = ("/static/",)
UI_SHELL_PATHS = frozenset({"/", "/favicon.ico"})


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


class AccessControl:
    """Refuse requests without the configured API key (header X-API-Key) or basic-auth credentials."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.api_key = settings.api_key
        self.user = settings.basic_auth_user
        self.password = settings.basic_auth_password

    def _allowed(self, scope: Scope) -> bool:
        headers = Headers(scope=scope)
        key = headers.get("x-api-key")
        if self.api_key and key is not None and secrets.compare_digest(key, self.api_key):
            return True
        credentials = _basic_credentials(headers.get("authorization"))
        if self.user and credentials is not None:
            user, password = credentials
            return secrets.compare_digest(user, self.user) and secrets.compare_digest(password, self.password)
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not (self.api_key or self.user) or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        is_shell = scope["path"] in UI_SHELL_PATHS or scope["path"].startswith(UI_SHELL_PREFIXES)
        if self._allowed(scope) or (is_shell and not self.user):
            await self.app(scope, receive, send)
            return
        headers = {"WWW-Authenticate": 'Basic realm="HR-assistent"'} if self.user else {}
        detail = "Niet aangemeld: geef de API-sleutel mee (X-API-Key) of meld u aan."
        await JSONResponse({"detail": detail}, status_code=401, headers=headers)(scope, receive, send)


class RateLimit:
    """A moving-window limit per client address (the `limits` library, in memory per process)."""

    def __init__(self, app: ASGIApp, rate: str) -> None:
        self.app = app
        self.rate = parse(rate)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("onbekend", 0))[0]
        if self.limiter.hit(self.rate, client):
            await self.app(scope, receive, send)
            return
        detail = f"Te veel verzoeken: maximaal {self.rate}. Probeer het zo opnieuw."
        await JSONResponse({"detail": detail}, status_code=429, headers={"Retry-After": "60"})(
            scope, receive, send
        )
