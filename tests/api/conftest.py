"""The API served over a real socket: uvicorn in a background thread, httpx as the client.

The app is built once per session from the settings of the shared `corpus_index` (the real corpus,
really ingested). Conversations go to a SQLite file of their own, so the shared index dir stays
read-only. Nothing is mocked.
"""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.main import create_app
from assistant.config import Settings
from assistant.conversations import ConversationStore
from assistant.embeddings import Embedder
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant

STARTUP_TIMEOUT = 60.0


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn on a free local port in a daemon thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the kernel picks a free port; uvicorn serves on this very socket
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("uvicorn stopped before it started (see the log above)")
            if time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start within {STARTUP_TIMEOUT:.0f} s")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def serve_app():
    """`with serve_app(app) as base_url: ...` for tests that need an app of their own."""
    return serve


@pytest.fixture(scope="session")
def api_settings(corpus_index) -> Settings:
    settings, _report = corpus_index
    return settings


@pytest.fixture(scope="session")
def conversation_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-conversations") / "conversations.sqlite"


@pytest.fixture(scope="session")
def api_assistant(api_settings: Settings, embedder: Embedder, conversation_db: Path) -> Assistant:
    """Wired like build_assistant(), reusing the session's loaded model and a private conversation store."""
    reader = IndexReader(api_settings)
    retriever = Retriever(api_settings, embedder, reader, dense_weight=api_settings.dense_weight)
    return Assistant(api_settings, embedder, retriever, ConversationStore(conversation_db))


@pytest.fixture(scope="session")
def base_url(api_settings: Settings, api_assistant: Assistant) -> Iterator[str]:
    with serve(create_app(api_settings, api_assistant)) as url:
        yield url


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120.0) as http:
        yield http
