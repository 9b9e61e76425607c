"""Vacancy drafts kept in SQLite, each owned by one user; a user never sees another user's drafts."""

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from assistant.core.errors import NotFoundError
from assistant.vacancy.models import DraftSummary, VacancyDraft

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vacancy_drafts (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    updated TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS vacancy_drafts_owner ON vacancy_drafts (owner, updated);
"""
# Draft ids are uuid4 hex; anything else cannot exist, so it is not looked up at all.
_ID = re.compile(r"^[0-9a-f]{32}$")


def _not_found(draft_id: str) -> NotFoundError:
    return NotFoundError(f"Vacaturetekst '{str(draft_id)[:64]}' bestaat niet.")


class DraftStore:
    """One SQLite file in WAL mode; a connection per call keeps it safe across threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._transaction() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as db, db:
            yield db

    def save(self, draft: VacancyDraft) -> VacancyDraft:
        """Insert a new draft, or replace the owner's stored version with the same id."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO vacancy_drafts (id, owner, updated, data) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET updated = excluded.updated, data = excluded.data"
                " WHERE vacancy_drafts.owner = excluded.owner",
                (draft.id, draft.owner, draft.updated.isoformat(), draft.model_dump_json()),
            )
            if cursor.rowcount == 0:
                raise _not_found(draft.id)  # the id belongs to someone else
        return draft

    def get(self, owner: str, draft_id: str) -> VacancyDraft:
        """The owner's draft; NotFoundError for an unknown id or someone else's draft."""
        if not isinstance(draft_id, str) or not _ID.fullmatch(draft_id):
            raise _not_found(draft_id)
        with self._transaction() as db:
            row = db.execute(
                "SELECT data FROM vacancy_drafts WHERE id = ? AND owner = ?", (draft_id, owner)
            ).fetchone()
        if row is None:
            raise _not_found(draft_id)
        return VacancyDraft.model_validate_json(row[0])

    def list(self, owner: str) -> list[DraftSummary]:
        """The owner's drafts, most recently changed first."""
        with self._transaction() as db:
            rows = db.execute(
                "SELECT data FROM vacancy_drafts WHERE owner = ? ORDER BY updated DESC, id", (owner,)
            ).fetchall()
        return [
            DraftSummary.model_validate(VacancyDraft.model_validate_json(row[0]).model_dump()) for row in rows
        ]

    def delete(self, owner: str, draft_id: str) -> None:
        if not isinstance(draft_id, str) or not _ID.fullmatch(draft_id):
            raise _not_found(draft_id)
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM vacancy_drafts WHERE id = ? AND owner = ?", (draft_id, owner))
        if cursor.rowcount == 0:
            raise _not_found(draft_id)
