"""Inclusive wording in Dutch vacancy texts: gender-coded words, age, non-neutral titles, exclusion.

Also home of the term matcher that the jargon check shares: both read a YAML list of entries
(see assistant/data/inclusive_nl.yaml for the format) and report every hit as a Finding with its
character offsets in the checked text.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, Field

from assistant.checks.address import to_u_form

DATA_DIR = Path(__file__).parent.parent / "data"
INCLUSIVE_FILE = "inclusive_nl.yaml"

Level = Literal["advies", "waarschuwing"]
Address = Literal["je", "u"]


class Finding(BaseModel):
    """One matched word or phrase, where it is, and what to write instead (in Dutch)."""

    text: str = Field(description="The matched text, exactly as it appears in the checked text.")
    start: int = Field(description="Character offset of the match in the checked text.")
    end: int = Field(description="Offset just past the match: text == checked[start:end].")
    category: str
    level: Level
    message: str = Field(description="Why this is flagged.")
    suggestion: str = Field(description="A concrete alternative.")


@dataclass(frozen=True)
class Rule:
    """One compiled entry of a term list."""

    pattern: re.Pattern[str]
    category: str
    level: Level
    message: str
    suggestion: str


def _phrase_regex(term: str) -> str:
    """A literal term as regex: any run of whitespace between words, either apostrophe."""
    words = [re.escape(word).replace("'", "['’]") for word in term.split()]
    return r"\s+".join(words)


def _entry_regex(entry: dict[str, Any]) -> str:
    """The regex of an entry: its own `regex`, or its `match` terms, longest first."""
    if "regex" in entry:
        return entry["regex"]
    terms = sorted(entry["match"], key=len, reverse=True)
    return "|".join(_phrase_regex(term) for term in terms)


def _rule(entry: dict[str, Any], categories: dict[str, dict[str, str]]) -> Rule:
    """Compile one YAML entry; category defaults apply unless the entry overrides them."""
    name = entry.get("category") or next(iter(categories))
    category = categories[name]
    level = entry.get("level", category.get("level", "waarschuwing"))
    if level not in get_args(Level):
        raise ValueError(f"unknown level {level!r} in term list entry {entry!r}")
    # Whole words only: "leider" must not fire inside "teamleider".
    pattern = re.compile(rf"(?<!\w)(?:{_entry_regex(entry)})(?!\w)", re.IGNORECASE)
    return Rule(
        pattern=pattern,
        category=name,
        level=level,
        message=entry.get("message", category["message"]),
        suggestion=entry["suggestion"],
    )


@cache
def load_rules(filename: str) -> tuple[Rule, ...]:
    """Read and compile a term list from the package's data directory, once per process."""
    raw = yaml.safe_load((DATA_DIR / filename).read_text(encoding="utf-8"))
    categories = raw["categories"]
    return tuple(_rule(entry, categories) for entry in raw["entries"])


def _match_case(suggestion: str, matched: str) -> str:
    """Capitalise the suggestion when the match starts a sentence ("Indien" -> "Als")."""
    if matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def _finding(rule: Rule, match: re.Match[str]) -> Finding:
    """A Finding for a match; a `hit` group narrows the span (the pronoun, not the whole context)."""
    group = "hit" if "hit" in rule.pattern.groupindex and match.group("hit") else 0
    start, end = match.span(group)
    matched = match.group(group)
    return Finding(
        text=matched,
        start=start,
        end=end,
        category=rule.category,
        level=rule.level,
        message=rule.message.replace("{text}", matched),
        suggestion=_match_case(rule.suggestion, matched),
    )


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the longest of overlapping findings: "jong team" says more than "jong"."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def find_terms(text: str, rules: tuple[Rule, ...]) -> list[Finding]:
    """Every match of the rules in the text, in text order, without overlaps."""
    findings = [_finding(rule, match) for rule in rules for match in rule.pattern.finditer(text)]
    return _without_overlaps(findings)


def check_inclusive(text: str, address: Address = "je") -> list[Finding]:
    """Gender-coded, age-related, non-neutral and exclusionary wording, with alternatives that use the
    text's own form of address (the list is written with je)."""
    findings = find_terms(text, load_rules(INCLUSIVE_FILE))
    if address == "u":
        findings = [f.model_copy(update={"suggestion": to_u_form(f.suggestion)}) for f in findings]
    return findings
