"""Conversations and their turns, stored in SQLite so follow-up questions can use earlier turns.

Each conversation belongs to one user (`owner`): asking for someone else's answers "bestaat niet", so
nobody learns which ids exist.
"""

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from assistant.core.errors import NotFoundError
from assistant.core.redaction import redact_title

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    rewritten TEXT NOT NULL,
    answer TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (conversation_id, position)
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT, position INTEGER,
    rating INTEGER NOT NULL, comment TEXT NOT NULL, created TEXT NOT NULL
);
"""


class Turn(BaseModel):
    position: int
    question: str
    rewritten: str
    answer: dict
    created: str


class Conversation(BaseModel):
    id: str
    title: str
    created: str
    turns: list[Turn] = []


# Conversations stored before they had owners belong to the local user of an open (no sign-in) install.
LOCAL_OWNER = "lokaal"
REMOVED_SOURCE = "bron verwijderd"


class ConversationStore:
    """One SQLite file; a connection per call keeps it safe across threads and worker processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # One writer at a time inside this process; WAL lets readers and other processes carry on meanwhile.
        self._write_lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(conversations)")}
            if "owner" not in columns:
                db.execute(
                    f"ALTER TABLE conversations ADD COLUMN owner TEXT NOT NULL DEFAULT '{LOCAL_OWNER}'"
                )

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock, closing(self._connect()) as db, db:
            yield db

    def create(self, title: str, owner: str = LOCAL_OWNER) -> str:
        conversation_id = uuid.uuid4().hex
        with self._writing() as db:
            db.execute(
                "INSERT INTO conversations (id, title, created, owner) VALUES (?, ?, ?, ?)",
                (conversation_id, redact_title(title)[:120], _now(), owner),
            )
        return conversation_id

    def get(self, conversation_id: str, owner: str | None = None) -> Conversation:
        """The conversation with its turns; with `owner`, only if it is theirs (else: it "bestaat niet")."""
        with self._connect() as db:
            row = db.execute(
                "SELECT id, title, created FROM conversations WHERE id = ? AND owner = COALESCE(?, owner)",
                (conversation_id, owner),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"Gesprek {conversation_id!r} bestaat niet.")
            turns = db.execute(
                "SELECT position, question, rewritten, answer, created FROM turns"
                " WHERE conversation_id = ? ORDER BY position",
                (conversation_id,),
            ).fetchall()
        return Conversation(
            id=row[0],
            title=row[1],
            created=row[2],
            turns=[
                Turn(position=t[0], question=t[1], rewritten=t[2], answer=json.loads(t[3]), created=t[4])
                for t in turns
            ],
        )

    def list(self, owner: str = LOCAL_OWNER, limit: int = 100) -> list[Conversation]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, title, created FROM conversations WHERE owner = ?"
                " ORDER BY created DESC, rowid DESC LIMIT ?",
                (owner, limit),
            ).fetchall()
        return [Conversation(id=r[0], title=r[1], created=r[2]) for r in rows]

    def rename(self, conversation_id: str, owner: str, title: str) -> None:
        with self._writing() as db:
            changed = db.execute(
                "UPDATE conversations SET title = ? WHERE id = ? AND owner = ?",
                (redact_title(title)[:120], conversation_id, owner),
            ).rowcount
        if not changed:
            raise NotFoundError(f"Gesprek {conversation_id!r} bestaat niet.")

    def delete(self, conversation_id: str, owner: str) -> None:
        """The conversation, its turns and the feedback on it."""
        with self._writing() as db:
            deleted = db.execute(
                "DELETE FROM conversations WHERE id = ? AND owner = ?", (conversation_id, owner)
            ).rowcount
            if not deleted:
                raise NotFoundError(f"Gesprek {conversation_id!r} bestaat niet.")
            db.execute("DELETE FROM feedback WHERE conversation_id = ?", (conversation_id,))

    def forget_document(self, document_id: str) -> int:
        """Take a deleted document's text out of every stored answer: its passages and quotes become
        "bron verwijderd". Returns how many turns changed."""
        changed = 0
        with self._writing() as db:
            db.execute("BEGIN IMMEDIATE")
            rows = db.execute(
                "SELECT conversation_id, position, answer FROM turns WHERE answer LIKE ?",
                (f"%{document_id}%",),
            ).fetchall()
            for conversation_id, position, raw in rows:
                answer = json.loads(raw)
                if not _strip_document(answer, document_id):
                    continue
                db.execute(
                    "UPDATE turns SET answer = ? WHERE conversation_id = ? AND position = ?",
                    (json.dumps(answer, ensure_ascii=False), conversation_id, position),
                )
                changed += 1
        return changed

    def add_turn(self, conversation_id: str, question: str, rewritten: str, answer: dict) -> int:
        with self._writing() as db:
            # Take the write lock before reading MAX(position): two requests adding a turn to the same
            # conversation at once would otherwise both read the same position and one would fail.
            db.execute("BEGIN IMMEDIATE")
            position = db.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM turns WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    position,
                    question,
                    rewritten,
                    json.dumps(answer, ensure_ascii=False),
                    _now(),
                ),
            )
        return position

    def add_feedback(
        self, conversation_id: str | None, position: int | None, rating: int, comment: str
    ) -> None:
        with self._writing() as db:
            db.execute(
                "INSERT INTO feedback (conversation_id, position, rating, comment, created)"
                " VALUES (?, ?, ?, ?, ?)",
                (conversation_id, position, rating, comment, _now()),
            )


def _strip_document(answer: dict, document_id: str) -> bool:
    found = False
    for passage in answer.get("passages", []):
        if passage.get("document_id") == document_id and not passage.get("source_removed"):
            passage["text"] = REMOVED_SOURCE
            passage["source_removed"] = True
            found = True
    for citation in answer.get("citations", []):
        if citation.get("document_id") == document_id and not citation.get("source_removed"):
            # The extractive answer quotes its sources: the quoted sentence goes from the text as well.
            answer["text"] = answer.get("text", "").replace(citation["quote"], REMOVED_SOURCE)
            citation["quote"] = REMOVED_SOURCE
            citation["source_removed"] = True
            found = True
    return found


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
