"""Persona cards: the five shipped cards, validation limits, and the file store."""

import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from assistant import personas
from assistant.core.errors import ConflictError, InvalidInputError, NotFoundError
from assistant.personas import (
    FIELD_LABELS,
    ChainStep,
    PersonaCard,
    delete_persona,
    get_persona,
    load_personas,
    parse_persona,
    save_persona,
)

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "corpus" / "personas"
SHIPPED_IDS = ["samira-strategie", "bert-beleid", "amir-advies", "vera-vergunning", "tess-toezicht"]

# TMA competence names the shipped cards may use; a typo here would leak into every vacancy text.
KNOWN_COMPETENCIES = {
    "Analyseren",
    "Besluitvaardigheid",
    "Rust onder druk",
    "Conflicthantering",
    "Integriteit",
    "Klantgerichtheid",
    "Mondelinge communicatie",
    "Nauwkeurigheid",
    "Netwerken",
    "Omgevingsbewustzijn",
    "Oordeelsvorming",
    "Overtuigingskracht",
    "Plannen en organiseren",
    "Politieke sensitiviteit",
    "Samenwerken",
    "Schriftelijke communicatie",
    "Stressbestendigheid",
    "Visie",
    "Zelfstandigheid",
}


def valid_data(**changes: object) -> dict[str, object]:
    """A minimal valid card as raw data, with some fields replaced."""
    data: dict[str, object] = {
        "id": "test-persona",
        "name": "Test Persona",
        "role": "Adviseur bodem",
        "chain_position": "advies",
        "summary": "Een kaart om de opslag mee te testen. Twee korte zinnen.",
        "tasks": ["Bodemonderzoeken beoordelen", "Advies geven", "Vragen beantwoorden"],
        "working_day": " ".join(["woord"] * 80),
        "competencies": ["Analyseren", "Samenwerken", "Klantgerichtheid", "Integriteit"],
        "education_level": "hbo",
        "salary_scale": {"min": 9, "max": 11, "note": "Indicatie, geen toezegging."},
    }
    data.update(changes)
    return data


def write_yaml(directory: Path, name: str, data: object) -> Path:
    """Write raw data as a YAML file, as a person editing by hand would."""
    path = directory / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def error_for(data: dict[str, object]) -> str:
    """The InvalidInputError message that validating `data` gives."""
    with pytest.raises(InvalidInputError) as info:
        parse_persona(data, origin="test.yaml")
    return str(info.value)


# --- the shipped cards -----------------------------------------------------------------------------


def test_shipped_cards_load_in_chain_order() -> None:
    cards = load_personas(SHIPPED_DIR)
    assert list(cards) == SHIPPED_IDS
    assert [card.chain_order for card in cards.values()] == [2, 3, 4, 5, 6]


def test_shipped_directory_holds_only_the_five_cards() -> None:
    assert sorted(path.name for path in SHIPPED_DIR.iterdir()) == sorted(f"{i}.yaml" for i in SHIPPED_IDS)


@pytest.mark.parametrize("persona_id", SHIPPED_IDS)
def test_shipped_card_is_complete(persona_id: str) -> None:
    card = get_persona(SHIPPED_DIR, persona_id)
    first_name = card.name.split()[0]
    assert card.id == persona_id
    assert card.source == "personakaart"
    assert card.name.lower().replace(" ", "-") == persona_id
    assert card.chain_position.value in persona_id
    for text in (card.role, card.summary, card.working_day, card.education_level, card.salary_scale.note):
        assert text.strip()
    assert 3 <= len(card.tasks) <= 8
    assert 4 <= len(card.competencies) <= 8
    assert set(card.competencies) <= KNOWN_COMPETENCIES
    assert 60 <= len(card.working_day.split()) <= 200
    # Written in the second person, so a vacancy can use it as it stands: no name, the reader is 'je'.
    for text in (card.summary, card.working_day):
        assert first_name not in text
        assert re.search(r"\b[Jj]e\b", text)
    assert "indicatie" in card.salary_scale.note.lower()


@pytest.mark.parametrize(
    ("persona_id", "scale"),
    [
        ("samira-strategie", (11, 12)),
        ("bert-beleid", (10, 11)),
        ("amir-advies", (9, 11)),
        ("vera-vergunning", (8, 10)),
        ("tess-toezicht", (8, 9)),
    ],
)
def test_shipped_salary_indications(persona_id: str, scale: tuple[int, int]) -> None:
    card = get_persona(SHIPPED_DIR, persona_id)
    assert (card.salary_scale.min, card.salary_scale.max) == scale


def test_shipped_role_titles_are_gender_neutral() -> None:
    # Dutch feminine job-title endings would make a vacancy text exclude people.
    for card in load_personas(SHIPPED_DIR).values():
        assert not any(card.role.lower().split()[0].endswith(end) for end in ("ster", "trice", "euse"))


def test_shipped_cards_survive_a_save_round_trip(tmp_path: Path) -> None:
    for card in load_personas(SHIPPED_DIR).values():
        stored = save_persona(tmp_path, card, overwrite=False)
        assert get_persona(tmp_path, card.id) == stored
        assert stored.model_copy(update={"updated": None}) == card


# --- the chain ---------------------------------------------------------------------------------------


def test_chain_runs_from_council_to_street() -> None:
    assert [step.order for step in ChainStep] == [1, 2, 3, 4, 5, 6]
    assert ChainStep.RAAD.order < ChainStep.TOEZICHT.order
    assert all(step.label for step in ChainStep)


def test_unknown_chain_position_is_rejected() -> None:
    message = error_for(valid_data(chain_position="directie"))
    assert "plek in de keten" in message
    assert "toezicht" in message


# --- validation limits -------------------------------------------------------------------------------


def test_valid_data_passes() -> None:
    card = parse_persona(valid_data())
    assert card.source == "personakaart"
    assert card.updated is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "x" * 10_000}, "name"),
        ({"role": "r" * 500}, "role"),
        ({"summary": "s" * 5_000}, "summary"),
        ({"working_day": " ".join(["woord"] * 5_000)}, "working_day"),
        ({"working_day": "Te kort."}, "working_day"),
        ({"tasks": [f"Taak nummer {n}" for n in range(100)]}, "tasks"),
        ({"tasks": ["Een taak", "Nog een taak"]}, "tasks"),
        ({"tasks": ["Een taak", "Nog een taak", "t" * 1_000]}, "tasks, item 3"),
        ({"competencies": [f"Competentie {n}" for n in range(50)]}, "competencies"),
        ({"competencies": ["Visie"]}, "competencies"),
        ({"education_level": "hbo " * 100}, "education_level"),
        ({"id": "a" * 200}, "id"),
        ({"id": "Hoofdletters"}, "id"),
        ({"id": "../../etc/passwd"}, "id"),
    ],
)
def test_absurd_values_are_rejected(changes: dict[str, object], field: str) -> None:
    name, _, item = field.partition(", ")
    label = f"{FIELD_LABELS[name]}, {item}" if item else FIELD_LABELS[name]
    assert f"veld {label}" in error_for(valid_data(**changes))


@pytest.mark.parametrize("field", ["name", "role", "summary", "education_level"])
def test_empty_or_blank_text_is_rejected(field: str) -> None:
    assert f"veld {FIELD_LABELS[field]}" in error_for(valid_data(**{field: "   "}))


def test_line_breaks_in_single_line_fields_are_rejected() -> None:
    assert "regeleinden" in error_for(valid_data(name="Test\nPersona"))


def test_duplicate_competencies_are_rejected() -> None:
    data = valid_data(competencies=["Analyseren", "analyseren", "Visie", "Samenwerken"])
    assert "twee keer" in error_for(data)


def test_scale_min_above_max_is_rejected() -> None:
    message = error_for(valid_data(salary_scale={"min": 11, "max": 9, "note": "Indicatie."}))
    assert "veld salarisschaal" in message
    assert "hoger" in message


@pytest.mark.parametrize(("low", "high"), [(0, 9), (9, 19), (-3, 2)])
def test_scale_outside_1_to_18_is_rejected(low: int, high: int) -> None:
    assert "veld salarisschaal" in error_for(valid_data(salary_scale={"min": low, "max": high}))


def test_scale_note_must_say_it_is_an_indication() -> None:
    data = valid_data(salary_scale={"min": 9, "max": 10, "note": "Schaal 9 tot 10."})
    assert "indicatie" in error_for(data)


def test_scale_note_has_a_default() -> None:
    card = parse_persona(valid_data(salary_scale={"min": 9, "max": 10}))
    assert "Indicatie" in card.salary_scale.note


def test_source_cannot_pretend_to_be_a_document() -> None:
    assert "veld bron" in error_for(valid_data(source="twente-nieuwe-bodemkracht-presentatie.txt"))


def test_missing_and_unknown_fields_are_named() -> None:
    data = valid_data(salaris="hoog")
    del data["role"]
    message = error_for(data)
    assert "veld functie: ontbreekt" in message
    assert "veld salaris: is geen bekend veld" in message


def test_naive_updated_time_is_taken_as_utc() -> None:
    card = parse_persona(valid_data(updated="2025-03-01T09:00:00"))
    assert card.updated == datetime(2025, 3, 1, 9, tzinfo=UTC)


# --- files ------------------------------------------------------------------------------------------


def test_malformed_yaml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "kapot.yaml").write_text("id: kapot\ntasks: [niet afgesloten\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"kapot\.yaml") as info:
        load_personas(tmp_path)
    assert "YAML" in str(info.value)


def test_schema_violation_names_file_and_field(tmp_path: Path) -> None:
    write_yaml(tmp_path, "test-persona.yaml", valid_data(salary_scale={"min": 12, "max": 10}))
    with pytest.raises(InvalidInputError, match=r"test-persona\.yaml") as info:
        get_persona(tmp_path, "test-persona")
    assert "veld salarisschaal" in str(info.value)


def test_yaml_that_is_not_a_mapping_is_rejected(tmp_path: Path) -> None:
    write_yaml(tmp_path, "lijst.yaml", ["geen", "kaart"])
    with pytest.raises(InvalidInputError, match=r"lijst\.yaml"):
        load_personas(tmp_path)


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "leeg.yaml").write_text("", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"leeg\.yaml"):
        load_personas(tmp_path)


def test_file_name_must_match_id(tmp_path: Path) -> None:
    write_yaml(tmp_path, "andere-naam.yaml", valid_data())
    with pytest.raises(InvalidInputError, match=r"andere-naam\.yaml.*bestandsnaam"):
        load_personas(tmp_path)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    (tmp_path / "groot.yaml").write_text("x: " + "a" * (personas.MAX_FILE_BYTES + 1), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"groot\.yaml.*te groot"):
        load_personas(tmp_path)


def test_non_utf8_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "latin.yaml").write_bytes("name: Caf\xe9".encode("latin-1"))
    with pytest.raises(InvalidInputError, match=r"latin\.yaml"):
        load_personas(tmp_path)


def test_missing_directory_is_an_empty_store(tmp_path: Path) -> None:
    assert load_personas(tmp_path / "bestaat-niet") == {}


def test_other_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "notities.txt").write_text("geen kaart", encoding="utf-8")
    (tmp_path / ".test-persona.abc.tmp").write_text("half geschreven", encoding="utf-8")
    save_persona(tmp_path, parse_persona(valid_data()), overwrite=False)
    assert list(load_personas(tmp_path)) == ["test-persona"]


# --- the store --------------------------------------------------------------------------------------


def test_save_then_get(tmp_path: Path) -> None:
    card = parse_persona(valid_data())
    stored = save_persona(tmp_path / "nieuw", card, overwrite=False)
    assert stored.updated is not None
    assert stored.updated.tzinfo is not None
    assert get_persona(tmp_path / "nieuw", "test-persona") == stored


def test_saved_file_is_readable_yaml_without_empty_fields(tmp_path: Path) -> None:
    save_persona(tmp_path, parse_persona(valid_data()), overwrite=False)
    raw = yaml.safe_load((tmp_path / "test-persona.yaml").read_text(encoding="utf-8"))
    assert raw["source"] == "personakaart"
    assert raw["chain_position"] == "advies"
    assert set(raw) == set(PersonaCard.model_fields)


def test_save_existing_without_overwrite_conflicts(tmp_path: Path) -> None:
    save_persona(tmp_path, parse_persona(valid_data()), overwrite=False)
    before = (tmp_path / "test-persona.yaml").read_bytes()
    with pytest.raises(ConflictError):
        save_persona(tmp_path, parse_persona(valid_data(name="Iemand Anders")), overwrite=False)
    assert (tmp_path / "test-persona.yaml").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test-persona.yaml"]


def test_overwrite_missing_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        save_persona(tmp_path, parse_persona(valid_data()), overwrite=True)
    assert list(tmp_path.iterdir()) == []


def test_overwrite_existing_replaces(tmp_path: Path) -> None:
    save_persona(tmp_path, parse_persona(valid_data()), overwrite=False)
    save_persona(tmp_path, parse_persona(valid_data(role="Senior adviseur bodem")), overwrite=True)
    assert get_persona(tmp_path, "test-persona").role == "Senior adviseur bodem"


def test_delete(tmp_path: Path) -> None:
    save_persona(tmp_path, parse_persona(valid_data()), overwrite=False)
    delete_persona(tmp_path, "test-persona")
    assert load_personas(tmp_path) == {}
    with pytest.raises(NotFoundError):
        get_persona(tmp_path, "test-persona")
    with pytest.raises(NotFoundError):
        delete_persona(tmp_path, "test-persona")


def test_get_unknown_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="bestaat-niet"):
        get_persona(tmp_path, "bestaat-niet")


@pytest.mark.parametrize("bad_id", ["../samira-strategie", "a/b", "", "X", "samira-strategie.yaml"])
def test_ids_that_are_not_slugs_never_reach_the_filesystem(tmp_path: Path, bad_id: str) -> None:
    shutil.copy(SHIPPED_DIR / "samira-strategie.yaml", tmp_path / "samira-strategie.yaml")
    inner = tmp_path / "store"
    inner.mkdir()
    with pytest.raises(InvalidInputError):
        get_persona(inner, bad_id)
    with pytest.raises(InvalidInputError):
        delete_persona(inner, bad_id)
    assert (tmp_path / "samira-strategie.yaml").exists()


def test_writes_leave_no_temp_files(tmp_path: Path) -> None:
    card = parse_persona(valid_data())
    save_persona(tmp_path, card, overwrite=False)
    save_persona(tmp_path, card, overwrite=True)
    with pytest.raises(ConflictError):
        save_persona(tmp_path, card, overwrite=False)
    assert [p.name for p in tmp_path.iterdir()] == ["test-persona.yaml"]


def test_failed_replace_keeps_the_old_card_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_persona(tmp_path, parse_persona(valid_data()), overwrite=False)
    before = (tmp_path / "test-persona.yaml").read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("schijf vol")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="schijf vol"):
        save_persona(tmp_path, parse_persona(valid_data(role="Nieuw")), overwrite=True)
    assert (tmp_path / "test-persona.yaml").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["test-persona.yaml"]


def test_failed_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError("schrijffout")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="schrijffout"):
        save_persona(tmp_path, parse_persona(valid_data()), overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_create_without_hard_links_still_refuses_to_clobber(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    card = parse_persona(valid_data())
    save_persona(tmp_path, card, overwrite=False)
    with pytest.raises(ConflictError):
        save_persona(tmp_path, card, overwrite=False)
    assert [p.name for p in tmp_path.iterdir()] == ["test-persona.yaml"]


def test_many_problems_are_summarised() -> None:
    data = valid_data(tasks=["t" * 500] * 8, competencies=["c" * 500] * 8)
    message = error_for(data)
    assert "en nog 8 andere fout(en)" in message
    assert len(message) < 1_000
