"""Cleaning: personal data redaction and the normalised text, on small texts built here."""

import pytest

from assistant.core.redaction import EMAIL, PHONE, REDACTED, redact_personal_data
from ingest.clean import normalise, vocabulary

PHONE_NUMBERS = [
    "06 12 81 40 96",
    "06-46234828",
    "075-655 2342",
    "+31 6 12345678",
    "050 5027222",
    "0031 20 1234567",
    "010 28 48 415",
    "+31 (0)6 12345678",
]


@pytest.mark.parametrize("number", PHONE_NUMBERS)
def test_dutch_phone_numbers_are_redacted(number: str) -> None:
    text = f"Bel gerust: {number}, ook 's avonds."

    assert redact_personal_data(text) == f"Bel gerust: {REDACTED}, ook 's avonds."


def test_phone_after_tel_abbreviation_is_redacted_and_the_label_kept() -> None:
    assert redact_personal_data("tel. 050 5027222") == f"tel. {REDACTED}"


@pytest.mark.parametrize(
    "address", ["r.wesseling@s-hertogenbosch.nl", "INFO@Aeno.NL", "j.de_vries+hr@gemeente.amsterdam.nl"]
)
def test_email_addresses_are_redacted(address: str) -> None:
    assert redact_personal_data(f"Mail {address} voor vragen.") == f"Mail {REDACTED} voor vragen."


def test_contact_line_with_mail_and_phone_keeps_only_the_labels() -> None:
    line = "Contactgegevens: jhaisma@alkmaar.nl | 06 39 111 659, tel. 072-5114011"

    redacted = redact_personal_data(line)

    assert redacted == f"Contactgegevens: {REDACTED} | {REDACTED}, tel. {REDACTED}"
    assert not EMAIL.search(redacted)
    assert not PHONE.search(redacted)


@pytest.mark.parametrize(
    "text",
    [
        "Looptijd: 01-01-2023 tot 31-12-2024",
        "Looptijd: 1-1-2020 tot 1-1-2023",
        "In 2020 en 2021 liep het project; in 2035 is het klaar.",
        "april 2020 - april 2021",
        "15 januari - 1 september 2021",
        "Zaaknummer 2023-0612345 en 100 000 inwoners",
        "Jong@Gemeenten is een netwerk.",
    ],
)
def test_dates_years_and_other_numbers_survive(text: str) -> None:
    assert redact_personal_data(text) == text


def test_line_with_only_redacted_contact_details_is_dropped_from_the_normalised_text() -> None:
    raw = redact_personal_data(
        "Projectleider: Jan\nContactgegevens: jan@assen.nl | 06 15 24 64 03\nThema: Leren"
    )

    assert normalise(raw) == "Projectleider: Jan\nThema: Leren"


def test_word_broken_over_lines_is_rejoined_when_the_document_uses_the_whole_word() -> None:
    known = vocabulary("Alle gemeenteambtenaren kregen een training.")

    assert normalise("De moderne gemeente\nambtenaren werken samen.", known) == (
        "De moderne gemeenteambtenaren werken samen."
    )


def test_two_real_words_stay_apart_when_the_document_never_joins_them() -> None:
    assert normalise("De moderne gemeente\nambtenaren werken samen.") == (
        "De moderne gemeente ambtenaren werken samen."
    )


def test_word_fragment_is_rejoined_from_the_word_list() -> None:
    assert (
        normalise("met de middelen die ter beschik\nking staan")
        == "met de middelen die ter beschikking staan"
    )


@pytest.mark.parametrize(("head", "tail"), [("in", "een"), ("van", "een"), ("op", "een"), ("met", "de")])
def test_real_word_pairs_are_not_glued(head: str, tail: str) -> None:
    # "ineen", "vaneen" and "opeen" are Dutch words too; a line break between two words is still a space.
    raw = f"Zij werken {head}\n{tail} team."

    assert normalise(raw, vocabulary(raw)) == f"Zij werken {head} {tail} team."


def test_line_break_hyphen_is_removed_but_a_real_hyphen_kept() -> None:
    assert normalise("De werk-\nnemers in Noord-\nBrabant") == "De werknemers in Noord-Brabant"


def test_bullets_tabs_replacement_characters_and_odd_spaces_are_removed() -> None:
    raw = "▪ Eerste punt\n•\tTweede\tpunt\u00a0met\ufffd ruimte\n\uf0b7 Derde\u202fpunt"

    text = normalise(raw)

    assert text == "Eerste punt\nTweede punt met ruimte\nDerde punt"
    assert not set(text) & {"▪", "•", "\t", "\u00a0", "\ufffd", "\u202f", "\uf0b7"}


def test_url_only_lines_and_navigation_lines_are_dropped() -> None:
    raw = (
        "Terug naar inspiratie\n"
        "Het project liep goed.\n"
        "https://www.aeno.nl/projecten/lab-xl\n"
        "www.tno.nl\n"
        "deworkflow.nl/\n"
        "http:// >\n"
        "Lees hier de eindevaluatie van de gemeente.\n"
        "Bekijk het filmpje over het project.\n"
        "De deelnemers waren tevreden.\n"
        "Bekijk ook"
    )

    assert normalise(raw) == "Het project liep goed. De deelnemers waren tevreden."


def test_url_inside_a_sentence_is_kept() -> None:
    text = "Meer informatie staat op www.aeno.nl bij de projecten."

    assert normalise(text) == text


def test_duplicated_panel_line_is_kept_once() -> None:
    assert normalise("SAMEN LEREN\nSAMEN LEREN\nen innoveren") == "SAMEN LEREN en innoveren"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("De HRadviseur belt.", "De HR-adviseur belt."),
        ("Een ICTmedewerker en een HRmanager.", "Een ICT-medewerker en een HR-manager."),
        ("Gemeente IJsselstein", "Gemeente IJsselstein"),
        ("HR en ICT", "HR en ICT"),
    ],
)
def test_lost_hyphen_after_an_abbreviation_is_restored(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Je kiest 6f voor werken 6f voor leren.", "Je kiest óf voor werken óf voor leren."),
        ("lk voel me thuis.", "Ik voel me thuis."),
        ("Ze zegt: “lk voel me thuis.”", "Ze zegt: “Ik voel me thuis.”"),
        ("Dat moet védr de zomer dodr de raad.", "Dat moet vóór de zomer door de raad."),
        ("Al-toepassingen voor vacatureteksten", "AI-toepassingen voor vacatureteksten"),
    ],
)
def test_ocr_slips_are_fixed(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    "text", ["Alkmaar en Almelo", "Al met al een goed jaar.", "Pagina 6 of 7", "Het kleurnummer is 0x6f."]
)
def test_ocr_fixes_leave_correct_text_alone(text: str) -> None:
    assert normalise(text) == text


def test_paragraphs_stay_separate_lines_and_inner_line_breaks_become_spaces() -> None:
    raw = "Eerste alinea loopt\nover twee regels.\n\n\nTweede alinea."

    assert normalise(raw) == "Eerste alinea loopt over twee regels.\nTweede alinea."


def test_vocabulary_is_folded_words_of_the_text() -> None:
    assert vocabulary("Carrière, één CARRIÈRE-switch") == frozenset({"carriere", "een", "switch"})
