"""Query understanding without an index: language, synonym and glossary expansion, follow-ups."""

import pytest

from assistant.core.text_nl import analyse
from assistant.query import (
    analyse_query,
    asking_sentence,
    detect_language,
    is_follow_up,
    load_vocabulary,
    rewrite_follow_up,
    without_closing_remark,
)


def _stems(*phrases: str) -> set[str]:
    return set(analyse(" ".join(phrases)))


# --- language -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hoe begeleiden gemeenten zij-instromers in hun eerste jaar?",
        "Wat is het doel van de learning community HR in Twente?",
        "Hoeveel gemeenten doen mee aan Ruimte voor Groei?",
        "Welke opleiding krijgen trainees bij de provincie?",
        "En in Dalfsen?",
    ],
)
def test_dutch_questions_are_dutch(text: str) -> None:
    assert detect_language(text) == "nl"


@pytest.mark.parametrize(
    "text",
    [
        "How do municipalities support career switchers in their first year?",
        "What is the goal of the HR learning community in Twente?",
        "Which municipalities allow working from home?",
        "How many work sessions were there?",
    ],
)
def test_english_questions_are_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_language_ties_go_to_dutch() -> None:
    # "in" and "is" are both Dutch and English; without other evidence the corpus language wins.
    assert detect_language("Lab XL is in") == "nl"
    assert detect_language("Gouda") == "nl"
    assert detect_language("") == "nl"


def test_analysed_query_carries_the_language() -> None:
    assert analyse_query("Wat is Lab XL?").language == "nl"
    assert analyse_query("What is Lab XL?").language == "en"


# --- Dutch synonyms -------------------------------------------------------------------------------------


def test_zij_instromer_expands_to_career_switcher_terms() -> None:
    vocabulary = load_vocabulary()
    group = vocabulary.synonyms["zij-instromer"]
    assert "carriereswitcher" in group  # the group as the data file defines it

    query = analyse_query("Hoe begeleiden gemeenten een zij-instromer?")
    assert query.language == "nl"
    found = set(query.terms) | set(query.expansions)
    assert _stems(*group) <= found
    # The corpus spells it with and without the accent; both reduce to the same stem.
    assert _stems("carrièreswitchers") == _stems("carriereswitcher")
    assert _stems("carrièreswitchers") <= set(query.expansions)


def test_expansion_works_in_both_directions_of_a_group() -> None:
    query = analyse_query("Hoe begeleiden gemeenten carrièreswitchers?")
    assert _stems("zij-instromer") <= set(query.terms) | set(query.expansions)


def test_expansions_never_repeat_the_questions_own_terms() -> None:
    query = analyse_query("Werving en selectie van zij-instromers en carrièreswitchers")
    assert not set(query.expansions) & set(query.terms)
    assert len(query.expansions) == len(set(query.expansions))


def test_question_without_vocabulary_words_has_no_expansions() -> None:
    query = analyse_query("Wat is Lab XL?")
    assert query.expansions == []
    assert query.terms == analyse("Wat is Lab XL?")


# --- English glossary -----------------------------------------------------------------------------------


def test_career_switchers_maps_to_dutch_stems() -> None:
    dutch = load_vocabulary().glossary["career switchers"]
    assert "carriereswitchers" in dutch
    query = analyse_query("How do municipalities attract career switchers?")
    assert query.language == "en"
    assert _stems(*dutch) <= set(query.terms) | set(query.expansions)
    assert _stems("carriereswitchers") <= set(query.expansions)


def test_working_from_home_maps_to_thuiswerken() -> None:
    dutch = load_vocabulary().glossary["working from home"]
    assert "thuiswerken" in dutch
    query = analyse_query("Which municipalities allow working from home?")
    assert query.language == "en"
    assert _stems("thuiswerken") <= set(query.expansions)
    assert _stems(*dutch) <= set(query.terms) | set(query.expansions)


def test_longest_glossary_phrase_wins() -> None:
    # "career switchers" is one phrase: its Dutch terms come in, not those of a lone "career".
    glossary = load_vocabulary().glossary
    assert "career" in glossary and "loopbaan" in glossary["career"]
    query = analyse_query("How do municipalities attract career switchers?")
    assert _stems(*glossary["career switchers"]) <= set(query.terms) | set(query.expansions)
    assert not _stems("loopbaan") & set(query.expansions)
    # Alone, "career" does bring in its own translation.
    assert _stems("loopbaan") <= set(analyse_query("What about your career?").expansions)


def test_english_function_words_are_not_search_terms() -> None:
    query = analyse_query("What is the role of the HR department?")
    for word in ("what", "the", "of", "is"):
        assert word not in query.terms


def test_glossary_is_only_used_for_english_questions() -> None:
    dutch = analyse_query("Wat zeggen de documenten over career switchers in de gemeente?")
    assert dutch.language == "nl"
    assert not _stems("carriereswitchers") & set(dutch.expansions)


# --- follow-ups -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "En in Dalfsen?",
        "Wat kostte dat?",
        "En Gouda?",
        "Hoe zit het met de kosten daarvan?",
        "What about Gouda?",
        "En hoeveel kost dat?",
        "And how long?",
        "En hoeveel deelnemers waren er in het eerste cohort?",  # an elliptic continuation
        "Hoe lang duurde die proef?",  # a demonstrative determiner closing the question
        "En wordt dat bedrag lager als we met meer mensen tegelijk instappen?",
        "And could staff spend it on anything they liked?",
        "Wat vinden ze ervan?",
        # a demonstrative after a verb or preposition, however long the question
        "Krijgen die mensen hetzelfde salaris als andere medewerkers bij de gemeente?",
        "Sinds wanneer loopt die samenwerking met de hogeschool?",
        "En wanneer begon het volgens hen?",  # "hen": the people of the earlier turn
        # a continuation naming nothing of its own
        "And which towns take part every year now?",
        "En die uitgave van Haystack over digitaal vergaderen?",
        # "dan" as a particle
        "Wat staat er dan in zo'n plan?",
        "Hoe lang duurt zo'n opleiding dan?",
        "Levert een traineeship dat dan op?",
        "Wanneer start het dan?",  # "wanneer" opening a question is no condition
    ],
)
def test_follow_ups_are_recognised(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "Welke gemeenten bieden een traineeship aan voor jonge professionals?",
        "Hoe begeleidt Ruimte voor Groei carrièreswitchers in Brabant?",
        "Wat is het doel van de learning community HR in Twente?",
        # complete on their own, even with "dat"/"die" in them or an opening "En"
        "Hoeveel kost een deelnemer aan Ruimte voor Groei?",
        "Is er een vacature die past bij een starter?",
        "Wat is de rol van de gemeente die meedoet?",
        "Hoeveel deelnemers van Ruimte voor Groei werken op dit moment nog bij de overheid?",
        "Welke gemeenten doen mee aan het traineeship en hoe lang duurt dat?",
        "En hoeveel gemeenten in Brabant deden mee aan Ruimte voor Groei in 2024?",
        "How many municipalities took part in Ruimte voor Groei?",
        # "dan" of a comparison or after a condition, "het" as an article
        "Verdient een trainee meer dan een starter bij de provincie?",
        "Als ik ontslag neem, hoe lang is de opzegtermijn dan?",
        "Als ik ziek word, wie betaalt er dan mijn salaris?",
        "Wie betaalt mijn salaris wanneer ik ziek ben, en hoeveel dan?",
        "Wat is het verlofbeleid?",
        "Hoe lang duurt het traineeship?",
    ],
)
def test_standalone_questions_are_not_follow_ups(question: str) -> None:
    assert not is_follow_up(question)


def test_a_complete_question_is_never_merged_with_the_previous_one() -> None:
    previous = ["Wat is Ruimte voor Groei?"]
    complete = "Hoeveel kost een deelnemer aan Ruimte voor Groei?"
    assert rewrite_follow_up(complete, previous) == complete
    assert (
        rewrite_follow_up("En hoeveel kost dat?", previous)
        == "Wat is Ruimte voor Groei? En hoeveel kost dat?"
    )


def test_rewrite_carries_the_last_question_into_a_follow_up() -> None:
    previous = ["Wat is Lab XL?", "Wat is een digitaal leerplatform?"]
    assert rewrite_follow_up("En in Dalfsen?", previous) == "Wat is een digitaal leerplatform? En in Dalfsen?"


def test_rewrite_leaves_standalone_questions_and_first_questions_alone() -> None:
    standalone = "Welke gemeenten bieden een traineeship aan voor jonge professionals?"
    assert rewrite_follow_up(standalone, ["Wat is Lab XL?"]) == standalone
    assert rewrite_follow_up("En in Dalfsen?", []) == "En in Dalfsen?"


def test_rewritten_follow_up_is_analysed_with_both_subjects() -> None:
    rewritten = rewrite_follow_up("En in Dalfsen?", ["Wat is een digitaal leerplatform?"])
    terms = set(analyse_query(rewritten).terms)
    assert _stems("leerplatform", "Dalfsen") <= terms


def test_letters_left_by_apostrophes_and_ampersands_are_no_terms() -> None:
    terms = analyse("Waar zijn zo'n collega's van het A&O-fonds eigenlijk te vinden?")
    assert all(len(t) > 1 for t in terms)
    assert {"collega", "fond"} <= set(terms)
    assert "waar" not in terms
    assert "5" in analyse("draaiknop 5")  # a digit alone still is one


@pytest.mark.parametrize(
    ("question", "asking"),
    [
        (
            "Hoeveel kost een deelnemer aan Ruimte voor Groei?",
            "Hoeveel kost een deelnemer aan Ruimte voor Groei?",
        ),
        (
            "We willen zij-instromers werven via zo'n Brabants traject. Wat moeten we per persoon begroten?",
            "Wat moeten we per persoon begroten?",
        ),
        # a follow-up as retrieval reads it: the question it follows, then the follow-up
        ("Wat doet de chatbot van Dongen? Hoe lang duurde die proef?", "Hoe lang duurde die proef?"),
        # a closing remark or a signature after the question asks nothing
        ("Hoeveel kost een deelnemer? Alvast bedankt voor je hulp!", "Hoeveel kost een deelnemer?"),
        (
            "We zoeken technici. Hoe doen andere gemeenten dat?\nMet vriendelijke groet, Piet",
            "Hoe doen andere gemeenten dat?",
        ),
        # too short to stand for the question on its own
        (
            "We willen jonge collega's laten meelopen bij een ander team. Tips?",
            "We willen jonge collega's laten meelopen bij een ander team. Tips?",
        ),
    ],
)
def test_the_sentence_that_asks(question: str, asking: str) -> None:
    assert asking_sentence(question) == asking


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Wat kost een deelnemer? Graag met bron.", "Wat kost een deelnemer?"),
        (
            "We zoeken technici. Hoe doen andere gemeenten dat?\nGroet, Piet",
            "We zoeken technici. Hoe doen andere gemeenten dat?",
        ),
        ("Wat kost een deelnemer?", "Wat kost een deelnemer?"),
        # no question mark at all: nothing to cut
        (
            "Kosten per deelnemer Ruimte voor Groei. Graag een bedrag.",
            "Kosten per deelnemer Ruimte voor Groei. Graag een bedrag.",
        ),
    ],
)
def test_a_closing_remark_after_the_question_is_left_out(question: str, asked: str) -> None:
    assert without_closing_remark(question) == asked
