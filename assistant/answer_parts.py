"""The questions a text asks. "Met hoeveel plekken begint Tilburg, en hoeveel wil men er later bij?" asks
two; the rules that refuse near misses (assistant/answer_rules.py) judge each on its own, so a text is
refused only when every question it asks misses what it asks.
"""

from dataclasses import replace

from assistant.answer_features import QuestionProfile, profile_question
from assistant.answer_words import AnswerWords
from assistant.core.sentences import split_sentences
from assistant.core.text_nl import words
from assistant.query import AnalysedQuery

_PART_WORDS = 3  # a shorter piece ("En wanneer?") is no question of its own


def asked_parts(question: str, lexicon: AnswerWords) -> list[str]:
    """The questions a text asks: each sentence ending in a question mark, split where a second question
    is joined to it ("Met hoeveel plekken begint Tilburg, en hoeveel wil men er later bij?"), that opens
    with a question word. The whole text when it asks one thing; a situation told first, or a yes/no
    question, is no question of its own."""
    asking = [s.text for s in split_sentences(question) if s.text.rstrip().endswith("?")]
    parts = [
        p
        for s in asking
        for p in lexicon.part_join.split(s)
        if len(words(p)) >= _PART_WORDS and lexicon.part_start.match(p)
    ]
    return parts if len(parts) > 1 else [question]


def part_profiles(
    question: str, query: AnalysedQuery, idf: dict[str, float], lexicon: AnswerWords, whole: QuestionProfile
) -> list[QuestionProfile]:
    """The rules of each question a text asks (see `asked_parts`; `whole` when it asks one): a part's
    answer type is its own, not the whole text's; its concepts are the whole text's, which say what it is
    about."""
    parts = asked_parts(question, lexicon)
    if len(parts) == 1:
        return [whole]
    return [profile_question(p, replace(query, text=p), idf, lexicon) for p in parts]
