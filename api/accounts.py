"""Built-in accounts: users with argon2 password hashes, and server-side sessions, in one SQLite file.

Only a hash of each session token is stored, so a copy of the database signs nobody in. Every call opens
its own connection (WAL), so all worker processes share users and sessions.
"""

import hashlib
import re
import secrets
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel

from assistant.core.errors import ConflictError, InvalidInputError, NotFoundError

Role = Literal["recruiter", "beheerder"]
ROLES: tuple[Role, ...] = ("recruiter", "beheerder")
MIN_PASSWORD = 10
NAME_PATTERN = re.compile(r"^[\w.@-]{2,64}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf TEXT NOT NULL, expires TEXT NOT NULL
);
"""


class Account(BaseModel):
    name: str
    role: Role
    created: str


class Session(BaseModel):
    token: str  # goes into the cookie, never stored
    csrf: str
    account: Account


def check_name(name: str) -> str:
    if not NAME_PATTERN.match(name):
        raise InvalidInputError(
            "Ongeldige gebruikersnaam: 2 tot 64 letters, cijfers of . _ @ - (geen spaties)."
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(f"Het wachtwoord is te kort: minimaal {MIN_PASSWORD} tekens.")
    if len(password) > 256:
        raise InvalidInputError("Het wachtwoord is te lang: maximaal 256 tekens.")
    return password


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountStore:
    def __init__(self, path: Path, session_hours: float = 12.0) -> None:
        self.path = path
        self.session_lifetime = timedelta(hours=session_hours)
        self.hasher = PasswordHasher()
        # Verifying against this when the user does not exist takes as long as a real check, so the
        # answer time does not tell which names exist.
        self._dummy_hash = self.hasher.hash(secrets.token_hex(16))
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode = WAL")
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    # --- users ----------------------------------------------------------------------------------------

    def add(self, name: str, password: str, role: Role) -> Account:
        account = Account(name=check_name(name), role=role, created=_now().isoformat(timespec="seconds"))
        digest = self.hasher.hash(check_password(password))
        try:
            with closing(self._connect()) as db, db:
                db.execute(
                    "INSERT INTO users VALUES (?, ?, ?, ?)", (account.name, role, digest, account.created)
                )
        except sqlite3.IntegrityError:
            raise ConflictError(f"Gebruiker {name!r} bestaat al.") from None
        return account

    def add_first(self, name: str, password: str) -> Account:
        """The first beheerder, only while nobody has an account (the one-time setup form)."""
        if self.count():
            raise ConflictError("Er bestaat al een account: meld u aan.")
        return self.add(name, password, "beheerder")

    def list(self) -> list[Account]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT name, role, created FROM users ORDER BY name").fetchall()
        return [Account(name=r[0], role=r[1], created=r[2]) for r in rows]

    def count(self) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT COUNT(*) FROM users").fetchone()[0]

    def get(self, name: str) -> Account:
        with closing(self._connect()) as db:
            row = db.execute("SELECT name, role, created FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"Gebruiker {name!r} bestaat niet.")
        return Account(name=row[0], role=row[1], created=row[2])

    def update(self, name: str, role: Role | None = None, password: str | None = None) -> Account:
        account = self.get(name)
        if role == "recruiter" and account.role == "beheerder":
            self._keep_a_beheerder(name)
        with closing(self._connect()) as db, db:
            if role is not None:
                db.execute("UPDATE users SET role = ? WHERE name = ?", (role, name))
            if password is not None:
                digest = self.hasher.hash(check_password(password))
                db.execute("UPDATE users SET hash = ? WHERE name = ?", (digest, name))
                db.execute("DELETE FROM sessions WHERE name = ?", (name,))  # sign out everywhere
        return self.get(name)

    def remove(self, name: str) -> None:
        if self.get(name).role == "beheerder":
            self._keep_a_beheerder(name)
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM users WHERE name = ?", (name,))

    def _keep_a_beheerder(self, name: str) -> None:
        with closing(self._connect()) as db:
            others = db.execute(
                "SELECT COUNT(*) FROM users WHERE role = 'beheerder' AND name != ?", (name,)
            ).fetchone()[0]
        if not others:
            raise ConflictError(f"{name!r} is de laatste beheerder: maak eerst een andere beheerder aan.")

    def verify(self, name: str, password: str) -> Account | None:
        """The account when the password matches; None otherwise (unknown name or wrong password)."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT hash FROM users WHERE name = ?", (name,)).fetchone()
        try:
            self.hasher.verify(row[0] if row else self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return self.get(name) if row else None

    # --- sessions -------------------------------------------------------------------------------------

    def open_session(self, account: Account) -> Session:
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = (_now() + self.session_lifetime).isoformat()
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM sessions WHERE expires < ?", (_now().isoformat(),))
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?)", (_token_hash(token), account.name, csrf, expires)
            )
        return Session(token=token, csrf=csrf, account=account)

    def session(self, token: str) -> Session | None:
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT u.name, u.role, u.created, s.csrf FROM sessions s JOIN users u ON u.name = s.name"
                " WHERE s.token_hash = ? AND s.expires > ?",
                (_token_hash(token), _now().isoformat()),
            ).fetchone()
        if row is None:
            return None
        return Session(token=token, csrf=row[3], account=Account(name=row[0], role=row[1], created=row[2]))

    def close_session(self, token: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))


def _now() -> datetime:
    return datetime.now(UTC)
