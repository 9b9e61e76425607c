"""The extractive answer engine on hand-built passages: what it picks, how it cites, when it abstains.

No index: the passages are written here and the term weights are BM25 idf values computed over them,
the way the keyword index computes them over the corpus.
"""

import math
import re

import pytest

from assistant.answer import ENGLISH_NOTE, NO_ANSWER_EN, NO_ANSWER_NL, Answer, compose_answer
from assistant.core.sentences import split_sentences
from assistant.core.text_nl import analyse
from assistant.query import analyse_query
from assistant.retrieval import Passage

ABSTAIN_BELOW = 0.5
PIECE = re.compile(r"(.+?)\s*\[(\d+)\]", re.DOTALL)

TEXTS = {
    "dalfsen": (
        "Dalfsen: Digitaal Leerplatform",
        "De gemeente Dalfsen bouwde een digitaal leerplatform voor de Omgevingswet. "
        "Medewerkers bepalen daar met 360 graden feedback hun eigen leerdoelen. "
        "Het weer was die dag bijzonder mooi.",
    ),
    "brabant": (
        "Ruimte voor Groei",
        "Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee. "
        "Elke carrièreswitcher krijgt een vaste werkplek bij een gemeente en een opleiding van twee jaar. "
        "De deelnemers volgen één dag per week onderwijs.",
    ),
    "twente": (
        "Learning community HR",
        # Slides break sentences over lines; a quote keeps the passage's text exactly as it is.
        "De learning community HR in Twente hield 10 wekelijkse werksessies.\n"
        "Deelnemers waren bodemmedewerkers,\nteammanagers en HR-adviseurs.",
    ),
    "wethouder": (
        "Wethouder aan het woord",
        "De wethouder van Zeist vindt participatie belangrijk. Hij spreekt vaak met inwoners over hun wijk.",
    ),
    "gouda": (
        "Gouda: Datagedreven sturing",
        "In Gouda werd onderzocht welke competenties ambtenaren nodig hebben om data te gebruiken. "
        "Het resultaat is een competentieprofiel met een praktische tool.",
    ),
}


def passage(key: str, score: float = 1.0) -> Passage:
    section, text = TEXTS[key]
    return Passage(
        chunk_id=f"{key}-0000",
        document_id=key,
        document_title=f"Document {key}",
        kind="test",
        section=section,
        line_start=1,
        line_end=3,
        start=0,
        end=len(text),
        text=text,
        score=score,
    )


def idf_table() -> dict[str, float]:
    """BM25 idf of every term of the hand-built passages (sections and text, as the index does)."""
    docs = [set(analyse(f"{section} {text}")) for section, text in TEXTS.values()]
    n = len(docs)
    terms = set().union(*docs)
    return {
        t: math.log(1 + (n - sum(t in d for d in docs) + 0.5) / (sum(t in d for d in docs) + 0.5))
        for t in terms
    }


def answer_for(question: str, keys: list[str], abstain_below: float = ABSTAIN_BELOW) -> Answer:
    query = analyse_query(question)
    passages = [passage(k, score=1.0 - 0.1 * i) for i, k in enumerate(keys)]
    idf = idf_table()
    return compose_answer(question, question, query, passages, idf, abstain_below)


def cited_sentences(answer: Answer) -> list[tuple[str, int]]:
    text = answer.text.removeprefix(ENGLISH_NOTE)
    pieces = [(m.group(1).strip(), int(m.group(2))) for m in PIECE.finditer(text)]
    return [(s.removeprefix("“").removesuffix("”"), n) for s, n in pieces]


def assert_only_passage_sentences(answer: Answer) -> None:
    """Every sentence of the answer is verbatim in the passage its marker cites."""
    citations = {c.n: c for c in answer.citations}
    passages = {p.chunk_id: p for p in answer.passages}
    sentences = cited_sentences(answer)
    assert sentences, answer.text
    rest = PIECE.sub("", answer.text.removeprefix(ENGLISH_NOTE)).strip()
    assert rest == "", f"text outside cited sentences: {rest!r}"
    for sentence, n in sentences:
        assert n in citations
        assert sentence in passages[citations[n].chunk_id].text
        assert sentence in citations[n].quote
    for citation in citations.values():
        # The quote is one verbatim stretch of the passage, from its first to its last cited sentence.
        assert citation.quote in passages[citation.chunk_id].text


# --- picking and citing -------------------------------------------------------------------------------


def test_picks_the_sentence_with_the_query_terms_and_cites_it() -> None:
    answer = answer_for("Wat bouwde Dalfsen voor de Omgevingswet?", ["dalfsen", "gouda", "wethouder"])
    expected = "De gemeente Dalfsen bouwde een digitaal leerplatform voor de Omgevingswet."
    assert not answer.abstained
    assert answer.language == "nl"
    assert answer.text.startswith(f"{expected} [1]")
    assert "Het weer was die dag bijzonder mooi." not in answer.text
    first = answer.citations[0]
    assert first.n == 1
    assert first.chunk_id == "dalfsen-0000"
    assert first.document_id == "dalfsen"
    assert first.section == TEXTS["dalfsen"][0]
    assert expected in first.quote
    assert expected in TEXTS["dalfsen"][1]
    assert_only_passage_sentences(answer)


def test_numbers_are_quoted_verbatim() -> None:
    answer = answer_for(
        "Hoeveel werksessies hield de learning community HR in Twente?", ["twente", "brabant"]
    )
    assert not answer.abstained
    assert "10 wekelijkse werksessies" in answer.text
    assert answer.citations[0].chunk_id == "twente-0000"
    assert_only_passage_sentences(answer)


def test_the_best_passage_gets_number_one_whatever_its_rank() -> None:
    # The Gouda passage is ranked second by retrieval but holds the answer.
    answer = answer_for(
        "Welke competenties hebben ambtenaren in Gouda nodig voor data?", ["wethouder", "gouda"]
    )
    assert not answer.abstained
    assert answer.citations[0].chunk_id == "gouda-0000"
    assert answer.text.startswith("In Gouda werd onderzocht")
    assert_only_passage_sentences(answer)


def test_sentences_of_one_passage_share_one_citation() -> None:
    answer = answer_for(
        "Hoeveel Brabantse gemeenten deden mee en welke opleiding krijgt een carrièreswitcher?", ["brabant"]
    )
    assert not answer.abstained
    assert [c.n for c in answer.citations] == [1]
    sentences = cited_sentences(answer)
    assert len(sentences) >= 2
    assert {n for _, n in sentences} == {1}
    assert_only_passage_sentences(answer)


def test_citation_numbers_follow_first_use() -> None:
    answer = answer_for("Hoe leren medewerkers in Dalfsen en in Twente?", ["dalfsen", "twente", "gouda"])
    assert not answer.abstained
    numbers = [n for _, n in cited_sentences(answer)]
    first_use = list(dict.fromkeys(numbers))
    assert first_use == list(range(1, len(first_use) + 1))
    assert sorted(c.n for c in answer.citations) == first_use
    assert_only_passage_sentences(answer)


def test_quotes_keep_the_line_breaks_of_the_passage() -> None:
    answer = answer_for("Wie waren de deelnemers van de learning community HR in Twente?", ["twente"])
    assert not answer.abstained
    quote = answer.citations[0].quote
    assert "bodemmedewerkers,\nteammanagers" in quote
    assert_only_passage_sentences(answer)


def test_identical_sentence_in_two_passages_is_quoted_once() -> None:
    duplicate = passage("twente").model_copy(update={"chunk_id": "twente-kopie", "score": 0.9})
    query = analyse_query("Hoeveel werksessies hield de learning community HR?")
    answer = compose_answer(query.text, query.text, query, [passage("twente"), duplicate], idf_table(), 0.5)
    assert answer.text.count("10 wekelijkse werksessies") == 1


@pytest.mark.parametrize(
    "question",
    [
        "Wat bouwde Dalfsen voor de Omgevingswet?",
        "Hoeveel gemeenten deden mee aan Ruimte voor Groei?",
        "Wie waren de deelnemers van de learning community HR?",
        "Welke competenties hebben ambtenaren nodig om data te gebruiken?",
        "Hoe vaak volgen carrièreswitchers onderwijs?",
        "Wat vindt de wethouder van participatie?",
        "How many work sessions did the learning community HR in Twente hold?",
    ],
)
def test_answers_contain_only_sentences_of_the_passages(question: str) -> None:
    answer = answer_for(question, list(TEXTS))
    if answer.abstained:
        pytest.fail(f"{question!r} abstained with support {answer.support}")
    assert_only_passage_sentences(answer)
    all_sentences = {text[s.start : s.end] for _, text in TEXTS.values() for s in split_sentences(text)}
    for sentence, _ in cited_sentences(answer):
        assert sentence in all_sentences
    assert len(cited_sentences(answer)) <= 5
    assert 0.0 < answer.support <= 1.0


def test_english_question_quotes_dutch_sentences_with_a_note() -> None:
    answer = answer_for("How many work sessions did the learning community HR in Twente hold?", ["twente"])
    assert answer.language == "en"
    assert not answer.abstained
    assert answer.text.startswith(ENGLISH_NOTE + " “")
    assert "10 wekelijkse werksessies" in answer.text
    assert_only_passage_sentences(answer)


# --- abstaining -----------------------------------------------------------------------------------------


def test_abstains_when_the_question_word_is_not_in_the_documents() -> None:
    # "België" occurs in no passage: the sentence about the wethouder covers too little of the question.
    answer = answer_for("Wat verdienen wethouders in België?", ["wethouder", "dalfsen", "gouda", "twente"])
    assert answer.abstained
    assert answer.support < ABSTAIN_BELOW
    assert answer.text == NO_ANSWER_NL
    assert answer.citations == []
    assert [p.chunk_id for p in answer.passages] == ["wethouder-0000", "dalfsen-0000", "gouda-0000"]


def test_abstains_in_english_for_an_english_question() -> None:
    answer = answer_for("What is the salary of a mayor in Belgium?", ["wethouder", "gouda"])
    assert answer.language == "en"
    assert answer.abstained
    assert answer.text == NO_ANSWER_EN


def test_abstains_without_passages() -> None:
    answer = answer_for("Wat bouwde Dalfsen voor de Omgevingswet?", [])
    assert answer.abstained
    assert answer.support == 0.0
    assert answer.passages == []
    assert answer.text == NO_ANSWER_NL


def test_threshold_decides_between_answer_and_abstention() -> None:
    question, keys = "Wat vindt de wethouder van Zeist van België?", ["wethouder", "dalfsen"]
    support = answer_for(question, keys, abstain_below=0.0).support
    assert 0.0 < support < 1.0
    assert not answer_for(question, keys, abstain_below=support - 0.01).abstained
    assert answer_for(question, keys, abstain_below=support + 0.01).abstained


def test_answer_echoes_question_and_rewrite() -> None:
    query = analyse_query("Wat is een digitaal leerplatform? En in Dalfsen?")
    answer = compose_answer("En in Dalfsen?", query.text, query, [passage("dalfsen")], idf_table(), 0.5)
    assert answer.question == "En in Dalfsen?"
    assert answer.rewritten_question == query.text
    assert answer.engine == "extractief"
    assert answer.conversation_id is None
