"""`python -m api`: serve the API and the web UI on the configured host and port."""

import uvicorn

from api.main import create_app
from assistant.config import Settings

settings = Settings()
uvicorn.run(create_app(settings), host=settings.host, port=settings.port)
