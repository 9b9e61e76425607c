"""assistant/data/vacancy_nl.yaml: the drafter's wording, which HR staff may edit without touching code.

The file must validate, and every fixed sentence must stay plain, inclusive, free of officialese and
true to its form of address, because it goes into published vacancy texts as it stands.
"""

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from assistant.checks import check_inclusive, check_jargon, check_readability
from assistant.core.config import PROJECT_ROOT
from assistant.personas import load_personas
from assistant.vacancy.wording import DATA_FILE, Phrase, default_wording, load_wording

JE = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
U = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)
VALUES = {
    "org": "Gemeente Enschede",
    "role": "adviseur bodem",
    "team": "het team Bodem",
    "level": "hbo",
    "date": "1 januari 2027",
    "label": "beleid",
    "number": "V-12",
    "type": "gemeente",
    "salary": "schaal 10",
    "hours": 36,
    "location": "Enschede",
}


def _phrases() -> list[tuple[str, Phrase]]:
    w = default_wording()
    found: list[tuple[str, Phrase]] = [
        ("level", w.level),
        ("offer_fallback", w.offer_fallback),
        ("workplace", w.workplace),
        ("team", w.team),
        ("vacancy_number", w.vacancy_number),
    ]
    for name in (
        "openings",
        "task_intros",
        "day_intros",
        "skill_intros",
        "profile_closings",
        "offer_intros",
        "apply_leads",
        "apply_ends",
    ):
        for tone, phrases in getattr(w, name).items():
            found += [(f"{name}.{tone}.{i}", p) for i, p in enumerate(phrases)]
    found += [(f"offers.{o.key}", o.wording) for o in w.offers]
    return found


def test_the_file_validates() -> None:
    wording = load_wording()
    assert wording.offers and wording.education_levels
    assert {o.key for o in wording.offers if o.wish} >= {
        "hybride",
        "opleidingsbudget",
        "begeleiding",
        "traineeship",
        "parttime",
    }


@pytest.mark.parametrize(("name", "phrase"), _phrases(), ids=[n for n, _ in _phrases()])
def test_every_phrase_is_plain_inclusive_and_keeps_its_address(name: str, phrase: Phrase) -> None:
    je, u = phrase.say("je", **VALUES), phrase.say("u", **VALUES)
    assert not U.search(je), je
    assert not JE.search(u), u
    for text in (je, u):
        assert check_inclusive(text) == [] and check_jargon(text) == [], text
        assert not check_readability(text).difficult_sentences, text


def test_plain_sentences_are_plain() -> None:
    w = default_wording()
    for text in (w.organisation_type, w.chain, w.apply, w.closing_date):
        filled = text.format(**VALUES)
        assert check_inclusive(filled) == [] and check_jargon(filled) == [], filled
        assert not check_readability(filled).difficult_sentences, filled


def test_every_competency_of_the_shipped_cards_has_a_gloss() -> None:
    glosses = default_wording().skill_glosses
    for card in load_personas(PROJECT_ROOT / "corpus" / "personas").values():
        assert {c.casefold() for c in card.competencies} <= set(glosses), card.id
        assert not [g for g in card.target_groups if g not in default_wording().target_groups]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["headings"]["je"].pop("aanbod"), "headings.je"),
        (lambda d: d["offers"].append(dict(d["offers"][0])), "unique"),
        (lambda d: d["offers"][0].update({"for": ["astronauten"]}), "astronauten"),
        (lambda d: d.update({"onbekend": 1}), "onbekend"),
        (lambda d: d["offers"][0].update({"wording": {"je": "Je werkt thuis."}}), "wording"),
    ],
)
def test_a_broken_file_is_refused_with_the_reason(tmp_path: Path, change, words: str) -> None:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "vacancy_nl.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match=words):
        load_wording(path)
