"""Editing a document's metadata: Dutch errors per field, the manifest entry merged (comments at the top
and other entries kept), and the manifest restored when re-indexing fails."""

from pathlib import Path

import pytest
import yaml

import ingest.metadata as metadata
from assistant.core.errors import InvalidInputError
from assistant.core.snapshot import DocumentRecord, current_generation, load_snapshot
from ingest.documents import delete_document
from ingest.metadata import edit_metadata, parse_edit, write_manifest_entry
from ingest.pipeline import run_ingest

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


def _document(settings, name: str) -> DocumentRecord:
    snapshot = load_snapshot(settings.index_dir, current_generation(settings.index_dir))
    return next(d for d in snapshot.documents.values() if Path(d.source_path).name == name)


def test_deleting_an_upload_drops_its_manifest_entry_so_a_new_file_of_that_name_keeps_its_own_title(
    settings_factory, fake_embedder
) -> None:
    settings = settings_factory()
    settings.corpus_dir.mkdir(parents=True)
    settings.uploads_dir.mkdir(parents=True)
    (settings.uploads_dir / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    upload = settings.uploads_dir / "verlofregeling.txt"
    upload.write_text("Verlof aanvragen\n\nVraag verlof twee weken vooraf aan.\n", encoding="utf-8")
    run_ingest(settings.source_dirs, settings, fake_embedder)
    edit_metadata(
        _document(settings, upload.name), parse_edit({"title": "Oude regeling"}), settings, fake_embedder
    )

    delete_document(_document(settings, upload.name), settings, fake_embedder)

    entries = yaml.safe_load((settings.uploads_dir / "manifest.yaml").read_text(encoding="utf-8"))[
        "documents"
    ]
    assert upload.name not in entries
    assert set(entries) == {"a.txt", "b.txt"}  # the other entries stay
    upload.write_text("Thuiswerken\n\nThuiswerken mag twee dagen per week.\n", encoding="utf-8")
    run_ingest(settings.source_dirs, settings, fake_embedder)
    assert _document(settings, upload.name).title != "Oude regeling"


def test_deleting_a_corpus_document_keeps_its_manifest_entry_for_the_copy_in_the_trash(
    settings_factory, fake_embedder
) -> None:
    settings = settings_factory()
    settings.corpus_dir.mkdir(parents=True)
    (settings.corpus_dir / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (settings.corpus_dir / "a.txt").write_text(
        "Werving\n\nWerving via netwerken werkt goed.\n", encoding="utf-8"
    )
    run_ingest(settings.source_dirs, settings, fake_embedder)

    delete_document(_document(settings, "a.txt"), settings, fake_embedder)

    assert (settings.corpus_dir / "manifest.yaml").read_text(encoding="utf-8") == MANIFEST
    assert [p.name.endswith("-a.txt") for p in settings.trash_dir.iterdir()] == [True]
