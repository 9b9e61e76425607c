"""Editing a document's metadata: Dutch errors per field, the manifest entry merged (comments at the top
and other entries kept), and the manifest restored when re-indexing fails."""

from pathlib import Path

import pytest
import yaml

import ingest.metadata as metadata
from assistant.core.errors import InvalidInputError
from assistant.core.snapshot import DocumentRecord
from ingest.metadata import edit_metadata, parse_edit, write_manifest_entry

MANIFEST = """# Uitleg bovenaan.
# Tweede regel.
documents:
  a.txt:
    title: A
    kind: rapport
    layout: headings
  b.txt:
    title: B
"""


def test_edit_is_merged_into_the_entry(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    write_manifest_entry(tmp_path / "a.txt", {"title": "Nieuwe titel", "year": 2024})
    text = (tmp_path / "manifest.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Uitleg bovenaan.\n# Tweede regel.\n")
    entries = yaml.safe_load(text)["documents"]
    assert entries["a.txt"] == {
        "title": "Nieuwe titel",
        "kind": "rapport",
        "layout": "headings",
        "year": 2024,
    }
    assert entries["b.txt"] == {"title": "B"}


def test_a_folder_without_manifest_gets_one(tmp_path: Path) -> None:
    write_manifest_entry(tmp_path / "upload.pdf", {"title": "Upload"})
    assert yaml.safe_load((tmp_path / "manifest.yaml").read_text())["documents"] == {
        "upload.pdf": {"title": "Upload"}
    }


def test_a_broken_manifest_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text("documents: [kapot", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="geen geldige YAML"):
        write_manifest_entry(tmp_path / "a.txt", {"title": "X"})
    assert (tmp_path / "manifest.yaml").read_text() == "documents: [kapot"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"title": ""}, "titel mag niet leeg zijn"),
        ({"year": 2200}, "jaar moet 2100 of eerder zijn"),
        ({"publisher": 5}, "uitgever moet tekst zijn"),
        ({"pages": 3}, "pages kan hier niet worden gewijzigd"),
    ],
)
def test_bad_fields_are_named_in_dutch(body: dict, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        parse_edit(body)


def test_values_are_trimmed_and_unset_fields_left_out() -> None:
    edit = parse_edit({"title": "  Titel ", "publisher": None})
    assert edit.model_dump(exclude_unset=True) == {"title": "Titel", "publisher": ""}


def test_manifest_is_restored_when_reindexing_fails(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Tekst.", encoding="utf-8")

    def broken_ingest(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(metadata, "run_ingest", broken_ingest)
    document = DocumentRecord(
        id="a",
        title="A",
        kind="rapport",
        source_path=str(tmp_path / "a.txt"),
        file_type="txt",
        fingerprint="x",
        size_bytes=6,
    )
    with pytest.raises(RuntimeError):
        edit_metadata(document, parse_edit({"title": "Nieuw"}), settings=None, embedder=None)  # type: ignore[arg-type]
    assert (tmp_path / "manifest.yaml").read_text(encoding="utf-8") == MANIFEST
