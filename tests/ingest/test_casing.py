"""Capitals headings in sentence case, each word in the form the document's own running text uses."""

import pytest

from ingest.casing import sentence_case, word_forms

# Running text modelled on the corpus magazines (extracted PDF text: sentences wrap over lines).
BODY = """Het project loopt in Tilburg en in het mbo. Elke HR-adviseur
kent de LC-aanpak van de gemeente
Delfzijl-Noord. Basisbanen zijn er voor mensen die lang
thuis zaten. Zij werken bij het ‘My Simple Thing’ initiatief of
bij de ICT-afdeling van het AO-fonds. De risico’s zijn klein.
"""


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("BASISBANEN IN TILBURG", "Basisbanen in Tilburg"),
        ("AANDACHT VOOR DE RISICO’S VAN HET THUISWERKEN", "Aandacht voor de risico’s van het thuiswerken"),
        ("FLEXIBELE WERKTIJDEN EN DE", "Flexibele werktijden en de"),
        ("INWONERS ALS HR-ADVISEUR", "Inwoners als HR-adviseur"),
        ("STAGES IN HET MBO", "Stages in het mbo"),
        ("MBO EN ICT BIJ HET AO-FONDS", "Mbo en ICT bij het AO-fonds"),
        ("‘MY SIMPLE THING’", "‘My Simple Thing’"),
        ("28 AUGUSTUS 2020", "28 augustus 2020"),
        ("ROL VAN DE LC", "Rol van de LC"),
        ("DELFZIJL-NOORD WERKT SAMEN", "Delfzijl-Noord werkt samen"),
    ],
)
def test_capitals_heading_becomes_sentence_case_with_the_texts_word_forms(
    heading: str, expected: str
) -> None:
    assert sentence_case(heading, word_forms(BODY)) == expected


def test_capital_at_a_sentence_start_is_no_evidence_of_a_name() -> None:
    forms = word_forms(BODY)

    # "Basisbanen" and "De" only open sentences in BODY: they stay lower case inside a heading.
    assert sentence_case("WERK VIA BASISBANEN", forms) == "Werk via basisbanen"
    assert sentence_case("WERKTIJDEN EN DE RISICO’S", forms) == "Werktijden en de risico’s"


@pytest.mark.parametrize(
    "heading",
    ["Learning community HR", "Basisbanen In Tilburg", "Werving en selectie", "‘s-Hertogenbosch: Lab XL", ""],
)
def test_heading_not_in_capitals_is_kept_exactly_as_written(heading: str) -> None:
    assert sentence_case(heading, word_forms(BODY)) == heading


def test_capitals_heading_without_running_text_is_still_not_title_case() -> None:
    assert sentence_case("WERKTIJDEN EN DE RISICO’S VOOR HR", {}) == "Werktijden en de risico’s voor HR"
