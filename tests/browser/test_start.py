"""A recruiter's first visit: the start screen says what the assistant does, which documents it knows,
and offers example questions that each get a cited answer."""

import re

import pytest
from playwright.sync_api import expect

from assistant.start import load_start_screen
from tests.browser.helpers import answer_text, ends_a_sentence, newest_answer, snap

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_first_visit_shows_purpose_documents_and_examples(page, live_app) -> None:
    page.goto(live_app.url)
    start = page.locator("#start")
    expect(start).to_be_visible()
    expect(start).to_contain_text("alleen uit de documenten")
    expect(start).to_contain_text("met bron")
    documents = live_app.assistant.retriever.reader.current()[0].documents.values()
    known = page.locator("#known-documents li")
    expect(known).to_have_count(len(documents))
    for doc in documents:
        item = known.filter(has_text=doc.title)
        expect(item).to_contain_text(doc.kind)
        expect(item).to_contain_text(str(doc.year))
    expect(page.locator("#examples button")).to_have_count(len(load_start_screen().examples))
    snap(page, "start_screen", full_page=True)
    page.get_by_role("link", name=re.compile("vacaturetekst", re.I)).click()
    expect(page.locator("#panel-vacancy")).to_be_visible()
    expect(page.locator("#tab-vacancy")).to_have_attribute("aria-selected", "true")


def test_every_example_question_gets_a_cited_answer(page, live_app) -> None:
    page.goto(live_app.url)
    examples = load_start_screen().examples
    for number, example in enumerate(examples):
        page.get_by_role("button", name=example).click()
        expect(page.locator("#start")).to_be_hidden()
        answer = newest_answer(page)
        expect(page.locator("#messages .turn").first.locator(".message.user")).to_have_text(example)
        expect(answer).not_to_have_class(re.compile("abstained"))
        expect(answer.locator("a.cite").first).to_be_visible()
        text = answer_text(answer)
        assert ends_a_sentence(text), f"{example!r} gets an answer that stops mid-sentence: {text[-120:]!r}"
        snap(page, f"example_{number + 1}")
        page.click("#new-conversation")
        expect(page.locator("#start")).to_be_visible()
