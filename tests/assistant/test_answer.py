"""The extractive answer engine on hand-built passages: what it picks, how it shapes and cites the answer,
when it abstains. A hand-set sentence model and the fake embedder keep these tests in milliseconds."""

import re

import pytest

from assistant.answer import (
    ENGLISH_NOTE,
    NO_ANSWER_EN,
    NO_ANSWER_NL,
    Answer,
    AnswerEngine,
    Scored,
    _lead_with_what_is_asked,
    _pick,
    _render,
    refusal_notice,
)
from assistant.answer_features import QuestionProfile, passage_candidates, profile_question
from assistant.answer_lists import line_runs
from assistant.answer_words import load_answer_words
from assistant.core.sentences import split_sentences
from assistant.query import analyse_query
from tests.assistant.answer_fixtures import TEXTS, hand_engine, idf_table, passage
from tests.builders import make_passage

PROFILE = QuestionProfile([], [], None, False, frozenset(), False, False)
PIECE = re.compile(r"(.+?)\s*\[(\d+)\]", re.DOTALL)


def answer_for(question: str, keys: list[str], engine: AnswerEngine | None = None) -> Answer:
    query = analyse_query(question)
    passages = [passage(k, score=1.0 - 0.1 * i) for i, k in enumerate(keys)]
    return (engine or hand_engine()).compose(question, question, query, passages, idf_table())


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
    assert (first.n, first.chunk_id, first.document_id) == (1, "dalfsen-0000", "dalfsen")
    assert first.section == TEXTS["dalfsen"][0]
    assert expected in first.quote
    assert_only_passage_sentences(answer)


def test_a_how_much_question_is_answered_by_the_sentence_with_the_amount_first() -> None:
    # Both sentences are about the programme; only the second holds an amount.
    answer = answer_for("Hoeveel kost een deelnemer aan Ruimte voor Groei?", ["kosten"], hand_engine(0.1))
    assert not answer.abstained
    assert answer.text.startswith("De gemiddelde investering komt neer op € 18.500")
    assert_only_passage_sentences(answer)


def test_the_best_passage_gets_number_one_whatever_its_rank() -> None:
    answer = answer_for(
        "Welke competenties hebben ambtenaren in Gouda nodig voor data?", ["wethouder", "gouda"]
    )
    assert not answer.abstained
    assert answer.citations[0].chunk_id == "gouda-0000"
    assert answer.text.startswith("In Gouda werd onderzocht")
    assert_only_passage_sentences(answer)


def test_answer_is_one_answering_sentence_and_at_most_two_supporting_ones() -> None:
    answer = answer_for(
        "Hoeveel Brabantse gemeenten deden mee en welke opleiding krijgt een carrièreswitcher?",
        list(TEXTS),
    )
    assert not answer.abstained
    sentences = cited_sentences(answer)
    assert 1 <= len(sentences) <= 3
    assert sentences[0][0].startswith("Aan Ruimte voor Groei deden 38 van de 56")
    # The answering sentence always comes; supporting ones only within about 80 words.
    assert sum(len(s.split()) for s, _ in sentences[1:]) + len(sentences[0][0].split()) <= 80
    assert_only_passage_sentences(answer)


def test_a_leading_sentence_pointing_back_comes_with_the_one_it_points_at() -> None:
    answer = answer_for("Uit welke testen bestaat het online assessment?", ["toetsen"], hand_engine(0.1))
    lead = (
        "Kandidaten maken eerst een online assessment. "
        "Dit bestaat uit een capaciteitentest en een persoonlijkheidstest."
    )
    assert answer.text.startswith(f"{lead} [1]"), answer.text
    assert answer.text.count("Kandidaten maken eerst") == 1  # not again as a supporting sentence
    assert_only_passage_sentences(answer)


def test_a_pointing_sentence_is_not_joined_across_a_caption_cut_from_it() -> None:
    text = "Kandidaten maken eerst een online assessment. ONLINE ASSESSMENT Dit bestaat uit twee testen."
    found = make_passage(text, "caption-0000", "caption", "Selectie", title="Document caption", kind="test")
    engine = hand_engine(0.1)
    query = analyse_query("Uit welke testen bestaat het online assessment?")
    answer = engine.compose(query.text, query.text, query, [found], idf_table())
    assert not answer.abstained
    assert "ONLINE ASSESSMENT" not in answer.text
    assert_only_passage_sentences(answer)


def test_sentences_of_one_passage_share_one_citation() -> None:
    answer = answer_for(
        "Hoeveel Brabantse gemeenten deden mee en welke opleiding krijgt een carrièreswitcher?", ["brabant"]
    )
    sentences = cited_sentences(answer)
    assert len(sentences) >= 2
    assert {n for _, n in sentences} == {1}
    assert [c.n for c in answer.citations] == [1]


def test_quotes_keep_the_line_breaks_of_the_passage() -> None:
    answer = answer_for("Waren bodemmedewerkers en teammanagers deelnemers in Twente?", ["twente"])
    assert not answer.abstained
    assert "bodemmedewerkers,\nteammanagers" in answer.citations[0].quote
    assert_only_passage_sentences(answer)


def test_identical_sentence_in_two_passages_is_quoted_once() -> None:
    duplicate = passage("twente").model_copy(update={"chunk_id": "twente-kopie", "score": 0.9})
    query = analyse_query("Hoeveel werksessies hield de learning community HR?")
    answer = hand_engine().compose(query.text, query.text, query, [passage("twente"), duplicate], idf_table())
    assert answer.text.count("10 wekelijkse werksessies") == 1


def test_english_question_quotes_dutch_sentences_with_a_note() -> None:
    answer = answer_for("How many work sessions did the learning community HR in Twente hold?", ["twente"])
    assert answer.language == "en"
    assert not answer.abstained
    assert answer.text.startswith(ENGLISH_NOTE + " “")
    assert "10 wekelijkse werksessies" in answer.text
    assert_only_passage_sentences(answer)


# --- fragments are never quoted -----------------------------------------------------------------------------


def test_garbled_lines_and_slide_titles_are_never_quoted() -> None:
    answer = answer_for("Hoe groot is de animo voor het traject in Twente?", ["garbled"])
    assert not answer.abstained
    assert "Op basis hiervan" not in answer.text
    assert "LC HR aansluitend" not in answer.text
    assert answer.text.startswith("De animo voor het traject in Twente blijkt groot te zijn.")


# --- lists -----------------------------------------------------------------------------------------------


def test_an_enumeration_in_a_sentence_comes_out_as_a_list() -> None:
    answer = answer_for("Welke vijf persona's beschrijft de provincie?", ["persona", "gouda"])
    assert not answer.abstained
    lines = answer.text.splitlines()
    assert lines[0] == "De provincie beschrijft vijf persona's voor de werving:"
    assert lines[1:] == [
        "- Samira Strategie",
        "- Bert Beleid",
        "- Amir Advies",
        "- Vera Vergunning",
        "- Tess Toezicht [1]",
    ]
    for line in lines[1:]:
        assert line.removeprefix("- ").removesuffix(" [1]") in answer.citations[0].quote


def test_a_bulleted_list_in_the_passage_comes_out_as_a_list_and_is_quoted_whole() -> None:
    answer = answer_for("Welke drie stappen kent het wervingsproces van Zwolle?", ["stappen", "brabant"])
    assert not answer.abstained
    lines = answer.text.splitlines()
    assert lines[0] == "Het wervingsproces van de gemeente Zwolle kent drie stappen:"
    assert lines[1:4] == [
        "- een online kennismaking",
        "- een praktijkdag op de afdeling",
        "- een gesprek met de teamleider [1]",
    ]
    assert "een gesprek met de teamleider" in answer.citations[0].quote


def test_a_slide_s_name_lines_come_out_as_a_list_without_intro() -> None:
    # What is scored is the trained model's business; how a chosen list is shown is this test's.
    answer = answer_for("Welke persona's zijn er in Twente?", ["slide", "gouda"], hand_engine(threshold=0.0))
    assert not answer.abstained
    lines = answer.text.splitlines()
    start = lines.index("- Samira Strategie")
    assert lines[start : start + 4] == [
        "- Samira Strategie",
        "- Bert Beleid",
        "- Amir Advies",
        "- Vera Vergunning [1]",
    ]
    assert "Samira Strategie\nBert Beleid\nAmir Advies\nVera Vergunning" in answer.citations[0].quote
    assert "- Samira\n" not in answer.text  # single words on a line are layout, not items


def ranked_by_hand(question: str, keys: list[str], scores: dict[str, float]) -> tuple[list[Scored], list]:
    """The candidates of the passages `keys` with the given texts, scored by hand, best first."""
    passages = [passage(k) for k in keys]
    query = analyse_query(question)
    found = {c.text: c for c in passage_candidates(query.text, PROFILE, passages, None, load_answer_words())}
    return [Scored(found[text], score) for text, score in scores.items()], passages


def test_a_supporting_sentence_announcing_a_list_comes_with_it_or_not_at_all() -> None:
    ranked, passages = ranked_by_hand(
        "Waarom vertrekken mensen?",
        ["brabant", "redenen", "stappen"],
        {
            "Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee.": 0.9,
            "Er zijn drie belangrijke redenen om te vertrekken:": 0.8,
            "Het wervingsproces van de gemeente Zwolle kent drie stappen:": 0.7,
        },
    )
    chosen = _pick(ranked, passages)
    assert [c.text for c in chosen] == [ranked[0].candidate.text, ranked[2].candidate.text]
    text, _ = _render(chosen, passages, english=False, wants_list=False)
    assert "- een gesprek met de teamleider [2]" in text.splitlines()


def test_a_sentence_announcing_a_list_that_is_not_there_never_answers() -> None:
    ranked, passages = ranked_by_hand(
        "Waarom vertrekken mensen?",
        ["redenen", "brabant"],
        {
            "Er zijn drie belangrijke redenen om te vertrekken:": 0.9,
            "Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee.": 0.8,
        },
    )
    assert [c.text for c in _pick(ranked, passages)] == [ranked[1].candidate.text]


def test_a_label_without_a_verb_is_never_a_supporting_sentence() -> None:
    ranked, passages = ranked_by_hand(
        "Wat leverde de pilot op?",
        ["brabant", "pilot"],
        {
            "Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee.": 0.9,
            "Evaluatie en eindpresentatie van pilot 2.": 0.8,
            "De pilot leverde een werkend prototype op.": 0.7,
        },
    )
    assert [c.text for c in _pick(ranked, passages)] == [ranked[0].candidate.text, ranked[2].candidate.text]


YOUNG = (
    "Eén op de negen jonge ambtenaren vertrekt binnen een jaar bij de overheid.",
    "Dat blijkt uit een onderzoek in opdracht van het A&O fonds.",
    "Ze voelen zich niet serieus genomen door hun oudere collega's.",
)


def _young(scores: dict[str, float], text: str = " ".join(YOUNG)) -> tuple[list[Scored], list]:
    """Sentences of a passage (about young staff) and of the Brabant passage, scored by hand."""
    young = make_passage(text, "jong-0000", "jong", "Jong talent", title="Jong", kind="test")
    passages = [young, passage("brabant")]
    query = analyse_query("Hoe houden we jonge collega's binnen?")
    found = {c.text: c for c in passage_candidates(query.text, PROFILE, passages, None, load_answer_words())}
    return [Scored(found[text], score) for text, score in scores.items()], passages


def test_a_supporting_sentence_pointing_back_is_quoted_with_the_sentence_it_points_at() -> None:
    lead, source, _ = YOUNG
    other = "Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee."
    ranked, passages = _young({lead: 0.9, other: 0.8, source: 0.7})
    chosen = _pick(ranked, passages)
    # not "lead [1] other [2] Dat blijkt uit ... [1]": the source would read as the other one's
    assert [c.text for c in chosen] == [f"{lead} {source}", other]
    text, _ = _render(chosen, passages, english=False, wants_list=False)
    assert text.startswith(f"{lead} {source} [1]")


def test_a_supporting_sentence_pointing_back_at_what_is_not_quoted_stays_apart() -> None:
    lead, _, feeling = YOUNG
    ranked, passages = _young({lead: 0.9, feeling: 0.8})
    assert [c.text for c in _pick(ranked, passages)] == [lead, feeling]  # a sentence lies between them


def test_a_list_keeps_its_shape_when_the_next_sentence_points_back_at_it() -> None:
    names = "Samira Strategie\nBert Beleid\nAmir Advies\nVera Vergunning"
    after = "Zij vormen samen de doelgroep van de wervingscampagne."
    ranked, passages = _young({names: 0.9, after: 0.8}, text=f"{names}\n{after}")
    chosen = _pick(ranked, passages)
    assert [c.text for c in chosen] == [names, after]
    text, _ = _render(chosen, passages, english=False, wants_list=True)
    assert "- Samira Strategie" in text.splitlines()


def test_a_slide_s_list_comes_before_a_fact_line_of_the_same_answer() -> None:
    names = "Samira Strategie\nBert Beleid\nAmir Advies\nVera Vergunning"
    ranked, passages = ranked_by_hand(
        "Welke persona's zijn er?",
        ["pilot", "slide"],
        {"Evaluatie en eindpresentatie van pilot 2.": 0.9, names: 0.8},
    )
    assert [c.text for c in _pick(ranked, passages)] == [names]


def test_lines_in_capitals_are_headings_not_a_list() -> None:
    contents = "THUISWERKEN BEVALT\nKLOPPEND HART\nONLINE VERGADEREN\n"
    names = "Samira Strategie\nBert Beleid\nAmir Advies\n"
    runs = line_runs(contents + "Tekst.\n" + names)
    assert [(contents + "Tekst.\n" + names)[a:b] for a, b in runs] == [names.strip()]


# --- abstaining -----------------------------------------------------------------------------------------


def test_abstains_when_the_question_word_is_not_in_the_documents() -> None:
    # "België" occurs in no passage: the sentence about the wethouder covers too little of the question.
    answer = answer_for("Wat verdienen wethouders in België?", ["wethouder", "dalfsen", "gouda", "twente"])
    assert answer.abstained
    assert answer.support < answer.threshold
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


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # the passages give the number of municipalities and a duration, never the asked count
        ("Hoeveel vakantiedagen krijgt een carrièreswitcher bij Ruimte voor Groei?", False),
        ("Hoeveel subsidie kreeg Ruimte voor Groei?", False),
        ("Hoeveel gemeenten deden mee aan Ruimte voor Groei?", True),
        ("Hoeveel Brabantse gemeenten deden mee aan Ruimte voor Groei?", True),  # adjective skipped
        ("Hoeveel dagen per week gaan de deelnemers naar school?", True),  # "één dag"
        ("Hoeveel kost een deelnemer aan Ruimte voor Groei?", True),  # an amount answers any cost
        ("Hoeveel mensen deden mee aan Ruimte voor Groei?", True),  # generic: any figure will do
    ],
)
def test_a_count_question_is_answered_only_with_a_figure_of_what_it_counts(
    question: str, answered: bool
) -> None:
    # Threshold 0: only the count rule can refuse here.
    answer = answer_for(question, ["brabant", "kosten", "dalfsen"], hand_engine(threshold=0.0))
    assert answer.abstained is not answered, answer.text
    if not answered:
        assert answer.text == NO_ANSWER_NL and answer.citations == []
        counted = question.split()[1]  # as typed: "vakantiedagen", "subsidie"
        assert answer.notice == f"De documenten noemen geen aantal {counted}."
    else:
        assert answer.notice is None


def test_a_count_of_people_needs_a_figure_of_any_kind() -> None:
    engine = hand_engine(threshold=0.0)
    # the passage is about the alderman and his residents, but counts nobody
    none = answer_for("Hoeveel mensen spreekt de wethouder van Zeist over hun wijk?", ["wethouder"], engine)
    assert none.abstained and none.notice == "De documenten noemen geen aantal mensen."
    english = answer_for("How many people does the alderman of Zeist talk to?", ["wethouder"], engine)
    assert english.abstained and english.notice == "The documents give no figure for people."
    some = answer_for("Hoeveel mensen krijgen een opleiding bij Ruimte voor Groei?", ["brabant"], engine)
    assert not some.abstained and some.notice is None
    young = answer_for("Hoeveel nieuwe mensen spreekt de wethouder van Zeist?", ["wethouder"], engine)
    assert young.abstained and young.notice == "De documenten noemen geen aantal mensen."  # adjective skipped
    # money asks an amount, not "een aantal euro"
    euro = answer_for("Hoeveel euro kost de opleiding van Dalfsen?", ["dalfsen"], engine)
    assert euro.abstained and euro.notice == "De documenten noemen hiervoor geen bedrag."


def test_a_question_of_two_is_answered_for_the_part_the_passages_answer() -> None:
    engine = hand_engine(threshold=0.0)
    both = "Hoeveel vakantiedagen krijgt een switcher bij Ruimte voor Groei, en hoeveel gemeenten deden mee?"
    answer = answer_for(both, ["brabant", "kosten"], engine)
    # the municipalities are counted, the days off are not: the answer comes, and says what it lacks
    assert not answer.abstained
    assert "38 van de 56 Brabantse gemeenten" in answer.text
    assert (
        answer.notice
        == "Mogelijk ontbreekt een deel van het antwoord: De documenten noemen geen aantal vakantiedagen."
    )
    neither = (
        "Hoeveel vakantiedagen krijgt een carrièreswitcher? En hoeveel subsidie kreeg Ruimte voor Groei?"
    )
    refused = answer_for(neither, ["brabant", "kosten"], engine)
    assert refused.abstained and refused.text == NO_ANSWER_NL
    assert (
        refused.notice
        == "De documenten noemen geen aantal vakantiedagen. De documenten noemen geen aantal subsidie."
    )
    # each question leads with its own kind of answer: the amount for the cost, not the municipalities
    cost = answer_for(
        "Wat kost een carrièreswitcher bij Ruimte voor Groei, en hoeveel gemeenten deden mee?",
        ["kosten", "brabant"],
        engine,
    )
    assert cost.text.startswith("De gemiddelde investering komt neer op € 18.500"), cost.text
    english = answer_for(
        "How much did the platform in Dalfsen cost, and how many municipalities joined Ruimte voor Groei?",
        ["dalfsen", "brabant"],
        engine,
    )
    assert not english.abstained
    assert english.notice == "Part of the answer may be missing: The documents give no amount for this."
    # a yes/no question after it asks the same again: no question of its own, so the count rule refuses
    again = answer_for(
        "Hoeveel vakantiedagen krijgt een carrièreswitcher? Is dat ergens bekend?", ["brabant"], engine
    )
    assert again.abstained


def test_a_refusal_by_the_count_rule_says_what_is_missing_in_the_asker_s_language() -> None:
    engine = hand_engine(threshold=0.0)
    english = answer_for("How many municipalities does the alderman of Zeist visit?", ["wethouder"], engine)
    cost = answer_for("Wat kost de opleiding van Dalfsen?", ["dalfsen"], engine)
    assert english.abstained and english.text == NO_ANSWER_EN
    assert english.notice == "The documents give no figure for municipalities."
    assert cost.abstained and cost.notice == "De documenten noemen hiervoor geen bedrag."
    salary = answer_for("Wat verdient een carrièreswitcher bij Ruimte voor Groei?", ["brabant"], engine)
    assert salary.abstained and salary.notice == cost.notice  # figures of people, none of money
    # an amount about something else than the question asks does not answer it
    budget = answer_for("Wat verdienen wethouders in Zeist?", ["kosten", "wethouder"], engine)
    assert budget.abstained and budget.notice == cost.notice
    # an amount whose only touch with the question is money itself ("..., naast het salaris")
    salary_only = answer_for("Wat is het salaris van een wethouder?", ["kosten"], engine)
    assert salary_only.abstained and salary_only.notice == cost.notice
    cost_of_one = answer_for("Wat kost een carrièreswitcher bij Ruimte voor Groei?", ["kosten"], engine)
    assert not cost_of_one.abstained
    # an English word without a Dutch translation cannot be checked: the model alone decides
    untranslated = answer_for("How many holidays does a career switcher get?", ["brabant"], engine)
    assert untranslated.notice is None


@pytest.mark.parametrize(
    ("question", "notice"),
    [
        ("Hoeveel carrièreswitchers begonnen in de eerste lichting van Ruimte voor Groei?", None),
        ("Wanneer begon de eerste lichting van Ruimte voor Groei?", None),
        # what the passages say of the first cohort does not answer a question about the second
        (
            "Hoeveel carrièreswitchers begonnen in de tweede lichting van Ruimte voor Groei?",
            "De documenten zeggen dit niet over de tweede lichting.",
        ),
        (
            "When did the second cohort of Ruimte voor Groei start?",
            "The documents do not say this about the second cohort.",
        ),
    ],
)
def test_a_figure_asked_of_one_occurrence_must_be_said_of_that_one(question: str, notice: str | None) -> None:
    answer = answer_for(question, ["lichting", "brabant"], hand_engine(threshold=0.0))
    assert answer.abstained is (notice is not None), answer.text
    assert answer.notice == notice


def test_the_sentence_about_the_asked_occurrence_answers_first() -> None:
    # "brabant" scores at least as well on figures and words, but says nothing of the first cohort
    answer = answer_for(
        "Hoeveel carrièreswitchers deden mee in de eerste lichting van Ruimte voor Groei?",
        ["brabant", "lichting"],
        hand_engine(threshold=0.0),
    )
    assert not answer.abstained
    assert answer.text.startswith("De eerste lichting begon in september 2021 met 31 carrièreswitchers.")


@pytest.mark.parametrize(
    ("question", "keys", "notice"),
    [
        # the passages give a year and a number of carrièreswitchers, never a month name or a share
        (
            "In welke maand hield de learning community HR in Twente haar werksessies?",
            ["twente"],
            "De documenten noemen hiervoor geen maand.",
        ),
        (
            "Hoeveel procent van de Brabantse gemeenten deed mee aan Ruimte voor Groei?",
            ["kosten", "lichting"],
            "De documenten noemen hiervoor geen percentage.",
        ),
        (  # a time of day: a year does not say how late
            "Hoe laat begon de eerste lichting van Ruimte voor Groei?",
            ["lichting"],
            "De documenten noemen hiervoor geen tijdstip.",
        ),
        (  # a rate asked how high: a share, not any figure
            "Hoe hoog is het ziekteverzuim bij Ruimte voor Groei?",
            ["kosten", "lichting"],
            "De documenten noemen hiervoor geen percentage.",
        ),
        (
            "Op welke datum begon de eerste lichting?",
            ["lichting"],
            "De documenten noemen hiervoor geen datum.",
        ),
        (
            "Which municipalities took part in the learning community in Twente?",
            ["twente"],
            "The documents name none here.",
        ),
        # ... and answered where they do give one
        ("In welke maand begon de eerste lichting van Ruimte voor Groei?", ["lichting"], None),
        # a share given as a part of a whole: "38 van de 56 Brabantse gemeenten"
        ("Welk percentage van de gemeenten deed mee aan Ruimte voor Groei?", ["kosten", "brabant"], None),
        ("Welke persona's beschrijft de provincie voor de werving?", ["persona"], None),
    ],
)
def test_a_percentage_month_date_or_names_asked_needs_that_form(
    question: str, keys: list[str], notice: str | None
) -> None:
    answer = answer_for(question, keys, hand_engine(threshold=0.0))
    assert answer.abstained is (notice is not None), answer.text
    assert answer.notice == notice
    if notice is None:
        assert any(s in answer.text for s in ["september", "Samira Strategie", "38 van de 56"])


@pytest.mark.parametrize(("second", "leads"), [(0.6, True), (0.4, False)])
def test_a_sentence_giving_the_asked_form_answers_first_unless_it_is_far_behind(
    second: float, leads: bool
) -> None:
    question = "Welk percentage van de gemeenten deed mee aan Ruimte voor Groei?"
    query = analyse_query(question)
    profile = profile_question(question, query, idf_table(), load_answer_words())
    found = passage_candidates(
        question, profile, [passage("kosten"), passage("brabant")], None, load_answer_words()
    )
    share = next(c for c in found if "38 van de 56" in c.text)
    other = next(c for c in found if c.text.startswith("Ruimte voor Groei is een traject"))
    scored = [Scored(other, 0.9), Scored(share, second)]
    led = _lead_with_what_is_asked(profile, scored)
    assert (led[0].candidate is share) is leads
    assert len(led) == 2
    # far behind, the share would not lead: the answer would not give what is asked, so it is refused
    notice = refusal_notice(
        profile, scored, [passage("kosten"), passage("brabant")], "nl", load_answer_words()
    )
    assert notice == (
        None if leads else "De documenten noemen wel iets in die richting, maar niet wat er gevraagd wordt."
    )


def test_a_cost_asked_in_other_words_needs_an_amount() -> None:
    engine = hand_engine(threshold=0.0)
    for question in [
        "Wat heeft de opleiding van Dalfsen gekost?",
        "What's the budget for the platform of Dalfsen?",
        "Welk budget had Dalfsen voor het leerplatform?",
        "What does Dalfsen pay for its learning platform?",
    ]:
        answer = answer_for(question, ["dalfsen"], engine)
        assert answer.abstained, question
        assert answer.notice in {
            "De documenten noemen hiervoor geen bedrag.",
            "The documents give no amount for this.",
        }
    answered = answer_for("Wat heeft een carrièreswitcher van Ruimte voor Groei gekost?", ["kosten"], engine)
    assert not answered.abstained and "€ 18.500" in answered.text


def test_the_threshold_decides_between_answer_and_abstention() -> None:
    question, keys = "Wat vindt de wethouder van Zeist van België?", ["wethouder", "dalfsen"]
    support = answer_for(question, keys, hand_engine(threshold=0.0)).support
    assert 0.0 < support < 1.0
    below, above = hand_engine(threshold=support - 0.01), hand_engine(threshold=support + 0.01)
    assert not answer_for(question, keys, below).abstained
    assert answer_for(question, keys, above).abstained
    assert answer_for(question, keys, above).threshold == pytest.approx(support + 0.01)


def test_a_settings_threshold_overrides_the_calibrated_one() -> None:
    query = analyse_query("Wat bouwde Dalfsen voor de Omgevingswet?")
    engine = hand_engine()
    answer = engine.compose(
        query.text, query.text, query, [passage("dalfsen")], idf_table(), abstain_below=1.0
    )
    assert answer.abstained
    assert answer.threshold == 1.0


def test_answer_echoes_question_and_rewrite() -> None:
    query = analyse_query("Wat is een digitaal leerplatform? En in Dalfsen?")
    answer = hand_engine().compose("En in Dalfsen?", query.text, query, [passage("dalfsen")], idf_table())
    assert answer.question == "En in Dalfsen?"
    assert answer.rewritten_question == query.text
    assert answer.engine == "extractief"
    assert answer.conversation_id is None


# --- the packaged model ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "keys", "start"),
    [
        ("Wat bouwde Dalfsen voor de Omgevingswet?", ["dalfsen", "gouda"], "De gemeente Dalfsen bouwde"),
        (
            "Hoeveel kost een deelnemer aan Ruimte voor Groei?",
            ["kosten", "brabant"],
            "De gemiddelde investering",
        ),
    ],
)
def test_the_packaged_model_answers_plain_questions(question: str, keys: list[str], start: str) -> None:
    query = analyse_query(question)
    passages = [passage(k, score=1.0 - 0.1 * i) for i, k in enumerate(keys)]
    answer = AnswerEngine().compose(question, question, query, passages, idf_table(), abstain_below=0.0)
    assert answer.text.startswith(start)
    assert_only_passage_sentences(answer)
    all_sentences = {text[s.start : s.end] for _, text in TEXTS.values() for s in split_sentences(text)}
    assert all(sentence in all_sentences for sentence, _ in cited_sentences(answer))
