"""Checks on a draft's text after every change: may it be published, and where do its numbers come from.

Publishable means: no source markers, no quotation marks, no mention of the persona card, one form of
address, and no employer claim the recruiter did not give (a ticked wish, or a suggestion they
confirmed or rewrote).
"""

import re
from collections.abc import Iterable

from assistant.checks import check_text
from assistant.personas import PersonaCard
from assistant.vacancy.models import VacancyDraft
from assistant.vacancy.render import body_plain, to_markdown, vacancy_blocks
from assistant.vacancy.wording import VacancyWording

CITATION_MARKER = re.compile(r"\[\d+\]")
QUOTE_MARKS = re.compile(r"[“”„\"«»]")
ADDRESS_WORDS = {
    "je": re.compile(r"\b(u|uw|uzelf)\b"),
    "u": re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.I),
}
_NUMBER = re.compile(r"\d+")


def _text(draft: VacancyDraft) -> str:
    return "\n".join([draft.title, *(s.text for s in draft.sections)])


def unconfirmed_claims(draft: VacancyDraft, wording: VacancyWording) -> list[str]:
    """Labels of fixed employer wordings in the text that the recruiter neither ticked nor confirmed."""
    text = _text(draft)
    address = draft.request.get("address", "je")
    given = set(draft.request.get("wishes", []))
    given |= {s.topic for o in draft.onderbouwing for s in o.suggestions if s.status == "confirmed"}
    return [o.label for o in wording.offers if o.key not in given and o.wording.say(address) in text]


def publishing_problems(draft: VacancyDraft, wording: VacancyWording) -> list[str]:
    """Why the text cannot be published as it stands, in Dutch; empty when it can."""
    text = _text(draft)
    problems = []
    if CITATION_MARKER.search(text):
        problems.append("De tekst bevat een bronverwijzing zoals [1]; die hoort in de onderbouwing.")
    if QUOTE_MARKS.search(text):
        problems.append("De tekst bevat aanhalingstekens; citaten uit bronnen horen in de onderbouwing.")
    if "personakaart" in text.lower():
        problems.append("De tekst noemt de personakaart; die is alleen voor de recruiter.")
    waiting = [s.label for o in draft.onderbouwing for s in o.suggestions if s.status == "accepted"]
    if waiting or wording.unconfirmed_marker in text:
        names = ", ".join(waiting) or "een ingevoegde zin"
        problems.append(f"Nog te bevestigen: {names}. Bevestig of pas de zin aan.")
    unconfirmed = [label for label in unconfirmed_claims(draft, wording) if label not in waiting]
    if unconfirmed:
        problems.append(f"Niet door de werkgever bevestigd: {', '.join(unconfirmed)}.")
    address = draft.request.get("address", "je")
    if ADDRESS_WORDS[address].search(text):
        other = "u" if address == "je" else "je"
        problems.append(f"De tekst gebruikt '{other}' naast '{address}'; kies één aanspreekvorm.")
    return problems


def finish(draft: VacancyDraft, wording: VacancyWording) -> VacancyDraft:
    """Text, plain text, checks, problems and word count, all from the same sections."""
    markdown = to_markdown(vacancy_blocks(draft.title, draft.header, draft.sections, wording))
    plain = body_plain(draft.sections)
    checks = check_text(plain, address=draft.request.get("address", "je"))
    updated = draft.model_copy(update={"text": markdown, "plain_text": plain, "checks": checks})
    return updated.model_copy(
        update={"problems": publishing_problems(updated, wording), "words": checks.length.words}
    )


def numbers_in(text: str) -> set[str]:
    return set(_NUMBER.findall(text))


def untraced_numbers(draft: VacancyDraft, persona: PersonaCard) -> set[str]:
    """Numbers in the text that neither the recruiter's input nor the persona card contains."""
    allowed: set[str] = set()
    for value in _flatten(draft.request):
        allowed |= numbers_in(value)
    allowed |= numbers_in(persona.model_dump_json())
    return numbers_in(_text(draft)) - allowed


def untraced_practice_numbers(draft: VacancyDraft) -> set[str]:
    """Numbers in the onderbouwing that its cited passage (or, for the scale, the card) does not contain."""
    quotes = {c.n: c.quote for c in draft.sources}
    missing: set[str] = set()
    for suggestion in (s for o in draft.onderbouwing for s in o.suggestions if s.citations):
        practice = CITATION_MARKER.sub("", suggestion.practice)
        cited = " ".join(quotes.get(n, "") for n in suggestion.citations)
        missing |= numbers_in(practice) - numbers_in(cited)
    return missing


def _flatten(value: object) -> Iterable[str]:
    """Every value of the request as text; a date also as its day, month and year."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    elif isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif value is not None:
        text = str(value)
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        yield f"{text} {int(match[3])} {int(match[2])}" if match else text
