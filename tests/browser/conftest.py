"""Browser tests: Debian's chromium driven by Playwright against the real app on loopback.

The app has built-in accounts on: `page` is signed in as a beheerder, `recruiter_page` as a recruiter
(the ACCOUNTS of tests/api/conftest.py).

Locally they are skipped with a message when /usr/bin/chromium is missing; with HR_REQUIRE_BROWSER=1
(set by .ci/run) a missing browser fails the run instead.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from api.main import create_app
from assistant.conversations import ConversationStore
from assistant.core.config import Settings
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant
from tests.api.conftest import ACCOUNTS, add_accounts

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("HR_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            "Browser tests are required here but /usr/bin/chromium is missing (apt install chromium)."
        )
    skip = pytest.mark.skip(reason="no /usr/bin/chromium: install Debian's chromium to run the browser tests")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@dataclass
class LiveApp:
    url: str
    settings: Settings
    assistant: Assistant


@pytest.fixture(scope="module")
def live_app(writable_index, embedder, serve_app, tmp_path_factory) -> Iterator[LiveApp]:
    """A writable copy of the session index, served over HTTP (uploads and deletes stay in the copy)."""
    settings = writable_index(tmp_path_factory.mktemp("browser"), auth="accounts")
    add_accounts(settings)
    retriever = Retriever(settings, embedder, IndexReader(settings), dense_weight=settings.dense_weight)
    conversations = ConversationStore(settings.data_dir / "conversations.sqlite")
    assistant = Assistant(settings, embedder, retriever, conversations)
    with serve_app(create_app(settings, assistant)) as url:
        yield LiveApp(url, settings, assistant)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Chromium formats date inputs in its UI language (LANGUAGE; needs Debian's chromium-l10n), not
        # in the page's locale: without this a Dutch page shows mm/dd/yyyy.
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env={**os.environ, "LANGUAGE": "nl"}
        )
        yield instance
        instance.close()


@contextmanager
def signed_in_page(browser, live_app: LiveApp, name: str, screenshot: str) -> Iterator:
    """A fresh page signed in as `name`; a screenshot of it is saved under test-results/ afterwards, pass
    or fail; JavaScript errors on the page fail the test."""
    # Dutch locale: date inputs show dd-mm-jjjj, as recruiters see them.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    signed_in = context.request.post(
        f"{live_app.url}/api/auth/login", data={"name": name, "password": ACCOUNTS[name][0]}
    )
    assert signed_in.ok, signed_in.text()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    out = Path("test-results") / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / screenshot), full_page=True)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser, live_app, request):
    """A page signed in as a beheerder (may do everything)."""
    with signed_in_page(browser, live_app, "beheer", f"{request.node.name}.png") as signed_in:
        yield signed_in


@pytest.fixture
def recruiter_page(browser, live_app, request):
    with signed_in_page(browser, live_app, "recruiter", f"{request.node.name}-recruiter.png") as signed_in:
        yield signed_in
