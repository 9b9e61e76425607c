"""The persona editor in a real browser: a Dutch form, errors beside the field, delete with confirmation."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKING_DAY = (
    "Je begint om acht uur met een kop koffie en de planning van de dag. Daarna fiets je naar een "
    "bouwplaats waar een sanering loopt. Je kijkt of de grond apart ligt en of het hek dicht is. Je "
    "maakt foto's voor het dossier en praat met de uitvoerder. Na de lunch schrijf je het verslag en "
    "overleg je met de jurist. Aan het eind van de middag bel je de aannemer terug."
)


def fill_new_card(page, working_day: str) -> None:
    page.fill("#pf-id", "bas-bodem")
    page.fill("#pf-name", "Bas Bodem <script>alert(1)</script>")
    page.fill("#pf-role", "Adviseur bodemkwaliteit")
    page.select_option("#pf-chain", "advies")
    page.fill("#pf-summary", "Je adviseert collega's en bedrijven over schone grond en veilig grondverzet.")
    page.fill("#pf-tasks", "Bodemonderzoeken beoordelen\nAdvies geven bij bouwplannen\nMeldingen behandelen")
    page.fill("#pf-day", working_day)
    page.fill("#pf-competencies", "Samenwerken\nNauwkeurigheid\nAdviesvaardigheid\nZelfstandigheid")
    page.fill("#pf-education", "hbo")
    page.fill("#pf-scale-min", "9")
    page.fill("#pf-scale-max", "10")


def test_persona_form_validates_beside_the_field_creates_and_deletes(page, live_app) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.goto(live_app.url)
    page.click("#tab-personas")
    page.click("#persona-new")
    expect(page.locator("#persona-editor-title")).to_have_text("Nieuwe persona")
    # The 60-word rule is explained before anything goes wrong, and counted while typing.
    expect(page.locator("#pf-day-hint")).to_contain_text("60 tot 200 woorden")
    fill_new_card(page, "Je controleert grond.")
    expect(page.locator("#pf-day-count")).to_contain_text("3 woorden")
    page.click("#persona-form button[type=submit]")

    # The server's refusal lands next to the working-day field, which gets the focus, in Dutch.
    expect(page.locator("#persona-status")).to_contain_text("Niet opgeslagen")
    error = page.locator('.pf-field[data-field="working_day"] .field-error')
    expect(error).to_contain_text("60 tot 200")
    expect(page.locator("#pf-day")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#pf-day")).to_be_focused()
    expect(error).to_be_in_viewport()
    assert "working_day" not in page.locator("#panel-personas").inner_text()
    assert page.locator(".pf-field .field-error").count() == 1, "only the wrong field is marked"
    found = serious_axe_violations(page, "#panel-personas")
    assert not found, found

    page.fill("#pf-day", WORKING_DAY)
    expect(page.locator("#pf-day-count")).to_contain_text("goed")
    page.click("#persona-form button[type=submit]")
    expect(page.locator("#persona-status")).to_contain_text("Opgeslagen")
    assert page.locator(".pf-field .field-error").count() == 0
    saved = page.get_by_role("button", name=re.compile("^Bas Bodem"))
    expect(saved).to_contain_text("<script>alert(1)</script>")  # markup stays text
    expect(page.locator("#pf-id")).to_have_attribute("readonly", "")

    # The advanced view shows the same card as JSON.
    page.click("#persona-advanced summary")
    expect(page.locator("#persona-json")).to_have_value(re.compile('"id": "bas-bodem"'))
    # Its edits go back into the form; a misspelt key is named instead of dropped.
    card = page.locator("#persona-json").input_value()
    page.fill("#persona-json", card.replace('"role"', '"functie"'))
    page.click("#persona-json-apply")
    expect(page.locator("#persona-json-error")).to_contain_text("Onbekende velden: functie")
    page.fill("#persona-json", card.replace("Adviseur bodemkwaliteit", "Adviseur bodem en water"))
    page.click("#persona-json-apply")
    expect(page.locator("#pf-role")).to_have_value("Adviseur bodem en water")

    # Errors inside a group land at the group: a reversed salary scale.
    page.fill("#pf-scale-min", "11")
    page.click("#persona-form button[type=submit]")
    scale_error = page.locator('.pf-field[data-field="salary_scale"] .field-error')
    expect(scale_error).to_contain_text("hoger dan de hoogste")

    page.click("#persona-delete")
    expect(page.locator("#persona-status")).to_contain_text("is verwijderd")
    assert dialogs and "verwijderen" in dialogs[-1]
    expect(page.get_by_role("button", name=re.compile("^Bas Bodem"))).to_have_count(0)
    assert live_app.settings.personas_dir.joinpath("tess-toezicht.yaml").exists()
    assert not live_app.settings.personas_dir.joinpath("bas-bodem.yaml").exists()
