"""Whether a sentence can stand alone as a quote (assistant.core.quotable), without a language model."""

import pytest

from assistant.answer_words import load_answer_words
from assistant.core.quotable import (
    caption_end,
    fragment_of,
    garble_signals,
    glued_heading_end,
    has_finite_verb,
    is_finite_verb,
    strip_caption,
)

LEXICON = load_answer_words()


def fragment(text: str, passage: str | None = None, section: str = "Sectie"):
    passage = passage if passage is not None else text
    return fragment_of(text, passage, passage.index(text), section, LEXICON)


@pytest.mark.parametrize(
    "text",
    [
        # two columns read across: a capitalised function word after a lowercase word
        "Dat de animo zo groot is, is Op basis hiervan bepaalt het betrokken wervings- en niet voor niets.",
        "De gemeente zoekt medewerkers voor de De werving loopt via het netwerk.",
        # a doubled word
        "Het traject is is bedoeld voor zij-instromers.",
        # a full stop inside, the other column's text after it
        "Ze krijgen een ontwikkeltraject van een jaar aan de slag te gaan. hetzelfde salaris (schaal 9.6).",
        # a caption in capitals inside a sentence
        "Na een selectie van de kandidaten op INGE DE GROOT motivatiebrief en cv volgt een assessment.",
        # a table read as text
        "Peggy Hurkmans | stuurgroeplid Ruimte voor Groei en gemeentesecretaris",
        # a tail lost to the other column
        "De deelnemers krijgen een opleiding van de.",
    ],
)
def test_garbled_lines_are_detected(text: str) -> None:
    assert garble_signals(text, LEXICON) > 0
    assert fragment(text).never_quote


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente Dalfsen bouwde een digitaal leerplatform voor de Omgevingswet.",
        "249 kandidaten meldden zich aan, van wie er 31 een jaarcontract kregen bij een gemeente.",
        "In Gouda werd onderzocht welke competenties ambtenaren nodig hebben om data te gebruiken.",
        "Volgens de Provincie Noord-Brabant is Ruimte voor Groei een succes.",
        "Het project in het kort De gemeente Amsterdam gelooft dat mbo'ers waardevol zijn.",
        "Als zzp'er werkt hij via platform Workflow van De Rotterdamse Zorg.",
        "Waar wil je je in verdiepen, en bij welke werkgever?",
        "Daar hoort een training bij.",
        "De gemeente werkt o.a. met stagiairs van HR en ICT.",
    ],
)
def test_ordinary_sentences_pass(text: str) -> None:
    assert garble_signals(text, LEXICON) == 0
    assert not fragment(text).never_quote


def test_a_slide_title_is_never_quoted() -> None:
    title = fragment("LC HR aansluitend op LC Bodem")
    assert title.slide_title and title.no_finite_verb and title.no_terminal
    assert title.never_quote


def test_a_markdown_heading_or_the_section_title_is_never_quoted() -> None:
    passage = "## De aanpak van Zwolle in drie stappen\nDe gemeente werft via het netwerk."
    assert fragment("De aanpak van Zwolle in drie stappen", passage).heading
    assert fragment(
        "De gemeente werft via het netwerk", passage, section="De gemeente werft via het netwerk"
    ).heading
    assert not fragment("De gemeente werft via het netwerk.", passage + ".").heading


def test_a_caption_in_capitals_is_never_quoted() -> None:
    assert fragment("ONLINE INTERVIEW BN 4.").never_quote
    assert not fragment("DEELNEMERS 49 Aantal deelnemers, nog steeds werkzaam bij de overheid.").heading
    assert not fragment("Het HR-team van de ODT werkt met LC HR.").heading


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        (
            "VOOR EN DOOR TRAINEES Om jonge mensen te binden hebben veel gemeenten traineeships.",
            "Om jonge mensen te binden hebben veel gemeenten traineeships.",
        ),
        ("▪ Learning community HR gericht op het behoud", "Learning community HR gericht op het behoud"),
        ("BESTE LEZERS, Overvolle klassen en misdrijven.", "Overvolle klassen en misdrijven."),
        ("PARTNERORGANISATIES Defensie werkt al jaren samen.", "Defensie werkt al jaren samen."),
        ("SAMENWERKING & GOVERNANCE Een pijler is de stuurgroep.", "Een pijler is de stuurgroep."),
        ("‘WETHOUDER VAN BUITEN NAAR BINNEN’ Het wetsvoorstel\nkomt eraan.", "Het wetsvoorstel komt eraan."),
        # not a caption: an acronym opening the sentence, or capitals the sentence goes on from
        ("HR Ecosysteem bij defensie groeit.", "HR Ecosysteem bij defensie groeit."),
        ("LC HR aansluitend op LC Bodem", "LC HR aansluitend op LC Bodem"),
        ("SHARECARE doet dit door te verbinden.", "SHARECARE doet dit door te verbinden."),
    ],
)
def test_a_capitals_caption_run_into_the_sentence_is_cut(line: str, sentence: str) -> None:
    assert strip_caption(line) == sentence


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Het project in het kort De zes gemeenten bieden een unieke leergang aan.",
            "De zes gemeenten bieden een unieke leergang aan.",
        ),
        ("Evaluatie Het was erg waardevol om samen te werken.", "Het was erg waardevol om samen te werken."),
        (
            "Coumans: ‘Een medewerker mag zijn talenten inzetten.’",
            "Een medewerker mag zijn talenten inzetten.’",
        ),
        # not a heading: a name ("Van De Fryske Marren"), or a verb before the capital
        (
            "Burgemeester van De Fryske Marren is Fred Veenstra.",
            "Burgemeester van De Fryske Marren is Fred Veenstra.",
        ),
        ("Het traject werkt goed Met name voor starters.", "Het traject werkt goed Met name voor starters."),
        ("De pilot is nu een jaar bezig.", "De pilot is nu een jaar bezig."),
    ],
)
def test_a_heading_run_into_the_sentence_is_cut(text: str, sentence: str) -> None:
    assert text[glued_heading_end(text, LEXICON) :] == sentence


def test_capitals_are_garble_inside_the_sentence_not_as_its_caption() -> None:
    captioned = "VOOR EN DOOR TRAINEES Om jonge mensen te binden hebben veel gemeenten traineeships."
    assert caption_end(captioned) == len("VOOR EN DOOR TRAINEES ")
    # the answer engine quotes it verbatim, so the caption counts as no column mix ...
    assert garble_signals(captioned, LEXICON) == 0 and not fragment(captioned).never_quote
    # ... but capitals the sentence is read across are ("3" is no caption word, so this is no caption)
    mixed = "WERKTIJDEN EN DE 3 Jong talent millennials is werk niet slechts hun baan, is de conclusie."
    assert caption_end(mixed) == 0 and fragment(mixed).never_quote
    # a caption the sentence ran into at its end (Brabant blauwdruk)
    tail = "Ze worden adviseur Verkeer en Mobiliteit. EENJARIG OPLEIDINGSTRAJECT DEFINITIEVE MATCHES"
    assert fragment(tail).never_quote


def test_a_sentence_starting_lowercase_is_a_torn_off_piece() -> None:
    assert fragment("en daarom kiezen veel gemeenten voor een traineeship.").never_quote


def test_a_verbless_fact_line_is_penalised_but_may_be_quoted() -> None:
    # Infographics state facts without a verb; the model weighs that, the filter lets it through.
    fact = fragment("DEELNEMERS 49 Aantal deelnemers, nog steeds werkzaam voor de Brabantse overheid.")
    assert fact.no_finite_verb
    assert not fact.never_quote


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("werkt", True),
        ("bepaalt", True),
        ("bepalen", True),
        ("bouwde", True),
        ("meldden", True),
        ("meedoet", True),
        ("heeft", True),
        # past tense of a long vowel written single in the infinitive (duren, maken)
        ("duurde", True),
        ("maakte", True),
        ("duurden", True),
        ("werkten", True),
        ("gemeenten", False),
        ("punten", False),
        ("ruimte", False),
        ("rente", False),
        ("hoogte", False),
        ("markt", False),
        ("kracht", False),
        ("gemeenten", False),
        ("medewerkers", False),
        ("salaris", False),
    ],
)
def test_finite_verbs_are_recognised_by_list_or_form(word: str, verb: bool) -> None:
    assert is_finite_verb(word, LEXICON) is verb


def test_has_finite_verb() -> None:
    assert has_finite_verb(["de", "gemeente", "werkt", "samen"], LEXICON)
    assert not has_finite_verb(["de", "markt", "voor", "talent"], LEXICON)


@pytest.mark.parametrize(
    ("text", "quotable"),
    [
        ("10 wekelijkse werksessies", True),  # a fact line of the slides: a figure, no verb
        ("Ruimte voor Groei in cijfers (2023-2025)", False),  # a caption: only years
        ("Deelnemers van lichting 2024-2025.", False),
        ("Ruimte en hoogte", False),  # nouns in -te are no past tense
    ],
)
def test_verbless_lines_are_quotable_only_with_a_figure(text: str, quotable: bool) -> None:
    assert fragment(text).never_quote is not quotable
