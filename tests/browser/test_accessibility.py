"""axe-core (bundled with axe-playwright-python, no CDN) on every tab, desktop and phone: no serious
or critical violation. Also the keyboard path: the skip link lands in the question field."""

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import serious_axe_violations
from tests.browser.helpers import DESKTOP, PHONE, ask, snap

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABS = ["tab-chat", "tab-vacancy", "tab-documents", "tab-personas"]
READY = {
    "tab-chat": "#known-documents li",
    "tab-vacancy": "#persona-cards [role=radio]",
    "tab-documents": "#document-rows tr",
    "tab-personas": "#persona-list li",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_axe_violations_on_any_tab(page, live_app, viewport) -> None:
    page.set_viewport_size(viewport)
    page.goto(live_app.url)
    name = "desktop" if viewport is DESKTOP else "phone"
    found: dict[str, list[str]] = {}
    for tab in TABS:
        page.click(f"#{tab}")
        expect(page.locator(READY[tab]).first).to_be_visible()
        found[tab] = serious_axe_violations(page)
        snap(page, f"axe_{name}_{tab}", full_page=True)
    # The chat tab again with an answer, and with the document viewer open.
    page.click("#tab-chat")
    ask(page, "Hoeveel werksessies had de learning community HR in Twente?").locator("a.cite").first.click()
    expect(page.locator("#viewer mark").first).to_be_visible()
    found["viewer"] = serious_axe_violations(page)
    page.get_by_role("button", name="Terug naar het antwoord").click()
    found["answer"] = serious_axe_violations(page)
    assert not any(found.values()), found


def test_keyboard_skip_link_and_tabs(page, live_app) -> None:
    page.goto(live_app.url)
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#question")).to_be_focused()
    page.click("#tab-chat")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-vacancy")).to_be_focused()
    expect(page.locator("#panel-vacancy")).to_be_visible()
    # The Beheer tab appears once the app knows the user's role; End before that selects the tab before it.
    expect(page.locator("#tab-admin")).to_be_visible()
    page.keyboard.press("End")
    # A beheerder's last tab is Beheer.
    expect(page.locator("#tab-admin")).to_have_attribute("aria-selected", "true")
    # From the tab bar, one Tab press goes into the panel, not along the other tabs.
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    expect(page.locator("#tab-vacancy")).not_to_be_focused()


def test_inputs_are_normal_weight_and_dates_dutch(page, live_app) -> None:
    page.goto(live_app.url)
    assert page.evaluate("document.documentElement.lang") == "nl"
    page.click("#tab-vacancy")
    weight = page.locator("input[name=organisation]").evaluate("n => getComputedStyle(n).fontWeight")
    assert weight == "400"
    assert page.evaluate("navigator.language") == "nl-NL"
    # Typed as a Dutch user reads the field (dd-mm-jjjj): day first. In mm/dd/yyyy this is no valid date.
    date = page.locator("input[name=closing_date]")
    date.focus()
    page.keyboard.type("31122026")
    expect(date).to_have_value("2026-12-31")
    snap(page, "dutch_date_input")
