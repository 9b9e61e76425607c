"""The upload progress indicator follows the ingest job's phases (opslaan, lezen, opdelen, embedden,
klaar) and its `progress` fraction when the job status reports them, and stays up when the job is done.

The job status is the real one from the server; the running states in between are served by the test
(the contract `phase` + `progress` 0..1), so each phase is seen however fast the real ingest is."""

import json
import re

import pytest
from playwright.sync_api import Route, expect

from tests.browser.helpers import snap
from tests.builders import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RUNNING = [("lezen", 0.1), ("opdelen", 0.4), ("embedden", 0.75)]


def test_progress_shows_each_phase_until_done(page, live_app, tmp_path) -> None:
    step = {"now": 0}  # the running state served until the test has seen it

    def job_status(route: Route) -> None:
        if step["now"] < len(RUNNING):
            phase, progress = RUNNING[step["now"]]
            body = {"id": "x", "kind": "upload", "status": "bezig", "phase": phase, "progress": progress}
            route.fulfill(status=200, content_type="application/json", body=json.dumps(body))
        else:
            route.fallback()  # the real, finished job

    page.route(re.compile(r".*/api/documents/jobs/.*"), job_status)
    pdf = tmp_path / "voortgang.pdf"
    pdf.write_bytes(make_pdf(["De gemeente Wadlo werkt met kwartiermakers die een nieuw team opbouwen."]))
    page.goto(live_app.url)
    page.click("#tab-documents")
    page.set_input_files("#upload-file", str(pdf))
    page.click("#upload-form button[type=submit]")
    phases = page.locator("#upload-phases")
    bar = page.locator("#upload-bar")
    for index, (phase, progress) in enumerate(RUNNING):
        expect(page.locator("#upload-phase")).to_contain_text(f"{round(100 * progress)}%")
        expect(phases.locator("li.current")).to_have_count(1)
        expect(bar).to_have_attribute("value", str(round(100 * progress)))
        expect(phases.locator("li.done")).to_have_count(index + 1)  # opslaan and the phases before
        snap(page, f"upload_progress_{phase}")
        step["now"] += 1
    expect(page.locator("#upload-status")).to_contain_text("Klaar", timeout=90_000)
    expect(page.locator("#upload-progress")).to_be_visible()
    expect(phases.locator("li.done")).to_have_count(5)
    expect(bar).to_have_attribute("value", "100")
    snap(page, "upload_progress_done")
