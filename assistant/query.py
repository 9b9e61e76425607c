"""Query understanding: language, HR synonyms and the English->Dutch glossary, follow-up rewriting.

Expansion terms are weighted lower than the user's own words, so a synonym helps recall without
outranking a passage that uses the exact words of the question.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from assistant.answer_words import load_answer_words
from assistant.core.quotable import is_finite_verb
from assistant.core.sentences import split_sentences
from assistant.core.spelling import Correction, Speller
from assistant.core.text_nl import STOPWORDS, analyse, fold, stems, words

DATA_DIR = Path(__file__).parent / "data"
_ENGLISH_HINTS = frozenset(
    [
        "the",
        "what",
        "which",
        "who",
        "how",
        "why",
        "when",
        "where",
        "is",
        "are",
        "does",
        "do",
        "did",
        "was",
        "were",
        "of",
        "for",
        "and",
        "with",
        "about",
        "in",
        "on",
        "to",
        "can",
        "could",
        "should",
        "many",
        "much",
        "their",
        "there",
        "this",
        "that",
    ]
)
_DUTCH_HINTS = frozenset(
    [
        "de",
        "het",
        "een",
        "wat",
        "welke",
        "wie",
        "hoe",
        "waarom",
        "wanneer",
        "waar",
        "is",
        "zijn",
        "wordt",
        "worden",
        "van",
        "voor",
        "en",
        "met",
        "over",
        "in",
        "op",
        "te",
        "kan",
        "kunnen",
        "hoeveel",
        "hun",
        "er",
        "dit",
        "dat",
        "die",
    ]
)
# Words that point back to an earlier turn. A pronoun may also point inside a long question ("Hoeveel
# gemeenten doen mee en wat kost dat?"), so it counts only in a question without much of a subject of its
# own. "dat", "dit", "die", "deze" (and "that", "this") are also conjunctions or relative pronouns: they
# point back at the end of a question ("Wat kostte dat?"), or as a determiner right after a preposition or
# a verb ("naar dat programma", "wordt dat bedrag lager", "loopt die samenwerking").
_PRONOUN = re.compile(
    r"\b(daar\w*|hiervan|hierbij|hiermee|hiervoor|hun|hen|hem|zij|ze|hij|het|it|its|they|them|their|those|"
    r"these)\W*$"
    r"|\b(daar\w*|hiervan|hierbij|hiermee|hiervoor|hun|hen|hem|zij|ze|hij|it|its|they|them|their|those|these)\b"
    r"|\b(dat|die|dit|deze|that|this)\W*$"
)
_DETERMINER = re.compile(r"\b(\w+)\s+(dat|die|dit|deze|that|this|those|these)\s+(\w+)")
# ... or after a preposition or an opening "En" ("En die uitgave van Haystack?")
_BEFORE_DETERMINER = frozenset(
    [
        *("en", "and", "maar", "but", "aan", "van", "voor", "met", "bij", "in", "op", "over", "naar"),
        *("uit", "door", "of", "for", "with", "about", "from", "on", "at"),
    ]
)
_TIME_WORDS = frozenset(["moment", "jaar", "maand", "week", "keer", "tijd"])  # "op dit moment" points nowhere
# ... or closing the question ("Hoe lang duurde die proef?"), unless a verb follows ("de gemeente die
# meedoet").
_CLOSING_DETERMINER = re.compile(r"\b(dat|die|dit|deze|that|this|those|these)\s+(\w+)\W*$")
# "dan" as a particle ("Wat staat er dan in?", "Lost een traineeship dat dan op?", "... dan?"), not the
# "dan" of a comparison ("meer dan") nor the one a condition brings ("Als ik ziek word, wie betaalt dan?")
_THEN = re.compile(r"\b(er|dat|dit|die|het|ze|zij|hij|je|we|u)\s+dan\b|\bdan\W*$")
_CONDITION = re.compile(r"\b(als|indien|zodra)\b|\S\s+wanneer\b")  # "Wanneer ..." opening asks a date
_POINTING_MAX_CONTENT_WORDS = 4
# A question that opens like this continues the conversation ("En in Limburg?", "And how long?").
_CONTINUES = re.compile(r"^(en|maar|ook|and|but|also|what about|how about|(en )?hoe zit (het|dat))\b")
_ELLIPSIS_CONTENT_WORDS = 3  # a continuation with at most this many content words lacks its own subject
# A name after the first word ("Brabant", "Ruimte voor Groei", "KCC"): the question has a subject of its own.
_NAME = re.compile(r"(?<=\s)[A-Z][\w&@-]*")
_QUESTION_WORDS = frozenset(["how", "long", "many", "much", "often", "what", "which", "who", "when", "where"])


def detect_language(text: str) -> str:
    """'en' or 'nl', from function words; Dutch wins ties because the corpus is Dutch."""
    tokens = words(text)
    english = sum(t in _ENGLISH_HINTS for t in tokens)
    dutch = sum(t in _DUTCH_HINTS for t in tokens)
    return "en" if english > dutch else "nl"


@dataclass(frozen=True)
class Vocabulary:
    synonyms: dict[str, tuple[str, ...]]  # folded term -> its group
    glossary: dict[str, tuple[str, ...]]  # folded English phrase -> Dutch terms


def _norm(term: str) -> str:
    return " ".join(words(term.replace("’", "'")))


@cache
def load_vocabulary(directory: Path = DATA_DIR) -> Vocabulary:
    groups = yaml.safe_load((directory / "synonyms_nl.yaml").read_text(encoding="utf-8"))["groups"]
    synonyms = {_norm(t): tuple(_norm(x) for x in group) for group in groups for t in group}
    terms = yaml.safe_load((directory / "glossary_en_nl.yaml").read_text(encoding="utf-8"))["terms"]
    glossary = {_norm(en): tuple(_norm(nl) for nl in nls) for en, nls in terms.items()}
    return Vocabulary(synonyms, glossary)


def _phrase_spans(
    tokens: list[str], table: dict[str, tuple[str, ...]], longest: int = 4
) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, values) of the longest phrases of `tokens` found in `table`, left to right."""
    found, i = [], 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = " ".join(tokens[i : i + n])
            if key in table:
                found.append((i, i + n, table[key]))
                i += n
                break
        else:
            i += 1
    return found


_QUANTITY = re.compile(
    r"\b(hoeveel|hoe (hoog|groot|lang|veel|vaak)|welk (percentage|bedrag)|aantal|how (many|much|long|high)|"
    r"what (percentage|share|amount|rate))\b"
)


@dataclass(frozen=True)
class AnalysedQuery:
    text: str
    language: str
    terms: list[str]  # stemmed terms of the question itself
    expansions: list[str]  # stemmed synonym / glossary terms not already in `terms`
    concepts: list[frozenset[str]]  # per content word: its stems and those of its synonyms/translations
    asks_quantity: bool = False  # "Hoeveel ...?": an answer needs a number
    # per concept: the compound parts of its own words ("carriereswitch", "traject" of
    # "carrièreswitch-traject"), for a compound the documents never use whole
    parts: tuple[frozenset[str], ...] = ()

    @property
    def answer_terms(self) -> list[str]:
        """Every stem the answer engine weighs: those of the concepts and of their compound parts."""
        return sorted(set().union(*self.concepts, *self.parts))


def analyse_query(text: str, vocabulary: Vocabulary | None = None) -> AnalysedQuery:
    vocabulary = vocabulary or load_vocabulary()
    language = detect_language(text)
    tokens = _norm(text).split()
    spans = _phrase_spans(tokens, vocabulary.synonyms)
    if language == "en":
        spans += _phrase_spans(tokens, vocabulary.glossary)
    ignored = _ENGLISH_HINTS if language == "en" else frozenset()
    concepts, parts = [], []
    span_at = {start: (end, values) for start, end, values in spans}
    i = 0
    while i < len(tokens):
        end, values = span_at.get(i, (i + 1, ()))
        own = [t for t in tokens[i:end] if t not in ignored]
        concept = frozenset(stems(" ".join([*own, *values])))
        if concept:
            concepts.append(concept)
            parts.append(frozenset(analyse(" ".join(own))) - concept)
        i = end
    # English function words would match nothing useful in Dutch text but still cost score mass.
    terms = analyse(" ".join(t for t in tokens if t not in ignored))
    extra = [v for _, _, values in spans for v in values]
    expansions = [t for t in dict.fromkeys(analyse(" ".join(extra))) if t not in terms]
    quantity = bool(_QUANTITY.search(fold(text)))
    return AnalysedQuery(text, language, terms, expansions, concepts, quantity, tuple(parts))


def is_follow_up(question: str) -> bool:
    """Whether a question really points back: a pronoun that refers to the earlier turn ("Wat kost dat?"),
    or an elliptic continuation without a subject of its own ("En in Limburg?", "And how long?"). A
    question that is complete on its own ("Hoeveel kost een deelnemer aan Ruimte voor Groei?") is not."""
    folded = fold(question.strip())
    tokens = words(folded)
    if not tokens:
        return False
    content = [
        t
        for t in tokens
        if len(t) > 1 and t not in STOPWORDS and t not in _QUESTION_WORDS and t not in _ENGLISH_HINTS
    ]
    lexicon = load_answer_words()
    closing = _CLOSING_DETERMINER.search(folded)
    closing_noun = bool(closing) and not is_finite_verb(closing.group(2), lexicon)
    # "die mensen" after a verb or preposition: the earlier turn says which ones
    determiner = any(
        (before in _BEFORE_DETERMINER or is_finite_verb(before, lexicon))
        and after not in _TIME_WORDS
        and after not in STOPWORDS
        and not is_finite_verb(after, lexicon)
        for before, _, after in _DETERMINER.findall(folded)
    )
    then = _THEN.search(folded)
    particle = bool(then) and not _CONDITION.search(folded[: then.start()])
    pointing = determiner or bool(_PRONOUN.search(folded)) or particle or closing_noun
    named = bool(_NAME.search(question.strip()))
    if _CONTINUES.match(folded):
        return pointing or not named or len(content) <= _ELLIPSIS_CONTENT_WORDS
    if determiner and not named:
        return True  # however long: "Worden die mensen gewoon betaald zoals andere werknemers?"
    if pointing:
        return len(content) <= _POINTING_MAX_CONTENT_WORDS
    return len(tokens) <= 3 and len(content) <= 1


_ASKING_WORDS = 3  # a shorter last sentence ("Tips?") says too little on its own


def asking_sentence(question: str) -> str:
    """The sentence that asks: the last question of a text in several sentences ("We willen zij-instromers
    werven via zo'n Brabants traject. Wat moeten we per persoon begroten?", or a follow-up read after the
    question it follows), not a closing remark after it ("Alvast bedankt voor je hulp!"); the whole
    question otherwise."""
    sentences = split_sentences(question)
    if len(sentences) < 2:
        return question
    asking = [s for s in sentences if s.text.rstrip().endswith("?")] or sentences
    last = asking[-1]
    return last.text if len(last.words) >= _ASKING_WORDS else question


def read_question(speller: Speller, question: str) -> tuple[str, list[Correction]]:
    """The question with its typing errors put right, as the assistant reads it (and training reads the
    gold questions): an English question against the documents' words only, never into a blocked word."""
    blocked = load_answer_words().never_read_set
    return speller.correct(question, dutch=detect_language(question) == "nl", blocked=blocked)


def without_closing_remark(question: str) -> str:
    """The question without what follows its last question mark ("Wat kost een deelnemer? Alvast
    bedankt!", "... Graag met bron.", a signature): such a remark says nothing of what is asked, yet its
    rare words would count as the question's and pull the search and the answer away from it."""
    sentences = split_sentences(question)
    asks = [s for s in sentences if s.text.rstrip().endswith("?")]
    if not asks or asks[-1] is sentences[-1]:
        return question
    return question[: asks[-1].end].strip()


def rewrite_follow_up(question: str, previous_questions: list[str]) -> str:
    """Carry the last question's subject into a follow-up, so retrieval sees both; a question complete on
    its own is never merged with the one before it."""
    if not previous_questions or not is_follow_up(question):
        return question
    return f"{previous_questions[-1]} {question}"
