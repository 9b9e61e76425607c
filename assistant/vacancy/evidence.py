"""The onderbouwing: corpus practices per persona and section, each offered as a suggestion.

A topic (an offer in vacancy_nl.yaml) is searched for together with the persona's field and target
groups, so a toezichthouder gets practices about toezicht, and a carrièreswitcher role practices about
zij-instroom. A practice is one verbatim sentence of a passage, cited; it never enters the vacancy
text. What accepting inserts is the topic's fixed, neutral wording.
"""

from dataclasses import dataclass

from assistant.answer import Citation
from assistant.core.sentences import split_sentences
from assistant.core.text_nl import stems
from assistant.personas import PersonaCard
from assistant.retrieval import Passage
from assistant.vacancy.models import Suggestion
from assistant.vacancy.request import VacancyRequest
from assistant.vacancy.wording import Area, Offer, VacancyWording

PASSAGES_PER_QUERY = 6
PRACTICE_WORDS = (6, 45)
MAX_PRACTICE_CHARS = 320
# Sentences that lean on what came before them do not stand alone as a practice.
_DEPENDENT_STARTS = frozenset(
    [
        "dit",
        "dat",
        "deze",
        "die",
        "zo",
        "daarom",
        "daarnaast",
        "ook",
        "hierbij",
        "daarbij",
        "dan",
        "toch",
        "maar",
        "en",
        "want",
    ]
)


@dataclass(frozen=True)
class _Candidate:
    score: float
    sentence: str
    passage: Passage


def persona_areas(persona: PersonaCard, wording: VacancyWording) -> list[Area]:
    """The persona's field of work and target groups, the vocabulary its evidence must speak."""
    areas = (
        [wording.fields[persona.chain_position.value]]
        if persona.chain_position.value in wording.fields
        else []
    )
    return areas + [wording.target_groups[g] for g in persona.target_groups if g in wording.target_groups]


def topics_for(persona: PersonaCard, request: VacancyRequest, wording: VacancyWording) -> list[Offer]:
    """Offers that suit this persona and are not yet in the text as a ticked wish."""
    own = {persona.chain_position.value, *persona.target_groups}
    return [o for o in wording.offers if o.key not in request.wishes and (not o.for_ or own & set(o.for_))]


def _hits(text_stems: set[str], words: list[str]) -> int:
    return sum(1 for word in words if set(stems(word)) & text_stems)


def usable_practice(sentence: str) -> bool:
    words = sentence.split()
    if not PRACTICE_WORDS[0] <= len(words) <= PRACTICE_WORDS[1] or len(sentence) > MAX_PRACTICE_CHARS:
        return False
    first = words[0].strip("‘'“\"(").lower()
    return sentence[:1].isupper() and first not in _DEPENDENT_STARTS and sentence.rstrip()[-1:] in ".!"


def _candidates(searcher, topic: Offer, areas: list[Area]) -> list[_Candidate]:
    """Sentences about the topic, ranked by retrieval score plus how much they speak to the persona."""
    area_words = [word for area in areas for word in area.anchors]
    queries = [f"{query} {area.terms}" for query in topic.queries for area in areas] + list(topic.queries)
    found: dict[str, _Candidate] = {}
    for query in queries:
        for passage in searcher.search(query, k=PASSAGES_PER_QUERY):
            for span in split_sentences(passage.text):
                sentence = " ".join(passage.text[span.start : span.end].split())
                sentence_stems = set(stems(sentence))
                topic_hits = _hits(sentence_stems, topic.anchors)
                if not topic_hits or not usable_practice(sentence):
                    continue
                persona_hits = _hits(sentence_stems, area_words)
                score = passage.score + 0.2 * topic_hits + 0.3 * persona_hits
                if sentence not in found or found[sentence].score < score:
                    found[sentence] = _Candidate(score, sentence, passage)
    return sorted(found.values(), key=lambda c: (-c.score, c.sentence))


def _where(passage: Passage) -> str:
    """Who did it, as the document names it: the section when it is a short heading, else the title."""
    section = " ".join(passage.section.split())
    return (
        section
        if section and len(section) <= 80 and section != passage.document_title
        else passage.document_title
    )


def find_suggestions(
    persona: PersonaCard, request: VacancyRequest, searcher, wording: VacancyWording
) -> tuple[list[Suggestion], list[Citation]]:
    """One suggestion per topic that the corpus supports, with the citations it uses (numbered 1, 2, ...)."""
    areas = persona_areas(persona, wording)
    suggestions: list[Suggestion] = []
    citations: list[Citation] = []
    used: set[str] = set()
    for topic in topics_for(persona, request, wording):
        candidate = next((c for c in _candidates(searcher, topic, areas) if c.sentence not in used), None)
        if candidate is None:
            continue  # the documents say nothing usable about it: no suggestion rather than a weak one
        used.add(candidate.sentence)
        passage = candidate.passage
        n = len(citations) + 1
        citations.append(
            Citation(
                n=n,
                chunk_id=passage.chunk_id,
                document_id=passage.document_id,
                document_title=passage.document_title,
                section=passage.section,
                page=passage.page,
                quote=candidate.sentence,
            )
        )
        suggestions.append(
            Suggestion(
                id=f"{topic.section}-{topic.key}",
                section=topic.section,
                topic=topic.key,
                label=topic.label,
                practice=f"{_where(passage)}: {candidate.sentence} [{n}]",
                wording=topic.wording.say(request.address),
                sector_wide=topic.sector_wide,
                citations=[n],
            )
        )
    return suggestions, citations
