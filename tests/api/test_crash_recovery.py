"""Crash recovery with a real server process (issue 10, defect 8): `python -m api` is SIGKILLed while an
upload ingests; the restarted server answers at once from the current generation, marks the killed job
`afgebroken`, rolls the half-done upload back, and catches up with the sources in the background.
"""

import os
import signal
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from assistant.core.config import PROJECT_ROOT
from assistant.core.embeddings import Embedder
from ingest.cli import app as ingest_cli
from ingest.pipeline import run_ingest
from ingest.uploads import NAMES, STAGING
from tests.api.documents_client import documents, upload, wait_for
from tests.conftest import make_settings

pytestmark = [pytest.mark.slow, pytest.mark.server]

WORDS = ["gemeente", "toezichthouder", "bodem", "werving", "opleiding", "salaris", "regio", "team", "functie"]


def report_text(sentences: int, seed: int) -> bytes:
    """Varied Dutch-looking sentences: every passage is new to the embedding cache."""
    lines = [
        " ".join(f"{WORDS[(i * j + seed) % len(WORDS)]}{(i * j * 31 + seed) % 9973}" for j in range(12)) + "."
        for i in range(sentences)
    ]
    return "\n".join(lines).encode()


def api_command() -> list[str]:
    return [sys.executable, "-m", "api"]


def test_sigkill_during_an_upload_then_restart(tmp_path: Path, embedder: Embedder, start_server, pick_port):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "werving.txt").write_text("Werving\n\nDe gemeente werft toezichthouders in de regio.\n")
    settings = make_settings(tmp_path / "data", corpus)
    run_ingest([corpus], settings, embedder)
    port = pick_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "HR_DATA_DIR": str(settings.data_dir),
        "HR_CORPUS_DIR": str(corpus),
        "HR_HOST": "127.0.0.1",
        "HR_PORT": str(port),
        "HR_API_KEY": "",
        "HR_AUTH": "open",
        "HR_RATE_LIMIT": "100000/minute",
        "HR_CHROMA_HOST": "",
        "PYTHONPATH": str(PROJECT_ROOT),
    }

    with start_server(api_command(), f"{base}/readyz", tmp_path / "first.log", env) as server:
        client = httpx.Client(base_url=base, timeout=60)
        response = upload(client, "groot-verslag.txt", report_text(600, seed=1))
        assert response.status_code == 202, response.text
        killed_job = response.json()["id"]
        deadline = time.monotonic() + 120
        while client.get(f"/api/documents/jobs/{killed_job}").json()["phase"] != "embedden":
            assert time.monotonic() < deadline, "the upload never reached the embedding phase"
            time.sleep(0.05)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)

    # While the server was down a new document arrived in the corpus folder.
    (corpus / "nieuw-beleid.txt").write_bytes(b"Nieuw beleid\n\n" + report_text(80, seed=2))

    started = time.monotonic()
    with start_server(api_command(), f"{base}/readyz", tmp_path / "second.log", env):
        served_after = time.monotonic() - started
        client = httpx.Client(base_url=base, timeout=60)
        assert set(documents(client)) == {"werving"}  # the current generation, served at once
        jobs = client.get("/api/documents/jobs").json()
        catch_up = next(j for j in jobs if j["kind"] == "bijwerken")
        assert catch_up["status"] in ("wachtend", "bezig"), (catch_up, served_after)

        killed = client.get(f"/api/documents/jobs/{killed_job}").json()
        assert killed["status"] == killed["phase"] == "afgebroken", killed
        assert "herstart" in killed["detail"] and killed["finished"]

        done = wait_for(client, catch_up["id"])
        assert done["status"] == "klaar", done
        assert set(documents(client)) == {"werving", "nieuw-beleid"}
        uploads = settings.uploads_dir
        assert not (uploads / "groot-verslag.txt").exists()  # the interrupted upload is rolled back
        assert [p.name for p in uploads.iterdir() if p.name not in (STAGING, NAMES)] == []
        assert set(os.listdir(uploads / STAGING)) <= {".lock"}
        assert not list((uploads / NAMES).iterdir())


def test_ingest_if_missing_leaves_an_existing_index_to_the_api(tmp_path: Path, monkeypatch) -> None:
    index = tmp_path / "data" / "index"
    index.mkdir(parents=True)
    (index / "CURRENT").write_text("gen-1")
    monkeypatch.setenv("HR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HR_CORPUS_DIR", str(tmp_path / "leeg"))  # an ingest would fail: nothing there

    result = CliRunner().invoke(ingest_cli, ["--if-missing"])

    assert result.exit_code == 0, result.output
    assert "achtergrond" in result.output
    assert (index / "CURRENT").read_text() == "gen-1"
