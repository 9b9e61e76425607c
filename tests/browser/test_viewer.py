"""The document viewer: the whole redacted document, opened at the cited passage with the quoted
sentence highlighted, from a citation and from a "Mogelijk relevant" item under a refusal; a refused
answer's stream ends cleanly."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ask, snap

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Not in the documents, but close enough to them that passages are offered as "Mogelijk relevant".
REFUSED = "Hoeveel vakantiedagen krijgen medewerkers in Tilburg?"


def test_viewer_opens_the_whole_document_at_the_cited_sentence(page, live_app) -> None:
    page.goto(live_app.url)
    answer = ask(page, "Hoeveel werksessies had de learning community HR in Twente?")
    citation = answer.locator("a.cite").first
    expect(citation).to_have_attribute("aria-label", re.compile("Nieuwe bodemkracht voor Twente"))
    citation.click()
    viewer = page.locator("#viewer")
    expect(viewer.locator("h2")).to_have_text(re.compile("Nieuwe bodemkracht voor Twente"))
    highlighted = viewer.locator(".passage-current mark")
    expect(highlighted).to_be_in_viewport()
    expect(highlighted).to_contain_text("werksessies")
    expect(page.locator("#viewer-where")).to_contain_text("geciteerde passage")
    # The whole document, not only the passage: far more text than one passage.
    body = page.locator("#viewer-body").inner_text()
    passage = viewer.locator(".passage-current").inner_text()
    assert len(body) > 5 * len(passage)
    snap(page, "viewer_from_citation")
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(citation).to_be_focused()


def test_viewer_from_a_refusal_and_the_stream_ends_cleanly(page, live_app) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    finished: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request.url))
    page.goto(live_app.url)
    answer = ask(page, REFUSED)
    expect(answer).to_have_class(re.compile("abstained"))
    expect(answer).to_contain_text("Mogelijk relevant")
    item = answer.locator(".sources button").first
    title = item.inner_text().split(" – ")[0]
    item.click()
    viewer = page.locator("#viewer")
    expect(viewer.locator("h2")).to_have_text(title)
    expect(viewer.locator(".passage-current")).to_be_in_viewport()
    snap(page, "viewer_from_refusal")
    page.get_by_role("button", name="Terug naar het antwoord").click()
    expect(item).to_be_focused()
    page.wait_for_timeout(300)
    assert not [f for f in failed if "/api/chat/stream" in f], failed
    assert any(url.endswith("/api/chat/stream") for url in finished)


def test_pdf_pages_are_shown_in_the_viewer(page, live_app, tmp_path) -> None:
    from tests.builders import make_pdf

    pdf = tmp_path / "kwartiermakers.pdf"
    pdf.write_bytes(
        make_pdf(
            [
                "Kwartiermakers bij de gemeente Wadlo. De kwartiermaker bouwt een nieuw team op.",
                "Op de tweede pagina staat dat elke kwartiermaker een mentor krijgt uit de regio.",
            ]
        )
    )
    page.goto(live_app.url)
    page.click("#tab-documents")
    page.set_input_files("#upload-file", str(pdf))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#upload-status")).to_contain_text("Klaar", timeout=90_000)
    page.get_by_role("button", name=re.compile("kwartiermakers bekijken", re.I)).click()
    viewer = page.locator("#viewer")
    expect(viewer.locator(".page-mark").first).to_have_text("Pagina 1")
    expect(viewer).to_contain_text("mentor krijgt uit de regio")
    expect(page.locator("#viewer-meta")).to_contain_text("2 pagina's")
    snap(page, "viewer_pdf_pages")
