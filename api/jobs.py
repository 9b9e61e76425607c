"""Background ingest jobs with a status that any worker process can read (SQLite in the data dir).

Jobs run one at a time in a thread of the process that accepted them; the ingest itself takes a file
lock, so jobs from several worker processes never overlap. Each job records the process that runs it: a
job whose process is gone (killed, restarted) can never finish and is marked `afgebroken` at start-up.
"""

import sqlite3
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from assistant.core.errors import NotFoundError
from ingest.documents import PhaseReport
from ingest.locks import process_token, token_alive

Status = Literal["wachtend", "bezig", "klaar", "mislukt", "afgebroken"]
# What a job is doing now; the UI shows it as a step. An upload is stored (opslaan) when the request
# returns, then goes lezen -> opdelen -> embedden; other jobs start as wachtend.
Phase = Literal["wachtend", "opslaan", "lezen", "opdelen", "embedden", "klaar", "mislukt", "afgebroken"]
Work = Callable[[PhaseReport], tuple[str, str | None]]
INTERRUPTED = "Onderbroken door een herstart van de server; er is niets van bewaard. Probeer het opnieuw."


class Job(BaseModel):
    id: str
    kind: str
    status: Status
    phase: Phase
    progress: float | None = Field(None, ge=0, le=1, description="Share of the work done, when known.")
    detail: str = ""
    document_id: str | None = None
    name: str | None = Field(None, description="The uploaded file's name, for uploads.")
    created: str
    finished: str | None = None


_SCHEMA = """CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL,
    document_id TEXT, created TEXT NOT NULL, finished TEXT
)"""
# Added after the first release: older job databases get them on start-up.
_ADDED_COLUMNS = {
    "phase": "TEXT NOT NULL DEFAULT 'klaar'",
    "progress": "REAL",
    "name": "TEXT",
    "owner": "TEXT NOT NULL DEFAULT ''",
}
_FIELDS = tuple(Job.model_fields)


class JobRunner:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.owner = process_token()
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode = WAL")  # polls from every worker read while a job writes
            db.execute(_SCHEMA)
            present = {row[1] for row in db.execute("PRAGMA table_info(jobs)")}
            for column, definition in _ADDED_COLUMNS.items():
                if column not in present:
                    db.execute(f"ALTER TABLE jobs ADD COLUMN {column} {definition}")
        self._abandon_orphans()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.db_path, timeout=30)

    def _abandon_orphans(self) -> None:
        """Jobs left waiting or running by a process that no longer exists will never finish."""
        with self._connect() as db:
            rows = db.execute("SELECT id, owner FROM jobs WHERE status IN ('wachtend', 'bezig')").fetchall()
            for job_id, owner in rows:
                if not token_alive(owner):
                    db.execute(
                        "UPDATE jobs SET status = 'afgebroken', phase = 'afgebroken', progress = NULL, "
                        "detail = ?, finished = ? WHERE id = ?",
                        (INTERRUPTED, _now(), job_id),
                    )

    def submit(self, kind: str, work: Work, *, name: str | None = None, phase: Phase = "wachtend") -> Job:
        """Queue `work`, which reports its phases and returns (detail, document_id) or raises with a
        message for the user."""
        job = Job(id=uuid.uuid4().hex, kind=kind, status="wachtend", phase=phase, created=_now(), name=name)
        with self._connect() as db:
            db.execute(
                "INSERT INTO jobs (id, kind, status, phase, progress, detail, name, owner, created) "
                "VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)",
                (job.id, kind, job.status, job.phase, job.progress, name, self.owner, job.created),
            )
        self._executor.submit(self._run, job.id, work)
        return job

    def _run(self, job_id: str, work: Work) -> None:
        def report(phase: str, progress: float) -> None:
            self._set(job_id, status="bezig", phase=phase, progress=progress)

        try:
            detail, document_id = work(report)
        except Exception as exc:  # the job's outcome is reported through its status, not raised
            self._finish(job_id, "mislukt", str(exc) or type(exc).__name__, None)
            return
        self._finish(job_id, "klaar", detail, document_id)

    def _finish(self, job_id: str, status: Status, detail: str, document_id: str | None) -> None:
        progress = 1.0 if status == "klaar" else None
        self._set(
            job_id,
            status=status,
            phase=status,
            progress=progress,
            detail=detail,
            document_id=document_id,
            finished=_now(),
        )

    def _set(self, job_id: str, **values: object) -> None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        with self._connect() as db:
            db.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*values.values(), job_id))

    def get(self, job_id: str) -> Job:
        with self._connect() as db:
            row = db.execute(f"SELECT {', '.join(_FIELDS)} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Taak {job_id!r} bestaat niet.")
        return Job(**dict(zip(_FIELDS, row, strict=True)))

    def recent(self, limit: int = 50) -> list[Job]:
        """The newest jobs first, from every worker process."""
        with self._connect() as db:
            rows = db.execute(
                f"SELECT {', '.join(_FIELDS)} FROM jobs ORDER BY created DESC, rowid DESC LIMIT ?", (limit,)
            ).fetchall()
        return [Job(**dict(zip(_FIELDS, row, strict=True))) for row in rows]

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=False)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
