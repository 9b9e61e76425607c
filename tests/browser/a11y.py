"""Accessibility checks shared by the browser tests."""

from axe_playwright_python.sync_playwright import Axe


def serious_axe_violations(page, within: str | None = None) -> list[str]:
    """axe-core (bundled, no CDN) on the part `within` (a CSS selector; None: the whole page) as it is
    now: serious and critical findings only. Scoped, so each test answers for its own part of the page."""
    violations = Axe().run(page, context=within).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
