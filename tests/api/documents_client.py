"""The documents API as a client uses it: upload, poll a job, list, search, ask, delete; and a look at
the uploads folder. Shared by the document API tests."""

import os
import time
from pathlib import Path

import httpx

from ingest.uploads import NAMES, STAGING

JOB_TIMEOUT = 120.0
DONE = ("klaar", "mislukt", "afgebroken")


def listing(directory: Path) -> set[str]:
    """Every name in `directory`, hidden temp and backup files included; empty if it does not exist yet.
    The staging folder is listed by what is in it: only its lock file may stay."""
    names = set(os.listdir(directory)) if directory.exists() else set()
    staged = set(os.listdir(directory / STAGING)) - {".lock"} if STAGING in names else set()
    return (names - {STAGING, NAMES}) | {f"{STAGING}/{name}" for name in staged}


def documents(client: httpx.Client) -> dict[str, dict]:
    response = client.get("/api/documents")
    assert response.status_code == 200
    return {d["id"]: d for d in response.json()}


def upload(client: httpx.Client, name: str, data: bytes, content_type: str = "application/octet-stream"):
    return client.post("/api/documents", files={"file": (name, data, content_type)})


def wait_for(client: httpx.Client, job_id: str, phases: list[str] | None = None) -> dict:
    """Poll a job until it is done (klaar, mislukt or afgebroken), noting each new phase in `phases`;
    fail after JOB_TIMEOUT seconds."""
    deadline = time.monotonic() + JOB_TIMEOUT
    while True:
        response = client.get(f"/api/documents/jobs/{job_id}")
        assert response.status_code == 200, response.text
        job = response.json()
        if phases is not None and (not phases or phases[-1] != job["phase"]):
            phases.append(job["phase"])
        if job["status"] in DONE:
            assert job["finished"]
            return job
        assert job["status"] in ("wachtend", "bezig")
        assert time.monotonic() < deadline, f"job {job_id} still {job['status']} after {JOB_TIMEOUT:.0f} s"
        time.sleep(0.1)


def upload_and_wait(
    client: httpx.Client, name: str, data: bytes, content_type: str = "application/octet-stream"
):
    response = upload(client, name, data, content_type)
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["kind"] == "upload" and job["status"] == "wachtend" and job["id"]
    return wait_for(client, job["id"])


def delete(client: httpx.Client, document_id: str) -> None:
    # A core document goes only with its title typed over as confirmation (issue 10); harmless for others.
    title = next((d["title"] for d in client.get("/api/documents").json() if d["id"] == document_id), "")
    response = client.delete(f"/api/documents/{document_id}", params={"bevestiging": title})
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "verwijderd", "document": document_id}


def search(client: httpx.Client, query: str, **filters: object) -> list[dict]:
    body: dict[str, object] = {"query": query, "k": 20}
    if filters:
        body["filters"] = filters
    response = client.post("/api/search", json=body)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def ask(client: httpx.Client, question: str) -> dict:
    response = client.post("/api/chat", json={"question": question})
    assert response.status_code == 200, response.text
    return response.json()
