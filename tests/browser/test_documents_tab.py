"""The documents tab: correct Dutch counts, and editing a document's title, kind, year and publisher,
which the rest of the app (start screen, answers' citations) then uses."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ask, snap

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TWENTE = "Nieuwe bodemkracht voor Twente (presentatie)"
NEW_TITLE = "Learning community HR Twente – slides"


def test_passage_counts_are_dutch(page, live_app) -> None:
    page.goto(live_app.url)
    page.click("#tab-documents")
    rows = page.locator("#document-rows tr")
    expect(rows.first).to_be_visible()
    counts = rows.locator("td[data-label=Passages]").all_inner_texts()
    assert counts and all(re.fullmatch(r"1 passage|\d+ passages", c) for c in counts), counts
    assert not any(re.fullmatch(r"1 passages", c) for c in counts)


def test_edit_a_title_and_see_it_everywhere(page, live_app) -> None:
    page.goto(live_app.url)
    page.click("#tab-documents")
    page.get_by_role("button", name=f"Aanpassen: {TWENTE}").click()
    dialog = page.locator("#edit-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#edit-doc-title")).to_have_value(TWENTE)
    page.fill("#edit-year", "1800")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#edit-dialog")).to_be_visible()
    page.fill("#edit-doc-title", NEW_TITLE)
    page.fill("#edit-year", "2023")
    page.fill("#edit-publisher", "Omgevingsdienst Twente")
    snap(page, "document_edit_dialog")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#upload-status")).to_contain_text(f"Opgeslagen: {NEW_TITLE}", timeout=60_000)
    row = page.locator("#document-rows tr", has_text=NEW_TITLE)
    expect(row.locator("td[data-label=Jaar]")).to_have_text("2023")
    expect(page.locator("#document-rows")).not_to_contain_text(TWENTE)
    snap(page, "document_title_edited")

    page.click("#tab-chat")
    expect(page.locator("#known-documents")).to_contain_text(NEW_TITLE)
    answer = ask(page, "Hoeveel werksessies had de learning community HR in Twente?")
    expect(answer.locator(".sources")).to_contain_text(NEW_TITLE)
    # Stored in the manifest next to the file, so a later ingest keeps it.
    manifest = (live_app.settings.corpus_dir / "manifest.yaml").read_text(encoding="utf-8")
    assert NEW_TITLE in manifest and "layout: slides" in manifest


def test_a_refused_upload_says_what_is_accepted(page, live_app, tmp_path) -> None:
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 8)
    page.goto(live_app.url)
    page.click("#tab-documents")
    page.set_input_files("#upload-file", str(program))
    page.click("#upload-form button[type=submit]")
    status = page.locator("#upload-status")
    expect(status).to_contain_text("geweigerd", timeout=30_000)
    expect(status).to_contain_text("PDF")
    expect(status).to_contain_text("MB")
    snap(page, "upload_refused")
