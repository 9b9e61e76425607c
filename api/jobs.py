"""Background ingest jobs with a status that any worker process can read (SQLite in the data dir).

Jobs run one at a time in a thread of the process that accepted them; the ingest itself takes a file
lock, so jobs from several worker processes never overlap.
"""

import sqlite3
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from assistant.core.errors import NotFoundError

Status = Literal["wachtend", "bezig", "klaar", "mislukt"]


class Job(BaseModel):
    id: str
    kind: str
    status: Status
    detail: str = ""
    document_id: str | None = None
    created: str
    finished: str | None = None


_SCHEMA = """CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL,
    document_id TEXT, created TEXT NOT NULL, finished TEXT
)"""


class JobRunner:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode = WAL")  # polls from every worker read while a job writes
            db.execute(_SCHEMA)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.db_path, timeout=30)

    def submit(self, kind: str, work: Callable[[], tuple[str, str | None]]) -> Job:
        """Queue `work`, which returns (detail, document_id) or raises with a message for the user."""
        job = Job(id=uuid.uuid4().hex, kind=kind, status="wachtend", created=_now())
        with self._connect() as db:
            db.execute(
                "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?)",
                (job.id, job.kind, job.status, "", None, job.created, None),
            )
        self._executor.submit(self._run, job.id, work)
        return job

    def _run(self, job_id: str, work: Callable[[], tuple[str, str | None]]) -> None:
        self._update(job_id, "bezig", "")
        try:
            detail, document_id = work()
        except Exception as exc:  # the job's outcome is reported through its status, not raised
            self._update(job_id, "mislukt", str(exc) or type(exc).__name__, finished=True)
            return
        self._update(job_id, "klaar", detail, document_id, finished=True)

    def _update(
        self,
        job_id: str,
        status: Status,
        detail: str,
        document_id: str | None = None,
        *,
        finished: bool = False,
    ) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE jobs SET status = ?, detail = ?, document_id = ?, finished = ? WHERE id = ?",
                (status, detail, document_id, _now() if finished else None, job_id),
            )

    def get(self, job_id: str) -> Job:
        with self._connect() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Taak {job_id!r} bestaat niet.")
        keys = ("id", "kind", "status", "detail", "document_id", "created", "finished")
        return Job(**dict(zip(keys, row, strict=True)))

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=False)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
