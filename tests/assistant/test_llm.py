"""The optional LLM engine, driven by LangChain's fake chat models: citation checks and fallbacks."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.llm import LLMUnavailable, build_prompt, check_generated, generate_answer
from assistant.query import analyse_query
from assistant.retrieval import Passage
from tests.builders import make_passage


def _passage(n: int, text: str, section: str = "Werving en selectie") -> Passage:
    return make_passage(text, f"c{n}", "blauwdruk", section, title="Ruimte voor Groei", kind="blauwdruk")


PASSAGES = [
    _passage(1, "Het ontwikkeltraject duurt een jaar. Deelnemers krijgen een buddy binnen de gemeente."),
    _passage(2, "Aantal deelnemende gemeenten: 38 van de 56 gemeenten in Brabant.", section="Infographic"),
]
QUESTION = "Hoe lang duurt het ontwikkeltraject en hoeveel gemeenten doen mee?"


def _answer(reply: str):
    model = FakeListChatModel(responses=[reply])
    return generate_answer(model, QUESTION, QUESTION, analyse_query(QUESTION), PASSAGES)


def test_prompt_numbers_the_passages_and_demands_citations() -> None:
    system, human = build_prompt(QUESTION, PASSAGES)
    assert "[1]" in system.content and "verzin" in system.content
    assert "[1] Ruimte voor Groei" in human.content and "[2] Ruimte voor Groei" in human.content
    assert QUESTION in human.content


def test_supported_sentences_are_kept_with_exact_quotes() -> None:
    answer = _answer("Het ontwikkeltraject duurt een jaar [1]. Er doen 38 gemeenten in Brabant mee [2].")
    assert answer.engine == "llm" and not answer.abstained and answer.notice is None
    assert [c.n for c in answer.citations] == [1, 2]
    for citation in answer.citations:
        assert citation.quote in PASSAGES[citation.n - 1].text
    assert answer.citations[1].quote.startswith("Aantal deelnemende gemeenten")


def test_unsupported_and_dangling_citations_are_dropped() -> None:
    reply = (
        "Het ontwikkeltraject duurt een jaar [1]. "
        "Deelnemers verdienen 5000 euro per maand bij de provincie [1]. "
        "Er is ook een vliegende keep [7]."
    )
    kept, cited, dropped = check_generated(reply, PASSAGES)
    assert kept == ["Het ontwikkeltraject duurt een jaar [1]."]
    assert cited == [(kept[0], 1)]
    assert len(dropped) == 2
    answer = _answer(reply)
    assert "5000" not in answer.text and "[7]" not in answer.text
    assert answer.notice and "2 zin(nen)" in answer.notice


def test_sentences_without_any_citation_are_dropped() -> None:
    kept, _, dropped = check_generated(
        "Dit is een mooie vraag. Het ontwikkeltraject duurt een jaar [1].", PASSAGES
    )
    assert kept == ["Het ontwikkeltraject duurt een jaar [1]."]
    assert dropped == ["Dit is een mooie vraag."]


def test_nothing_supported_raises_for_fallback() -> None:
    with pytest.raises(LLMUnavailable):
        _answer("De salarissen zijn hoog in Limburg [2].")


def test_model_error_raises_for_fallback() -> None:
    class Broken(FakeListChatModel):
        def _call(self, *args, **kwargs) -> str:
            raise TimeoutError("no answer in time")

    with pytest.raises(LLMUnavailable, match="TimeoutError"):
        generate_answer(Broken(responses=["x"]), QUESTION, QUESTION, analyse_query(QUESTION), PASSAGES)


def test_model_saying_no_answer_abstains() -> None:
    answer = _answer("De documenten geven hierover geen antwoord.")
    assert answer.abstained and answer.citations == [] and answer.engine == "llm"
