"""Browser hardening and fair use, as plain ASGI middleware so they cover every route in one place:
the client's real address (forwarded headers only from trusted proxies), an Origin check on
state-changing requests, security headers, and a per-client rate limit."""

import ipaddress
from urllib.parse import urlsplit

from fastapi.responses import JSONResponse
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

# Probes carry no data and are never limited or signed in.
OPEN_PATHS = frozenset({"/healthz", "/readyz"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# The web app loads only its own files; nothing may frame it. /docs (Swagger UI, served locally) starts
# itself with an inline script, so only that page may run one.
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = CSP.replace("default-src 'self'", "default-src 'self'; script-src 'self' 'unsafe-inline'") + (
    "; style-src 'self' 'unsafe-inline'"
)
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def peer(scope: Scope) -> str:
    """The address that connected to us (a proxy, if there is one), as set by ClientAddress."""
    return scope.get("state", {}).get("peer") or client(scope)


def client(scope: Scope) -> str:
    """The client's address: the connecting address, or the one a trusted proxy forwarded."""
    return (scope.get("client") or ("onbekend", 0))[0]


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def json_error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


class ClientAddress:
    """Remember the connecting address, then take X-Forwarded-For/-Proto from trusted proxies only.

    `python -m api` switches uvicorn's own forwarded-header handling off, so a client that is not a
    configured proxy cannot choose its address (and dodge the rate limit) with a header.
    """

    def __init__(self, app: ASGIApp, trusted_proxies: list[str]) -> None:
        self.app = app
        self.inner = ProxyHeadersMiddleware(app, trusted_proxies) if trusted_proxies else app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope.setdefault("state", {})["peer"] = client(scope)
        await self.inner(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"] in ("/docs", "/docs/oauth2-redirect")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class OriginCheck:
    """Refuse a state-changing request sent by a page of another site (cross-site request forgery):
    a browser always names the page's origin on such requests; scripts without one pass."""

    def __init__(self, app: ASGIApp, allowed_origins: list[str]) -> None:
        self.app = app
        self.allowed = frozenset(o.rstrip("/") for o in allowed_origins)

    def _foreign(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is None:
            return headers.get("sec-fetch-site") == "cross-site"
        return urlsplit(origin).netloc != headers.get("host") and origin.rstrip("/") not in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in UNSAFE_METHODS
            and self._foreign(Headers(scope=scope))
        ):
            detail = "Geweigerd: dit verzoek komt van een andere website dan de HR-assistent."
            await json_error(403, detail)(scope, receive, send)
            return
        await self.app(scope, receive, send)


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
        if self.limiter.hit(self.rate, client(scope)):
            await self.app(scope, receive, send)
            return
        detail = f"Te veel verzoeken: maximaal {self.rate}. Probeer het zo opnieuw."
        await json_error(429, detail, {"Retry-After": "60"})(scope, receive, send)
