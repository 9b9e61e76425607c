"""One place that turns the library's errors into HTTP responses with a message a user can act on."""

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assistant.core.errors import (
    AssistantError,
    ConflictError,
    IndexNotReadyError,
    InvalidInputError,
    NotFoundError,
)

log = logging.getLogger(__name__)


class NotSignedInError(AssistantError):
    """Wrong name or password."""


class ForbiddenError(AssistantError):
    """The caller is signed in, but their role does not allow this."""


class TooManyAttemptsError(AssistantError):
    """Too many failed sign-ins from one client address."""


TIMEOUT_MESSAGE = "Het antwoord duurde te lang. Probeer het opnieuw of stel een kortere vraag."
STATUS = {
    NotSignedInError: 401,
    ForbiddenError: 403,
    TooManyAttemptsError: 429,
    InvalidInputError: 422,
    NotFoundError: 404,
    ConflictError: 409,
    IndexNotReadyError: 503,
}


# Starlette's and FastAPI's own English replies, in Dutch.
HTTP_MESSAGES = {
    400: "Ongeldig verzoek: de inhoud kon niet worden gelezen (geen geldige JSON, of te diep genest).",
    401: "Niet aangemeld.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegestaan.",
}


def status_for(exc: AssistantError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)


def _describe(exc: RequestValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"] if p != "body") or "verzoek"
        problems.append(f"{where}: {error['msg']}")
    return "Ongeldig verzoek: " + "; ".join(problems)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def assistant_error(_: Request, exc: AssistantError) -> JSONResponse:
        body: dict[str, object] = {"detail": str(exc)}
        if getattr(exc, "fields", None):
            body["fields"] = exc.fields  # per form field, next to its input (issue 9)
        return JSONResponse(body, status_code=status_for(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _describe(exc)}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        standard = exc.detail in (HTTPStatus(exc.status_code).phrase, "There was an error parsing the body")
        detail = HTTP_MESSAGES.get(exc.status_code, exc.detail) if standard else exc.detail
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(TimeoutError)
    async def timeout(_: Request, exc: TimeoutError) -> JSONResponse:
        return JSONResponse({"detail": TIMEOUT_MESSAGE}, status_code=504)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse({"detail": "Er ging intern iets mis. Probeer het opnieuw."}, status_code=500)
