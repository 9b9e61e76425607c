"""The answer engine and the vacancy evidence judge a quote by one check (assistant.core.quotable): on tricky
real corpus lines they agree on what can stand alone, each through its own public path."""

import pytest

from assistant.answer_features import QuestionProfile, passage_candidates
from assistant.answer_words import load_answer_words
from assistant.core.config import PROJECT_ROOT
from assistant.core.quotable import strip_caption
from assistant.personas import get_persona
from assistant.retrieval import Passage
from assistant.vacancy.evidence import find_suggestions
from assistant.vacancy.request import parse_request
from assistant.vacancy.wording import default_wording
from tests.builders import make_passage

CORPUS = PROJECT_ROOT / "corpus"
MAGAZINE = "ao-fonds-magazine-werken-bij-de-overheid-2020.txt"
GELDERLAND = "gelderland-emagazine-good-practices-publieke-sector.txt"
BRABANT = "ruimte-voor-groei-blauwdruk-brabant.txt"
TWENTE = "twente-nieuwe-bodemkracht-presentatie.txt"
# topic key -> (document, the line as the document has it, a word of it the topic is about, quotable)
LINES = {
    "caption": (
        MAGAZINE,
        "VOOR EN DOOR TRAINEES Om jonge medewerkers aan de organisatie te binden hebben veel gemeenten "
        "traineeships.",
        "traineeships",
        True,
    ),
    "caption_word": (
        GELDERLAND,
        "PARTNERORGANISATIES Defensie werkt al jaren op vele gebieden samen met partnerorganisaties.",
        "defensie",
        True,
    ),
    "plain": (
        GELDERLAND,
        "Defensie voert een pilot uit waarmee bedrijven op een laagdrempelige manier personeel met "
        "elkaar delen.",
        "pilot",
        True,
    ),
    "slide_title": (TWENTE, "▪ Twente brede bijeenkomsten Bodem en HR", "bijeenkomsten", False),
    "column_mix": (
        BRABANT,
        "Dat de animo voor Ruimte voor Groei zo groot is, is Op basis hiervan bepaalt het betrokken "
        "wervings- en niet voor niets.",
        "animo",
        False,
    ),
    "caps_run": (
        BRABANT,
        "Na een eerste selectie van de kandidaten op INGE DE GROOT motivatiebrief en cv volgt een online "
        "assessment.",
        "assessment",
        False,
    ),
    "caps_column_mix": (
        MAGAZINE,
        "WERKTIJDEN EN DE 3 Jong talent millennials is werk niet slechts hun baan, het is hun leven, is de "
        "conclusie.",
        "millennials",
        False,
    ),
}


def _passage(key: str) -> Passage:
    document, line, _, _ = LINES[key]
    return make_passage(line, f"chunk-{key}", document.removesuffix(".txt"), "Praktijk")


class LineSearcher:
    """Finds the line whose topic key opens the query."""

    def search(self, query: str, k: int = 8, filters=None, mode="hybrid") -> list[Passage]:
        key = query.split()[0]
        return [_passage(key)] if key in LINES else []


def _vacancy_practices() -> dict[str, str]:
    """The practice the vacancy evidence quotes per line, one topic per line."""
    wording = default_wording()
    template = next(o for o in wording.offers if o.queries)
    offers = [
        template.model_copy(
            update={"key": key, "queries": [key], "anchors": [anchor], "for_": [], "sector_wide": True}
        )
        for key, (_, _, anchor, _) in LINES.items()
    ]
    persona = get_persona(CORPUS / "personas", "tess-toezicht")
    request = parse_request({"persona_id": "tess-toezicht", "organisation": "Gemeente Enschede"})
    suggestions, _ = find_suggestions(
        persona, request, LineSearcher(), wording.model_copy(update={"offers": offers})
    )
    return {s.topic: s.practice.removesuffix(f" [{s.citations[0]}]") for s in suggestions}


def _answer_quotes() -> set[str]:
    """The sentences the answer engine would consider quoting."""
    profile = QuestionProfile([], [], None, False, frozenset(), False, False)
    passages = [_passage(key) for key in LINES]
    return {
        c.text
        for c in passage_candidates("Wat doen gemeenten?", profile, passages, None, load_answer_words())
    }


@pytest.mark.parametrize("key", list(LINES))
def test_the_line_is_from_the_corpus(key: str) -> None:
    document, line, _, _ = LINES[key]
    assert " ".join(line.split()) in " ".join((CORPUS / document).read_text(encoding="utf-8").split())


def test_answer_engine_and_vacancy_evidence_agree_on_real_lines() -> None:
    practices, answer_quotes = _vacancy_practices(), _answer_quotes()
    for key, (_, line, _, quotable) in LINES.items():
        # both quote the same words, without a capitals caption run into the sentence
        assert (strip_caption(line) in answer_quotes) is quotable, key
        assert (key in practices) is quotable, key
        if quotable:
            assert practices[key] == strip_caption(line) and line.endswith(practices[key]), key
    assert practices["caption"].startswith("Om jonge medewerkers")
    assert (
        "Om jonge medewerkers aan de organisatie te binden hebben veel gemeenten traineeships."
        in answer_quotes
    )
