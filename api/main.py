"""The app factory: components built once, routers mounted, errors mapped, request bodies bounded."""

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.routes import chat, conversations, documents, health, search
from assistant.config import Settings
from assistant.service import Assistant, build_assistant

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.settings = settings
        app.state.assistant = assistant or build_assistant(settings)
        yield

    app = FastAPI(title="HR-assistent publieke sector", version="0.1.0", lifespan=lifespan)
    install_error_handlers(app)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_body_bytes:
            limit = settings.max_body_bytes // 1000
            return JSONResponse({"detail": f"Verzoek te groot (maximaal {limit} kB)."}, status_code=413)
        return await call_next(request)

    for module in (health, search, chat, documents, conversations):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    return app
