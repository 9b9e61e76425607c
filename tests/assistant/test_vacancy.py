"""Vacancy drafts from the shipped persona cards, with a small fake corpus instead of the real index.

The fake searcher ranks a handful of passages by shared words, like keyword search does; everything
else (cards, wording, checks, store, export) is the real thing.
"""

import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import docx
import pytest

from assistant.answer_words import load_answer_words
from assistant.core.config import PROJECT_ROOT
from assistant.core.errors import ConflictError, InvalidInputError, NotFoundError
from assistant.core.quotable import fragment_of
from assistant.core.text_nl import stems
from assistant.personas import get_persona, load_personas, parse_persona
from assistant.retrieval import Passage
from assistant.vacancy.compose import compose_draft
from assistant.vacancy.evidence import usable_practice
from assistant.vacancy.models import DraftEdit, SectionEdit, VacancyDraft
from assistant.vacancy.request import VacancyRequest, parse_request
from assistant.vacancy.review import untraced_numbers, untraced_practice_numbers
from assistant.vacancy.service import VacancyService
from assistant.vacancy.store import DraftStore
from assistant.vacancy.wording import default_wording
from tests.builders import make_passage

PERSONAS = PROJECT_ROOT / "corpus" / "personas"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
CORPUS = {
    "buddy": "In Leeuwarden krijgt elke nieuwe medewerker een buddy: een ervaren collega die helpt.",
    "switch": "De provincie leidt carrièreswitchers in achttien maanden op tot vergunningverlener.",
    "toezicht": "De omgevingsdienst koppelt nieuwe toezichthouders aan een ervaren collega buiten.",
    "trainee": "Veel gemeenten bieden een traineeship van 2 jaar waarin trainees bij drie afdelingen werken.",
    "hybride": "De gemeente Zwolle laat medewerkers hybride werken: deels thuis en deels op kantoor.",
    "mbo": "Gemeente Venlo biedt een leerwerktraject waarin mbo-studenten werken en leren tegelijk.",
    "bodem": "De learning community bodem in Twente deelt kennis tussen gemeenten en de omgevingsdienst.",
    "quote": "“Zeker in het begin werd open hiring gezien als een nieuw initiatief,” zegt Jos.",
}


class FakeSearcher:
    """Keyword-like search over CORPUS; records the queries it was asked."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, k: int = 8, filters=None, mode="hybrid") -> list[Passage]:
        self.queries.append(query)
        wanted = set(stems(query))
        scored = []
        for key, text in CORPUS.items():
            overlap = len(wanted & set(stems(text)))
            if overlap:
                scored.append((overlap, key, text))
        scored.sort(reverse=True)
        return [
            make_passage(text, f"chunk-{key}", "doc-praktijk", "Goede voorbeelden", "Praktijkvoorbeelden")
            for _, key, text in scored[:k]
        ]


def _request(persona_id: str = "tess-toezicht", **changes) -> VacancyRequest:
    values = {
        "persona_id": persona_id,
        "organisation": "Gemeente Enschede",
        "hours": 36,
        "location": "Enschede",
        "closing_date": (date.today() + timedelta(days=20)).isoformat(),
        **changes,
    }
    return parse_request(values)


def _draft(persona_id: str = "tess-toezicht", **changes) -> VacancyDraft:
    request = _request(persona_id, **changes)
    persona = get_persona(PERSONAS, persona_id)
    return compose_draft(
        request, persona, FakeSearcher(), default_wording(), draft_id="a" * 32, owner="anna", now=NOW
    )


@pytest.fixture
def service(tmp_path: Path) -> VacancyService:
    return VacancyService(PERSONAS, FakeSearcher(), DraftStore(tmp_path / "vacancies.sqlite"))


# --- the publishable text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_id", list(load_personas(PERSONAS)))
@pytest.mark.parametrize("address", ["je", "u"])
def test_every_persona_drafts_a_publishable_b1_text(persona_id: str, address: str) -> None:
    draft = _draft(persona_id, address=address)
    body = "\n".join(s.text for s in draft.sections)
    assert draft.problems == [], draft.problems
    assert not re.search(r"\[\d+\]|[“”\"]", draft.text)
    assert draft.checks.readability.b1, draft.checks.readability.advice
    assert draft.checks.inclusive == [] and draft.checks.jargon == []
    assert 350 <= draft.words <= 700
    assert get_persona(PERSONAS, persona_id).name.split()[0] not in body  # second person, no name
    wrong = r"\b(je|jij|jouw)\b" if address == "u" else r"\b(u|uw)\b"
    assert not re.search(wrong, body, re.IGNORECASE), re.search(wrong, body, re.IGNORECASE)
    assert untraced_numbers(draft, get_persona(PERSONAS, persona_id)) == set()


def test_header_and_terms_hold_only_what_the_recruiter_gave() -> None:
    bare = _draft(hours=None, location=None, closing_date=None)
    assert bare.header.model_dump(exclude_none=True) == {}
    assert "Salaris" not in bare.text and "schaal" not in bare.text.lower()
    full = _draft(salary="schaal 9", education_level="mbo 4", vacancy_number="V-2026-12")
    assert full.header.salary == "schaal 9" and full.header.vacancy_number == "V-2026-12"
    assert "- **Salaris:** schaal 9" in full.text and "- **Opleidingsniveau:** mbo 4" in full.text
    assert "indicatie volgens personakaart" not in full.text.lower()


def test_the_card_scale_is_a_suggestion_never_printed() -> None:
    draft = _draft()
    scale = draft.suggestion("aanbod-schaal")
    assert scale is not None and scale.wording == "Salaris: schaal 8 tot en met 9." and scale.status == "open"
    assert "schaal 8" not in draft.text
    assert _draft(salary="schaal 9").suggestion("aanbod-schaal") is None


def test_ticked_wishes_print_their_fixed_wording_and_the_note_never_appears() -> None:
    note = "Noem dat we hybride werken mogelijk maken, en bel Piet."
    draft = _draft("amir-advies", wishes=["hybride", "begeleiding"], note=note)
    wording = default_wording()
    for key in ("hybride", "begeleiding"):
        assert wording.offer(key).wording.je in draft.text
    assert "Piet" not in draft.text and "Noem dat" not in draft.text
    assert draft.note == note
    assert draft.suggestion("aanbod-hybride") is None  # already in the text, so not suggested again


def test_free_text_wishes_are_refused_with_a_dutch_message() -> None:
    with pytest.raises(InvalidInputError, match="notitie") as info:
        parse_request({"persona_id": "tess-toezicht", "organisation": "X", "wishes": "hybride werken"})
    assert info.value.fields == {"wishes": "is een lijst van keuzes; eigen tekst hoort in de notitie"}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"closing_date": "2020-01-01"}, "closing_date", "sluitingsdatum"),
        ({"hours": 60}, "hours", "uren per week"),
        ({"wishes": ["zwembad"]}, "wishes", "wensen"),
        ({"education_level": "master"}, "education_level", "opleidingsniveau"),
        ({"organisation": "Gemeente <b>X</b>"}, "organisation", "organisatie"),
        ({"salary": "bel 06-12345678"}, "salary", "salaris"),
    ],
)
def test_bad_requests_name_the_field_in_dutch(changes: dict, field: str, words: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        _request(**changes)
    assert f"veld {words}" in str(info.value) and field in info.value.fields
    assert "closing_date" not in str(info.value)


def test_persona_markup_stays_plain_text_in_every_export(tmp_path: Path) -> None:
    card = get_persona(PERSONAS, "tess-toezicht").model_dump()
    card.update(id="xss-test", name="Tess <script>alert(1)</script>", role="Toezichthouder **bodem**")
    persona = parse_persona(card)
    draft = compose_draft(
        _request("xss-test"),
        persona,
        FakeSearcher(),
        default_wording(),
        draft_id="b" * 32,
        owner="anna",
        now=NOW,
    )
    store = DraftStore(tmp_path / "d.sqlite")
    store.save(draft)
    service = VacancyService(tmp_path, FakeSearcher(), store)
    for part in ("vacature", "onderbouwing"):
        markdown = service.export("anna", draft.id, "md", part).content.decode()
        assert "<script>" not in markdown and "**bodem**" not in markdown
    assert r"Toezichthouder \*\*bodem\*\*" in draft.text
    annex = service.export("anna", draft.id, "md", "onderbouwing").content.decode()
    assert r"\<script\>" in annex


# --- the onderbouwing ---------------------------------------------------------------------------------------


def test_suggestions_cite_a_passage_and_offer_fixed_wording() -> None:
    draft = _draft()
    cited = {c.n: c for c in draft.sources}
    corpus_suggestions = [s for o in draft.onderbouwing for s in o.suggestions if s.citations]
    assert corpus_suggestions
    for s in corpus_suggestions:
        (n,) = s.citations
        assert s.practice.endswith(f"[{n}]") and cited[n].quote in s.practice
        assert cited[n].quote in CORPUS.values()
        assert s.wording == default_wording().offer(s.topic).wording.je
        assert s.wording not in draft.text and s.status == "open"
    assert untraced_practice_numbers(draft) == set()
    assert [o.section for o in draft.onderbouwing] == ["profiel", "aanbod", "organisatie"]


def test_evidence_is_searched_with_the_personas_field_and_target_groups() -> None:
    searcher = FakeSearcher()
    request, persona = _request(), get_persona(PERSONAS, "tess-toezicht")
    compose_draft(request, persona, searcher, default_wording(), draft_id="c" * 32, owner="a", now=NOW)
    assert any("toezicht handhaving" in q for q in searcher.queries)
    assert any("mbo" in q for q in searcher.queries)
    assert not any("traineeship" in q for q in searcher.queries)  # not a target group of this card


def test_different_personas_get_different_practices() -> None:
    practices = {
        pid: {s.practice for o in _draft(pid).onderbouwing for s in o.suggestions if s.citations}
        for pid in load_personas(PERSONAS)
    }
    assert not set.intersection(*practices.values())


@pytest.mark.parametrize(
    ("sentence", "usable"),
    [
        ("In Leeuwarden krijgt elke nieuwe medewerker een buddy die helpt bij het inwerken.", True),
        # a slide line without a full stop: a statement when it has a verb and reads as one ...
        ("De learning community Bodem werkt aan een concrete regionale opgave", True),
        # ... not when it is verbless (the shared slide-title check) or a list of keywords
        ("Learning community Bodem gericht op een concrete regionale opgave", False),
        ("Gemeenten werken samen met hogescholen en regionale opleiders", False),
        ("Dit helpt nieuwe medewerkers om snel hun weg te vinden in de organisatie.", False),
        ("Thuiswerken is door corona de norm geworden voor veel medewerkers.", False),
        ("“Zeker in het begin werd open hiring gezien als een nieuw initiatief,” zegt Jos.", False),
        ("Het omvat de hele keten van strategen tot toezichthouders", False),
        ("HR strategisch advies board- en managementdevelopment loopbaancoaching interim-management", False),
        ("Na een selectie van de kandidaten op INGE DE GROOT motivatiebrief volgt een assessment.", False),
        ("Kort.", False),
    ],
)
def test_which_sentences_tell_a_practice(sentence: str, usable: bool) -> None:
    fragment = fragment_of(sentence, sentence, 0, "Goede voorbeelden", load_answer_words())
    assert usable_practice(sentence, fragment) is usable


def test_a_practice_is_quoted_without_the_caption_run_into_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CORPUS, "bodem", "VOOR EN DOOR GEMEENTEN " + CORPUS["bodem"])
    practices = [s.practice for o in _draft().onderbouwing for s in o.suggestions]
    assert any(p.startswith("De learning community bodem in Twente deelt kennis") for p in practices)
    assert not any("GEMEENTEN" in p for p in practices)


# --- accept, confirm, edit ---------------------------------------------------------------------------------


def _first_corpus_suggestion(draft: VacancyDraft):
    return next(s for o in draft.onderbouwing for s in o.suggestions if s.citations)


def _edit(draft: VacancyDraft, **texts: str) -> DraftEdit:
    return DraftEdit(
        sections=[
            SectionEdit(key=s.key, title=s.title, text=texts.get(s.key, s.text)) for s in draft.sections
        ]
    )


def test_accept_inserts_marked_wording_and_confirm_removes_the_marker(service: VacancyService) -> None:
    draft = service.create("anna", _request())
    suggestion = _first_corpus_suggestion(draft)
    accepted = service.accept("anna", draft.id, suggestion.id)
    section = next(s for s in accepted.sections if s.key == suggestion.section)
    assert f"{suggestion.wording} (te bevestigen)" in section.text
    assert accepted.suggestion(suggestion.id).status == "accepted"
    assert any("Nog te bevestigen" in p for p in accepted.problems)
    with pytest.raises(ConflictError, match="te bevestigen"):
        service.export("anna", draft.id, "md", "vacature")
    assert service.accept("anna", draft.id, suggestion.id).sections == accepted.sections  # no double insert
    confirmed = service.confirm("anna", draft.id, suggestion.id)
    assert confirmed.suggestion(suggestion.id).status == "confirmed" and confirmed.problems == []
    assert "(te bevestigen)" not in confirmed.text and suggestion.wording in confirmed.text
    assert suggestion.wording in service.export("anna", draft.id, "md", "vacature").content.decode()


def test_editing_an_accepted_sentence_makes_it_the_recruiters_own(service: VacancyService) -> None:
    draft = service.create("anna", _request())
    suggestion = _first_corpus_suggestion(draft)
    accepted = service.accept("anna", draft.id, suggestion.id)
    section = next(s for s in accepted.sections if s.key == suggestion.section)
    reworded = section.text.replace(
        f"{suggestion.wording} (te bevestigen)", suggestion.wording.replace(".", ", elke dag.")
    )
    edited = service.update("anna", draft.id, _edit(accepted, **{suggestion.section: reworded}))
    assert edited.suggestion(suggestion.id).status == "confirmed" and edited.edited
    removed = service.update(
        "anna",
        draft.id,
        _edit(
            accepted,
            **{suggestion.section: section.text.replace(f"{suggestion.wording} (te bevestigen)", "")},
        ),
    )
    assert removed.suggestion(suggestion.id).status == "open"


def test_confirming_an_open_suggestion_is_a_conflict(service: VacancyService) -> None:
    draft = service.create("anna", _request())
    with pytest.raises(ConflictError):
        service.confirm("anna", draft.id, _first_corpus_suggestion(draft).id)
    with pytest.raises(NotFoundError):
        service.accept("anna", draft.id, "aanbod-zwembad")


def test_edit_reruns_the_checks_and_keeps_titles_as_written(service: VacancyService) -> None:
    draft = service.create("anna", _request())
    edit = _edit(draft, profiel="Je bent stressbestendig. Het rapport wordt door jou geschreven.")
    edit.sections[0].title = "Wat ga je doen bij Risico’s en Werktijden en de dienst"
    edited = service.update("anna", draft.id, edit)
    assert edited.sections[0].title == "Wat ga je doen bij Risico’s en Werktijden en de dienst"
    assert "## Wat ga je doen bij Risico’s en Werktijden en de dienst" in edited.text
    assert [f.text for f in edited.checks.inclusive] == ["stressbestendig"]
    assert edited.checks.readability.passive_sentences == 1
    with pytest.raises(InvalidInputError, match="ontbreken"):
        service.update("anna", draft.id, DraftEdit(sections=[SectionEdit(key="taken", title="T", text="x")]))
    with pytest.raises(InvalidInputError, match="telefoonnummer"):
        service.update("anna", draft.id, _edit(draft, solliciteren="Bel 06-12345678."))


def test_u_form_advice_and_u_form_offers() -> None:
    draft = _draft("vera-vergunning", address="u", wishes=["opleidingsbudget"])
    assert "U krijgt een budget om te leren en u verder te ontwikkelen." in draft.text
    suggestion = _first_corpus_suggestion(draft)
    assert not re.search(r"\b(je|jij)\b", suggestion.wording)


# --- drafts are kept, per user -----------------------------------------------------------------------------


def test_drafts_belong_to_their_owner(service: VacancyService) -> None:
    mine = service.create("anna", _request())
    theirs = service.create("bram", _request("bert-beleid"))
    assert [d.id for d in service.list("anna")] == [mine.id]
    for call in (service.get, service.delete, service.duplicate):
        with pytest.raises(NotFoundError):
            call("anna", theirs.id)
    with pytest.raises(NotFoundError):
        service.update("anna", theirs.id, _edit(theirs))
    with pytest.raises(NotFoundError):
        service.export("anna", theirs.id, "md", "vacature")
    # Saving someone else's id under another owner never overwrites it.
    with pytest.raises(NotFoundError):
        service.store.save(theirs.model_copy(update={"owner": "anna"}))
    assert service.get("bram", theirs.id).owner == "bram"


def test_list_duplicate_delete(service: VacancyService) -> None:
    draft = service.create("anna", _request())
    copy = service.duplicate("anna", draft.id)
    assert copy.id != draft.id and copy.title == f"{draft.title} (kopie)" and copy.sections == draft.sections
    listed = service.list("anna")
    assert {d.id for d in listed} == {draft.id, copy.id}
    assert listed[0].persona.name == "Tess Toezicht" and listed[0].organisation == "Gemeente Enschede"
    service.delete("anna", draft.id)
    assert [d.id for d in service.list("anna")] == [copy.id]
    with pytest.raises(NotFoundError):
        service.get("anna", draft.id)


# --- export -------------------------------------------------------------------------------------------------


def test_exports_are_named_after_the_title_and_keep_the_parts_apart(service: VacancyService) -> None:
    draft = service.create("anna", _request(title="Toezichthouder bodem en ondergrond"))
    md = service.export("anna", draft.id, "md", "vacature")
    assert md.filename == "vacature-toezichthouder-bodem-en-ondergrond-bij-gemeente-enschede.md"
    text = md.content.decode()
    assert not re.search(r"\[\d+\]|Bronnen|personakaart", text, re.IGNORECASE)
    annex = service.export("anna", draft.id, "md", "onderbouwing")
    assert annex.filename.startswith("onderbouwing-toezichthouder") and "## Bronnen" in annex.content.decode()
    word = service.export("anna", draft.id, "docx", "vacature")
    document = docx.Document(io.BytesIO(word.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == draft.title and "Wat ga je doen?" in headings
    assert not any(re.search(r"\[\d+\]", p.text) for p in document.paragraphs)
    with pytest.raises(InvalidInputError, match="md of docx"):
        service.export("anna", draft.id, "pdf", "vacature")
    with pytest.raises(InvalidInputError, match="vacature of onderbouwing"):
        service.export("anna", draft.id, "md", "bijlage")


def test_options_list_the_wishes_with_their_fixed_wording(service: VacancyService) -> None:
    options = service.options()
    keys = {w.key for w in options.wishes}
    assert {"hybride", "opleidingsbudget", "begeleiding", "traineeship", "parttime"} <= keys
    assert all(w.wording["je"] and w.wording["u"] for w in options.wishes)
    assert "mbo 4" in options.education_levels and options.unconfirmed_marker == "(te bevestigen)"


def test_an_accepted_offer_replaces_the_interview_line(service: VacancyService) -> None:
    draft = service.create("anna", _request(wishes=[]))
    aanbod = next(s for s in draft.sections if s.key == "aanbod")
    assert aanbod.text == default_wording().offer_fallback.je
    accepted = service.accept("anna", draft.id, "aanbod-schaal")
    aanbod = next(s for s in accepted.sections if s.key == "aanbod")
    assert aanbod.text == "- Salaris: schaal 8 tot en met 9. (te bevestigen)"
