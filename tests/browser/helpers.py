"""What the browser tests share: asking a question, the newest answer, screenshots of named states."""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

SCREENSHOTS = Path("test-results") / "screenshots"
ANSWER_TIMEOUT = 60_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def ask(page: Page, question: str) -> Locator:
    """Ask in the question box; returns the newest answer (turns are listed newest first)."""
    page.fill("#question", question)
    page.click("#ask-form button[type=submit]")
    return newest_answer(page)


def newest_answer(page: Page) -> Locator:
    answer = page.locator("#messages .turn").first.locator(".message:not(.user)")
    expect(answer).not_to_have_attribute("aria-busy", "true", timeout=ANSWER_TIMEOUT)
    return answer


def answer_text(answer: Locator) -> str:
    """The answer's own text, without the source list and feedback buttons."""
    return answer.locator("p").first.inner_text()


def ends_a_sentence(text: str) -> bool:
    without_markers = re.sub(r"\s*\[\d+\]", "", text).strip()
    return bool(re.search(r"[.!?…)\"”']$", without_markers))


def snap(page: Page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
