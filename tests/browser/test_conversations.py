"""Conversations in the drawer: rename and delete. Until the server has rename and delete, the app says
so instead of failing silently."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ask, snap

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_rename_and_delete_a_conversation(page, live_app) -> None:
    page.goto(live_app.url)
    expect(ask(page, "Wat is Lab XL?").locator(".sources")).to_be_visible()
    item = page.locator("#conversations li").first
    expect(item).to_contain_text("Lab XL")
    page.once("dialog", lambda dialog: dialog.accept("Lab XL voor de teamleider"))
    item.get_by_role("button", name=re.compile("^Hernoemen")).click()
    status = page.locator("#conversation-status")
    expect(status).to_have_text(re.compile("Gesprek hernoemd|kan nog niet op deze server"))
    if status.inner_text().startswith("Gesprek hernoemd"):
        expect(page.locator("#conversations li").first).to_contain_text("Lab XL voor de teamleider")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#conversations li").first.get_by_role("button", name=re.compile("^Verwijderen")).click()
    expect(status).to_have_text(re.compile("Gesprek verwijderd|kan nog niet op deze server"))
    if status.inner_text() == "Gesprek verwijderd.":
        expect(page.locator("#conversations li")).to_have_count(0)
        expect(page.locator("#start")).to_be_visible()  # the open conversation was the one deleted
    snap(page, "conversation_controls")
