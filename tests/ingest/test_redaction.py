"""Redaction of the Dutch ways people write phone numbers and e-mail addresses, while the corpus's own
figures (amounts, years, periods, postcodes, counts) stay exactly as they are."""

import re
from pathlib import Path

import pytest

from assistant.core.redaction import REDACTED, contains_personal_data, redact_personal_data, redact_title

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize(
    "number",
    [
        "(020) 123 45 67",
        "06.12.34.56.78",
        "020/1234567",
        "06–12345678",  # en dash, as word processors write it
        "06—12345678",  # em dash
        "+31 (0)20 123 45 67",
        "088 123 4567",
        "0800-1234",
        "06-123456789",  # a digit too many: invalid by the plan, still someone's number
    ],
)
def test_dutch_phone_notations_are_redacted(number: str) -> None:
    assert redact_personal_data(f"Bel {number} voor vragen.") == f"Bel {REDACTED} voor vragen."


@pytest.mark.parametrize(
    "address",
    [
        "klaas [at] voorbeeld.nl",
        "klaas(at)voorbeeld(dot)nl",
        "klaas (at) voorbeeld (punt) nl",
        "klaas{at}hr.voorbeeld[dot]nl",
        "KLAAS[AT]VOORBEELD.NL",
    ],
)
def test_obfuscated_email_addresses_are_redacted(address: str) -> None:
    assert redact_personal_data(f"Mail {address} voor vragen.") == f"Mail {REDACTED} voor vragen."


@pytest.mark.parametrize(
    "text",
    [
        "De gemiddelde investering is € 18.500 per deelnemer.",
        "Er doen 249 gemeenten mee, 2.345.678 inwoners.",
        "Ruimte voor Groei in cijfers (2023-2025)",
        "Postcode 7511 JM, draaiknop 3 en 4, schaal 10-11.",
        "Het loon stijgt van € 3.500,- naar € 4.100,50 op 01-07-2025.",
        "Zaaknummer 2023-0612345, kenmerk 20240101.",
        "We zijn er at the moment (at least) mee bezig.",
    ],
)
def test_figures_that_are_no_phone_numbers_survive(text: str) -> None:
    assert redact_personal_data(text) == text
    assert not contains_personal_data(text)


def figures(text: str) -> list[str]:
    """Amounts in euro, years and periods: what the corpus answers HR questions with."""
    return re.findall(r"€\s?\d[\d.,]*|\b(?:19|20)\d\d(?:-(?:19|20)\d\d)?\b|\b\d{1,3}(?:\.\d{3})+\b", text)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_the_corpus_figures_survive_redaction(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    redacted = redact_personal_data(text)
    assert figures(text), "guard: the corpus file has figures"
    assert figures(redacted) == figures(text)


def test_the_corpus_numbers_quoted_in_answers_survive() -> None:
    text = (CORPUS / "ruimte-voor-groei-blauwdruk-brabant.txt").read_text(encoding="utf-8")
    redacted = redact_personal_data(text)
    for figure in ("€ 18.500", "(2023-2025)", "249 kandidaten", "31 een"):
        assert figure in text and figure in redacted


def test_title_helper_redacts_and_collapses_whitespace() -> None:
    question = "Mail  jan@x.nl of\nbel 06-12345678 over verlof"
    assert redact_title(question) == f"Mail {REDACTED} of bel {REDACTED} over verlof"
