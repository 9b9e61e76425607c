"""Officialese (ambtelijke taal) in Dutch vacancy texts, with plain alternatives."""

from assistant.checks.inclusive import Finding, find_terms, load_rules

JARGON_FILE = "jargon_nl.yaml"


def check_jargon(text: str) -> list[Finding]:
    """Every officialese word or phrase from assistant/data/jargon_nl.yaml, with a plainer word."""
    return find_terms(text, load_rules(JARGON_FILE))
