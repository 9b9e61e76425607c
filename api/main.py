"""The app factory: components built once, routers mounted, errors mapped, request bodies bounded."""

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.jobs import JobRunner
from api.limits import MULTIPART_OVERHEAD, BodyLimit
from api.routes import chat, conversations, documents, health, personas, search, start, vacancies
from api.security import AccessControl, RateLimit
from assistant.core.config import Settings
from assistant.service import Assistant, build_assistant

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.settings = settings
        app.state.assistant = assistant or build_assistant(settings)
        app.state.jobs = JobRunner(settings.data_dir / "jobs.sqlite")
        yield
        app.state.jobs.shutdown()

    app = FastAPI(title="HR-assistent publieke sector", version="0.1.0", lifespan=lifespan)
    install_error_handlers(app)

    app.add_middleware(
        BodyLimit, limit=settings.max_body_bytes, upload_limit=settings.max_file_bytes + MULTIPART_OVERHEAD
    )

    app.add_middleware(RateLimit, rate=settings.rate_limit)
    app.add_middleware(AccessControl, settings=settings)
    # Middleware added last runs first: CORS preflights, access control, rate limit, size limit.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key", "Authorization"],
        )

    for module in (health, search, chat, documents, conversations, personas, vacancies, start):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    return app
