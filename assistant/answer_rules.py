"""The rules a question sets for the sentence that answers it, and the refusals they ground: a "hoeveel X"
question needs a figure of X, a form asked ("In welke maand ...") that form, a figure asked of one
occurrence ("de derde groep") that occurrence. Each rule holds only for a sentence that also touches the
question (`_touches`). Without a model: the answer engine applies them to the candidates it scored.
"""

import re

from assistant.answer_features import Candidate, QuestionProfile
from assistant.answer_lists import line_list
from assistant.answer_types import FIGURE_TYPES
from assistant.core.text_nl import fold

# A figure, amount or form answers only in a sentence that covers this share of the question's concept
# weight (with its passage's title, and the sentence before when it points back: "de zeven leden" after
# the one naming the panel): a generic word in common ("gemeente") is no touch. Dev, out of fold: 0 / 0.2
# / 0.3 / 0.4 refused 72 / 72 / 78 / 82 % of unanswerable and 2.6 / 2.6 / 3.1 / 5.2 % of answerable
# questions (coverage 0.480 / 0.475 / 0.475 / 0.454); with the sentence before, on the larger dev split:
# 3.5 -> 3.0 % answerable refused, unanswerable refused the same.
_TOUCH = 0.3
# ... or that is (within this much) the sentence e5 finds closest to the question or to its asking
# sentence: the other writers' questions name what they ask in other words ("ingrepen" for "maatregelen",
# "trainingsdagen" for "lesdagen"), which no lexical touch sees. Dev, out of fold, 359 questions:
# answerable refused 5.4 -> 3.6 %, unanswerable refused 67.5 -> 63.7 %, coverage 0.455 -> 0.464; on the
# 118 of other writers answerable refused 11.4 -> 5.7 %, unanswerable refused 47 -> 43 %, coverage 0.298
# -> 0.338 (closest to the whole question only: 3.9 % and 62.5 %; a margin of 0 / 0.02 with it: 5.0 / 3.9
# % and 66 / 60 %). A wrong refusal of an answerable question costs a recruiter more than a near miss
# answered with what the documents do say, cited. Measured again on the adapted similarities (wider gaps),
# out of fold: 0 / 0.01 / 0.02 / 0.03 refuse 72.5 / 71.3 / 70.0 / 70.0 % of unanswerable questions,
# answerable refused 3.6 % and coverage the same at each.
_NEAR_BEST = 0.01
# Not for a verbless line, whose few words e5 matches on one of them ("Uitgeverij Business Contact,
# € 22,99." for "Hoeveel heeft Dalfsen uitgegeven ...?"); it touches by its words only. Dev, out of fold:
# unanswerable refused 66.2 -> 67.5 %, answerable refused the same (with the rules of the time, before the
# lead check in answer.py).


def _touches(cand: Candidate) -> bool:
    """The sentence is about what the question asks: it covers enough of it, or it is the closest match
    and has a finite verb. A single candidate with a verb is always the closest: then the answerable model
    alone decides."""
    verbless = cand.features["no_finite_verb"] and not line_list(cand.text)  # a slide's names may touch
    closest = (
        cand.features["dense"] > 0
        and not verbless
        and (cand.features["dense_gap"] >= -_NEAR_BEST or cand.features["dense_asking_gap"] >= -_NEAR_BEST)
    )  # 0: no vectors
    return cand.features["coverage_with_previous"] > _TOUCH or closest


def gives_the_count(profile: QuestionProfile, cand: Candidate) -> bool:
    """The sentence gives a figure of what a "hoeveel X" question counts (or an amount for a cost question)
    and touches the question (`_touches`): an amount of one project's budget does not answer "Wat
    verdienen wethouders?", nor does a sentence whose only touch is money itself ("€ 18.500 ..., naast het
    reguliere salaris")."""
    amount = profile.money and not profile.counted
    return bool(cand.features["unit_with_figure"] and _touches(cand) and (cand.touches_topic or not amount))


def gives_the_form(cand: Candidate) -> bool:
    """The sentence holds the asked form (a percentage, a month, a calendar date, a time, a rating, names)
    and touches the question."""
    return bool(cand.features["type_present"] and _touches(cand))


def names_the_occurrence(profile: QuestionProfile, cand: Candidate) -> bool:
    """The sentence holds the asked kind of answer and names the asked occurrence ("de derde groep")."""
    return bool(cand.features["type_present"] and profile.ordinal & set(re.findall(r"\w+", fold(cand.text))))


def asks_of_one(profile: QuestionProfile) -> bool:
    """A figure or a date asked of one occurrence: "Hoeveel ... in de derde groep?"."""
    return bool(profile.ordinal) and profile.answer_type in FIGURE_TYPES


def count_unmet(profile: QuestionProfile, candidates: list[Candidate]) -> bool:
    """A "hoeveel X" question while no sentence read gives a figure of X: the near miss that names the
    right project but not the asked number ("Hoeveel vakantiedagen ..." over a passage on its duration)."""
    return profile.counts and not any(gives_the_count(profile, c) for c in candidates)


def form_unmet(profile: QuestionProfile, candidates: list[Candidate]) -> bool:
    """A form asked while no sentence read that touches the question holds it: "In welke maand
    ..." over passages that give only a year."""
    return profile.form is not None and not any(gives_the_form(c) for c in candidates)


def ordinal_unmet(profile: QuestionProfile, candidates: list[Candidate]) -> bool:
    """A figure or a date asked of one occurrence while no sentence holding one names it: what the
    documents say of the first group does not answer a question about the third."""
    return asks_of_one(profile) and not any(names_the_occurrence(profile, c) for c in candidates)


def answers_as_asked(profile: QuestionProfile, cand: Candidate) -> bool:
    """The sentence meets every rule the question sets: the counted figure, the asked form, the asked
    occurrence. True for a question that sets none."""
    return (
        (not profile.counts or gives_the_count(profile, cand))
        and (profile.form is None or gives_the_form(cand))
        and (not asks_of_one(profile) or names_the_occurrence(profile, cand))
    )


def leads_as_asked(profile: QuestionProfile, cand: Candidate) -> bool:
    """The sentence that leads an answer gives what is asked: the asked form, and a figure touching the
    question when it counts something generic. A count of a thing the question names is left to
    `count_unmet`: the sentence may name it in other words ("249 kandidaten" for "Hoeveel deelnemers
    ...?")."""
    return (not profile.counts or bool(profile.unit) or gives_the_count(profile, cand)) and (
        profile.form is None or gives_the_form(cand)
    )
