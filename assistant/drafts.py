"""Vacancy drafts kept in SQLite, so they can be edited and exported after they were drafted."""

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from assistant.core.errors import NotFoundError
from assistant.vacancy import VacancyDraft

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    persona_id TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    data TEXT NOT NULL
);
"""
# Draft ids are uuid4 hex; anything else cannot exist, so it is not looked up at all.
_ID = re.compile(r"^[0-9a-f]{32}$")


class DraftStore:
    """One SQLite file; a connection per call keeps it safe across threads and worker processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._transaction() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection that commits on success, rolls back on error and is always closed."""
        with closing(sqlite3.connect(self.path, timeout=10)) as db, db:
            yield db

    def save(self, draft: VacancyDraft) -> VacancyDraft:
        """Insert a new draft or replace the stored version with the same id."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO drafts (id, persona_id, created, updated, data) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET updated = excluded.updated, data = excluded.data",
                (
                    draft.id,
                    draft.persona.persona_id,
                    draft.created.isoformat(),
                    draft.updated.isoformat(),
                    draft.model_dump_json(),
                ),
            )
        return draft

    def get(self, draft_id: str) -> VacancyDraft:
        """The stored draft; NotFoundError for an unknown id."""
        if not isinstance(draft_id, str) or not _ID.fullmatch(draft_id):
            raise NotFoundError(f"Vacaturetekst '{str(draft_id)[:64]}' bestaat niet.")
        with self._transaction() as db:
            row = db.execute("SELECT data FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Vacaturetekst '{draft_id}' bestaat niet.")
        return VacancyDraft.model_validate_json(row[0])
