"""Liveness and readiness."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import AssistantDep
from assistant.core.errors import IndexNotReadyError

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(assistant: AssistantDep) -> JSONResponse:
    try:
        snapshot = assistant.snapshot()
    except IndexNotReadyError as exc:
        return JSONResponse({"status": "not ready", "detail": str(exc)}, status_code=503)
    return JSONResponse(
        {
            "status": "ready",
            "generation": snapshot.meta.id,
            "documents": len(snapshot.documents),
            "chunks": len(snapshot.chunks),
        }
    )
