"""The default answer engine: extractive and deterministic. It picks the sentences of the retrieved
passages that answer the question, keeps them verbatim (names and numbers included), and cites each one.
When the evidence is weak it abstains and lists the nearest passages instead. It never writes a claim
of its own.
"""

import re
from dataclasses import dataclass

from pydantic import BaseModel

from assistant.core.sentences import split_sentences
from assistant.core.text_nl import analyse
from assistant.query import AnalysedQuery
from assistant.retrieval import Passage

NO_ANSWER_NL = "De documenten geven hierover geen antwoord."
NO_ANSWER_EN = "The documents do not answer this question."
ENGLISH_NOTE = "The sources are in Dutch; this is what they say (quoted in Dutch):"

_PASSAGES_READ = 6
_MAX_SENTENCES = 5
_MIN_SENTENCE_WORDS = 3
_NO_NUMBER_PENALTY = 0.5
_NO_FOCUS_PENALTY = 0.5


class Citation(BaseModel):
    n: int
    chunk_id: str
    document_id: str
    document_title: str
    section: str
    page: int | None = None
    quote: str  # the exact sentence(s) of the passage that the answer uses


class Answer(BaseModel):
    question: str
    rewritten_question: str
    language: str
    text: str
    citations: list[Citation]
    abstained: bool
    support: float  # how well the best sentence covers the question, 0..1; the abstention signal
    passages: list[Passage]
    engine: str = "extractief"
    notice: str | None = None
    conversation_id: str | None = None


@dataclass(frozen=True)
class _Candidate:
    passage_rank: int
    order: int  # position of the sentence in its passage
    text: str
    start: int  # offsets of the sentence in its passage's text
    end: int
    coverage: float
    score: float


def _concept_weights(query: AnalysedQuery, idf: dict[str, float]) -> list[tuple[frozenset[str], float]]:
    """Each concept of the question weighs as its rarest known alternative. A Dutch word the corpus never
    uses ("België") weighs as much as the rarest word: its absence is evidence that the documents cannot
    answer; untranslated English words are expected to be absent and weigh nothing."""
    unknown = max(idf.values(), default=0.0) if query.language == "nl" else 0.0
    weighted = [(c, max((idf.get(t, 0.0) for t in c), default=0.0) or unknown) for c in query.concepts]
    return [(c, w) for c, w in weighted if w > 0]


def _coverage(stems: set[str], concepts: list[tuple[frozenset[str], float]]) -> float:
    total = sum(w for _, w in concepts)
    return sum(w for c, w in concepts if c & stems) / total if total else 0.0


# Digits, number words and frequencies ("één dag per week") answer a "hoeveel"/"hoe vaak" question.
_NUMBER = re.compile(
    r"\d|\b(één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|honderd|duizend)\b"
    r"|\bper (dag|week|maand|jaar)\b|\b(dagelijks|wekelijks|maandelijks|jaarlijks)\b"
)


def _has_number(text: str) -> bool:
    return bool(_NUMBER.search(text))


def _candidates(query: AnalysedQuery, passages: list[Passage], idf: dict[str, float]) -> list[_Candidate]:
    concepts = _concept_weights(query, idf)
    # The question's focus: its rarest concept ("Lab XL"), and any Dutch word the corpus never uses
    # ("België", "veerpont"). A sentence whose passage lacks the focus answers a different question.
    unknown = [c for c in query.concepts if query.language == "nl" and not any(idf.get(t) for t in c)]
    rarest = [max(concepts, key=lambda cw: cw[1])[0]] if len(concepts) > 1 else []
    focus = rarest + unknown
    top_score = max((p.score for p in passages), default=1.0) or 1.0
    found = []
    for rank, passage in enumerate(passages[:_PASSAGES_READ]):
        context = set(analyse(" ".join([passage.section, *passage.fields.values()])))
        passage_stems = set(analyse(passage.text))
        for order, sentence in enumerate(split_sentences(passage.text)):
            if len(sentence.words) < _MIN_SENTENCE_WORDS:
                continue
            if passage.text[sentence.start : sentence.end].rstrip(" ”’\"'").endswith("?"):
                continue  # a question in the text (an interview prompt) answers nothing
            text = passage.text[sentence.start : sentence.end].strip()  # verbatim, for the quote
            stems = set(analyse(text))
            # Concepts found only in the passage's heading count half: "Gouda: Datagedreven sturing"
            # answers the "in Gouda" of a question, but less than the sentence itself does.
            own = _coverage(stems, concepts)
            coverage = own + 0.5 * (_coverage(stems | context, concepts) - own)
            if not all(concept & (stems | context | passage_stems) for concept in focus):
                coverage *= _NO_FOCUS_PENALTY
            if query.asks_quantity and not _has_number(text.lower()):
                coverage *= _NO_NUMBER_PENALTY  # "Hoeveel ...?" is not answered without a number
            score = coverage + 0.3 * passage.score / top_score - 0.02 * order
            found.append(_Candidate(rank, order, text, sentence.start, sentence.end, coverage, score))
    return found


def _pick(candidates: list[_Candidate]) -> list[_Candidate]:
    """The best sentences, near-duplicates dropped, then in reading order per passage."""
    best = max((c.score for c in candidates), default=0.0)
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: -c.score):
        if len(chosen) == _MAX_SENTENCES or cand.score < 0.6 * best:
            break
        if any(set(analyse(cand.text)) <= set(analyse(c.text)) for c in chosen):
            continue
        chosen.append(cand)
    best_in_passage: dict[int, float] = {}
    for c in chosen:
        best_in_passage[c.passage_rank] = max(best_in_passage.get(c.passage_rank, 0.0), c.score)
    return sorted(chosen, key=lambda c: (-best_in_passage[c.passage_rank], c.passage_rank, c.order))


def compose_answer(
    question: str,
    rewritten: str,
    query: AnalysedQuery,
    passages: list[Passage],
    idf: dict[str, float],
    abstain_below: float,
) -> Answer:
    """A grounded answer from the passages, or an abstention when the evidence is too weak."""
    candidates = _candidates(query, passages, idf)
    support = max((c.coverage for c in candidates), default=0.0)
    common = {"question": question, "rewritten_question": rewritten, "language": query.language}
    if support < abstain_below or not candidates:
        return Answer(
            **common,
            text=NO_ANSWER_EN if query.language == "en" else NO_ANSWER_NL,
            citations=[],
            abstained=True,
            support=round(support, 3),
            passages=passages[:3],
        )
    chosen = _pick(candidates)
    numbers: dict[int, int] = {}
    spans: dict[int, tuple[int, int]] = {}
    parts = []
    for cand in chosen:
        n = numbers.setdefault(cand.passage_rank, len(numbers) + 1)
        start, end = spans.get(cand.passage_rank, (cand.start, cand.end))
        spans[cand.passage_rank] = (min(start, cand.start), max(end, cand.end))
        parts.append(f"“{cand.text}” [{n}]" if query.language == "en" else f"{cand.text} [{n}]")
    citations = [
        Citation(
            n=n,
            chunk_id=passages[rank].chunk_id,
            document_id=passages[rank].document_id,
            document_title=passages[rank].document_title,
            section=passages[rank].section,
            page=passages[rank].page,
            # One verbatim stretch of the passage from the first to the last sentence used.
            quote=passages[rank].text[spans[rank][0] : spans[rank][1]].strip(),
        )
        for rank, n in numbers.items()
    ]
    text = " ".join(parts)
    return Answer(
        **common,
        text=f"{ENGLISH_NOTE} {text}" if query.language == "en" else text,
        citations=citations,
        abstained=False,
        support=round(support, 3),
        passages=passages,
    )
