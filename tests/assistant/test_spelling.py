"""Typing errors in a question are put right against the documents' words; real words and the documents'
own words are left alone."""

import pytest

from assistant.core.spelling import Speller

SPELLER = Speller.of(
    [
        "Ruimte voor Groei is een traject voor carrièreswitchers. De eerste lichting telde 31 deelnemers.",
        "De werving van deelnemers loopt via de provincie. Groei en groen: de gemeente werkt aan groei.",
        "Beverwijk werkt aan vitaliteit.",
    ]
)


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
        ("Wat kosten carrieresswitchers?", "Wat kosten carrièreswitchers?"),  # the documents' accents
    ],
)
def test_a_typing_error_is_put_right_with_the_documents_word(typed: str, read: str) -> None:
    corrected, corrections = SPELLER.correct(typed)
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
    assert SPELLER.correct(question) == (question, [])


def test_of_several_words_one_edit_away_the_most_used_is_read() -> None:
    # "groeu" is one edit from "groei" (three times in the documents) and from "groen" (once)
    assert SPELLER.correct("Hoe zit het met de groeu?")[0] == "Hoe zit het met de groei?"


def test_a_misspelt_word_the_documents_lack_is_put_right_as_dutch_writes_it() -> None:
    # not in the documents: the search sees the real word, and the engine knows it for one they lack
    assert SPELLER.correct("In welke salarsischaal komen ze?")[0] == "In welke salarisschaal komen ze?"
