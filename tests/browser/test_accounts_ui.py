"""Signing in and out, the Beheer tab (users and audit log), and what a recruiter sees, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.api.conftest import ACCOUNTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_sign_in_manage_users_read_the_log_and_sign_out(browser, live_app) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_app.url)
    expect(page).to_have_url(re.compile("/login$"))
    page.fill("#login-name", "beheer")
    page.fill("#login-password", "fout-wachtwoord")
    page.click("#login-form button[type=submit]")
    expect(page.locator("#login-status")).to_contain_text("Aanmelden mislukt")
    page.fill("#login-password", ACCOUNTS["beheer"][0])
    page.click("#login-form button[type=submit]")
    expect(page.locator("#user-name")).to_have_text("beheer (beheerder)")

    page.click("#tab-admin")
    expect(page.locator("#user-rows")).to_contain_text("recruiter2")
    page.fill("#new-user-name", "sanne")
    page.fill("#new-user-password", "sanne-wachtwoord")
    page.click("#user-form button[type=submit]")
    expect(page.locator("#user-status")).to_contain_text("sanne is toegevoegd")
    expect(page.locator("#user-rows")).to_contain_text("sanne")
    expect(page.locator("#audit-rows")).to_contain_text("gebruiker toegevoegd")
    expect(page.locator("#audit-rows")).to_contain_text("aanmelden mislukt")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Verwijder sanne").click()
    expect(page.locator("#user-status")).to_contain_text("sanne is verwijderd")

    page.click("#sign-out")
    expect(page).to_have_url(re.compile("/login$"))
    page.goto(live_app.url)
    expect(page).to_have_url(re.compile("/login$"))  # the session is gone
    context.close()
    assert not errors, errors


def test_recruiter_asks_but_does_not_manage(recruiter_page, live_app) -> None:
    page = recruiter_page
    page.goto(live_app.url)
    expect(page.locator("#user-name")).to_have_text("recruiter (recruiter)")
    for tab in ("#tab-documents", "#tab-personas", "#tab-admin"):
        expect(page.locator(tab)).to_be_hidden()
    page.fill("#question", "Wat is Lab XL?")
    page.click("#ask-form button[type=submit]")
    expect(page.locator(".message:not(.user) a.cite").first).to_be_visible(timeout=60_000)
    expect(page.locator("#conversations li").first).to_contain_text("Lab XL")
