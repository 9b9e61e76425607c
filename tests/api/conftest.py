"""The API served over a real socket: uvicorn in a background thread, httpx as the client.

The app is built once per session from the settings of the shared `corpus_index` (the real corpus,
really ingested), with built-in accounts switched on. `client` is signed in as a beheerder (may do
everything), `recruiter_client` and `other_recruiter_client` as two recruiters. Conversations go to a
SQLite file of their own, so the shared index dir stays read-only. Nothing is mocked.
"""

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from api.accounts import AccountStore
from api.main import create_app
from api.services import Services
from assistant.conversations import ConversationStore
from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant

# name -> (password, role) of the accounts every API test may sign in with.
ACCOUNTS = {
    "beheer": ("beheer-wachtwoord-1", "beheerder"),
    "recruiter": ("recruiter-wachtwoord-1", "recruiter"),
    "recruiter2": ("recruiter-wachtwoord-2", "recruiter"),
}
SignIn = Callable[[str, str, str], httpx.Client]
PERSONAS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "personas"


@pytest.fixture(scope="session")
def api_settings(corpus_index) -> Settings:
    """The shared index's settings, open (no sign-in): for tests that build an app of their own."""
    settings, _report = corpus_index
    return settings


@pytest.fixture(scope="session")
def conversation_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-conversations") / "conversations.sqlite"


@pytest.fixture(scope="session")
def api_assistant(api_settings: Settings, embedder: Embedder, conversation_db: Path) -> Assistant:
    """Wired like build_assistant(), reusing the session's loaded model and a private conversation store."""
    reader = IndexReader(api_settings)
    retriever = Retriever(api_settings, embedder, reader, dense_weight=api_settings.dense_weight)
    return Assistant(api_settings, embedder, retriever, ConversationStore(conversation_db))


def add_accounts(settings: Settings, accounts: dict[str, tuple[str, str]] = ACCOUNTS) -> None:
    store = AccountStore(settings.data_dir / "accounts.sqlite")
    known = {a.name for a in store.list()}
    for name, (password, role) in accounts.items():
        if name not in known:
            store.add(name, password, role)


def sign_in(base_url: str, name: str, password: str) -> httpx.Client:
    """A client signed in with a built-in account; it sends the session's CSRF token on every request."""
    response = httpx.post(f"{base_url}/api/auth/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    return httpx.Client(
        base_url=base_url,
        timeout=120.0,
        cookies=response.cookies,
        headers={"X-CSRF-Token": response.json()["csrf_token"]},
    )


@pytest.fixture(scope="session")
def signed_in_as() -> SignIn:
    """`signed_in_as(base_url, name, password) -> httpx.Client` (close it yourself)."""
    return sign_in


@pytest.fixture(scope="session")
def accounts_settings(api_settings: Settings) -> Settings:
    """The shared index with built-in accounts on; the ACCOUNTS exist."""
    settings = api_settings.model_copy(update={"auth": "accounts"})
    add_accounts(settings)
    return settings


@pytest.fixture(scope="session")
def base_url(accounts_settings: Settings, api_assistant: Assistant, serve_app) -> Iterator[str]:
    with serve_app(create_app(accounts_settings, api_assistant)) as url:
        yield url


def _client(base_url: str, name: str) -> Iterator[httpx.Client]:
    http = sign_in(base_url, name, ACCOUNTS[name][0])
    try:
        yield http
    finally:
        http.close()


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    """Signed in as a beheerder."""
    yield from _client(base_url, "beheer")


@pytest.fixture(scope="session")
def recruiter_client(base_url: str) -> Iterator[httpx.Client]:
    yield from _client(base_url, "recruiter")


@pytest.fixture(scope="session")
def other_recruiter_client(base_url: str) -> Iterator[httpx.Client]:
    yield from _client(base_url, "recruiter2")


@dataclass
class AuthApp:
    """An app with no index yet (quick to start) and the ACCOUNTS; for sign-in and access tests."""

    url: str
    settings: Settings
    services: Services

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60.0, **kwargs)

    def sign_in(self, name: str) -> httpx.Client:
        return sign_in(self.url, name, ACCOUNTS[name][0])


@pytest.fixture
def auth_app(settings_factory, serve_app) -> Callable[..., AbstractContextManager[AuthApp]]:
    """`with auth_app(**settings_overrides) as app:` built-in accounts on (unless overridden), the ACCOUNTS
    made, the persona cards shipped with the product copied in."""

    @contextmanager
    def make(**overrides: object) -> Iterator[AuthApp]:
        settings = settings_factory(**{"auth": "accounts", **overrides})
        shutil.copytree(PERSONAS_DIR, settings.personas_dir, dirs_exist_ok=True)
        add_accounts(settings)
        app = create_app(settings)
        with serve_app(app) as url:
            yield AuthApp(url, settings, app.state.services)

    return make
