"""Scale-out: two API worker processes on one Chroma server and one data dir. A document uploaded through
one worker is answerable through the other (its keyword index notices the new generation and reloads),
and once deleted through the second it is cited by neither."""

import sys
import time
from pathlib import Path

import httpx
import pytest

from ingest.pipeline import run_ingest
from tests.builders import make_pdf

pytestmark = [pytest.mark.server, pytest.mark.slow]

FACT = "De gemeente Kampen leidt met het Ijsvogelplan elk jaar negentien vergunningverleners bodem op."
QUESTION = "Hoeveel vergunningverleners leidt Kampen op met het Ijsvogelplan?"


def _cites(client: httpx.Client, document_id: str) -> bool:
    answer = client.post("/api/chat", json={"question": QUESTION}).json()
    return any(c["document_id"] == document_id for c in answer["citations"])


def _wait(client: httpx.Client, job_id: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(f"/api/documents/jobs/{job_id}").json()
        if job["status"] in ("klaar", "mislukt"):
            return job
        time.sleep(0.5)
    pytest.fail("upload job did not finish within 120 s")


def test_two_workers_share_one_index(
    chroma_server: int, writable_index, embedder, start_server, pick_port, tmp_path: Path
) -> None:
    settings = writable_index(tmp_path / "shared")  # embedded copy: gives us the corpus and a warm cache
    settings = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": chroma_server})
    report = run_ingest([settings.corpus_dir], settings, embedder, rebuild=True)
    assert report.embedded == 0 and report.generation
    env = {
        "HR_DATA_DIR": str(settings.data_dir),
        "HR_CORPUS_DIR": str(settings.corpus_dir),
        "HR_CHROMA_HOST": "127.0.0.1",
        "HR_CHROMA_PORT": str(chroma_server),
        "HR_RATE_LIMIT": "100000/minute",
        "HR_API_KEY": "",
        "HR_AUTH": "open",
    }
    ports = [pick_port(), pick_port()]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    command = [sys.executable, "-m", "api"]
    with (
        start_server(command, f"{urls[0]}/readyz", tmp_path / "a.log", {**env, "HR_PORT": str(ports[0])}),
        start_server(command, f"{urls[1]}/readyz", tmp_path / "b.log", {**env, "HR_PORT": str(ports[1])}),
        httpx.Client(base_url=urls[0], timeout=120) as first,
        httpx.Client(base_url=urls[1], timeout=120) as second,
    ):
        upload = first.post(
            "/api/documents", files={"file": ("ijsvogelplan.pdf", make_pdf([FACT]), "application/pdf")}
        )
        assert upload.status_code == 202, upload.text
        job = _wait(second, upload.json()["id"])  # the job's status is visible to every worker
        assert job["status"] == "klaar", job
        document_id = job["document_id"]
        assert document_id in {d["id"] for d in second.get("/api/documents").json()}
        assert _cites(second, document_id), "the other worker should answer from the new upload"

        assert second.delete(f"/api/documents/{document_id}").status_code == 200
        assert not _cites(first, document_id)
        assert not _cites(second, document_id)
        assert document_id not in {d["id"] for d in first.get("/api/documents").json()}
