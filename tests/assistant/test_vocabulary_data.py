"""Checks for the query-expansion vocabulary of the keyword retriever.

- assistant/data/synonyms_nl.yaml: groups of Dutch terms that stand in for each other;
- assistant/data/glossary_en_nl.yaml: English term -> Dutch terms.

Besides the format, the Dutch terms must mostly occur in the corpus: a term that never
occurs can only add noise to an expanded query.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "assistant" / "data"
SYNONYMS = DATA / "synonyms_nl.yaml"
GLOSSARY = DATA / "glossary_en_nl.yaml"
CORPUS = ROOT / "corpus"

MIN_GROUPS = 30
MIN_GLOSSARY_ENTRIES = 150
MIN_CORPUS_COVERAGE = 0.80

ENGLISH_KEY = re.compile(r"[a-z]+(?:[ '-][a-z]+)*")
# Typographic apostrophes and quotes in the corpus; the vocabulary uses ASCII ones.
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (PyYAML silently keeps the last one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_UniqueKeyLoader)  # SafeLoader subclass: safe
    assert isinstance(data, dict), f"{path.name}: top level must be a mapping"
    return data


@cache
def synonym_groups() -> list[list[str]]:
    groups = _load(SYNONYMS).get("groups")
    assert isinstance(groups, list), "synonyms_nl.yaml: 'groups' must be a list"
    return groups


@cache
def glossary() -> dict[str, list[str]]:
    terms = _load(GLOSSARY).get("terms")
    assert isinstance(terms, dict), "glossary_en_nl.yaml: 'terms' must be a mapping"
    return terms


@cache
def corpus_text() -> str:
    """All corpus files, lowercased, typographic apostrophes made ASCII, whitespace collapsed.

    Collapsing whitespace lets multi-word terms match across the line breaks of the
    PDF extraction ("fysieke\\nleefomgeving").
    """
    files = sorted(CORPUS.glob("*.txt"))
    assert files, f"no corpus files in {CORPUS}"
    text = "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    return re.sub(r"\s+", " ", text.lower().translate(APOSTROPHES))


def all_dutch_terms() -> list[str]:
    terms = [term for group in synonym_groups() for term in group]
    terms += [term for values in glossary().values() for term in values]
    return sorted(set(terms))


def _check_terms(where: str, terms: object, min_len: int) -> list[str]:
    if not isinstance(terms, list):
        return [f"{where}: must be a list, got {type(terms).__name__}"]
    problems = []
    if len(terms) < min_len:
        problems.append(f"{where}: needs at least {min_len} term(s), has {len(terms)}")
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            problems.append(f"{where}: empty or non-string term {term!r}")
        elif term != term.lower():
            problems.append(f"{where}: not lowercase: {term!r}")
        elif term != term.strip() or "  " in term:
            problems.append(f"{where}: stray whitespace in {term!r}")
    strings = [t for t in terms if isinstance(t, str)]
    duplicates = sorted({t for t in strings if strings.count(t) > 1})
    if duplicates:
        problems.append(f"{where}: duplicate terms {duplicates}")
    return problems


def test_files_exist_and_parse():
    assert SYNONYMS.is_file(), SYNONYMS
    assert GLOSSARY.is_file(), GLOSSARY
    synonym_groups()
    glossary()


def test_synonym_groups_are_well_formed():
    groups = synonym_groups()
    assert len(groups) >= MIN_GROUPS, f"{len(groups)} groups, want >= {MIN_GROUPS}"
    problems = []
    for i, group in enumerate(groups):
        # A group of one term expands nothing.
        problems += _check_terms(f"group {i} {group!r}"[:80], group, min_len=2)
    assert not problems, "\n".join(problems)


def test_glossary_is_well_formed():
    terms = glossary()
    assert len(terms) >= MIN_GLOSSARY_ENTRIES, f"{len(terms)} entries, want >= {MIN_GLOSSARY_ENTRIES}"
    problems = []
    for key, values in terms.items():
        if not isinstance(key, str) or not ENGLISH_KEY.fullmatch(key):
            problems.append(f"key {key!r}: want lowercase English (ASCII letters, spaces, hyphens, ')")
        problems += _check_terms(f"entry {key!r}", values, min_len=1)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("key", ["labour shortage", "working from home", "how many", "municipality"])
def test_glossary_covers_core_questions(key):
    assert glossary().get(key), f"glossary lacks {key!r}"


@pytest.mark.parametrize(("british", "american"), [("labour", "labor"), ("organisation", "organization")])
def test_glossary_has_both_spellings(british, american):
    keys = set(glossary())
    for key in sorted(keys):
        if british in key:
            twin = key.replace(british, american)
            assert twin in keys, f"{key!r} has no American twin {twin!r}"


def test_dutch_terms_occur_in_corpus():
    text = corpus_text()
    terms = all_dutch_terms()
    missing = [t for t in terms if t not in text]
    coverage = 1 - len(missing) / len(terms)
    print(f"\n{len(terms)} distinct Dutch terms, {len(terms) - len(missing)} in corpus ({coverage:.1%})")
    print(f"not in corpus ({len(missing)}): " + ", ".join(missing))
    assert coverage >= MIN_CORPUS_COVERAGE, (
        f"only {coverage:.1%} of Dutch terms occur in the corpus (want >= {MIN_CORPUS_COVERAGE:.0%}); "
        f"missing: {missing}"
    )
