"""Stored names, staging and roll-back of uploads, on real files in a temp folder (no index needed)."""

from pathlib import Path

import pytest

from assistant.core.errors import ConflictError, InvalidInputError
from ingest.locks import process_token
from ingest.uploads import (
    NAMES,
    STAGING,
    discard,
    previous_version,
    promote,
    recover_uploads,
    safe_filename,
    settle,
    stage_upload,
)

LIMIT = 1_000_000
TEXT = b"De gemeente werft toezichthouders bodem in de regio."


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("één.txt", "een"),
        ("Verslag 2024.txt", "verslag-2024"),
        ("verslag_2024.txt", "verslag-2024"),
        ("Coördinatie café.md", "coordinatie-cafe"),
        ("../../evil.txt", "evil"),
        ("C:\\\\Users\\\\jan\\\\notitie.txt", "notitie"),
        ("jan@x.nl 06-12345678.txt", "verwijderd-verwijderd"),
        ("日本.txt", "document"),
    ],
)
def test_stored_names(name: str, stored: str) -> None:
    assert safe_filename(name) == stored


def test_staging_writes_only_a_hidden_copy(tmp_path: Path) -> None:
    upload = stage_upload(TEXT, "Werving.txt", tmp_path, LIMIT)
    assert upload.target == tmp_path / "werving.txt" and not upload.target.exists()
    assert upload.staged.parent == tmp_path / STAGING and upload.staged.name.startswith(process_token())
    assert upload.staged.read_bytes() == TEXT
    assert (tmp_path / NAMES / "werving.txt").read_text(encoding="utf-8") == "Werving.txt"


def test_another_name_for_the_same_stored_file_is_a_conflict(tmp_path: Path) -> None:
    first = stage_upload(TEXT, "Verslag 2024.txt", tmp_path, LIMIT)
    with pytest.raises(ConflictError, match=r"Verslag 2024\.txt"):
        stage_upload(TEXT, "verslag_2024.txt", tmp_path, LIMIT)
    stage_upload(TEXT, "VERSLAG 2024.TXT", tmp_path, LIMIT)  # the same name, other case: a new version
    discard(first)


def test_a_refused_first_version_frees_its_name(tmp_path: Path) -> None:
    upload = stage_upload(TEXT, "Verslag 2024.txt", tmp_path, LIMIT)
    discard(upload)
    assert not upload.staged.exists()
    stage_upload(TEXT, "verslag_2024.txt", tmp_path, LIMIT)  # no conflict any more


def test_refused_upload_names_accepted_types_and_limit(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"Toegestaan: PDF.*tot 1\.0 MB"):
        stage_upload(b"MZ\x90\x00" + bytes(range(256)) * 20, "setup.exe", tmp_path, LIMIT)
    assert not (tmp_path / STAGING).exists() or not list((tmp_path / STAGING).iterdir())


def test_promotion_is_undone_when_the_new_version_is_refused(tmp_path: Path) -> None:
    first = stage_upload(TEXT, "werving.txt", tmp_path, LIMIT)
    promote(first)
    settle(first.target, accepted=True)
    second = stage_upload(b"Versie twee van de werving.", "werving.txt", tmp_path, LIMIT)
    promote(second)
    assert first.target.read_bytes() != TEXT and previous_version(first.target).exists()
    settle(second.target, accepted=False)
    assert first.target.read_bytes() == TEXT and not previous_version(first.target).exists()


def test_recovery_rolls_back_promotions_a_crash_cut_off(tmp_path: Path) -> None:
    kept = stage_upload(TEXT, "werving.txt", tmp_path, LIMIT)
    promote(kept)
    settle(kept.target, accepted=True)
    replaced = stage_upload(b"Half verwerkte nieuwe versie.", "werving.txt", tmp_path, LIMIT)
    promote(replaced)  # ... and the process dies before settle
    new = stage_upload(TEXT, "nieuw.txt", tmp_path, LIMIT)
    promote(new)
    orphan = tmp_path / STAGING / "1x1-abcdef-weg.txt"  # staged by a process that no longer exists
    orphan.write_bytes(TEXT)
    (tmp_path / NAMES / "weg.txt").write_text("weg.txt", encoding="utf-8")
    mine = stage_upload(TEXT, "bezig.txt", tmp_path, LIMIT)  # staged by this live process

    recover_uploads(tmp_path)

    assert kept.target.read_bytes() == TEXT
    assert not new.target.exists() and not (tmp_path / NAMES / "nieuw.txt").exists()
    assert not orphan.exists() and not (tmp_path / NAMES / "weg.txt").exists()
    assert mine.staged.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([STAGING, NAMES, "werving.txt"])
