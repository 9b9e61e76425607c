"""The recruiters' web app in a real browser: chat with citations, documents, personas, access control."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ask
from tests.builders import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A fact that exists only in the uploaded PDF, so an answer citing it can only come from that upload.
UPLOAD_FACT = (
    "De gemeente Zeewolde start het Duinpieperprogramma voor nieuwe toezichthouders. "
    "Elke deelnemer aan het Duinpieperprogramma volgt zeventien praktijkdagen op straat."
)
UPLOAD_QUESTION = "Hoeveel praktijkdagen volgt een deelnemer aan het Duinpieperprogramma?"


def test_question_streams_an_answer_with_clickable_citations(page, live_app) -> None:
    page.goto(live_app.url)
    answer = ask(page, "Hoeveel werksessies had de learning community HR in Twente?")
    citation = answer.locator("a.cite").first
    expect(citation).to_be_visible()
    expect(answer).to_contain_text("10 wekelijkse werksessies")
    expect(answer.locator(".sources li").first).to_contain_text("Nieuwe bodemkracht voor Twente")
    citation.click()
    viewer = page.locator("#viewer")
    expect(viewer.locator("h2")).to_contain_text("Nieuwe bodemkracht voor Twente")
    highlighted = viewer.locator("mark").first
    expect(highlighted).to_be_visible()
    assert highlighted.inner_text().strip() in viewer.locator(".passage-current").inner_text()
    page.get_by_role("button", name="Terug naar het antwoord").click()
    # The conversation is listed and feedback can be given.
    expect(page.locator("#conversations li").first).to_contain_text("werksessies")
    answer.get_by_role("button", name="Nuttig").click()
    expect(answer.get_by_role("button", name="Bedankt!")).to_be_visible()


def test_a_question_with_typing_errors_says_how_it_was_read(page, live_app) -> None:
    page.goto(live_app.url)
    answer = ask(page, "Hoeveel werksesies had de learning community HR in Twnete?")
    expect(answer.locator(".read-as")).to_have_text(
        "Gelezen als: Hoeveel werksessies had de learning community HR in Twente?"
    )
    expect(answer).to_contain_text("10 wekelijkse werksessies")


def test_markup_in_questions_is_shown_as_text(page, live_app) -> None:
    page.goto(live_app.url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    answer = ask(page, "<img src=x onerror=alert(1)> Wat is Lab XL?")
    expect(page.locator(".message.user").first).to_contain_text("<img src=x onerror=alert(1)>")
    expect(answer.locator(".sources")).to_be_visible()
    assert page.locator(".message img").count() == 0
    assert dialogs == []


def test_upload_ask_and_delete_a_document(page, live_app, tmp_path) -> None:
    page.goto(live_app.url)
    page.click("#tab-documents")
    pdf = tmp_path / "duinpieper.pdf"
    pdf.write_bytes(make_pdf([UPLOAD_FACT]))
    page.set_input_files("#upload-file", str(pdf))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#upload-status")).to_contain_text("Klaar", timeout=90_000)
    expect(page.locator("#document-rows")).to_contain_text("duinpieper")

    page.click("#tab-chat")
    answer = ask(page, UPLOAD_QUESTION)
    expect(answer.locator("a.cite").first).to_be_visible()
    expect(answer).to_contain_text("zeventien praktijkdagen")
    expect(answer.locator(".sources")).to_contain_text("duinpieper")

    page.click("#tab-documents")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("Verwijderen: duinpieper")).click()
    expect(page.locator("#upload-status")).to_contain_text("verwijderd", timeout=60_000)
    expect(page.locator("#document-rows")).not_to_contain_text("duinpieper")

    page.click("#tab-chat")
    page.click("#new-conversation")
    answer = ask(page, UPLOAD_QUESTION)
    expect(answer.locator(".sources")).to_be_visible()
    expect(answer).not_to_contain_text("zeventien praktijkdagen")
    expect(answer.locator(".sources")).not_to_contain_text("duinpieper")


def test_with_an_api_key_unauthenticated_requests_are_refused(browser, live_app, serve_app) -> None:
    from api.main import create_app

    # Without sign-in (auth=open) a configured API key still guards the API, and the page asks for it.
    settings = live_app.settings.model_copy(update={"api_key": "sleutel-42", "auth": "open"})
    with serve_app(create_app(settings, live_app.assistant)) as url:
        context = browser.new_context()
        page = context.new_page()
        refused = page.request.post(f"{url}/api/chat", data={"question": "Wat is Lab XL?"})
        assert refused.status == 401
        page.goto(url)
        expect(page.locator("#key-form")).to_be_visible()  # the page asks for the key
        page.fill("#api-key", "sleutel-42")
        page.click("#key-form button[type=submit]")
        expect(ask(page, "Wat is Lab XL?").locator("a.cite").first).to_be_visible()
        Path("test-results/screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path="test-results/screenshots/api_key.png")
        context.close()


def test_a_list_in_an_answer_is_a_list_and_the_next_quote_its_own_paragraph(page, live_app) -> None:
    page.goto(live_app.url)
    citation = {"n": 1, "chunk_id": "c", "document_id": "d", "document_title": "T", "section": "S"}
    citation["quote"] = "q"
    text = "De rollen:\n- Samira Strategie\n- Bert Beleid\n- Tess Toezicht [1]\nDaarna een\nzin. [1]"
    page.evaluate(
        """async ([citation, text]) => {
            const { renderAnswer } = await import("/static/chat.js");
            const box = document.createElement("div");
            box.id = "list-probe";
            document.body.append(box);
            renderAnswer(box, { text, citations: [citation], abstained: false, passages: [] }, 0);
        }""",
        [citation, text],
    )
    probe = page.locator("#list-probe")
    expect(probe.locator("ul.answer-list li")).to_have_count(3)
    expect(probe.locator("ul.answer-list li").last).to_have_text("Tess Toezicht [1]")
    expect(probe.locator("p").last).to_have_text("Daarna een zin. [1]")
