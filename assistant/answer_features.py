"""Features of candidate answer sentences: what the sentence model scores and abstention rests on.

Each sentence of the retrieved passages gets: lexical coverage of the question's concepts (weighted by
idf), dense similarity to the question and to the sentence in it that asks, whether it holds the kind of
answer asked for (a number, a date, a name, a list), whether the question's focus entity is in it, the rank
of its passage, and penalties for fragments. Fragments that cannot stand as an answer (headings, slide
titles, garbled lines) are not candidates at all; the rules a question sets are in answer_rules.py.
"""

import math
import re
from dataclasses import dataclass, field

from assistant.answer_lists import line_runs
from assistant.answer_types import CURRENCY, holds_count, holds_type, words_of
from assistant.answer_words import AnswerForm, AnswerType, AnswerWords
from assistant.core.quotable import Fragment, caption_end, fragment_of, glued_heading_end
from assistant.core.sentences import split_sentences
from assistant.core.text_nl import analyse, fold, stems
from assistant.query import AnalysedQuery, analyse_query, asking_sentence
from assistant.retrieval import Passage
from assistant.sentence_vectors import SentenceVectors

FEATURES = (
    "coverage",
    "coverage_with_context",
    "coverage_gap",
    "coverage_with_previous",
    "coverage_asking",
    "dense",
    "dense_gap",
    "dense_asking",
    "dense_asking_gap",
    "type_present",
    "type_missing",
    "focus_in_sentence",
    "focus_in_passage_only",
    "passage_rank",
    "passage_score",
    "position",
    "no_finite_verb",
    "no_terminal",
    "length",
    "english",
    "unit_with_figure",
)
# Without the sentence's own vector: cheap enough to judge every sentence of the passages a search finds.
LEXICAL_FEATURES = tuple(f for f in FEATURES if not f.startswith("dense"))
# What the best sentences say about the question as a whole: can these passages answer it at all?
QUESTION_FEATURES = (
    "best_score",
    "best_coverage",
    "best_dense",
    "best_type_missing",
    "best_focus",
    "focus_anywhere",
    "max_coverage",
    "max_dense",
    "unit_anywhere",
    "unknown_word",
)
PASSAGES_READ = 8
_TOP = 3  # sentences looked at for the question's focus
_MIN_WORDS = 3
_LONG_SENTENCE = 60  # words; length is scaled to this
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+", re.MULTILINE)


@dataclass(frozen=True)
class Candidate:
    passage_rank: int
    order: int  # position of the sentence in its passage
    text: str  # verbatim, as quoted
    start: int  # offsets in the passage's text
    end: int
    features: dict[str, float]
    fragment: Fragment
    # the sentence (or, unless pay is asked, its passage's title) touches what a money question asks
    # besides money
    touches_topic: bool = True
    points_back: bool = False  # opens with a word pointing at the sentence before ("Dit bestaat uit ...")


@dataclass(frozen=True)
class QuestionProfile:
    concepts: list[tuple[frozenset[str], float]]  # concept -> weight (idf of its rarest alternative)
    focus: list[frozenset[str]]
    answer_type: AnswerType | None
    english: bool
    unit: frozenset[str]  # stems of what a "hoeveel" question counts; empty when it counts nothing named
    unknown: bool  # a Dutch word of the question that the documents never use ("België", "veerpont")
    money: bool  # a question about an amount of money
    pay: bool = False  # ... and about pay: a budget does not answer it
    # a "hoeveel X" (or "wat kost") question whose answer must show a figure of X (or an amount)
    counts: bool = False
    counted: str = ""  # X as the user typed it; empty for a cost question
    ordinal: frozenset[str] = frozenset()  # forms of "derde" in "Hoeveel ... in de derde groep?"
    ordinal_phrase: str = ""  # "derde groep", as typed
    form: AnswerForm | None = None  # the form asked: a percentage, a month, a date, a time, a rating, names
    topic: frozenset[str] = frozenset()  # stems of what a money question asks about besides money
    # the concepts of the sentence that asks: a follow-up's own words, not those of the question it was
    # read with; the question, not the situation told before it
    asking: list[tuple[frozenset[str], float]] = field(default_factory=list)


def profile_question(
    question: str, query: AnalysedQuery, idf: dict[str, float], lexicon: AnswerWords
) -> QuestionProfile:
    """Concept weights and focus of the (rewritten) question; the answer type comes from the words the
    user typed last, so "En wanneer begon dat?" asks for a date whatever the earlier turn asked."""
    # A Dutch word the corpus never uses ("België") weighs as the rarest word: its absence is evidence the
    # documents cannot answer. Untranslated English words are expected to be absent and weigh nothing.
    unknown = max(idf.values(), default=0.0) if query.language == "nl" else 0.0
    asked = _known_parts(query, idf)
    weighted = [(c, max((idf.get(t, 0.0) for t in c), default=0.0) or unknown) for c in asked]
    concepts = [(c, w) for c, w in weighted if w > 0]
    missing = [c for c in asked if query.language == "nl" and not any(idf.get(t) for t in c)]
    rarest = [max(concepts, key=lambda cw: cw[1])[0]] if len(concepts) > 1 else []
    answer_type = lexicon.answer_type(question) or lexicon.answer_type(query.text)
    folded = fold(question)
    unit: frozenset[str] = frozenset()
    translated = False  # the counted word has a Dutch synonym or translation the documents use
    typed = ""
    money = lexicon.about_money(question)
    form = lexicon.answer_form(question)
    cue = lexicon.unit_pattern.search(folded)
    dutch = query.language == "nl"
    generic = None
    if cue and (counted := lexicon.counted_word(cue.group("unit"), dutch)):
        typed = _as_typed(counted, question)
        word = set(stems(counted))
        unit = next((c for c in query.concepts if c & word), frozenset(word))
        translated = any(idf.get(t) for t in unit - word)
    elif cue and not money and form is None and (generic := lexicon.generic_word(cue.group("unit"), dutch)):
        # "Hoeveel mensen ...": any figure answers, but a sentence without one does not ("Hoeveel euro"
        # asks an amount, "Hoeveel procent" the form of a share: each checked as such)
        typed = _as_typed(generic, question)
    english = query.language == "en"
    # Checkable when the counted thing is a word the documents could use: a Dutch word (absent from the
    # corpus it cannot be answered) or an English one with a Dutch translation it uses. "Hoe groot is de
    # animo" asks a size that words may answer ("groot"), so only the counting cues are checked.
    counting = bool(cue) and not cue.group(0).startswith("hoe ")
    checkable = answer_type == "number" and (
        (counting and bool(unit) and (not english or translated))
        or (money and not unit)
        or (counting and bool(generic))
    )
    ordinal, ordinal_phrase = lexicon.ordinal(question)
    # the concepts the asking sentence has, translations and phrases included ("How much ... cost?")
    asking = asking_sentence(query.text)
    asked_here = (
        concepts
        if asking == query.text
        else [(c, w) for c, w in concepts if any(c & a for a in analyse_query(asking).concepts)]
    )
    return QuestionProfile(
        concepts,
        rarest + missing,
        answer_type,
        english,
        unit,
        bool(missing),
        money,
        money and lexicon.about_pay(question),
        checkable,
        typed,
        ordinal,
        ordinal_phrase,
        form,
        _topic(concepts, lexicon),
        asked_here,
    )


def _as_typed(folded_word: str, question: str) -> str:
    return next((w for w in re.findall(r"[\w'’-]+", question) if fold(w) == folded_word), folded_word)


def _topic(concepts: list[tuple[frozenset[str], float]], lexicon: AnswerWords) -> frozenset[str]:
    """What a money question asks about besides money: its concepts without the money words and without
    words like "per" that any amount comes with ("€ 18.500 per deelnemer")."""
    small = set(lexicon.unit_skip) | set(lexicon.function_words)
    return frozenset().union(
        *(
            c
            for c, _ in concepts
            if not c <= small and not any(lexicon.about_money(t) or lexicon.about_pay(t) for t in c)
        )
    )


def _known_parts(query: AnalysedQuery, idf: dict[str, float]) -> list[frozenset[str]]:
    """The question's concepts, a compound the documents never use whole replaced by its parts they do
    use: "carrièreswitch-traject" asks about "carrièreswitch" and "traject", not about an unknown word."""
    out: list[frozenset[str]] = []
    for concept, parts in zip(
        query.concepts, query.parts or [frozenset()] * len(query.concepts), strict=True
    ):
        known = [p for p in sorted(parts) if idf.get(p)]
        unused = not any(idf.get(t) for t in concept)
        out.extend([frozenset({p}) for p in known] if unused and known else [concept])
    return out


def counts_the_unit(text: str, stems_: set[str], profile: QuestionProfile, lexicon: AnswerWords) -> bool:
    """A figure or number word together with what the question counts ("12 vakantiedagen", "zeven
    leden"), or with a currency when it asks about money (said of pay when it asks about pay); any figure
    when it counts something generic ("Hoeveel mensen ...")."""
    if not holds_count(text, lexicon):
        return False
    if profile.unit & stems_:
        return True
    if profile.money:
        return bool(CURRENCY.search(text)) and (not profile.pay or lexicon.about_pay(text))
    return bool(profile.counted) and not profile.unit  # a generic count: any figure


def _coverage(stems: set[str], concepts: list[tuple[frozenset[str], float]]) -> float:
    total = sum(w for _, w in concepts)
    return sum(w for c, w in concepts if c & stems) / total if total else 0.0


@dataclass(frozen=True)
class _Piece:
    """A quotable stretch of a passage: a sentence, or a slide's list of name lines."""

    order: int
    text: str
    start: int
    end: int
    words: int
    fragment: Fragment
    previous: str  # what the piece is about beyond itself: the sentence it points back at, a list's slide
    points_back: bool = False  # a sentence opening with a word that points at the one before


# What a slide's name lines lack as a quote: a verb and a full stop; they are never a heading or garbled.
_LINES = Fragment(
    heading=False, slide_title=False, no_finite_verb=True, no_terminal=True, lowercase_start=False, garble=0
)


def _pieces(passage: Passage, lexicon: AnswerWords) -> list[_Piece]:
    sentences = split_sentences(passage.text)
    pieces = []
    for order, sentence in enumerate(sentences):
        raw = passage.text[sentence.start : sentence.end]
        text = raw.strip()
        # A capitals caption or a heading run into the sentence ("VOOR EN DOOR TRAINEES Om ...", "Het
        # project in het kort De zes gemeenten ...") is not quoted.
        cut = caption_end(text) or glued_heading_end(text, lexicon)
        start = sentence.start + len(raw) - len(raw.lstrip()) + cut
        text = text[cut:]
        if len(sentence.words) < _MIN_WORDS or text.rstrip(" ”’\"')").endswith("?"):
            continue  # a question in the text (an interview prompt) answers nothing
        # The verbatim text: the splitter's display form hides table bars ("Peggy Hurkmans | ...").
        fragment = fragment_of(text, passage.text, start, passage.section, lexicon)
        if fragment.never_quote:
            continue
        # A sentence pointing back ("Dit bestaat uit ...") is about what the one before it names.
        first_word = words_of(text.split(maxsplit=1)[0]) if text.split() else set()
        points_back = order > 0 and bool(first_word & lexicon.pointing_set)
        previous = sentences[order - 1].text if points_back else ""
        pieces.append(
            _Piece(order, text, start, sentence.end, len(sentence.words), fragment, previous, points_back)
        )
    # Each name line alone is a fragment; together they are the list a slide shows. What it lists, the
    # rest of the slide says ("Hebben we met deze persona's ..."): it is judged with its passage.
    for start, end in line_runs(passage.text):
        order = next((i for i, s in enumerate(sentences) if s.end > start), len(sentences))
        text = passage.text[start:end]
        pieces.append(_Piece(order, text, start, end, len(text.split()), _LINES, passage.text))
    return pieces


def passage_candidates(
    question: str,
    profile: QuestionProfile,
    passages: list[Passage],
    vectors: SentenceVectors | None,
    lexicon: AnswerWords,
    read: int = PASSAGES_READ,
) -> list[Candidate]:
    """Every quotable sentence of the first `read` passages, with its features (the dense ones 0 without
    `vectors`)."""
    found: list[Candidate] = []
    top_score = max((p.score for p in passages), default=1.0) or 1.0
    for rank, passage in enumerate(passages[:read]):
        context = set(analyse(" ".join([passage.document_title, passage.section, *passage.fields.values()])))
        passage_stems = set(analyse(passage.text)) | context
        has_list = bool(_LIST_LINE.search(passage.text))
        for piece in _pieces(passage, lexicon):
            stems = set(analyse(piece.text))
            focus_here = all(c & stems for c in profile.focus)
            focus_near = all(c & passage_stems for c in profile.focus)
            # the type asked, narrowed to its form when the question asks one ("Hoeveel procent ...")
            asked = profile.answer_type is not None or profile.form is not None
            present = holds_type(piece.text, profile.answer_type, lexicon, has_list) and (
                profile.form is None or profile.form.held_by(piece.text)
            )
            with_previous = stems | set(analyse(piece.previous)) | context
            features = {
                "coverage": _coverage(stems, profile.concepts),
                "coverage_with_context": _coverage(stems | context, profile.concepts),
                "coverage_with_previous": _coverage(with_previous, profile.concepts),
                "coverage_asking": _coverage(stems | context, profile.asking),
                "type_present": float(asked and present),
                "type_missing": float(asked and not present),
                "focus_in_sentence": float(focus_here),
                "focus_in_passage_only": float(focus_near and not focus_here),
                "passage_rank": 1.0 / (1 + rank),
                "passage_score": passage.score / top_score,
                "position": 1.0 / (1 + piece.order),
                "no_finite_verb": float(piece.fragment.no_finite_verb),
                "no_terminal": float(piece.fragment.no_terminal),
                "length": min(1.0, math.log1p(piece.words) / math.log1p(_LONG_SENTENCE)),
                "english": float(profile.english),
                "unit_with_figure": float(counts_the_unit(piece.text, stems, profile, lexicon)),
            }
            # pay is said of someone in the sentence itself ("Een wethouder verdient ..."); a budget may
            # be the project the passage's title names
            topic = not profile.topic or bool(profile.topic & (stems if profile.pay else stems | context))
            found.append(
                Candidate(
                    rank,
                    piece.order,
                    piece.text,
                    piece.start,
                    piece.end,
                    features,
                    piece.fragment,
                    topic,
                    piece.points_back,
                )
            )
    _add_relative_features(question, found, vectors)
    return found


def _add_relative_features(question: str, found: list[Candidate], vectors: SentenceVectors | None) -> None:
    """Dense similarity, and how far each sentence is behind the best one: a sentence is judged against
    its competitors as well as on its own."""
    texts = [c.text for c in found]
    dense = vectors.similarities(question, texts, adapted=True) if vectors and found else None
    # ... and to the sentence that asks, without the situation told before it or the question a follow-up
    # is read with: "Wie regelt de facturen?" after "Bij ons willen mensen ... een zaakje starten."
    asking = asking_sentence(question)
    # The sentence adapter was trained on whole questions: the asking sentence of a longer question keeps
    # e5's own similarity (adapted too, dev out of fold: coverage 0.526 -> 0.516); a one-sentence question
    # is its own asking sentence and keeps the adapted one.
    dense_asking = vectors.similarities(asking, texts) if dense is not None and asking != question else dense
    best_cov = max((c.features["coverage_with_context"] for c in found), default=0.0)
    best_dense = float(dense.max()) if dense is not None else 0.0
    best_asking = float(dense_asking.max()) if dense_asking is not None else 0.0
    for i, cand in enumerate(found):
        sim = float(dense[i]) if dense is not None else 0.0
        cand.features["coverage_gap"] = cand.features["coverage_with_context"] - best_cov
        cand.features["dense"] = sim
        cand.features["dense_gap"] = sim - best_dense
        cand.features["dense_asking"] = float(dense_asking[i]) if dense_asking is not None else 0.0
        cand.features["dense_asking_gap"] = cand.features["dense_asking"] - best_asking


def question_features(profile: QuestionProfile, ranked: list[tuple[Candidate, float]]) -> dict[str, float]:
    """Features of the question from its candidates ranked by the sentence model, best first."""
    if not ranked:
        return {**dict.fromkeys(QUESTION_FEATURES, 0.0), "unknown_word": float(profile.unknown)}
    best, score = ranked[0]
    focus = [c.features["focus_in_sentence"] + 0.5 * c.features["focus_in_passage_only"] for c, _ in ranked]
    return {
        "best_score": score,
        "best_coverage": best.features["coverage_with_context"],
        "best_dense": best.features["dense"],
        "best_type_missing": best.features["type_missing"],
        "best_focus": focus[0],
        "focus_anywhere": max(focus[:_TOP]),
        "max_coverage": max(c.features["coverage_with_context"] for c, _ in ranked),
        "max_dense": max(c.features["dense"] for c, _ in ranked),
        "unit_anywhere": max(c.features["unit_with_figure"] for c, _ in ranked[:_TOP]),
        "unknown_word": float(profile.unknown),
    }
