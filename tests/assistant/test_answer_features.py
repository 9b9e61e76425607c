"""Features of candidate sentences, the answer types asked for, the word lists and the sentence-vector
cache."""

import numpy as np
import pytest
import yaml
from pydantic import ValidationError

from assistant.answer_features import (
    FEATURES,
    counts_the_unit,
    passage_candidates,
    profile_question,
)
from assistant.answer_parts import asked_parts
from assistant.answer_types import holds_type
from assistant.answer_words import DATA_DIR, AnswerWords, load_answer_words
from assistant.core.embeddings import FakeEmbedder
from assistant.core.text_nl import analyse, fold
from assistant.query import analyse_query
from assistant.sentence_vectors import SentenceVectors
from tests.assistant.answer_fixtures import idf_table, passage

LEXICON = load_answer_words()


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hoeveel kost een deelnemer aan Ruimte voor Groei?", "number"),
        ("Wat kost het traject per persoon?", "number"),
        ("How much does a participant cost?", "number"),
        ("Wat is het bruto salaris van een trainee?", "number"),
        ("What is the salary of a trainee?", "number"),
        ("Wat heeft de VR-game van Leeuwarden gekost?", "number"),
        ("Wat betaal je voor de vervolgopleiding?", "number"),
        ("What's the budget for the learning community?", "number"),
        ("What hourly rate do interim advisers charge?", "number"),
        ("Welk budget is er voor de pilot?", "number"),
        ("What does the province pay the agency?", "number"),
        ("What did the alderman do to pay attention to newcomers?", None),
        ("What do trainees spend their time on?", None),
        ("Voor welke datum moet een gemeente zich melden?", "date"),
        ("Wanneer startte het eerste cohort?", "date"),
        ("In welk jaar begon de pilot?", "date"),
        ("When did the pilot start?", "date"),
        ("Wie leidt de learning community?", "name"),
        ("Welke gemeenten doen mee?", "name"),
        ("Who runs the programme?", "name"),
        ("Welke vijf persona's zijn er?", "list"),
        ("Hoe lang duurt het traineeship?", "duration"),
        ("Hoeveel tijd kost de begeleiding per week?", "duration"),
        ("How long does the training take?", "duration"),
        ("Which five personas are described?", "list"),
        ("Hoe begeleidt Ruimte voor Groei carrièreswitchers?", None),
        ("Waarom is er een tekort aan ICT'ers?", None),
    ],
)
def test_answer_type_of_a_question(question: str, kind: str | None) -> None:
    assert LEXICON.answer_type(question) == kind


@pytest.mark.parametrize(
    ("text", "kind", "holds"),
    [
        ("De investering is € 18.500 per deelnemer.", "number", True),
        ("De deelnemers volgen één dag per week onderwijs.", "number", True),
        ("Het traject is een succes.", "number", False),  # "een" is not "één"
        # the day of a date counts nothing; a figure beside it does
        ("Looptijd: 15 mei - 16 oktober 2022", "number", False),
        ("Op 01-01-2023 gaat de Omgevingswet in.", "number", False),
        ("Op 1 maart 2020 begonnen 12 trainees.", "number", True),
        ("De pilot duurde drie maanden.", "duration", True),
        ("Het traineeship duurt een jaar.", "duration", True),
        ("Begeleiding kost 4 uur per week.", "duration", True),
        ("Er deden 38 gemeenten mee.", "duration", False),
        ("Het traject startte in september 2023.", "date", True),
        ("Het traject startte na de zomer.", "date", True),
        ("Het traject is een succes.", "date", False),
        ("Het traject wordt geleid door Anna de Vries.", "name", True),
        ("De provincie leidt het traject.", "name", True),
        ("Deelnemers waren bodemmedewerkers, teammanagers en HR-adviseurs.", "name", True),
        ("het traject wordt goed ontvangen.", "name", False),
        ("De rollen: strateeg, adviseur, toezichthouder.", "list", True),
        ("Het traject wordt goed ontvangen.", "list", False),
    ],
)
def test_holds_the_answer_type(text: str, kind: str, holds: bool) -> None:
    assert holds_type(text, kind, LEXICON, in_list=False) is holds


@pytest.mark.parametrize(
    ("question", "text", "holds"),
    [
        ("Welk rapportcijfer gaven de deelnemers?", "De deelnemers gaven de cursus een 7,8.", True),
        ("Welk rapportcijfer gaven de deelnemers?", "De cursus duurt 1,5 jaar.", False),  # a duration
        ("Welk rapportcijfer gaven de deelnemers?", "Het budget is 2,5 miljoen euro.", False),
        ("Welk percentage van de gemeenten doet mee?", "Er doen 38 (van de 56 gemeenten) mee.", True),
        ("Welk percentage van de gemeenten doet mee?", "Ruim de helft doet mee.", True),
        ("Hoe hoog is het ziekteverzuimpercentage?", "Het verzuim is 5,2 procent.", True),
        ("How high was the sickness absence?", "Het verzuim daalde naar 4%.", True),
        ("Welk rapportcijfer gaven de deelnemers?", "Het kost 2,5 mln euro.", False),
        ("Welk rapportcijfer gaven de deelnemers?", "Ze gaven een 7,5, jaarlijks gemeten.", True),
        ("Welk percentage van de gemeenten doet mee?", "In de nacht van 1 op 2 januari.", False),
        ("Hoe laat begint de sessie?", "De sessie begint om 9.30 uur.", True),
        ("Hoe laat begint de sessie?", "De sessie begon in 2017.", False),
        ("Welk percentage van de gemeenten doet mee?", "Er doen 38 gemeenten mee.", False),
        ("Welke gemeenten doen mee?", "Venlo, Sittard-Geleen, Heerlen en Maastricht doen mee.", True),
        ("Welke gemeenten doen mee?", "Het loopt in de regio Noord- en Midden-Limburg.", False),  # one region
    ],
)
def test_the_form_a_question_asks(question: str, text: str, holds: bool) -> None:
    form = LEXICON.answer_form(question)
    assert form is not None and form.held_by(text) is holds


def features_for(question: str, keys: list[str]):
    query = analyse_query(question)
    profile = profile_question(question, query, idf_table(), LEXICON)
    passages = [passage(k, score=1.0 - 0.1 * i) for i, k in enumerate(keys)]
    vectors = SentenceVectors(FakeEmbedder())
    return {c.text: c.features for c in passage_candidates(query.text, profile, passages, vectors, LEXICON)}


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Hoeveel kost een deelnemer aan Ruimte voor Groei?", []),
        # a situation told first is no question
        ("We willen zij-instromers werven. Wat moeten we per persoon begroten?", []),
        (
            "Met wie werd een game verkend? En hoeveel begeleiders deden er actief aan mee?",
            ["Met wie werd een game verkend?", "En hoeveel begeleiders deden er actief aan mee?"],
        ),
        (
            "Met hoeveel plekken begint Tilburg, en hoeveel wil men er later bij?",
            ["Met hoeveel plekken begint Tilburg", "hoeveel wil men er later bij?"],
        ),
        (
            "When did the pilot start, and on what date did it end?",
            ["When did the pilot start", "on what date did it end?"],
        ),
        (
            "Hoeveel vakantiedagen krijgt een switcher? En sinds wanneer bestaat het programma?",
            ["Hoeveel vakantiedagen krijgt een switcher?", "En sinds wanneer bestaat het programma?"],
        ),
        # a yes/no question restating the one before, or a piece too short to ask anything
        ("Hoeveel burgers draaien mee als hulpagent? Is daar een aantal van bekend?", []),
        ("Welke kosten en wat levert het op?", []),
        ("Wie en wat zijn er betrokken bij het project?", []),
        # "en" without a comma goes on the question it is part of
        ("Hoeveel vakantiedagen krijgt een carrièreswitcher en wat moet hij daarvoor doen?", []),
        ("Hoeveel deelnemers weten nog niet hoe en wanneer ze starten?", []),
    ],
)
def test_the_questions_a_text_asks(question: str, parts: list[str]) -> None:
    assert asked_parts(question, LEXICON) == (parts or [question])


def test_every_candidate_has_every_feature_in_range() -> None:
    found = features_for("Hoeveel gemeenten deden mee aan Ruimte voor Groei?", ["brabant", "kosten", "gouda"])
    assert found
    for features in found.values():
        assert set(features) == set(FEATURES)
        assert 0.0 <= features["coverage"] <= features["coverage_with_context"] <= 1.0
        assert features["coverage_with_context"] <= features["coverage_with_previous"] <= 1.0
        assert -1.0 <= features["coverage_gap"] <= 0.0
        assert -1.0 <= features["dense"] <= 1.0
        assert 0.0 < features["passage_rank"] <= 1.0


def test_type_focus_and_rank_features() -> None:
    found = features_for("Hoeveel gemeenten deden mee aan Ruimte voor Groei?", ["brabant", "gouda"])
    number = found["Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee."]
    other = found["In Gouda werd onderzocht welke competenties ambtenaren nodig hebben om data te gebruiken."]
    assert number["type_present"] == 1.0 and number["type_missing"] == 0.0
    assert other["type_missing"] == 1.0
    assert number["passage_rank"] > other["passage_rank"]
    assert number["coverage"] > other["coverage"]
    assert number["dense"] > other["dense"]  # the fake embedder: shared words are near
    assert number["dense_gap"] == 0.0 and other["dense_gap"] < 0.0


def test_the_sentence_that_asks_is_compared_on_its_own() -> None:
    ask = "Hoeveel gemeenten deden mee aan Ruimte voor Groei?"
    situated = f"In Gouda werd onderzocht welke competenties ambtenaren nodig hebben. {ask}"
    found = features_for(situated, ["brabant", "gouda"])
    number = found["Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee."]
    other = found["In Gouda werd onderzocht welke competenties ambtenaren nodig hebben om data te gebruiken."]
    # the situation told first makes the Gouda sentence look like the answer to the whole question ...
    assert other["dense"] > number["dense"]
    # ... but not to the sentence that asks, by meaning and by words
    assert number["dense_asking"] > other["dense_asking"]
    assert other["coverage"] > number["coverage"]
    assert number["coverage_asking"] > other["coverage_asking"] == 0.0
    alone = features_for(ask, ["brabant"])
    assert all(f["dense_asking"] == f["dense"] for f in alone.values())
    assert all(f["coverage_asking"] == f["coverage_with_context"] for f in alone.values())
    # an English question's concepts come from phrases and translations ("how much" -> kost, bedrag): a
    # question of one sentence asks all of them
    english = "How much does a career switcher cost?"
    query = analyse_query(english)
    profile = profile_question(english, query, idf_table(), LEXICON)
    assert len(profile.concepts) > 1 and profile.asking == profile.concepts


def test_a_sentence_pointing_back_is_judged_with_the_one_before() -> None:
    found = features_for("Hoe ziet het online assessment voor kandidaten eruit?", ["toetsen"])
    pointing = found["Dit bestaat uit een capaciteitentest en een persoonlijkheidstest."]
    plain = found["Zij krijgen de uitslag binnen een week."]
    assert pointing["coverage"] == 0.0
    assert pointing["coverage_with_previous"] > pointing["coverage_with_context"]
    # "Zij" points back too, but only to the sentence right before it, which names nothing asked.
    assert plain["coverage_with_previous"] == plain["coverage_with_context"]


def test_fragments_are_not_candidates() -> None:
    found = features_for("Hoe groot is de animo voor het traject in Twente?", ["garbled"])
    assert list(found) == ["De animo voor het traject in Twente blijkt groot te zijn."]


def test_an_unknown_dutch_word_is_the_focus_and_counts_against_coverage() -> None:
    found = features_for("Wat verdienen wethouders in België?", ["wethouder"])
    assert all(f["focus_in_sentence"] == 0.0 and f["focus_in_passage_only"] == 0.0 for f in found.values())
    assert all(f["coverage"] < 0.5 for f in found.values())


def test_a_compound_the_documents_never_use_whole_is_asked_as_its_parts() -> None:
    question = "Hoe lang duurt zo'n opleidingstraject?"
    idf = idf_table()
    assert "opleidingstraject" not in idf and {"opleid", "traject"} <= set(idf)
    profile = profile_question(question, analyse_query(question), idf, LEXICON)
    assert {frozenset({"opleid"}), frozenset({"traject"})} <= {c for c, _ in profile.concepts}
    assert not any("opleidingstraject" in c for c in profile.focus)  # not an unknown word
    # a word the documents do not know at all, whole or in parts, stays unknown: the focus
    unknown = "Hoeveel kost een veerpont?"
    assert frozenset({"veerpont"}) in profile_question(unknown, analyse_query(unknown), idf, LEXICON).focus


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        return super().embed_documents(texts)


def test_sentence_vectors_are_cached_by_text() -> None:
    embedder = CountingEmbedder()
    vectors = SentenceVectors(embedder)
    first = vectors.similarities("Wat kost het traject?", ["Het traject kost veel.", "Het weer is mooi."])
    again = vectors.similarities("Wat kost de opleiding?", ["Het traject kost veel.", "Het weer is mooi."])
    assert embedder.embedded.count("Het traject kost veel.") == 1
    assert first.shape == again.shape == (2,)
    assert first[0] > first[1]


def test_sentence_vector_cache_is_bounded() -> None:
    vectors = SentenceVectors(CountingEmbedder(), size=3)
    vectors.similarities("vraag", [f"zin nummer {i}" for i in range(3)])
    vectors.similarities("vraag", ["nog een zin"])
    assert len(vectors._cache) <= 3


def test_the_word_lists_validate() -> None:
    raw = yaml.safe_load((DATA_DIR / "answer_words.yaml").read_text(encoding="utf-8"))
    words = AnswerWords.model_validate(raw)
    assert set(words.answer_types) == {"date", "list", "duration", "number", "name"}
    assert "één" in words.number_words and "een" not in words.number_words


def test_a_broken_pattern_is_refused_with_a_dutch_message() -> None:
    raw = yaml.safe_load((DATA_DIR / "answer_words.yaml").read_text(encoding="utf-8"))
    raw["answer_types"]["number"].append("hoeveel(")
    with pytest.raises(ValidationError, match="ongeldig patroon"):
        AnswerWords.model_validate(raw)


def test_a_part_notice_without_its_placeholder_is_refused() -> None:
    raw = yaml.safe_load((DATA_DIR / "answer_words.yaml").read_text(encoding="utf-8"))
    raw["part_missing"]["nl"] = "Mogelijk ontbreekt een deel van het antwoord."
    with pytest.raises(ValidationError, match="notice"):
        AnswerWords.model_validate(raw)


@pytest.mark.parametrize(
    ("question", "sentence", "counts"),
    [
        ("Hoeveel vakantiedagen krijgt een trainee?", "Een trainee krijgt 25 vakantiedagen per jaar.", True),
        # a figure, but not of what is asked: the near miss the documents almost answer
        ("Hoeveel vakantiedagen krijgt een trainee?", "Het traineeship duurt 22 maanden.", False),
        ("Hoeveel vakantiedagen krijgt een trainee?", "Trainees hebben vakantiedagen.", False),
        ("Hoeveel kost een deelnemer?", "De investering is € 18.500 per persoon.", True),
        # a count written out counts too
        ("Hoeveel praktijkdagen volgt een deelnemer?", "Elke deelnemer volgt zeventien praktijkdagen.", True),
        ("Wat is het doel van het traject?", "Het traject duurt 22 maanden.", False),
        # pay is answered by an amount said of pay, not by a budget
        ("Wat verdient een wethouder?", "Het project had een budget van 30.000 euro.", False),
        ("Wat verdient een wethouder?", "Een wethouder verdient bruto € 8.000 per maand.", True),
        ("What does an alderman earn?", "Het salaris is € 8.000 per maand.", True),
        ("Wat kost het project?", "Het project had een budget van 30.000 euro.", True),
        # a compound is about what its last part names: a monthly salary is pay, training costs are money
        (
            "Wat is het bruto maandsalaris van een trainee?",
            "Het project had een budget van 30.000 euro.",
            False,
        ),
        ("Wat is het bruto maandsalaris van een trainee?", "Het maandsalaris is € 3.100.", True),
        ("Wat zijn de opleidingskosten?", "De opleiding kost € 2.400 per deelnemer.", True),
        ("Wat zijn de opleidingskosten?", "De opleiding duurt 2 jaar.", False),
    ],
)
def test_a_figure_counts_what_the_question_counts(question: str, sentence: str, counts: bool) -> None:
    profile = profile_question(question, analyse_query(question), idf_table(), LEXICON)
    assert counts_the_unit(sentence, set(analyse(sentence)), profile, LEXICON) is counts


@pytest.mark.parametrize(
    ("question", "forms", "phrase"),
    [
        (
            "Hoeveel carrièreswitchers begonnen in de derde groep?",
            {"derde", "third", "3e", "3de"},
            "derde groep",
        ),
        ("When does the second cohort start?", {"tweede", "second", "2e", "2de"}, "second cohort"),
        ("Hoeveel mensen deden mee aan de 2e lichting?", {"tweede", "second", "2e", "2de"}, "2e lichting"),
        ("Hoeveel mensen deden mee?", set(), ""),
    ],
)
def test_the_ordinal_of_a_question(question: str, forms: set[str], phrase: str) -> None:
    assert LEXICON.ordinal(question) == (frozenset(forms), phrase)


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("Hoeveel Brabantse gemeenten doen mee?", "gemeenten"),
        ("Hoeveel verschillende spellen zijn er gemaakt?", "spellen"),
        ("Hoeveel subsidie kreeg de gemeente?", "subsidie"),
        ("Hoeveel van de Alphense buurtplannen zijn klaar?", "buurtplannen"),
        ("Hoe hoog is het ziekteverzuimpercentage bij de gemeente?", "ziekteverzuimpercentage"),
        ("How many municipalities took part?", "municipalities"),
        ("How many digital coaches have joined the group?", "coaches"),
        ("How many permanent jobs were created?", "jobs"),
        # a possessive says whose, not what is counted
        ("What percentage of Mirvac's managers work flexibly?", "managers"),
        ("What percentage of Mirvac’s managers work flexibly?", "managers"),
        ("Hoeveel foto's staan in het rapport?", "foto's"),  # a Dutch plural, no possessive
        ("Hoeveel krijgt een trainee per maand?", None),  # a verb first: nothing named is counted
        ("Hoeveel mensen meldden zich aan?", None),  # generic: any figure answers
        # short adjectives in -e, and "zulke": "jonge" is no counted thing
        ("Hoeveel jonge mensen zijn er binnen een jaar weg?", None),
        ("Hoeveel van zulke mensen heeft Amersfoort?", None),
        ("Hoeveel kleine gemeenten doen mee?", "gemeenten"),
        ("Hoeveel grote werkgevers doen mee?", "werkgevers"),
        ("Hoeveel collectieve afspraken zijn er?", "afspraken"),
        # a noun in -e before a verb is what is counted
        ("Hoeveel rente betalen we over de lening?", "rente"),
        ("Hoeveel ruimte hebben we nog?", "ruimte"),
    ],
)
def test_the_counted_word_skips_adjectives_and_articles(question: str, counted: str | None) -> None:
    cue = LEXICON.unit_pattern.search(fold(question))
    assert cue is not None
    assert LEXICON.counted_word(cue.group("unit"), not question.startswith(("How", "What"))) == counted
