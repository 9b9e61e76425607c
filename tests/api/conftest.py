"""The API served over a real socket: uvicorn in a background thread, httpx as the client.

The app is built once per session from the settings of the shared `corpus_index` (the real corpus,
really ingested). Conversations go to a SQLite file of their own, so the shared index dir stays
read-only. Nothing is mocked.
"""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.main import create_app
from assistant.conversations import ConversationStore
from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant


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
def base_url(api_settings: Settings, api_assistant: Assistant, serve_app) -> Iterator[str]:
    with serve_app(create_app(api_settings, api_assistant)) as url:
        yield url


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120.0) as http:
        yield http
