"""Browser tests: Debian's chromium driven by Playwright against the real app on loopback.

Locally they are skipped with a message when /usr/bin/chromium is missing; with HR_REQUIRE_BROWSER=1
(set by .ci/run) a missing browser fails the run instead.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from api.main import create_app
from assistant.conversations import ConversationStore
from assistant.core.config import Settings
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant

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
    settings = writable_index(tmp_path_factory.mktemp("browser"))
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


@pytest.fixture
def page(browser, request, tmp_path_factory):
    """A fresh page; a screenshot of it is saved under test-results/ after every test, pass or fail."""
    # Dutch locale: date inputs show dd-mm-jjjj, as recruiters see them.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    out = Path("test-results") / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
