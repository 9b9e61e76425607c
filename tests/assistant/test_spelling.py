"""Typing errors in a question are put right against the documents' words; real words and the documents'
own words are left alone, and a blocked word is never read."""

import unicodedata

import pytest

from assistant.answer_words import load_answer_words
from assistant.core.spelling import Speller

SPELLER = Speller.of(
    [
        "Ruimte voor Groei is een traject voor carrièreswitchers. De eerste lichting telde 31 deelnemers.",
        "De werving van deelnemers loopt via de provincie. Groei en groen: de gemeente werkt aan groei.",
        "Beverwijk werkt aan vitaliteit. De ideeën van de medewerkers tellen.",
    ]
)
BLOCKED = load_answer_words().never_read_set


def correct(text: str, dutch: bool = True) -> tuple[str, list]:
    return SPELLER.correct(text, dutch=dutch, blocked=BLOCKED)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (
            "Hoeveel kost een deelnemer aan Ruimte voor Groie?",
            "Hoeveel kost een deelnemer aan Ruimte voor Groei?",
        ),
        ("Wie zaten in de eerste lichitng?", "Wie zaten in de eerste lichting?"),  # two letters swapped
        ("Hoe loopt de wervng?", "Hoe loopt de werving?"),  # a letter left out
        ("Hoeveel deelnmers waren er?", "Hoeveel deelnemers waren er?"),
        ("Wat kosten carrièreswtichers?", "Wat kosten carrièreswitchers?"),
        ("Wat was Beverwjik's verzuim?", "Wat was Beverwijk's verzuim?"),  # the name keeps its 's
    ],
)
def test_a_typing_error_is_put_right_with_the_documents_word(typed: str, read: str) -> None:
    corrected, corrections = correct(typed)
    assert corrected == read
    assert len(corrections) == 1


@pytest.mark.parametrize(
    "question",
    [
        "Wat verdient een wethouder in België?",  # a real word the documents lack says something
        "Hoe laat vertrekt de veerpont?",
        "Is er een thuiswerkvergoeding?",  # a compound of known words
        "What was Beverwijk's absence rate?",  # whose: the name is spelled right
        "Hoe groot is de groep?",  # short words have too many neighbours to guess from
        # compounds nobody lists: a Dutch word two edits away is never read for them ("verkrachten")
        "Werven gemeenten vakkrachten in het buitenland?",
        "Werkt het leerspel op de telefoonapp?",
    ],
)
def test_real_words_and_the_documents_words_stay(question: str) -> None:
    assert correct(question) == (question, [])


def test_of_several_words_one_edit_away_the_most_used_is_read() -> None:
    # "groeu" is one edit from "groei" (three times in the documents) and from "groen" (once)
    assert correct("Hoe zit het met de groeu?")[0] == "Hoe zit het met de groei?"


def test_a_misspelt_word_the_documents_lack_is_put_right_as_dutch_writes_it() -> None:
    # not in the documents: the search sees the real word, and the engine knows it for one they lack
    assert correct("In welke salarsischaal komen ze?")[0] == "In welke salarisschaal komen ze?"
    assert correct("Is dat ooit geïdenitficeerd?")[0] == "Is dat ooit geïdentificeerd?"  # its usual spelling
    # an English question is put right against the documents' words only
    assert correct("What was the pension sceme?", dutch=False) == ("What was the pension sceme?", [])


def test_a_blocked_word_is_never_read_whatever_was_typed() -> None:
    question = "Hoe zit het met de negres in het rapport?"  # one edit from a slur
    unblocked = SPELLER.correct(question, dutch=True, blocked=frozenset())[0]
    assert "negers" in unblocked.split()  # without the list, the slur is what it would read
    assert "negers" not in correct(question)[0].split()


def test_decomposed_accents_are_read_as_one_letter() -> None:
    typed = unicodedata.normalize("NFD", "Welke ideeën tellen?")
    assert correct(typed) == ("Welke ideeën tellen?", [])
