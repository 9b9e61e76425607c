"""Request size limits: JSON bodies stay small, uploads may be as large as the ingest accepts."""

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATHS = frozenset({"/api/documents"})
# Multipart framing around the file itself.
MULTIPART_OVERHEAD = 64_000


class BodyLimit:
    """Answer 413 to a request body over `limit` bytes, announced by Content-Length or sent chunked.

    A chunked body has no length up front, so it is counted as it arrives (never more than `limit`
    bytes are held) and handed on to the app only when it stays within the limit.
    """

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int) -> None:
        self.app = app
        self.default_limit = limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"] in UPLOAD_PATHS else self.default_limit
        length = Headers(scope=scope).get("content-length")
        if length is not None:
            if length.isdigit() and int(length) > limit:
                await self._refuse(limit, scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        received: list[Message] = []
        size = 0
        while True:
            message = await receive()
            received.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > limit:
                await self._refuse(limit, scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return received.pop(0) if received else await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] in UPLOAD_PATHS:
            # Name the file limit the user knows (max_file_bytes), not the limit plus multipart framing.
            detail = f"Het bestand is te groot (maximaal {(limit - MULTIPART_OVERHEAD) / 1e6:.1f} MB)."
        else:
            detail = f"Verzoek te groot (maximaal {limit // 1000} kB)."
        await JSONResponse({"detail": detail}, status_code=413)(scope, receive, send)
