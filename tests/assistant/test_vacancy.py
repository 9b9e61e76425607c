"""Vacancy drafts from the five persona cards over the real corpus index: structure, grounding, numbers,
tone, variety, checks, the optional LLM rewrite (LangChain's fake chat model), storage and export.

Expectations are checked against the index and the cards themselves, not against an earlier run: every
quote must be in the cited chunk, every digit must be in the input, the card or a cited chunk.
"""

import dataclasses
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from pydantic import ValidationError

from assistant.conversations import ConversationStore
from assistant.core.config import PROJECT_ROOT
from assistant.core.errors import InvalidInputError, NotFoundError
from assistant.core.redaction import EMAIL, PHONE
from assistant.drafts import DraftStore
from assistant.llm import check_generated
from assistant.personas import get_persona
from assistant.retrieval import IndexReader, Passage, Retriever
from assistant.service import Assistant
from assistant.vacancy import (
    HEADINGS,
    SECTION_ORDER,
    PassageSource,
    PersonaSource,
    VacancyDraft,
    VacancyRequest,
    draft_from_request,
    draft_vacancy,
    edit_draft,
    render_section,
    to_second_person,
    untraceable_numbers,
    usable_quote,
)
from assistant.vacancy_export import MEDIA_TYPES, export_draft
from tests.builders import json_strings

PERSONAS_DIR = PROJECT_ROOT / "corpus" / "personas"
ORGANISATION = "Gemeente Voorbeeldstad"
MARKER = re.compile(r"\[(\d+)\]")
NUMBER = re.compile(r"\d+")
JE_WORDS = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
CLOSING = date.today() + timedelta(days=30)
# One request per persona: both tones, both forms of address, with and without the optional fields.
REQUESTS: dict[str, dict] = {
    "amir-advies": {"tone": "informal", "address": "je", "hours": 36, "location": "Voorbeeldstad"},
    "bert-beleid": {"tone": "formal", "address": "u", "hours": 32, "salary": "schaal 10"},
    "samira-strategie": {
        "tone": "formal",
        "address": "je",
        "hours": 36,
        "closing_date": CLOSING.isoformat(),
        "team": "het team Ruimte en Omgeving",
    },
    "tess-toezicht": {
        "tone": "informal",
        "address": "je",
        "hours": 40,
        "salary": "€3.500 - €5.000",
        "wishes": "Je werkt vaak buiten, ook als het regent.",
    },
    "vera-vergunning": {"tone": "informal", "address": "u"},
}


def _request(persona_id: str, **overrides) -> VacancyRequest:
    values = {"persona_id": persona_id, "organisation": ORGANISATION, **REQUESTS.get(persona_id, {})}
    values.update(overrides)
    return VacancyRequest.model_validate(values)


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vacancy_assistant(corpus_index, embedder, tmp_path_factory) -> Assistant:
    """Wired like build_assistant(), reusing the session's model; conversations kept out of the index dir."""
    settings, _report = corpus_index
    retriever = Retriever(settings, embedder, IndexReader(settings), dense_weight=settings.dense_weight)
    conversations = ConversationStore(tmp_path_factory.mktemp("vacancy") / "conversations.sqlite")
    return Assistant(settings, embedder, retriever, conversations)


@pytest.fixture(scope="module")
def chunks(vacancy_assistant) -> dict:
    snapshot, _ = vacancy_assistant.retriever.reader.current()
    return {chunk.id: chunk for chunk in snapshot.chunks}


@pytest.fixture(scope="module")
def drafts(vacancy_assistant) -> dict[str, VacancyDraft]:
    return {pid: draft_from_request(_request(pid), vacancy_assistant) for pid in REQUESTS}


def _quote_passage(chunk, quote: str) -> Passage:
    """The cited quote as a passage, for assistant.llm's support check."""
    return Passage(
        chunk_id=chunk.id,
        document_id=chunk.document_id,
        document_title="",
        kind="",
        section=chunk.section,
        line_start=chunk.line_start,
        line_end=chunk.line_end,
        start=chunk.start,
        end=chunk.end,
        text=quote,
        score=1.0,
    )


# --- structure -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_draft_has_the_six_sections_in_order(drafts) -> None:
    for pid, draft in drafts.items():
        address = REQUESTS[pid]["address"]
        assert [s.key for s in draft.sections] == list(SECTION_ORDER), pid
        assert [s.heading for s in draft.sections] == [HEADINGS[address][k] for k in SECTION_ORDER]
        assert all(section.sentences for section in draft.sections), pid
        headings = re.findall(r"^## (.+)$", draft.text, re.MULTILINE)
        assert headings == [h for h in (HEADINGS[address][k] for k in SECTION_ORDER) if h]
        assert draft.text.startswith(f"# {draft.title}\n")
        assert ORGANISATION in draft.title and draft.persona.label == f"personakaart {draft.persona.name}"
        for section in draft.sections:
            for sentence in section.sentences:
                assert sentence.sources, f"{pid}: sentence without a source: {sentence.text!r}"


@pytest.mark.slow
def test_markdown_is_the_sections_rendered(drafts) -> None:
    for draft in drafts.values():
        for section in draft.sections:
            assert render_section(section) in draft.text


# --- grounding -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_marker_resolves_to_a_verbatim_quote_that_supports_the_sentence(drafts, chunks) -> None:
    for pid, draft in drafts.items():
        citations = {c.n: c for c in draft.sources}
        markers = {int(n) for n in MARKER.findall(draft.text)}
        assert markers, f"{pid}: no passage was cited"
        assert markers == set(citations) == set(range(1, len(citations) + 1)), pid
        for citation in draft.sources:
            chunk = chunks[citation.chunk_id]
            assert citation.quote in chunk.text, f"{pid}: quote [{citation.n}] is not verbatim in its chunk"
            assert citation.section == chunk.section and citation.document_id == chunk.document_id
        for section in draft.sections:
            for sentence in section.sentences:
                numbers = [int(n) for n in MARKER.findall(sentence.text)]
                cited = [s.n for s in sentence.sources if isinstance(s, PassageSource)]
                assert numbers == cited, f"{pid}: markers and sources differ in {sentence.text!r}"
                for n in numbers:
                    citation = citations[n]
                    assert " ".join(citation.quote.split()).rstrip(".") in sentence.text
                    one = MARKER.sub("[1]", sentence.text)
                    kept, _, _ = check_generated(
                        one, [_quote_passage(chunks[citation.chunk_id], citation.quote)]
                    )
                    assert kept, f"{pid}: [{n}] does not support {sentence.text!r}"


@pytest.mark.slow
def test_persona_facts_are_cited_as_the_card_never_as_a_document(drafts) -> None:
    for pid, draft in drafts.items():
        card = get_persona(PERSONAS_DIR, pid)
        sources = [s for sec in draft.sections for sent in sec.sentences for s in sent.sources]
        persona_sources = [s for s in sources if isinstance(s, PersonaSource)]
        assert {s.field for s in persona_sources} >= {"tasks", "competencies", "education_level", "summary"}
        assert all(s.label == f"personakaart {card.name}" and s.persona_id == pid for s in persona_sources)
        tasks = [sent.text for sec in draft.sections for sent in sec.sentences if sent.bullet]
        assert set(card.tasks) <= set(tasks), f"{pid}: the card's tasks are not all listed"
        assert card.education_level in draft.text
        for sec in draft.sections:
            for sent in sec.sentences:
                if any(isinstance(s, PersonaSource) for s in sent.sources):
                    assert not MARKER.search(sent.text), "a card fact must not carry a document marker"


@pytest.mark.slow
def test_no_email_address_or_phone_number_anywhere(drafts) -> None:
    for draft in drafts.values():
        texts = [*json_strings(draft.model_dump(mode="json"))]
        texts.append(export_draft(draft, "md").content.decode("utf-8"))
        for text in texts:
            assert not EMAIL.search(text), text[:200]
            assert not PHONE.search(text), text[:200]
        assert f"Solliciteren kan via de website van {ORGANISATION}." in draft.text


@pytest.mark.slow
def test_every_digit_comes_from_the_input_the_card_or_a_cited_chunk(drafts, chunks) -> None:
    for pid, draft in drafts.items():
        request = _request(pid)
        card = get_persona(PERSONAS_DIR, pid)
        evidence = [json.dumps(request.model_dump(mode="json")), card.model_dump_json()]
        if request.closing_date:
            d = request.closing_date
            evidence.append(f"{d.day} {d.month} {d.year}")
        evidence += [chunks[c.chunk_id].text for c in draft.sources]
        text = MARKER.sub("", draft.text)
        assert not untraceable_numbers(text, evidence), pid
        allowed = {n for item in evidence for n in NUMBER.findall(item)}
        assert set(NUMBER.findall(text)) <= allowed, pid  # the same, without the module's helper


@pytest.mark.slow
def test_salary_and_hours_come_only_from_input_or_card_and_are_labelled(drafts) -> None:
    amir = drafts["amir-advies"]
    assert "- Salaris: schaal 9 tot en met 11 (indicatie volgens personakaart)." in amir.text
    assert "- Uren: 36 uur per week." in amir.text
    assert "- Salaris: schaal 10." in drafts["bert-beleid"].text
    assert "- Salaris: €3.500 - €5.000." in drafts["tess-toezicht"].text
    assert "Uren:" not in drafts["vera-vergunning"].text  # no hours given, none invented
    offer = next(s for s in amir.sections if s.key == "aanbod")
    salary = next(s for s in offer.sentences if s.text.startswith("Salaris:"))
    assert [type(s).__name__ for s in salary.sources] == ["PersonaSource"]
    assert salary.sources[0].field == "salary_scale"


@pytest.mark.slow
def test_input_fields_appear_with_their_source(drafts) -> None:
    samira = drafts["samira-strategie"]
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september"]
    months += ["oktober", "november", "december"]
    assert f"{CLOSING.day} {months[CLOSING.month - 1]} {CLOSING.year}" in samira.text
    assert "het team Ruimte en Omgeving" in samira.text
    tess = drafts["tess-toezicht"]
    wish = next(
        sent
        for sec in tess.sections
        for sent in sec.sentences
        if sent.text.startswith("Je werkt vaak buiten")
    )
    assert [(s.kind, s.field) for s in wish.sources] == [("input", "wishes")]


# --- tone, variety, length, checks ---------------------------------------------------------------------


@pytest.mark.slow
def test_u_form_never_says_je(drafts) -> None:
    for pid in ("bert-beleid", "vera-vergunning"):
        plain = drafts[pid].plain_text
        assert not JE_WORDS.search(plain), f"{pid}: {JE_WORDS.search(plain).group(0)!r} in a u-form draft"
        assert re.search(r"\b[Uu]w?\b", plain)
    for pid in ("amir-advies", "tess-toezicht"):
        assert not re.search(r"\b(u|uw)\b", drafts[pid].plain_text), pid


@pytest.mark.slow
def test_drafts_for_different_personas_differ(drafts) -> None:
    openings = [d.sections[0].sentences[0].text for d in drafts.values()]
    assert len(set(openings)) == len(openings)
    # Not only the role name differs: the opening templates themselves vary.
    skeletons = {
        d.sections[0].sentences[0].text.replace(ORGANISATION, "ORG").replace(d.persona.role.lower(), "ROL")
        for d in drafts.values()
    }
    assert len(skeletons) >= 3, skeletons
    frames = [
        re.sub(r"“.*", "", s.text) for d in drafts.values() for sec in d.sections for s in sec.sentences
    ]
    assert len(set(frames)) > 1


@pytest.mark.slow
def test_the_same_request_gives_the_same_text(vacancy_assistant, drafts) -> None:
    again = draft_from_request(_request("amir-advies"), vacancy_assistant)
    assert again.text == drafts["amir-advies"].text and again.id != drafts["amir-advies"].id


@pytest.mark.slow
def test_length_readability_and_wording_checks(drafts) -> None:
    for pid, draft in drafts.items():
        checks = draft.checks
        assert 350 <= draft.words <= 700, (pid, draft.words)
        assert checks.length.verdict == "goed"
        assert checks.readability.b1, (pid, checks.readability.advice)
        assert checks.inclusive == [], (pid, [f.text for f in checks.inclusive])
        assert checks.jargon == [], (pid, [f.text for f in checks.jargon])
        assert not MARKER.search(draft.plain_text) and "#" not in draft.plain_text


# --- the optional LLM rewrite ----------------------------------------------------------------------------


def _with_model(assistant: Assistant, responses: list[str]) -> Assistant:
    return dataclasses.replace(assistant, chat_model=FakeListChatModel(responses=responses))


@pytest.mark.slow
def test_llm_rewrite_that_passes_the_checks_is_kept(vacancy_assistant, drafts) -> None:
    template = drafts["amir-advies"]
    bodies = [render_section(s) for s in template.sections]
    taken = next(i for i, s in enumerate(template.sections) if s.key == "taken")
    lines = bodies[taken].split("\n")
    bullets = [line for line in lines if line.startswith("- ")]
    # A rewrite in the model's own order: the tasks reversed, the opening's sentences swapped.
    bodies[taken] = bodies[taken].replace("\n".join(bullets), "\n".join(reversed(bullets)))
    opening = template.sections[0].sentences
    bodies[0] = " ".join(s.text for s in reversed(opening))
    draft = draft_from_request(_request("amir-advies"), _with_model(vacancy_assistant, bodies))
    assert draft.engine == "llm" and draft.notice is None
    assert draft.text != template.text
    assert draft.text.index(bullets[-1]) < draft.text.index(bullets[0])
    assert [c.quote for c in draft.sources] == [c.quote for c in template.sources]


@pytest.mark.slow
def test_llm_rewrite_with_invented_number_or_dangling_marker_is_rejected(vacancy_assistant, drafts) -> None:
    template = drafts["amir-advies"]
    bodies = [render_section(s) for s in template.sections]
    keys = [s.key for s in template.sections]
    bodies[keys.index("aanbod")] += "\n\nJe verdient 5000 euro per maand."
    bodies[keys.index("organisatie")] += " De bodem is het belangrijkste thema van de gemeente [9]."
    draft = draft_from_request(_request("amir-advies"), _with_model(vacancy_assistant, bodies))
    assert "5000" not in draft.text and "[9]" not in draft.text
    assert draft.notice and "verzonnen getal 5000" in draft.notice and "onbekende bron" in draft.notice
    assert "Wat bieden wij" in draft.notice and "Over de organisatie" in draft.notice
    for key in ("aanbod", "organisatie"):
        assert render_section(draft.sections[keys.index(key)]) == render_section(
            template.sections[keys.index(key)]
        )


@pytest.mark.slow
def test_llm_rewrite_that_drops_the_salary_or_changes_address_is_rejected(vacancy_assistant, drafts) -> None:
    template = drafts["bert-beleid"]  # u-form
    bodies = [render_section(s) for s in template.sections]
    keys = [s.key for s in template.sections]
    bodies[keys.index("aanbod")] = "\n".join(
        line for line in bodies[keys.index("aanbod")].split("\n") if "Salaris" not in line
    )
    bodies[0] = bodies[0].replace("U ", "Je ", 1)
    draft = draft_from_request(_request("bert-beleid"), _with_model(vacancy_assistant, bodies))
    assert "Salaris: schaal 10." in draft.text and not JE_WORDS.search(draft.plain_text)
    assert "verkeerde aanspreekvorm" in draft.notice and "Salaris" in draft.notice


@pytest.mark.slow
def test_a_rewritten_sentence_whose_number_its_own_source_lacks_is_dropped(vacancy_assistant, drafts) -> None:
    template = drafts["amir-advies"]
    bodies = [render_section(s) for s in template.sections]
    keys = [s.key for s in template.sections]
    # The numbers occur in the section, so the rewrite passes; but the merged sentence takes the sources
    # of the salary line only, which do not hold "36": the final number check drops it.
    bodies[keys.index("aanbod")] += "\n\nSalaris schaal 9 tot en met 11 bij 36 uur."
    draft = draft_from_request(_request("amir-advies"), _with_model(vacancy_assistant, bodies))
    assert draft.engine == "llm"
    assert "bij 36 uur" not in draft.text and "1 zin(nen) weggelaten" in draft.notice
    assert "- Uren: 36 uur per week." in draft.text


class _BrokenModel:
    """A chat model whose server is down."""

    def invoke(self, messages):
        raise TimeoutError("no answer")


@pytest.mark.slow
def test_llm_errors_keep_the_template(vacancy_assistant, drafts) -> None:
    assistant = dataclasses.replace(vacancy_assistant, chat_model=_BrokenModel())
    draft = draft_from_request(_request("amir-advies"), assistant)
    assert draft.text == drafts["amir-advies"].text and draft.engine == "sjabloon"
    assert "TimeoutError" in draft.notice


# --- edit, store, export ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_edit_reruns_the_checks_and_keeps_the_sources(drafts) -> None:
    draft = drafts["tess-toezicht"]
    text = draft.text.replace("## Wie ben jij", "## Wie ben jij\n\nWe zoeken een jong en dynamisch team.")
    edited = edit_draft(draft, text)
    assert edited.edited and edited.text == text and edited.sources == draft.sources
    assert [f.text for f in edited.checks.inclusive] == ["jong en dynamisch"]
    assert (
        edited.checks.inclusive[0].text
        == edited.plain_text[edited.checks.inclusive[0].start : edited.checks.inclusive[0].end]
    )
    assert edit_draft(draft, draft.text + "\nZie ook [42].").notice.endswith("[42].")
    with pytest.raises(InvalidInputError):
        edit_draft(draft, "   ")
    with pytest.raises(InvalidInputError):
        edit_draft(draft, draft.text + "\nMail naar jan@example.nl.")
    with pytest.raises(InvalidInputError):
        edit_draft(draft, "x" * 20_001)


@pytest.mark.slow
def test_store_round_trip(drafts, tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts.sqlite")
    draft = drafts["vera-vergunning"]
    store.save(draft)
    assert store.get(draft.id) == draft
    edited = store.save(edit_draft(draft, draft.text + "\nExtra regel."))
    assert DraftStore(tmp_path / "drafts.sqlite").get(draft.id).text == edited.text
    with pytest.raises(NotFoundError):
        store.get("0" * 32)
    with pytest.raises(NotFoundError):
        store.get("../../etc/passwd")


@pytest.mark.slow
def test_markdown_export_lists_the_sources_and_the_card(drafts) -> None:
    draft = drafts["samira-strategie"]
    file = export_draft(draft, "md")
    text = file.content.decode("utf-8")
    assert file.media_type == MEDIA_TYPES["md"] and file.filename.endswith(".md")
    assert file.filename.startswith("vacature-strategisch-adviseur-bodem")
    assert text.startswith(draft.text.rstrip()) and "\n## Bronnen\n" in text
    for citation in draft.sources:
        assert citation.document_title in text and " ".join(citation.quote.split()) in text
    assert "Personakaart Samira Strategie" in text and "geen brondocument" in text


@pytest.mark.slow
def test_docx_export_opens_and_has_the_headings(drafts) -> None:
    draft = drafts["bert-beleid"]
    file = export_draft(draft, "docx")
    assert file.media_type == MEDIA_TYPES["docx"] and file.filename.endswith(".docx")
    document = docx.Document(io.BytesIO(file.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s.heading for s in draft.sections if s.heading] + ["Bronnen"]
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [draft.title]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Solliciteren kan via de website van" in body
    assert all(" ".join(c.quote.split()) in body for c in draft.sources)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert get_persona(PERSONAS_DIR, "bert-beleid").tasks[0] in bullets


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_unknown_persona_is_not_found(vacancy_assistant) -> None:
    with pytest.raises(NotFoundError):
        draft_from_request(_request("onbekende-persona"), vacancy_assistant)


@pytest.mark.slow
def test_request_for_another_persona_is_refused(vacancy_assistant) -> None:
    with pytest.raises(InvalidInputError):
        draft_vacancy(_request("amir-advies"), get_persona(PERSONAS_DIR, "tess-toezicht"), vacancy_assistant)


@pytest.mark.parametrize(
    "overrides",
    [
        {"organisation": ""},
        {"organisation": "   "},
        {"organisation": "x" * 121},
        {"wishes": "w" * 10_000},
        {"hours": 99},
        {"hours": 4},
        {"hours": "36"},
        {"closing_date": (date.today() - timedelta(days=1)).isoformat()},
        {"team": "t" * 201},
        {"location": "Voorbeeldstad\nHack"},
        {"tone": "grappig"},
        {"address": "jij"},
        {"organisation_type": "bedrijf"},
        {"salary": "€" + "9" * 100},
        {"team": "Mail jan@example.nl"},
        {"wishes": "Bel 06-12345678 voor info."},
        {"wishes": "Zie bron [3]."},
        {"organisation": "# Gemeente"},
        {"team": "<b>Team</b>"},
        {"persona_id": "../etc"},
        {"unknown_field": 1},
    ],
)
def test_bad_requests_are_refused_with_a_clear_error(overrides: dict) -> None:
    values = {"persona_id": "amir-advies", "organisation": ORGANISATION, **overrides}
    with pytest.raises(ValidationError) as caught:
        VacancyRequest.model_validate(values)
    assert caught.value.errors()


def test_blank_optional_fields_mean_not_given() -> None:
    request = _request("vera-vergunning", location=" ", team="", wishes="  ")
    assert request.location is None and request.team is None and request.wishes is None


def test_unknown_export_format_is_refused() -> None:
    draft = VacancyDraft.model_construct(title="x", text="# x\n", sources=[])
    with pytest.raises(InvalidInputError):
        export_draft(draft, "pdf")


# --- the building blocks, without an index -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "address", "expected"),
    [
        ("Amir is de bodemspecialist.", "je", "Je bent de bodemspecialist."),
        ("Amir is de bodemspecialist.", "u", "U bent de bodemspecialist."),
        ("Daarna schrijft Amir een advies.", "je", "Daarna schrijf je een advies."),
        ("Daarna schrijft Amir een advies.", "u", "Daarna schrijft u een advies."),
        ("Om negen uur zit Amir aan tafel.", "je", "Om negen uur zit je aan tafel."),
        ("Onderweg praat Amir met de eigenaar.", "je", "Onderweg praat je met de eigenaar."),
        ("Het is druk, maar Amir blijft rustig.", "je", "Het is druk, maar je blijft rustig."),
        ("Amir heeft tijd en kan helpen.", "u", "U hebt tijd en kunt helpen."),
        ("'s Middags leidt Amir een sessie.", "je", "'s Middags leid je een sessie."),
        ("Het rapport is in orde.", "je", "Het rapport is in orde."),
        ("Amir, de adviseur, kijkt mee.", "je", None),
        ("Vera belt met Amir.", "je", None),
    ],
)
def test_persona_sentences_address_the_reader(sentence: str, address: str, expected: str | None) -> None:
    assert to_second_person(sentence, "Amir", address) == expected


@pytest.mark.parametrize(
    ("quote", "usable"),
    [
        ("Een ervaren collega wordt als ‘buddy’ gekoppeld aan een minder ervaren collega.", True),
        ("De vitale bodem is een verbindend thema", True),
        ("Noodzaak om regie te nemen, bodem en water sturend", False),  # a slide fragment
        ("Dit vraagt vooral in de eerste maanden tijd en aandacht.", False),  # leans on what came before
        ("In Son en Breugel werd Evi gekoppeld aan een collega.", False),  # names a place and a person
        ("Thuiswerken is de nieuwe norm, en dat kan nog wel een tijdje zo blijven.", False),  # dated
        ("Van de 249 kandidaten kregen er 31 een jaarcontract bij een gemeente.", False),  # figures
        (
            "Ik ben altijd voorstander geweest van plaats en tijdonafhankelijk werken.",
            False,
        ),  # someone speaks
        ("Wij zoeken een jong en dynamisch team voor onze afdeling.", False),  # personal and not inclusive
    ],
)
def test_which_passage_sentences_can_be_quoted(quote: str, usable: bool) -> None:
    assert usable_quote(quote) is usable


def test_untraceable_numbers_ignore_markers() -> None:
    assert untraceable_numbers("Uren: 36 uur [2].", ["36"]) == set()
    assert untraceable_numbers("Je verdient 5000 euro [1].", ["schaal 9 tot 11"]) == {"5000"}
