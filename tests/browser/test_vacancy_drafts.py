"""The vacancy tab in a real browser: form with errors beside the field, a draft with its onderbouwing,
accept and confirm a suggestion, edit, save, reload, reopen, duplicate, delete and export."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path("test-results") / "screenshots"
TITLE = "Vergunningverlener bodem in Enschede"
ADDED = "Indien je vragen hebt, bel ons gerust."


def answer_dialogs(page) -> list[str]:
    """Accept every confirmation, except while the list's first entry is 'dismiss'."""
    seen: list[str] = []

    def handle(dialog) -> None:
        seen.append(dialog.message)
        if seen[0] == "dismiss" and len(seen) == 2:
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", handle)
    return seen


def test_draft_accept_edit_save_reload_reopen_and_export(page, live_app) -> None:
    dialogs = answer_dialogs(page)
    page.goto(live_app.url)
    page.click("#tab-vacancy")

    # Without a persona the form says so beside the cards.
    cards = page.get_by_role("radio")
    expect(cards).to_have_count(5)
    page.click("#vacancy-form button[type=submit]")
    expect(page.locator("#persona-cards-error")).to_be_visible()

    # The persona cards are one tab stop; arrow keys move between them and choose.
    expect(cards.first).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(cards.nth(1)).to_be_focused()
    expect(cards.nth(1)).to_have_attribute("aria-checked", "true")
    assert page.locator('#persona-cards [tabindex="0"]').count() == 1
    page.get_by_role("radio", name=re.compile("Vera Vergunning")).click()
    expect(page.locator("#vf-salary-suggestion")).to_contain_text("Suggestie uit de personakaart")

    # A bad field gets its Dutch message beside it; no English field name anywhere.
    page.fill("#vf-organisation", "Gemeente Enschede")
    page.fill("#vf-hours", "36")
    page.fill("#vf-closing", (date.today() - timedelta(days=3)).isoformat())
    page.locator("#vf-wishes input[type=checkbox]").first.check()
    page.fill("#vf-note", "Noem dat we hybride werken mogelijk maken")
    page.click("#vacancy-form button[type=submit]")
    closing_error = page.locator('[data-field="closing_date"] .field-error')
    expect(closing_error).to_contain_text("verleden")
    expect(page.locator("#vf-closing")).to_be_focused()
    assert "closing_date" not in page.locator("#panel-vacancy").inner_text()

    page.fill("#vf-closing", (date.today() + timedelta(days=30)).isoformat())
    page.click("#vacancy-form button[type=submit]")
    expect(page.locator("#vacancy-status")).to_contain_text("Concept klaar", timeout=90_000)
    expect(page.locator("#vacancy-header")).to_contain_text("36 uur")
    text = page.locator("#vacancy-sections .vac-text")
    assert not re.search(r"\[\d+\]", " ".join(text.all_inner_texts())), "the publishable text has no [n]"
    expect(page.locator("#vacancy-note")).to_contain_text("hybride werken mogelijk maken")
    assert "Noem dat" not in " ".join(text.all_inner_texts()), "the note never enters the vacancy"
    expect(page.locator("#vacancy-checks .vac-criteria li")).to_have_count(4)

    # The citation of a suggestion shows its passage; accepting inserts wording marked "te bevestigen".
    evidence = page.locator(".vac-evidence .vac-suggestion").first
    label = evidence.locator(".vac-suggestion-label strong").inner_text()
    evidence.locator(".vac-cite").first.click()
    expect(evidence.locator(".vac-passage blockquote")).to_be_visible()
    evidence.get_by_role("button", name=re.compile("^Overnemen")).click()
    expect(page.locator("#vacancy-draft-status")).to_contain_text(f"Overgenomen: {label}")
    expect(page.locator("mark.vac-unconfirmed").first).to_be_visible()
    found = serious_axe_violations(page, "#panel-vacancy")
    assert not found, found
    expect(page.locator("#vacancy-problems")).to_contain_text("te bevestigen")
    page.click(".vac-exports button[data-part=vacature][data-format=md]")
    expect(page.locator("#vacancy-draft-status")).to_contain_text("Download niet gelukt: Nog te bevestigen")
    accepted = page.locator(".vac-suggestion.vac-accepted").first
    accepted.get_by_role("button", name=re.compile("^Bevestigen")).click()
    expect(page.locator("#vacancy-draft-status")).to_contain_text("Bevestigd")
    expect(page.locator("mark.vac-unconfirmed")).to_have_count(0)

    # Edit the title and a section; the checks run again on save.
    page.click("#vacancy-edit")
    page.fill("#vacancy-title-input", TITLE)
    first_text = page.locator("#vacancy-sections textarea").first
    first_text.fill(first_text.input_value() + "\n\n" + ADDED)
    page.click("#vacancy-save")
    expect(page.locator("#vacancy-draft-status")).to_contain_text("opnieuw gecontroleerd")
    expect(page.locator("#vacancy-title")).to_have_text(TITLE)
    expect(page.locator("#vacancy-checks")).to_contain_text("Indien")

    # Unsaved edits are not replaced without a warning.
    page.click("#vacancy-edit")
    page.locator("#vacancy-sections textarea").first.fill("Half af")
    dialogs[:] = ["dismiss"]
    page.click("#vacancy-form button[type=submit]")
    assert "niet zijn opgeslagen" in dialogs[1]
    expect(page.locator("#vacancy-sections textarea").first).to_have_value("Half af")
    found = serious_axe_violations(page, "#panel-vacancy")
    assert not found, found
    page.click("#vacancy-cancel")
    dialogs.clear()

    # The draft survives a reload and is listed with persona, organisation and date.
    page.reload()
    page.click("#tab-vacancy")
    expect(page.locator("#vacancy-title")).to_have_text(TITLE)
    expect(page.locator("#vacancy-sections")).to_contain_text(ADDED)
    listed = page.locator("#vacancy-drafts li", has_text=TITLE)
    expect(listed).to_contain_text("Vera Vergunning")
    expect(listed).to_contain_text("Gemeente Enschede")

    # Duplicate, delete the copy (with confirmation), reopen the original.
    listed.get_by_role("button", name=re.compile("^Dupliceren")).click()
    copy = page.locator("#vacancy-drafts li", has_text=f"{TITLE} (kopie)")
    expect(copy).to_have_count(1)
    copy.get_by_role("button", name=re.compile("^Verwijderen")).click()
    expect(copy).to_have_count(0)
    assert any("verwijderen" in message for message in dialogs)
    page.locator("#vacancy-drafts li", has_text=TITLE).get_by_role(
        "button", name=re.compile("^Openen")
    ).click()
    expect(page.locator("#vacancy-title")).to_have_text(TITLE)

    # Exports are named after the title; the vacancy has no [n], the onderbouwing keeps the sources.
    with page.expect_download() as download:
        page.click(".vac-exports button[data-part=vacature][data-format=md]")
    assert download.value.suggested_filename == "vacature-vergunningverlener-bodem-in-enschede.md"
    vacancy = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Indien je vragen hebt" in vacancy and "36 uur" in vacancy
    assert not re.search(r"\[\d+\]", vacancy) and "personakaart" not in vacancy
    with page.expect_download() as download:
        page.click(".vac-exports button[data-part=vacature][data-format=docx]")
    assert download.value.suggested_filename == "vacature-vergunningverlener-bodem-in-enschede.docx"
    with page.expect_download() as download:
        page.click(".vac-exports button[data-part=onderbouwing][data-format=md]")
    assert download.value.suggested_filename == "onderbouwing-vergunningverlener-bodem-in-enschede.md"
    annex = Path(download.value.path()).read_text(encoding="utf-8")
    assert label in annex and re.search(r"\\?\[\d+\\?\]", annex)  # Markdown escapes the brackets

    # The same draft at phone size: one column, nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "vacancy_390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    small = page.locator("#panel-vacancy button:visible").evaluate_all(
        "buttons => buttons.map(b => b.getBoundingClientRect())"
        ".filter(r => r.width < 44 || r.height < 44).length"
    )
    assert small == 0, "every button is at least 44 x 44 px"
    found = serious_axe_violations(page, "#panel-vacancy")
    assert not found, found
