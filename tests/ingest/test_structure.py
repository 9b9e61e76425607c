"""Structure splitting on the real corpus files: expectations are read from the files themselves."""

import itertools
import re
from pathlib import Path

import pytest

from ingest.manifest import load_manifest
from ingest.structure import (
    Section,
    detect_layout,
    parse_draaiknoppen,
    split_blueprint,
    split_good_practices,
    split_headings,
    split_projects,
    split_sections,
    split_slides,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PROJECTS = CORPUS / "ao-fonds-projecten-leren-en-ontwikkelen.txt"
GOOD_PRACTICES = CORPUS / "gelderland-emagazine-good-practices-publieke-sector.txt"
BLUEPRINT = CORPUS / "ruimte-voor-groei-blauwdruk-brabant.txt"
SLIDES = CORPUS / "twente-nieuwe-bodemkracht-presentatie.txt"
MANIFEST = load_manifest(CORPUS)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split())


def containing(sections: list[Section], offset: int) -> Section:
    matches = [s for s in sections if s.start <= offset < s.end]
    assert len(matches) == 1, f"offset {offset} lies in {len(matches)} sections"
    return matches[0]


def test_manifest_layouts_agree_with_detection() -> None:
    assert set(MANIFEST) == {p.name for p in CORPUS.glob("*.txt")}
    for name, meta in MANIFEST.items():
        assert detect_layout(read(CORPUS / name)) == meta.layout, name


def test_all_38_projects_are_sections_with_their_fields() -> None:
    raw = read(PROJECTS)
    project_lines = list(re.finditer(r"^Project:[ \t]*(.+?)[ \t]*$", raw, re.MULTILINE))
    assert len(project_lines) == 38  # the manifest describes 38 projects

    sections = split_projects(raw)
    records = [s for s in sections if "project" in s.fields]

    assert len(records) == len(project_lines)
    for line in project_lines:
        section = containing(sections, line.start())
        assert section.fields["project"] == line[1]
        body = squash(raw[section.start : section.end])
        for name in ("project", "municipality", "theme", "period"):
            value = section.fields[name]
            assert value, f"{line[1]}: empty {name}"
            assert squash(value) in body, f"{line[1]}: {name} {value!r} not in its own section"
        # The title is the record's heading line above its "Project:" line, not a line of another record.
        assert raw.index(section.title, section.start) < line.start()


def test_project_fields_come_from_the_line_after_an_empty_label() -> None:
    raw = read(PROJECTS)
    # Records where "Looptijd:" stands alone and its value is on the next line.
    empty_labels = list(re.finditer(r"^Looptijd:[ \t]*\n(.+)$", raw, re.MULTILINE))
    assert empty_labels

    sections = split_projects(raw)
    for label in empty_labels:
        assert containing(sections, label.start()).fields["period"] == label[1].strip()


def test_intro_before_the_first_project_has_no_record_fields() -> None:
    sections = split_projects(read(PROJECTS))

    assert sections[0].title == "Inleiding"
    assert sections[0].fields == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1 T/M 5", [1, 2, 3, 4, 5]),
        ("2 t/m 4", [2, 3, 4]),
        ("1, 4 EN 5", [1, 4, 5]),
        ("2 EN 5", [2, 5]),
        ("5", [5]),
        ("5, 1", [1, 5]),
    ],
)
def test_parse_draaiknoppen(value: str, expected: list[int]) -> None:
    assert parse_draaiknoppen(value) == expected


# Every DRAAIKNOP value that occurs in the e-magazine, with the knobs it names.
KNOBS = {
    "1": "1",
    "2": "2",
    "4": "4",
    "5": "5",
    "1 T/M 5": "1,2,3,4,5",
    "1, 4 EN 5": "1,4,5",
    "2 EN 5": "2,5",
}


def test_good_practices_carry_their_draaiknop_numbers() -> None:
    raw = read(GOOD_PRACTICES)
    tags = list(re.finditer(r"^[ \t]*DRAAIKNOP:[ \t]*(.+?)[ \t]*$", raw, re.MULTILINE))
    assert len(tags) >= 10
    assert {t[1] for t in tags} <= set(KNOBS), "a DRAAIKNOP value this test does not know yet"

    sections = split_good_practices(raw)
    practices = [s for s in sections if "draaiknop" in s.fields]

    assert len(practices) == len(tags)
    for tag in tags:
        section = containing(sections, tag.start())
        assert section.fields["draaiknop"] == KNOBS[tag[1]]
        # The title is the capitals block above the tag, within the practice's own section.
        above = squash(raw[section.start : tag.start()]).upper()
        assert section.title.upper() in above


def test_good_practice_titles_are_readable_not_shouting() -> None:
    raw = read(GOOD_PRACTICES)
    practices = [s for s in split_sections(raw, "good_practices") if "draaiknop" in s.fields]
    titles = {p.title for p in practices}

    # Sentence case, with names, abbreviations and quotes as the magazine writes them in its text.
    assert "ZorgStart leidt nieuw potentieel naar zorgbanen" in titles
    assert any(t.startswith("Basisbanen in Tilburg: nu nog een praktijkexperiment") for t in titles)
    assert any(t.startswith("HR ecosysteem bij defensie") for t in titles)
    assert any(t.startswith("Open hiring: van drempel naar HR-methodiek") for t in titles)
    assert not [t for t in titles if t.isupper()]
    # Never Title Case Every Word ("Basisbanen In Tilburg").
    assert not [t for t in titles if len(t.split()) > 2 and t == t.title()]


def test_magazine_headings_keep_the_magazines_own_casing() -> None:
    raw = read(CORPUS / "ao-fonds-magazine-werken-bij-de-overheid-2020.txt")

    titles = [s.title for s in split_sections(raw, "headings")]

    assert "Aandacht voor de risico’s van het thuiswerken" in titles
    assert "Inwoners als HR-adviseur" in titles
    assert "28 augustus 2020" in titles
    assert not [t for t in titles if "’S" in t or " En " in t or " De " in t]


def test_good_practices_intro_is_split_at_its_own_headings() -> None:
    raw = read(GOOD_PRACTICES)
    sections = split_sections(raw, "good_practices")
    first_practice = next(i for i, s in enumerate(sections) if "draaiknop" in s.fields)

    intro_titles = [s.title for s in sections[:first_practice]]

    assert len(intro_titles) > 3
    assert "Inhoudsopgave" in intro_titles


def test_blueprint_sections_are_named_after_their_footer() -> None:
    raw = read(BLUEPRINT)
    footers = [
        m
        for m in re.finditer(r"^[ \t]*BLAUWDRUK[ \t]+-[ \t]*(.*?)(?:[ \t]+\d+)?[ \t]*$", raw, re.MULTILINE)
        if m[1]
    ]
    assert len(footers) > 20

    sections = split_blueprint(raw)

    assert len({s.title for s in sections}) >= 10
    for footer in footers:
        # The footer closes the page above it: it lies in the section it names, at that section's end.
        section = containing(sections, footer.start())
        assert section.title == footer[1]
    for section in sections[:-1]:
        # Each page ends at its footer; consecutive pages of one section are one section.
        last_line = raw[section.start : section.end].strip().splitlines()[-1]
        assert re.fullmatch(rf"\s*BLAUWDRUK\s+-\s*{re.escape(section.title)}(\s+\d+)?\s*", last_line)


def test_blueprint_footer_without_a_name_continues_the_previous_section() -> None:
    raw = "Tekst van pagina een.\nBLAUWDRUK - Werving\nTekst van pagina twee.\nBLAUWDRUK -\nNog meer.\n"

    sections = split_blueprint(raw)

    assert [s.title for s in sections] == ["Werving", "Werving"]
    assert "pagina twee" in raw[sections[0].start : sections[0].end]
    assert raw[sections[1].start : sections[1].end].strip() == "Nog meer."


def test_twente_slides_are_split_at_blank_line_runs_and_titled_by_their_first_lines() -> None:
    raw = read(SLIDES)
    slides = [part for part in re.split(r"\n[ \t]*\n[ \t]*\n", raw) if part.strip()]

    sections = split_slides(raw)

    assert [raw[s.start : s.end].strip() for s in sections] == [part.strip() for part in slides]
    for section in sections:
        assert section.title
        assert not section.title.startswith("▪")
        assert squash(raw[section.start : section.end]).lstrip("▪ ").startswith(section.title)
    titles = {s.title for s in sections}
    assert {"Nieuwe bodemkracht voor Twente", "Learning community HR", "Het vraagstuk"} <= titles
    personas = {"Samira Strategie", "Bert Beleid", "Amir Advies", "Vera Vergunning", "Tess Toezicht"}
    assert personas <= titles


def test_headings_split_markdown_and_capitals_and_join_two_line_headings() -> None:
    raw = "Voorwoord van de redactie.\n# Verlof\nTekst over verlof.\nTHUISWERKEN EN\nVITALITEIT\nTekst.\n"

    sections = split_headings(raw)

    assert [s.title for s in sections] == ["Inleiding", "Verlof", "THUISWERKEN EN VITALITEIT"]
    assert raw[sections[1].start : sections[1].end] == "# Verlof\nTekst over verlof.\n"
    # The capitals heading is given back in sentence case; a heading in mixed case stays as written.
    assert [s.title for s in split_sections(raw, "headings")] == [
        "Inleiding",
        "Verlof",
        "Thuiswerken en vitaliteit",
    ]


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_sections_cover_the_text_in_order_without_overlap(name: str) -> None:
    raw = read(CORPUS / name)

    sections = split_sections(raw, MANIFEST[name].layout)

    assert len(sections) > 5
    assert all(s.start < s.end for s in sections)
    assert raw[: sections[0].start].strip() == ""
    assert raw[sections[-1].end :].strip() == ""
    for before, after in itertools.pairwise(sections):
        assert before.end <= after.start, f"{before.title!r} overlaps {after.title!r}"
        assert raw[before.end : after.start].strip() == "", "text between sections is lost"
    assert all(s.title.strip() for s in sections)
