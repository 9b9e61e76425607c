"""The audit log: who did what, when (sign-ins, user changes, uploads, deletions, persona changes)."""

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

_SCHEMA = """CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL,
    action TEXT NOT NULL, detail TEXT NOT NULL, client TEXT NOT NULL
)"""


class AuditEntry(BaseModel):
    at: str
    who: str
    action: str
    detail: str
    client: str


class AuditLog:
    """Append-only; one SQLite file shared by every worker process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, timeout=30)) as db, db:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute(_SCHEMA)

    def record(self, who: str, action: str, detail: str = "", client: str = "") -> None:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with closing(sqlite3.connect(self.path, timeout=30)) as db, db:
            db.execute(
                "INSERT INTO audit (at, who, action, detail, client) VALUES (?, ?, ?, ?, ?)",
                (at, who, action, detail[:500], client),
            )

    def recent(self, limit: int = 200) -> list[AuditEntry]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            rows = db.execute(
                "SELECT at, who, action, detail, client FROM audit ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        keys = ("at", "who", "action", "detail", "client")
        return [AuditEntry(**dict(zip(keys, row, strict=True))) for row in rows]
