"""One place that turns the library's errors into HTTP responses with a message a user can act on."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from assistant.core.errors import (
    AssistantError,
    ConflictError,
    IndexNotReadyError,
    InvalidInputError,
    NotFoundError,
)

log = logging.getLogger(__name__)

TIMEOUT_MESSAGE = "Het antwoord duurde te lang. Probeer het opnieuw of stel een kortere vraag."
STATUS = {InvalidInputError: 422, NotFoundError: 404, ConflictError: 409, IndexNotReadyError: 503}


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

    @app.exception_handler(TimeoutError)
    async def timeout(_: Request, exc: TimeoutError) -> JSONResponse:
        return JSONResponse({"detail": TIMEOUT_MESSAGE}, status_code=504)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse({"detail": "Er ging intern iets mis. Probeer het opnieuw."}, status_code=500)
