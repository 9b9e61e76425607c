"""Documents added and removed by users: checked before anything is written, stored outside the web root.

An accepted upload is first staged under a unique hidden name; only when its own ingest succeeds is it
promoted to its stored name, so uploads in quick succession under one name never touch each other's file
and a refused version never removes the good one. Promotion, re-index and delete take one lock.

Each stored name remembers the name it was uploaded under: another name that maps to the same stored file
("Verslag 2024.txt", "verslag_2024.txt") is refused with a 409 instead of silently replacing it.
"""

import math
import os
import re
import shutil
import tempfile
import unicodedata
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.errors import ConflictError, InvalidInputError
from assistant.core.redaction import redact_title
from ingest.locks import exclusive, process_token, token_alive
from ingest.models import SkipFile
from ingest.sniff import sniff

EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "md": ".md", "txt": ".txt"}
ACCEPTED = "PDF, Word (.docx), HTML, Markdown (.md) of platte tekst (.txt)"
_BINARY_CLAIMS = {".pdf": "pdf", ".docx": "docx"}
_MAX_STEM = 80
STAGING = ".staging"  # hidden: never ingested until promoted
NAMES = ".names"  # one small file per stored name, holding the name it was uploaded under


@dataclass(frozen=True)
class StagedUpload:
    staged: Path  # the unique hidden copy this upload's job reads and promotes
    target: Path  # the stored name it gets once its ingest succeeds
    name: str  # the file name the user gave (folders stripped)


def safe_filename(name: str) -> str:
    """The base name only (no folders, no traversal), personal data redacted, accents folded to ASCII
    ("één" -> "een"), lowercase letters, digits and dashes."""
    stem = _base_name(name)
    stem = Path(stem).stem if "." in stem else stem
    folded = unicodedata.normalize("NFKD", redact_title(stem)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:_MAX_STEM]
    return slug or "document"


def _base_name(name: str) -> str:
    return re.split(r"[\\/]", name or "")[-1].strip()


def _accepted_types(max_bytes: int) -> str:
    return f"Toegestaan: {ACCEPTED}, tot {max_bytes / 1e6:.1f} MB."


def check_upload(data: bytes, filename: str, max_bytes: int) -> str:
    """The sniffed type of an upload, or InvalidInputError saying why it is refused and what is accepted."""
    if not data.strip():
        raise InvalidInputError("Het bestand is leeg.")
    if len(data) > max_bytes:
        # The size is rounded up: a file just over a 2.0 MB limit reads "2.1 MB", never "2.0 MB".
        size = math.ceil(len(data) / 100_000) / 10
        raise InvalidInputError(
            f"Het bestand is te groot ({size:.1f} MB, maximaal {max_bytes / 1e6:.1f} MB)."
        )
    suffix = Path(filename or "").suffix.lower()
    try:
        kind = sniff(data, suffix).file_type
    except SkipFile as exc:
        raise InvalidInputError(
            f"Dit bestand kan niet worden gelezen: {exc}. {_accepted_types(max_bytes)}"
        ) from exc
    claimed = _BINARY_CLAIMS.get(suffix)
    if claimed and kind != claimed:
        accepted = _accepted_types(max_bytes)
        raise InvalidInputError(
            f"Het bestand heet {suffix} maar de inhoud is geen {claimed.upper()}. {accepted}"
        )
    return kind


def stage_upload(data: bytes, filename: str, uploads_dir: Path, max_bytes: int) -> StagedUpload:
    """Check an upload, claim its stored name and write it under a unique hidden name."""
    kind = check_upload(data, filename, max_bytes)
    target = uploads_dir / f"{safe_filename(filename)}{EXTENSIONS[kind]}"
    name = _base_name(filename)
    _claim_name(target, name)
    staging = uploads_dir / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=staging, prefix=f"{process_token()}-", suffix=f"-{target.name}")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except BaseException:
        discard(StagedUpload(Path(tmp), target, name))
        raise
    return StagedUpload(Path(tmp), target, name)


def _same_name(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


def _name_record(target: Path) -> Path:
    return target.parent / NAMES / target.name


def _claim_name(target: Path, name: str) -> None:
    """Record `name` for `target`, or ConflictError when another name already has that stored file."""
    record = _name_record(target)
    record.parent.mkdir(parents=True, exist_ok=True)
    try:
        with record.open("x", encoding="utf-8") as out:  # "x": of two racing claims exactly one wins
            out.write(name)
        return
    except FileExistsError:
        existing = record.read_text(encoding="utf-8")
    if not _same_name(existing, name):
        raise ConflictError(
            f"Er is al een document '{existing}' dat onder dezelfde bestandsnaam ({target.name}) is "
            f"opgeslagen als '{name}'. Geef dit bestand een andere naam, of verwijder eerst '{existing}' "
            "als u het wilt vervangen."
        )


def _release_name(target: Path) -> None:
    """Forget the claimed name when no stored file and no other staged upload uses it any more."""
    pending = [p for p in (target.parent / STAGING).glob("*-*") if _staged_for(p) == target.name]
    if not target.exists() and not pending:
        _name_record(target).unlink(missing_ok=True)


def uploads_lock(uploads_dir: Path) -> AbstractContextManager[None]:
    """Held while an upload is promoted and ingested, and during re-index and delete."""
    return exclusive(uploads_dir / STAGING / ".lock")


def previous_version(path: Path) -> Path:
    """Where the version an upload replaced is kept until its ingest settles (hidden, so never ingested)."""
    return path.with_name(f".previous-{path.name}")


def _new_marker(path: Path) -> Path:
    """Present while a first version is promoted but not yet settled: a restart takes it out again."""
    return path.with_name(f".new-{path.name}")


def promote(upload: StagedUpload) -> None:
    """Put a staged upload in place; the version it replaces is kept aside until `settle`."""
    target = upload.target
    if target.exists():
        _keep_aside(target, previous_version(target))
    else:
        _new_marker(target).touch()
    os.replace(upload.staged, target)


def _keep_aside(path: Path, copy: Path) -> None:
    copy.unlink(missing_ok=True)
    try:
        os.link(path, copy)  # the old content stays reachable after os.replace() swaps the new file in
    except OSError:
        shutil.copy2(path, copy)  # filesystems without hard links


def settle(target: Path, *, accepted: bool) -> None:
    """After the ingest of a promoted upload: drop the version it replaced, or, when it was refused, take
    it out again and put that previous version back (the index still holds it; without its file the next
    ingest would drop it)."""
    previous = previous_version(target)
    if accepted:
        previous.unlink(missing_ok=True)
    elif previous.exists():
        os.replace(previous, target)
    else:
        target.unlink(missing_ok=True)
        _release_name(target)
    _new_marker(target).unlink(missing_ok=True)


def discard(upload: StagedUpload) -> None:
    """Drop a staged upload that was never promoted; the stored version, if any, is untouched."""
    upload.staged.unlink(missing_ok=True)
    _release_name(upload.target)


def _staged_for(staged: Path) -> str:
    """The stored name a staged file ("<process token>-<random>-<stored name>") is meant for."""
    parts = staged.name.split("-", 2)
    return parts[2] if len(parts) == 3 else ""


def recover_uploads(uploads_dir: Path) -> None:
    """After a crash (call with the uploads lock held): roll back promotions that never settled and drop
    staged files of processes that are gone."""
    if not uploads_dir.exists():
        return
    for marker in uploads_dir.glob(".previous-*"):
        settle(uploads_dir / marker.name.removeprefix(".previous-"), accepted=False)
    for marker in uploads_dir.glob(".new-*"):
        settle(uploads_dir / marker.name.removeprefix(".new-"), accepted=False)
    for staged in (uploads_dir / STAGING).glob("*-*"):
        if not token_alive(staged.name.split("-", 1)[0]):
            staged.unlink(missing_ok=True)
            _release_name(uploads_dir / _staged_for(staged))


def is_upload(source: Path, uploads_dir: Path) -> bool:
    return uploads_dir.resolve() in source.resolve().parents


def remove_source(source: Path, uploads_dir: Path, trash_dir: Path) -> None:
    """Take a document's file out of the sources: uploads are deleted, corpus files are moved to the
    trash folder (they are the user's originals), so the next ingest drops them from the index."""
    if not source.exists():
        return
    if is_upload(source, uploads_dir):
        source.unlink()
        previous_version(source).unlink(missing_ok=True)
        _release_name(source)
        return
    trash_dir.mkdir(parents=True, exist_ok=True)
    shutil.move(source, trash_dir / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{source.name}")
