"""The rules a question sets hold only for a sentence that touches the question: one covering enough of
it in words, or the one e5 finds closest to it or to its asking sentence, whatever its words."""

import pytest

from assistant.answer_features import Candidate, QuestionProfile
from assistant.answer_rules import count_unmet, gives_the_count, gives_the_form, leads_as_asked
from assistant.core.quotable import Fragment

CLEAN = Fragment(
    heading=False, slide_title=False, no_finite_verb=False, no_terminal=False, lowercase_start=False, garble=0
)


def candidate(
    coverage: float, dense: float, dense_gap: float, asking_gap: float = -1.0, verbless: bool = False
) -> Candidate:
    features = {
        "no_finite_verb": float(verbless),
        "coverage_with_previous": coverage,
        "dense": dense,
        "dense_gap": dense_gap,
        "dense_asking_gap": asking_gap,
        "type_present": 1.0,
        "unit_with_figure": 1.0,
    }
    return Candidate(0, 0, "Het programma telt 30 maatregelen.", 0, 34, features, CLEAN)


@pytest.mark.parametrize(
    ("coverage", "dense", "dense_gap", "touches"),
    [
        (0.5, 0.80, -0.10, True),  # the question's words
        (0.0, 0.86, 0.0, True),  # other words, but the closest sentence: "ingrepen" for "maatregelen"
        (0.0, 0.85, -0.005, True),  # within the margin of the closest
        (0.0, 0.85, -0.01, True),  # at the margin
        (0.0, 0.80, -0.06, False),  # a figure in a sentence about something else
        (0.0, 0.0, 0.0, False),  # no sentence vectors: only words count
    ],
)
def test_a_rule_holds_in_a_sentence_that_touches_the_question(
    coverage: float, dense: float, dense_gap: float, touches: bool
) -> None:
    assert gives_the_form(candidate(coverage, dense, dense_gap)) is touches


def test_the_closest_sentence_to_the_asking_sentence_touches_too() -> None:
    # "Bij ons willen mensen ... starten. Hoeveel ...?": the situation makes another sentence closest to the
    # whole question; this one is closest to what is asked
    assert gives_the_form(candidate(0.0, 0.80, -0.05, asking_gap=0.0))
    assert not gives_the_form(candidate(0.0, 0.80, -0.05, asking_gap=-0.05))


def test_a_verbless_line_touches_by_its_words_only() -> None:
    # "Uitgeverij Business Contact, € 22,99." may be closest to "Hoeveel heeft Dalfsen uitgegeven ...?"
    assert not gives_the_form(candidate(0.0, 0.86, 0.0, verbless=True))
    assert gives_the_form(candidate(0.5, 0.80, -0.10, verbless=True))


def test_a_count_needs_its_figure_in_a_sentence_that_touches_the_question() -> None:
    profile = QuestionProfile([], [], "number", False, frozenset({"maatregel"}), False, False, counts=True)
    assert gives_the_count(profile, candidate(0.0, 0.86, 0.0))
    assert not gives_the_count(profile, candidate(0.0, 0.80, -0.06))
    assert count_unmet(profile, [candidate(0.0, 0.80, -0.06)])


def test_a_figure_of_a_named_count_may_lead_without_other_words_of_the_question() -> None:
    # "Verder fungeren de zeven leden ..." leads an answer to "Hoeveel leden telt de sollicitatieraad van De
    # Fryske Marren?" though it names neither; a figure of something generic must touch the question
    far = candidate(0.0, 0.80, -0.06)
    named = QuestionProfile([], [], "number", False, frozenset({"led"}), False, False, counts=True)
    generic = QuestionProfile([], [], "number", False, frozenset(), False, False, counts=True)
    assert leads_as_asked(named, far)
    assert not leads_as_asked(generic, far)
    assert leads_as_asked(generic, candidate(0.5, 0.80, -0.06))
