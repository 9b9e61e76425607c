"""The answer engine with the real model over the real corpus: the issue's examples as a recruiter asks
them. Slow: it needs the session's real index."""

import re

import pytest

from assistant.answer import NO_ANSWER_NL
from assistant.answer_words import load_answer_words
from assistant.conversations import ConversationStore
from assistant.core.quotable import fragment_of
from assistant.retrieval import IndexReader, Retriever
from assistant.service import Assistant

pytestmark = pytest.mark.slow
PIECE = re.compile(r"(.+?)\s*\[(\d+)\]", re.DOTALL)


@pytest.fixture(scope="module")
def assistant(corpus_index, embedder, tmp_path_factory) -> Assistant:
    settings, _report = corpus_index
    retriever = Retriever(settings, embedder, IndexReader(settings), dense_weight=settings.dense_weight)
    conversations = ConversationStore(tmp_path_factory.mktemp("answers") / "conversations.sqlite")
    return Assistant(settings, embedder, retriever, conversations)


def test_the_cost_per_participant_is_answered_with_the_amount(assistant: Assistant) -> None:
    answer = assistant.ask("Hoeveel kost Ruimte voor Groei per deelnemer?", remember=False)
    assert not answer.abstained
    assert "18.500" in answer.text


def test_the_issue_s_own_wording_finds_the_amount(assistant: Assistant) -> None:
    # The passage with the amount never names the programme: its neighbour does.
    answer = assistant.ask("Hoeveel kost een deelnemer aan Ruimte voor Groei?", remember=False)
    assert not answer.abstained
    assert "18.500" in answer.text.split("[1]")[0]  # the answering sentence comes first


def test_the_first_cohort_is_answered_with_its_figures(assistant: Assistant) -> None:
    # the sentence says "249 kandidaten", not "deelnemers": the count is named in other words
    answer = assistant.ask(
        "Hoeveel deelnemers waren er in de eerste lichting van Ruimte voor Groei?", remember=False
    )
    assert not answer.abstained
    assert "249" in answer.text.split("[1]")[0]


def test_typing_errors_do_not_have_a_question_refused(assistant: Assistant) -> None:
    typed = "Hoeveel kost een deelnmer aan Ruimte voor Groie?"
    answer = assistant.ask(typed, remember=False)
    assert answer.question == typed
    assert answer.read_as == "Hoeveel kost een deelnemer aan Ruimte voor Groei?"
    assert not answer.abstained
    assert "18.500" in answer.text


def test_a_closing_remark_does_not_change_the_answer(assistant: Assistant) -> None:
    # "bron" and "bedankt" are rare words of the corpus: counted as the question's, they had it refused
    plain = assistant.ask("Wat kost een deelnemer aan Ruimte voor Groei?", remember=False)
    for remark in ["Graag met bron.", "Alvast bedankt!"]:
        answer = assistant.ask(f"Wat kost een deelnemer aan Ruimte voor Groei? {remark}", remember=False)
        assert not answer.abstained
        assert answer.text == plain.text


def test_a_count_the_documents_do_not_give_is_refused_with_what_is_missing(assistant: Assistant) -> None:
    question = "Hoeveel vakantiedagen krijgt een trainee in het mbo-traineeship van de gemeente Amsterdam?"
    answer = assistant.ask(question, remember=False)
    assert answer.abstained and answer.text == NO_ANSWER_NL
    assert answer.notice == "De documenten noemen geen aantal vakantiedagen."
    assert answer.passages  # the nearest passages are still offered


def test_a_follow_up_in_a_conversation_carries_the_subject(assistant: Assistant) -> None:
    first = assistant.ask("Wat is Ruimte voor Groei?")
    follow = assistant.ask("En hoeveel kost dat per deelnemer?", conversation_id=first.conversation_id)
    assert follow.rewritten_question.startswith("Wat is Ruimte voor Groei?")
    complete = assistant.ask("Hoeveel kost een deelnemer aan Ruimte voor Groei?", first.conversation_id)
    assert complete.rewritten_question == "Hoeveel kost een deelnemer aan Ruimte voor Groei?"


def test_a_question_about_something_absent_is_refused(assistant: Assistant) -> None:
    answer = assistant.ask("Wat verdient een wethouder in België per maand?", remember=False)
    assert answer.abstained
    assert answer.text == NO_ANSWER_NL
    # refused by the weak support, or by the pay rule that says what is missing
    assert answer.support < answer.threshold or answer.notice == "De documenten noemen hiervoor geen bedrag."


@pytest.mark.parametrize(
    "question",
    [
        "Wat doet de learning community HR in Twente?",
        "Waarom is er zoveel animo voor Ruimte voor Groei?",
        "Welke persona's zijn er voor de bodemtaken?",
        "Hoe werven gemeenten zij-instromers?",
    ],
)
def test_quoted_sentences_are_never_fragments(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question, remember=False)
    lexicon = load_answer_words()
    passages = {c.n: next(p for p in answer.passages if p.chunk_id == c.chunk_id) for c in answer.citations}
    pieces = [(m.group(1).strip(), int(m.group(2))) for m in PIECE.finditer(answer.text)]
    assert pieces or answer.abstained
    for quoted, n in pieces:
        # A list: its introducing sentence is checked as a quote, its items verbatim; a slide's name lines
        # have no introducing sentence.
        piece, *items = re.split(r"(?:^|\n)- ", quoted)
        passage = passages[n]
        assert all(item.strip() in passage.text for item in items)
        if not piece.strip():
            continue
        start = passage.text.index(piece)
        fragment = fragment_of(piece, passage.text, start, passage.section, lexicon)
        assert not fragment.never_quote, piece
    assert len(answer.text.split()) <= 160  # about 80 words of quotes, with markers and a list at most
