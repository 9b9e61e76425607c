"""The onderbouwing: corpus practices per persona and section, each offered as a suggestion.

A topic (an offer in vacancy_nl.yaml) is searched for together with the persona's field and target
groups, so a toezichthouder gets practices about toezicht, and a carrièreswitcher role practices about
zij-instroom. A practice is one verbatim sentence of a passage, cited; it never enters the vacancy
text. What accepting inserts is the topic's fixed, neutral wording.
"""

import re
from dataclasses import dataclass

from assistant.answer import Citation
from assistant.answer_words import load_answer_words
from assistant.core.quotable import Fragment, fragment_of, strip_caption
from assistant.core.sentences import split_sentences
from assistant.core.text_nl import stems, wordset
from assistant.personas import PersonaCard
from assistant.retrieval import Passage
from assistant.vacancy.models import Suggestion
from assistant.vacancy.request import VacancyRequest
from assistant.vacancy.wording import Area, Offer, VacancyWording

PASSAGES_PER_QUERY = 6
# A practice must contain the topic's own words, which keyword search finds directly; it also keeps a
# draft's dozens of queries free of embedding work.
SEARCH_MODE = "keyword"
PRACTICE_WORDS = (6, 35)
# Sentences that lean on what came before them do not stand alone as a practice.
_DEPENDENT_STARTS = wordset(
    "dit dat deze die zo daarom daarnaast ook hierbij daarbij dan toch maar en want hij zij ze"
)
# Words that date a sentence to its publication or to the pandemic, words of a speaker's own story,
# and words that point back at an earlier sentence.
_DATED_OR_PERSONAL = wordset(
    "corona coronacrisis pandemie lockdown inmiddels voorlopig tijdje momenteel onlangs "
    "binnenkort straks ik mij me mijn ons onze hiervan hiermee hierin hierdoor hiervoor "
    "daarvan daarmee daarin daardoor daarbij zulke alsmede genoemde bovengenoemde"
)
_ARTICLES = wordset("de het een")
# 'Het omvat ...', 'Het is dan ook ...': 'het' pointing back at something said before.
_POINTING_IT = re.compile(r"^Het (?:is|omvat|gaat|was|wordt|kan|heeft|moet|blijft|zorgt)\b|\bdan ook\b")


@dataclass(frozen=True)
class _Candidate:
    score: float
    sentence: str
    passage: Passage


def persona_areas(persona: PersonaCard, wording: VacancyWording) -> list[Area]:
    """The persona's role, field of work and target groups: the vocabulary its evidence must speak."""
    role_words = [w for w in persona.role.lower().split() if len(w) > 3]
    areas = [Area(label=persona.role, terms=persona.role.lower(), anchors=role_words)] if role_words else []
    if persona.chain_position.value in wording.fields:
        areas.append(wording.fields[persona.chain_position.value])
    return areas + [wording.target_groups[g] for g in persona.target_groups if g in wording.target_groups]


def topics_for(persona: PersonaCard, request: VacancyRequest, wording: VacancyWording) -> list[Offer]:
    """Offers that suit this persona and are not yet in the text as a ticked wish."""
    own = {persona.chain_position.value, *persona.target_groups}
    return [
        o
        for o in wording.offers
        if o.queries and o.key not in request.wishes and (not o.for_ or own & set(o.for_))
    ]


def _hits(text_stems: set[str], words: list[str]) -> int:
    return sum(1 for word in words if set(stems(word)) & text_stems)


def usable_practice(sentence: str, fragment: Fragment) -> bool:
    """Whether a sentence tells a practice on its own: quotable at all (`fragment`, the shared check of
    assistant.core.quotable), plain length, no speech, not dated, not pointing back."""
    words = sentence.split()
    if fragment.never_quote or not PRACTICE_WORDS[0] <= len(words) <= PRACTICE_WORDS[1]:
        return False
    lowered = {w.strip(".,:;!?‘’'“”\"()").lower() for w in words}
    if words[0].lower() in _DEPENDENT_STARTS or lowered & _DATED_OR_PERSONAL:
        return False
    # Stricter than the shared check, which lets a quote open with a figure or a quotation mark: a practice
    # opens the way a sentence of the onderbouwing does.
    if not sentence[:1].isupper() or re.search(r"[“”\"<>]", sentence) or _POINTING_IT.search(sentence):
        return False
    if sentence[-1] in ".!":
        return True
    # A slide line without a full stop is a statement only when it reads as one, not a list of keywords; the
    # shared check lets such lines through when they have a verb, for the answer engine's model to weigh.
    return sentence[-1].isalpha() and bool(lowered & _ARTICLES)


def _candidates(searcher, topic: Offer, areas: list[Area]) -> list[_Candidate]:
    """Sentences about the topic, ranked by retrieval score plus how much they speak to the persona."""
    area_words = [word for area in areas for word in area.anchors]
    lexicon = load_answer_words()
    queries = [f"{query} {area.terms}" for query in topic.queries for area in areas] + list(topic.queries)
    found: dict[str, _Candidate] = {}
    for query in queries:
        for passage in searcher.search(query, k=PASSAGES_PER_QUERY, mode=SEARCH_MODE):
            for span in split_sentences(passage.text):
                sentence = strip_caption(passage.text[span.start : span.end])
                sentence_stems = set(stems(sentence))
                topic_hits = _hits(sentence_stems, topic.anchors)
                if not topic_hits:
                    continue
                fragment = fragment_of(sentence, passage.text, span.start, passage.section, lexicon)
                if not usable_practice(sentence, fragment):
                    continue
                persona_hits = _hits(sentence_stems, area_words)
                if not persona_hits and not topic.sector_wide:
                    continue  # about the topic but not about this persona: it would fit every vacancy
                # Named organisations make a practice concrete ("Leeuwarden koppelt ... aan een buddy").
                named = any(word[:1].isupper() for word in sentence.split()[1:])
                score = passage.score + 0.2 * topic_hits + 0.3 * persona_hits + 0.1 * named
                if sentence not in found or found[sentence].score < score:
                    found[sentence] = _Candidate(score, sentence, passage)
    return sorted(found.values(), key=lambda c: (-c.score, c.sentence))


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
                practice=f"{candidate.sentence} [{n}]",
                wording=topic.wording.say(request.address),
                sector_wide=topic.sector_wide,
                citations=[n],
            )
        )
    return suggestions, citations
