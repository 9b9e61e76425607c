"""The app on a 390x844 phone: question box first, conversations in a drawer, a citation opens the
source in a bottom sheet and its close button returns to the answer; everything tappable is 44x44 px."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import PHONE, ask, snap

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TAP = 44


SMALL_TARGETS = """([scope, size]) => {
  const controls = "button, a[href]:not(.skip), input, select, textarea, summary";
  return [...document.querySelectorAll(`${scope} :is(${controls})`)]
    .filter((node) => node.getClientRects().length && getComputedStyle(node).visibility !== "hidden")
    .map((node) => [node, node.getBoundingClientRect()])
    .filter(([, box]) => box.width < size - 0.5 || box.height < size - 0.5)
    .map(([node, box]) => {
      const name = (node.textContent || node.id).trim().slice(0, 40);
      return `${node.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`;
    });
}"""


def small_targets(page: Page, scope: str) -> list[str]:
    """Visible buttons, links and form controls in `scope` smaller than 44x44 px."""
    return page.evaluate(SMALL_TARGETS, [scope, TAP])


def test_phone_ask_open_citation_and_back(page, live_app) -> None:
    page.set_viewport_size(PHONE)
    page.goto(live_app.url)
    box = page.locator("#question").bounding_box()
    assert box and box["y"] + box["height"] < PHONE["height"], "the question box is on the first screen"
    expect(page.locator("#conversations")).to_be_hidden()
    snap(page, "mobile_start")

    answer = ask(page, "Hoeveel werksessies had de learning community HR in Twente?")
    citation = answer.locator("a.cite").first
    expect(citation).to_be_visible()
    answer_box = answer.bounding_box()
    assert answer_box and answer_box["y"] < PHONE["height"], "the newest answer starts on the first screen"
    assert small_targets(page, "body") == []
    snap(page, "mobile_answer")

    citation.click()
    viewer = page.locator("#viewer")
    expect(viewer).to_be_visible()
    expect(viewer.locator("mark").first).to_be_in_viewport()
    sheet = viewer.bounding_box()
    assert sheet and abs(sheet["y"] + sheet["height"] - PHONE["height"]) < 2, "a bottom sheet"
    assert sheet["width"] <= PHONE["width"]
    close = page.get_by_role("button", name="Terug naar het antwoord")
    assert small_targets(page, "#viewer") == []
    snap(page, "mobile_citation_sheet")
    close.click()
    expect(viewer).to_be_hidden()
    expect(citation).to_be_focused()
    expect(citation).to_be_in_viewport()
    snap(page, "mobile_back_to_answer")

    page.get_by_role("button", name=re.compile("^Gesprekken")).click()
    expect(page.locator("#conversations li").first).to_contain_text("werksessies")
    assert small_targets(page, "#drawer") == []
    snap(page, "mobile_drawer")
    page.get_by_role("button", name="Gesprekken sluiten").click()
    expect(page.locator("#conversations")).to_be_hidden()


def test_phone_documents_fit_the_screen(page, live_app) -> None:
    page.set_viewport_size(PHONE)
    page.goto(live_app.url)
    page.click("#tab-documents")
    expect(page.locator("#document-rows tr").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px screen"
    table = page.locator("table.documents").bounding_box()
    assert table and table["width"] <= PHONE["width"]
    assert small_targets(page, "#panel-documents") == []
    snap(page, "mobile_documents", full_page=True)
