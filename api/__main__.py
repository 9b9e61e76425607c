"""`python -m api`: serve the API and the web UI on the configured host and port.

With HR_WORKERS > 1 uvicorn starts that many processes, each building the app from the same settings;
use a Chroma server (HR_CHROMA_HOST) then, since the embedded store is not shared between processes.
"""

import uvicorn

from assistant.core.config import Settings

settings = Settings()
uvicorn.run(
    "api.main:create_app",
    factory=True,
    host=settings.host,
    port=settings.port,
    workers=settings.workers,
    timeout_keep_alive=5,
)
