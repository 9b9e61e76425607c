"""The default answer engine: extractive and deterministic. It scores the sentences of the retrieved
passages with the learned sentence model (assistant/sentence_model.py), quotes the one that answers
first, then at most two supporting sentences, verbatim and cited. When even the best sentence scores
below the calibrated threshold it abstains and lists the nearest passages instead. It never writes a
claim of its own.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from assistant.answer_features import (
    Candidate,
    QuestionProfile,
    passage_candidates,
    profile_question,
    question_features,
)
from assistant.answer_lists import ListAnswer, bulleted_list, inline_list, line_list
from assistant.answer_parts import part_profiles
from assistant.answer_rules import answers_as_asked, count_unmet, form_unmet, leads_as_asked, ordinal_unmet
from assistant.answer_words import AnswerWords, load_answer_words
from assistant.core.text_nl import analyse
from assistant.query import AnalysedQuery
from assistant.retrieval import Passage
from assistant.sentence_model import Logistic, SentenceModel, load_sentence_model
from assistant.sentence_vectors import SentenceVectors

NO_ANSWER_NL = "De documenten geven hierover geen antwoord."
NO_ANSWER_EN = "The documents do not answer this question."
ENGLISH_NOTE = "The sources are in Dutch; this is what they say (quoted in Dutch):"

_SUPPORTING = 2
_WORD_BUDGET = 80  # the answering sentence always comes; supporting ones only while this holds
_SUPPORT_RATIO = 0.5  # a supporting sentence scores at least this share of the best one
_MIN_SUPPORTING = 0.5  # ... and is more likely evidence than not


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
    support: float  # how likely the passages answer the question, 0..1; the abstention signal
    passages: list[Passage]
    engine: str = "extractief"
    notice: str | None = None
    read_as: str | None = None  # the question as read, when typing errors in it were put right
    conversation_id: str | None = None
    threshold: float | None = None  # the support below which the engine abstained (None: not extractive)


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float


def ranked(candidates: list[Candidate], sentence: Logistic) -> list[Scored]:
    """Candidate sentences scored by the sentence model, best first (ties: earlier passage, sentence)."""
    scored = [Scored(c, sentence.score(c.features)) for c in candidates]
    return sorted(scored, key=lambda s: (-s.score, s.candidate.passage_rank, s.candidate.order))


@dataclass
class AnswerEngine:
    """Built once at start-up: the sentence model, the word lists and the sentence-vector cache."""

    model: SentenceModel = field(default_factory=load_sentence_model)
    vectors: SentenceVectors | None = None
    lexicon: AnswerWords = field(default_factory=load_answer_words)

    def score(self, profile: QuestionProfile, query: AnalysedQuery, passages: list[Passage]) -> list[Scored]:
        """Candidate sentences, best first."""
        found = passage_candidates(query.text, profile, passages, self.vectors, self.lexicon)
        return ranked(found, self.model.sentence)

    def answerable(self, profile: QuestionProfile, scored: list[Scored]) -> float:
        """How likely the passages answer the question at all; 0 without candidates."""
        if not scored:
            return 0.0
        ranked = [(s.candidate, s.score) for s in scored]
        return self.model.answerable.score(question_features(profile, ranked))

    def compose(
        self,
        question: str,
        rewritten: str,
        query: AnalysedQuery,
        passages: list[Passage],
        idf: dict[str, float],
        abstain_below: float | None = None,
    ) -> Answer:
        """A grounded answer from the passages, or an abstention when the evidence is too weak."""
        threshold = self.model.threshold if abstain_below is None else abstain_below
        profile = profile_question(question, query, idf, self.lexicon)
        scored = self.score(profile, query, passages)
        support = self.answerable(profile, scored)
        common: dict[str, Any] = {
            "question": question,
            "rewritten_question": rewritten,
            "language": query.language,
            "support": round(support, 4),
            "threshold": threshold,
        }
        parts = part_profiles(question, query, idf, self.lexicon, profile)
        rankings = part_rankings(parts, scored, query, passages, self.vectors, self.lexicon)
        notices = rule_notices(parts, rankings, passages, query.language, self.lexicon)
        missing = " ".join(dict.fromkeys(n for n in notices if n)) or None
        if not scored or support < threshold or all(notices):
            return Answer(
                **common,
                text=NO_ANSWER_EN if query.language == "en" else NO_ANSWER_NL,
                citations=[],
                abstained=True,
                passages=passages[:3],
                notice=missing,
            )
        # A text asking several questions is answered by the first one the passages answer, its sentences
        # judged by what it asks; the notice says what they lack for the others.
        lead, ranking = next((p, r) for p, r, n in zip(parts, rankings, notices, strict=True) if not n)
        scored = _lead_with_what_is_asked(lead, ranking)
        wants_list = lead.answer_type == "list"
        text, citations = _render(_pick(scored, passages), passages, query.language == "en", wants_list)
        lang = "en" if query.language == "en" else "nl"
        partly = self.lexicon.part_missing[lang].format(notice=missing) if missing else None
        return Answer(
            **common, text=text, citations=citations, abstained=False, passages=passages, notice=partly
        )


def part_rankings(
    parts: list[QuestionProfile],
    scored: list[Scored],
    query: AnalysedQuery,
    passages: list[Passage],
    vectors: SentenceVectors | None,
    lexicon: AnswerWords,
) -> list[list[Scored]]:
    """For each question a text asks (`part_profiles`), the sentences in the order the whole text ranks
    them, with the kind of answer and the count that question asks; `scored` itself when it asks one."""
    if len(parts) == 1:
        return [scored]
    out = []
    for part in parts:
        again = {
            (c.passage_rank, c.start, c.end): c
            for c in passage_candidates(query.text, part, passages, vectors, lexicon)
        }
        out.append([Scored(again[_place(s.candidate)], s.score) for s in scored])
    return out


def _place(cand: Candidate) -> tuple[int, int, int]:
    return cand.passage_rank, cand.start, cand.end


def rule_notices(
    parts: list[QuestionProfile],
    rankings: list[list[Scored]],
    passages: list[Passage],
    language: str,
    lexicon: AnswerWords,
) -> list[str | None]:
    """What the passages lack for each question a text asks (None: nothing), each judged on its own
    ranking (`part_rankings`); the rules refuse the text only when every question lacks something."""
    return [
        refusal_notice(part, ranking, passages, language, lexicon)
        for part, ranking in zip(parts, rankings, strict=True)
    ]


def refusal_notice(
    profile: QuestionProfile,
    scored: list[Scored],
    passages: list[Passage],
    language: str,
    lexicon: AnswerWords,
) -> str | None:
    """What the passages lack when a rule refuses (no figure of what is counted, no amount, not the asked
    form of answer, nothing on the asked occurrence), said with the refusal so the recruiter sees why; None
    when none applies. The rules need the word lists and the sentences' scores, best first."""
    lang = "en" if language == "en" else "nl"
    candidates = [s.candidate for s in scored]
    if count_unmet(profile, candidates):
        if profile.counted:
            return lexicon.count_missing[lang].format(word=profile.counted)
        return lexicon.amount_missing[lang]
    if profile.form is not None and form_unmet(profile, candidates):
        return profile.form.missing[lang]
    if ordinal_unmet(profile, candidates):
        return lexicon.ordinal_missing[lang].format(phrase=profile.ordinal_phrase)
    if scored and not leads_as_asked(profile, _pick(_lead_with_what_is_asked(profile, scored), passages)[0]):
        # The asked form or a generic count is given only by sentences far behind the best, so the
        # answer would lead with one that does not give it ("Omgevingsdienst Twente en 3 gemeenten" for
        # "Which municipalities ...?"). Dev, out of fold: unanswerable refused 65.0 -> 67.5 % (other
        # writers 43 -> 50 %), answerable refused (3.6 %) and coverage the same. A count of a thing the
        # question names is not checked here: the leading sentence may name it in other words ("249
        # kandidaten" for "deelnemers").
        return lexicon.lead_missing[lang]
    return None


def _lead_with_what_is_asked(profile: QuestionProfile, scored: list[Scored]) -> list[Scored]:
    """ "Hoeveel ... in het eerste cohort?", "Welk percentage ...?": the best sentence that gives what is
    asked answers, before a better-scored one without it, unless it scores under half the best (then it is
    about another topic); the rest keep their order. Every sentence answers as asked when the question sets
    no rule, so then the best one stays first."""
    first = next((s for s in scored if answers_as_asked(profile, s.candidate)), None)
    if first is None or first.score < _SUPPORT_RATIO * scored[0].score:
        return scored
    return [first, *(s for s in scored if s is not first)]


def _pick(scored: list[Scored], passages: list[Passage]) -> list[Candidate]:
    """The answering sentence, then up to two supporting ones within the word budget, no near-duplicates."""
    best = next((s for s in scored if not _bare_announcement(s.candidate, passages)), scored[0])
    chosen = [_with_antecedent(best.candidate, scored, passages)]
    words = len(chosen[0].text.split())
    for s in scored:
        if s is best:
            continue
        if len(chosen) > _SUPPORTING or s.score < max(_MIN_SUPPORTING, _SUPPORT_RATIO * best.score):
            break
        cand = s.candidate
        size = len(cand.text.split())
        stems = set(analyse(cand.text))
        if words + size > _WORD_BUDGET or any(stems <= set(analyse(c.text)) for c in chosen):
            continue
        if _bare_announcement(cand, passages):
            continue
        if cand.fragment.no_finite_verb and not line_list(cand.text):
            continue  # a label or title ("Het project in het kort (1.)") supports nothing
        chosen.append(cand)
        words += size
    chosen = _joined(chosen, passages)
    lists = [c for c in chosen[1:] if line_list(c.text)]
    if lists and chosen[0].fragment.no_finite_verb and not line_list(chosen[0].text):
        # a slide's fact line ("Omgevingsdienst Twente en 3 gemeenten") before the slide's list of names:
        # the list is the answer, the fact line only its caption
        return [lists[0], *(c for c in chosen[1:] if c is not lists[0])]
    return chosen


def _with_antecedent(cand: Candidate, scored: list[Scored], passages: list[Passage]) -> Candidate:
    """A leading sentence that points back ("Dit bestaat uit een capaciteitentest ...") is quoted from the
    sentence before it, which says what it is about, when that one is quotable: one verbatim stretch."""
    if not cand.points_back:
        return cand
    before = next(
        (
            s.candidate
            for s in scored
            if s.candidate.passage_rank == cand.passage_rank and s.candidate.order == cand.order - 1
        ),
        None,
    )
    passage = passages[cand.passage_rank].text
    # not across a caption or heading cut from the quote ("... assessment. ONLINE ASSESSMENT Dit bestaat")
    if before is None or before.fragment.no_finite_verb or passage[before.end : cand.start].strip():
        return cand
    text = passage[before.start : cand.end]
    return replace(cand, text=text, start=before.start, order=before.order)


def _joined(chosen: list[Candidate], passages: list[Passage]) -> list[Candidate]:
    """A supporting sentence that points back at a chosen sentence right before it in the passage is
    quoted with it, as one verbatim stretch: "Eén op de negen ... vertrokken. Dat blijkt uit
    Jong@Gemeenten ..." never reads as the source of another sentence quoted in between. The answering
    sentence stays first."""
    out = list(chosen)
    for _ in range(len(chosen)):
        pair = next(
            (
                (j, i)
                for i, later in enumerate(out[1:], start=1)
                if later.points_back
                for j, c in enumerate(out)
                if j != i and _runs_on(c, later, passages)
            ),
            None,
        )
        if pair is None:
            break
        j, i = pair
        first, later = out[j], out.pop(i)
        out[j if j < i else j - 1] = replace(
            first, text=passages[first.passage_rank].text[first.start : later.end], end=later.end
        )
    return out


def _runs_on(first: Candidate, later: Candidate, passages: list[Passage]) -> bool:
    """`later` directly follows `first` in the same paragraph, and `first` is a sentence that may be
    joined: not a list, a label or an announcement, whose shape the join would lose."""
    gap = passages[first.passage_rank].text[first.end : later.start]
    return (
        first.passage_rank == later.passage_rank
        and first.end <= later.start
        and not gap.strip()
        and "\n\n" not in gap
        and not (first.fragment.no_finite_verb or line_list(first.text) or line_list(later.text))
        and not (_announces(first) or inline_list(first.text))
    )


def _bare_announcement(cand: Candidate, passages: list[Passage]) -> bool:
    """ "Drie redenen om te vertrekken:" without the reasons after it tells the reader nothing."""
    return _announces(cand) and _list_for(cand, passages[cand.passage_rank], wants_list=False) is None


def _announces(cand: Candidate) -> bool:
    return cand.text.rstrip().endswith(":")


def _list_for(cand: Candidate, passage: Passage, wants_list: bool) -> ListAnswer | None:
    """A list in the source, when the question asks for one or the sentence announces one ("...:"); a
    slide's name lines are always the list they are."""
    if listed := line_list(cand.text):
        return listed
    if not (wants_list or _announces(cand)):
        return None
    return bulleted_list(passage.text, cand.end) or inline_list(cand.text)


def _render(
    chosen: list[Candidate], passages: list[Passage], english: bool, wants_list: bool
) -> tuple[str, list[Citation]]:
    numbers: dict[int, int] = {}
    spans: dict[int, tuple[int, int]] = {}
    parts = []
    has_list = False
    for i, cand in enumerate(chosen):
        n = numbers.setdefault(cand.passage_rank, len(numbers) + 1)
        passage = passages[cand.passage_rank]
        # A list asked for opens after the answering sentence; one a sentence announces ("...:") and a
        # slide's name lines are shown as lists wherever they come.
        listed = _list_for(cand, passage, wants_list and i == 0)
        end = max(cand.end, listed.end) if listed else cand.end
        start, last = spans.get(cand.passage_rank, (cand.start, end))
        spans[cand.passage_rank] = (min(start, cand.start), max(last, end))
        has_list = has_list or listed is not None
        parts.append(_quote(cand.text, listed, n, english))
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
    text = ("\n" if has_list else " ").join(parts)
    return (f"{ENGLISH_NOTE} {text}" if english else text), citations


def _quote(sentence: str, listed: ListAnswer | None, n: int, english: bool) -> str:
    """One cited piece of the answer; a list as "- item" lines, its marker after the last item."""
    if listed is None:
        return f"“{sentence}” [{n}]" if english else f"{sentence} [{n}]"
    # Bullet lines follow the sentence that announces them; an inline list has its own intro, and a
    # slide's name lines have none.
    intro = sentence if listed.end else listed.intro
    lines = [f"“{intro}”" if english else intro] if intro else []
    lines += [f"- {item}" for item in listed.items]
    return "\n".join(lines) + f" [{n}]"
