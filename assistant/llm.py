"""Optional LLM answer engine (LangChain chat models), checked against the sources after generation.

The model sees numbered passages and must cite them with [n]. Afterwards every sentence is checked: its
markers must point at given passages and its content words must be found in the cited passage. Sentences
that fail are dropped and reported; when nothing usable remains, or the model errs or times out, the
caller falls back to the extractive engine.
"""

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer import NO_ANSWER_NL, Answer, Citation
from assistant.core.config import Settings
from assistant.core.sentences import split_sentences
from assistant.core.text_nl import analyse, fold
from assistant.query import AnalysedQuery
from assistant.retrieval import Passage

SYSTEM_PROMPT = (
    "Je bent een HR-assistent voor de Nederlandse publieke sector. Beantwoord de vraag uitsluitend met "
    "informatie uit de genummerde passages. Zet achter elke zin het nummer van de passage waar die zin op "
    "steunt, als [1] of [2]. Gebruik geen kennis van buiten de passages en verzin geen namen of getallen. "
    "Staat het antwoord niet in de passages, antwoord dan precies: 'De documenten geven hierover geen "
    "antwoord.' Antwoord in het Nederlands, in 2 tot 6 korte zinnen; is de vraag Engels, antwoord in het "
    "Engels en zeg dat de bronnen Nederlands zijn."
)
_MARKER = re.compile(r"\[(\d+)\]")
_MIN_SUPPORT = 0.6  # share of a sentence's content stems that must occur in its cited passage


class LLMUnavailable(Exception):
    """The model could not give a usable, supported answer; the extractive engine takes over."""


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """The configured chat model, or None for the default extractive engine."""
    match settings.llm_provider:
        case "none":
            return None
        case "openai":
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(
                model=settings.llm_model,
                base_url=settings.llm_base_url or None,
                api_key=settings.llm_api_key or "not-needed",
                timeout=settings.llm_timeout,
                max_retries=0,
                temperature=0,
            )
        case "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(
                model=settings.llm_model,
                base_url=settings.llm_base_url or None,
                temperature=0,
                client_kwargs={"timeout": settings.llm_timeout},
            )


def build_prompt(question: str, passages: list[Passage]) -> list:
    numbered = "\n\n".join(
        f"[{n}] {p.document_title} — {p.section}\n{p.text}" for n, p in enumerate(passages, start=1)
    )
    return [SystemMessage(SYSTEM_PROMPT), HumanMessage(f"Passages:\n\n{numbered}\n\nVraag: {question}")]


def _support(sentence: str, passage: Passage) -> float:
    claim = set(analyse(_MARKER.sub("", sentence)))
    if not claim:
        return 1.0
    return len(claim & set(analyse(" ".join([passage.section, passage.text])))) / len(claim)


def _best_quote(sentence: str, passage: Passage) -> str:
    """The passage sentence that shares most words with a generated sentence: the exact quote to show."""
    claim = set(analyse(_MARKER.sub("", sentence)))
    candidates = [passage.text[s.start : s.end].strip() for s in split_sentences(passage.text)] or [
        passage.text
    ]
    return max(candidates, key=lambda s: len(claim & set(analyse(s))))


def check_generated(text: str, passages: list[Passage]) -> tuple[list[str], list[tuple[str, int]], list[str]]:
    """Split generated text into kept sentences (with their cited passage numbers) and dropped ones."""
    kept: list[str] = []
    citations: list[tuple[str, int]] = []
    dropped: list[str] = []
    for sentence in (text[s.start : s.end].strip() for s in split_sentences(text)):
        numbers = [int(n) for n in _MARKER.findall(sentence)]
        valid = numbers and all(1 <= n <= len(passages) for n in numbers)
        if valid and all(_support(sentence, passages[n - 1]) >= _MIN_SUPPORT for n in numbers):
            kept.append(sentence)
            citations.extend((sentence, n) for n in numbers)
        elif not _MARKER.search(sentence) and not set(analyse(sentence)):
            continue  # punctuation or an empty line
        else:
            dropped.append(sentence)
    return kept, citations, dropped


def generate_answer(
    model: BaseChatModel, question: str, rewritten: str, query: AnalysedQuery, passages: list[Passage]
) -> Answer:
    """An LLM answer whose every kept sentence is supported by the passage it cites."""
    try:
        reply = model.invoke(build_prompt(rewritten, passages))
    except Exception as exc:  # any client, network or timeout error: fall back, never fail the request
        raise LLMUnavailable(f"het taalmodel gaf een fout ({type(exc).__name__})") from exc
    text = str(reply.content)
    if not _MARKER.search(text) and fold(NO_ANSWER_NL.rstrip(".")) in fold(text):
        return Answer(
            question=question,
            rewritten_question=rewritten,
            language=query.language,
            text=NO_ANSWER_NL,
            citations=[],
            abstained=True,
            support=0.0,
            passages=passages[:3],
            engine="llm",
        )
    kept, cited, dropped = check_generated(text, passages)
    if not kept:
        raise LLMUnavailable("het taalmodel gaf geen antwoord dat door de bronnen wordt gedekt")
    quotes: dict[int, list[str]] = {}
    for sentence, n in cited:
        quote = _best_quote(sentence, passages[n - 1])
        if quote not in quotes.setdefault(n, []):
            quotes[n].append(quote)
    citations = [
        Citation(
            n=n,
            chunk_id=passages[n - 1].chunk_id,
            document_id=passages[n - 1].document_id,
            document_title=passages[n - 1].document_title,
            section=passages[n - 1].section,
            page=passages[n - 1].page,
            quote=" ".join(quotes[n]),
        )
        for n in sorted(quotes)
    ]
    notice = (
        f"{len(dropped)} zin(nen) van het taalmodel weggelaten: niet gedekt door de bronnen."
        if dropped
        else None
    )
    return Answer(
        question=question,
        rewritten_question=rewritten,
        language=query.language,
        text=" ".join(kept),
        citations=citations,
        abstained=False,
        support=round(min(_support(s, passages[n - 1]) for s, n in cited), 3),
        passages=passages,
        engine="llm",
        notice=notice,
    )
