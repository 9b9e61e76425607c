"""Edit what a document is (title, kind, year, publisher) from the web app.

The change goes into the manifest next to the file, so it survives every later ingest, and the document
is then re-indexed on its own: a new generation in which its passages, filters and citations carry the
new metadata. Its embeddings come from the cache, so this costs no model time.
"""

import threading
from collections.abc import Callable
from itertools import takewhile
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.core.config import Settings
from assistant.core.embeddings import Embedder
from assistant.core.errors import InvalidInputError
from assistant.core.snapshot import DocumentRecord
from ingest.manifest import MANIFEST_NAME, load_manifest
from ingest.pipeline import run_ingest

# Manifest edits are read-modify-write: one at a time, so two recruiters' edits never overwrite each other.
_EDITS = threading.Lock()
_FIELD_NAMES = {"title": "titel", "kind": "soort", "publisher": "uitgever", "year": "jaar"}
_PROBLEMS = {
    "string_too_long": "is te lang (maximaal {max_length} tekens)",
    "greater_than_equal": "moet {ge} of later zijn",
    "less_than_equal": "moet {le} of eerder zijn",
    "int_parsing": "moet een jaartal zijn",
    "int_from_float": "moet een jaartal zijn",
    "int_type": "moet een jaartal zijn",
    "string_type": "moet tekst zijn",
    "extra_forbidden": "kan hier niet worden gewijzigd",
    "model_type": "moet een object zijn met title, kind, year en/of publisher",
}


class MetadataEdit(BaseModel):
    """The fields a recruiter may change; a field left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=200)
    kind: str | None = Field(None, max_length=60)
    publisher: str | None = Field(None, max_length=200)
    year: int | None = Field(None, ge=1900, le=2100)

    @field_validator("title", "kind")
    @classmethod
    def _not_blank(cls, value: str | None) -> str:
        # Checked even when sent as null: a document always has a title and a kind.
        if value is None or not value.strip():
            raise ValueError("mag niet leeg zijn")
        return value.strip()

    @field_validator("publisher")
    @classmethod
    def _trimmed(cls, value: str | None) -> str:
        return (value or "").strip()


def parse_edit(body: object) -> MetadataEdit:
    """The edit from a request body, or an InvalidInputError naming each wrong field in Dutch."""
    try:
        return MetadataEdit.model_validate(body)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"])
            template = _PROBLEMS.get(error["type"])
            problem = template.format(**error.get("ctx", {})) if template else str(error["msg"])
            name = _FIELD_NAMES.get(field, field or "verzoek")
            problems.append(f"{name} {problem.removeprefix('Value error, ')}")
        raise InvalidInputError("Niet opgeslagen: " + "; ".join(problems) + ".") from exc


def edit_metadata(
    document: DocumentRecord, edit: MetadataEdit, settings: Settings, embedder: Embedder
) -> DocumentRecord:
    """Store the edit in the manifest beside the document's file and re-index that file alone."""
    changes = edit.model_dump(exclude_unset=True)
    if not changes:
        raise InvalidInputError("Geen wijziging meegegeven: geef title, kind, year of publisher op.")
    source = Path(document.source_path)
    if not source.exists():
        raise InvalidInputError(f"Het bestand van {document.title!r} is niet meer beschikbaar.")
    manifest = source.parent / MANIFEST_NAME
    with _EDITS:
        before = manifest.read_text(encoding="utf-8") if manifest.exists() else None
        write_manifest_entry(source, changes)
        try:
            report = run_ingest([source], settings, embedder, rebuild=True)
            if str(source) in report.skipped:
                raise InvalidInputError(f"Opnieuw indexeren mislukt: {report.skipped[str(source)]}")
        except Exception:
            # The index kept the old metadata; so does the manifest.
            if before is None:
                manifest.unlink(missing_ok=True)
            else:
                _replace(manifest, before)
            raise
    return document.model_copy(update=changes)


def write_manifest_entry(source: Path, changes: dict[str, object]) -> None:
    """Merge `changes` into the file's manifest entry; a broken manifest is refused, not overwritten."""

    def merge(entries: dict) -> None:
        entries[source.name] = {**(entries.get(source.name) or {}), **changes}

    _rewrite_entries(source, merge)


def remove_manifest_entry(source: Path) -> None:
    """Drop the file's manifest entry, so a later file of the same name does not inherit its edited title."""
    with _EDITS:
        if source.name in load_manifest(source.parent):  # no manifest is written where none is needed
            _rewrite_entries(source, lambda entries: entries.pop(source.name, None))


def _rewrite_entries(source: Path, change: Callable[[dict], object]) -> None:
    """Apply `change` to the entries of the manifest beside `source` and write it back."""
    path = source.parent / MANIFEST_NAME
    load_manifest(source.parent)  # refuses a broken manifest before anything is overwritten
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    data = yaml.safe_load(old) or {"documents": {}}
    change(data.setdefault("documents", {}))
    # YAML drops comments on a rewrite; the explanation at the top of the file is kept.
    header = "".join(takewhile(lambda line: line.startswith("#"), old.splitlines(keepends=True)))
    _replace(path, header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _replace(path: Path, text: str) -> None:
    """Atomic: an ingest never reads half a manifest."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
