"""The account store (argon2 hashes, sessions) and the `python -m api users` command."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from api.accounts import AccountStore
from assistant.core.errors import ConflictError, InvalidInputError, NotFoundError


@pytest.fixture
def store(tmp_path: Path) -> AccountStore:
    return AccountStore(tmp_path / "accounts.sqlite", session_hours=1)


def test_passwords_are_stored_as_argon2_hashes(store: AccountStore) -> None:
    store.add("anna", "anna-wachtwoord", "beheerder")
    with sqlite3.connect(store.path) as db:
        (digest,) = db.execute("SELECT hash FROM users WHERE name = 'anna'").fetchone()
    assert digest.startswith("$argon2id$") and "anna-wachtwoord" not in digest
    assert store.verify("anna", "anna-wachtwoord").role == "beheerder"
    assert store.verify("anna", "ANNA-wachtwoord") is None
    assert store.verify("bert", "anna-wachtwoord") is None


def test_bad_names_and_passwords_are_refused_in_dutch(store: AccountStore) -> None:
    with pytest.raises(InvalidInputError, match="te kort"):
        store.add("anna", "kort", "recruiter")
    with pytest.raises(InvalidInputError, match="gebruikersnaam"):
        store.add("anna de vries", "anna-wachtwoord", "recruiter")
    store.add("anna", "anna-wachtwoord", "recruiter")
    with pytest.raises(ConflictError, match="bestaat al"):
        store.add("anna", "ander-wachtwoord", "recruiter")


def test_sessions_are_stored_as_hashes_and_end(store: AccountStore) -> None:
    session = store.open_session(store.add("anna", "anna-wachtwoord", "recruiter"))
    with sqlite3.connect(store.path) as db:
        stored = [row[0] for row in db.execute("SELECT token_hash FROM sessions")]
    assert session.token not in stored and len(stored) == 1
    assert store.session(session.token).account.name == "anna"
    assert store.session(session.token + "x") is None
    store.close_session(session.token)
    assert store.session(session.token) is None


def test_expired_sessions_do_not_count(tmp_path: Path) -> None:
    store = AccountStore(tmp_path / "accounts.sqlite", session_hours=-1)
    session = store.open_session(store.add("anna", "anna-wachtwoord", "recruiter"))
    assert store.session(session.token) is None


def test_the_last_beheerder_stays(store: AccountStore) -> None:
    store.add("anna", "anna-wachtwoord", "beheerder")
    store.add("bert", "bert-wachtwoord", "recruiter")
    with pytest.raises(ConflictError, match="laatste beheerder"):
        store.remove("anna")
    with pytest.raises(ConflictError, match="laatste beheerder"):
        store.update("anna", role="recruiter")
    store.update("bert", role="beheerder")
    store.remove("anna")
    with pytest.raises(NotFoundError):
        store.get("anna")


def test_first_account_only_while_there_is_none(store: AccountStore) -> None:
    assert store.add_first("anna", "anna-wachtwoord").role == "beheerder"
    with pytest.raises(ConflictError):
        store.add_first("bert", "bert-wachtwoord")


def _cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "HR_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "api", "users", *args], input=stdin, capture_output=True, text=True, env=env
    )


@pytest.mark.slow  # starts Python three times
def test_users_cli_adds_lists_and_removes(tmp_path: Path) -> None:
    added = _cli(tmp_path, "add", "--admin", "anna", stdin="anna-wachtwoord\n")
    assert added.returncode == 0, added.stderr
    assert "anna (beheerder)" in added.stdout
    short = _cli(tmp_path, "add", "bert", stdin="kort\n")
    assert short.returncode == 1 and "te kort" in short.stderr and "Traceback" not in short.stderr
    assert _cli(tmp_path, "add", "bert", stdin="bert-wachtwoord\n").returncode == 0
    listed = _cli(tmp_path, "list").stdout.splitlines()
    assert [line.split("\t")[:2] for line in listed] == [["anna", "beheerder"], ["bert", "recruiter"]]
    last = _cli(tmp_path, "remove", "anna")
    assert last.returncode == 1 and "laatste beheerder" in last.stderr
    assert _cli(tmp_path, "remove", "bert").returncode == 0
    store = AccountStore(tmp_path / "accounts.sqlite")
    assert store.verify("anna", "anna-wachtwoord") is not None
