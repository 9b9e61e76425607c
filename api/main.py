"""The app factory: services built once at start-up, routers mounted, errors mapped, requests guarded."""

from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.auth import Authentication
from api.errors import install_error_handlers
from api.limits import MULTIPART_OVERHEAD, BodyLimit
from api.routes import (
    audit,
    auth,
    chat,
    conversations,
    documents,
    health,
    personas,
    search,
    start,
    users,
    vacancies,
)
from api.security import ClientAddress, OriginCheck, RateLimit, SecurityHeaders
from api.services import build_services
from assistant.core.config import Settings
from assistant.service import Assistant
from ingest.documents import reindex

STATIC_DIR = Path(__file__).parent / "static"
# Swagger UI's files ship inside the fastapi-offline package: /docs loads nothing from a CDN.
DOCS_STATIC_DIR = Path(fastapi_offline.__file__).parent / "static"


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.services = build_services(settings, assistant)
        if settings.catch_up_on_start:
            # Serve the current generation at once; what changed while the server was down (or was cut
            # off by a crash) is ingested in the background, after interrupted uploads are rolled back.
            embedder = app.state.services.assistant.embedder
            app.state.services.jobs.submit("bijwerken", lambda report: reindex(settings, embedder, report))
        yield
        app.state.services.close()

    app = FastAPI(
        title="HR-assistent publieke sector",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)

    app.add_middleware(
        BodyLimit, limit=settings.max_body_bytes, upload_limit=settings.max_file_bytes + MULTIPART_OVERHEAD
    )
    app.add_middleware(RateLimit, rate=settings.rate_limit)
    app.add_middleware(Authentication, settings=settings)
    app.add_middleware(OriginCheck, allowed_origins=settings.cors_origins)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key", "Authorization"],
        )
    app.add_middleware(ClientAddress, trusted_proxies=settings.trusted_proxies)
    # Middleware added last runs first: headers on every answer, the real client address, CORS
    # preflights, the Origin check, who is asking, the rate limit, the size limit.
    app.add_middleware(SecurityHeaders)

    for module in (
        health,
        auth,
        users,
        audit,
        search,
        chat,
        documents,
        conversations,
        personas,
        vacancies,
        start,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/docs-static", StaticFiles(directory=DOCS_STATIC_DIR), name="docs-static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/login", include_in_schema=False)
    def login_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "login.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{app.title} - API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )

    return app
