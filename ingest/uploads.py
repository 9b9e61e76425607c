"""Documents added and removed by users: checked before anything is written, stored outside the web root.

A rejected upload writes nothing; an accepted one is written atomically under its sanitised name with the
extension of the type its content has (not the type its name claims).
"""

import math
import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.errors import InvalidInputError
from ingest.models import SkipFile
from ingest.sniff import sniff

EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "md": ".md", "txt": ".txt"}
_BINARY_CLAIMS = {".pdf": "pdf", ".docx": "docx"}
_MAX_STEM = 80


def safe_filename(name: str) -> str:
    """The base name only (no folders, no traversal), lowercase letters, digits and dashes."""
    base = re.split(r"[\\\\/]", name or "")[-1]
    stem = Path(base).stem if "." in base else base
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:_MAX_STEM]
    return slug or "document"


def check_upload(data: bytes, filename: str, max_bytes: int) -> str:
    """The sniffed type of an upload, or InvalidInputError saying why it is refused."""
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
        raise InvalidInputError(f"Dit bestand kan niet worden gelezen: {exc}.") from exc
    claimed = _BINARY_CLAIMS.get(suffix)
    if claimed and kind != claimed:
        raise InvalidInputError(f"Het bestand heet {suffix} maar de inhoud is geen {claimed.upper()}.")
    return kind


def previous_version(path: Path) -> Path:
    """Where the version an upload replaced is kept until its ingest settles (hidden, so never ingested)."""
    return path.with_name(f".previous-{path.name}")


def store_upload(data: bytes, filename: str, uploads_dir: Path, max_bytes: int) -> Path:
    """Write an accepted upload atomically; a file of the same name is replaced (a new version), the old
    one kept aside until the ingest says whether the new one is readable (see `settle_upload`)."""
    kind = check_upload(data, filename, max_bytes)
    uploads_dir.mkdir(parents=True, exist_ok=True)
    target = uploads_dir / f"{safe_filename(filename)}{EXTENSIONS[kind]}"
    handle, tmp = tempfile.mkstemp(dir=uploads_dir, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if target.exists():
            _keep_aside(target, previous_version(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _keep_aside(path: Path, copy: Path) -> None:
    copy.unlink(missing_ok=True)
    try:
        os.link(path, copy)  # the old content stays reachable after os.replace() swaps the new file in
    except OSError:
        shutil.copy2(path, copy)  # filesystems without hard links


def settle_upload(path: Path, *, accepted: bool) -> None:
    """After the ingest of an upload: drop the version it replaced, or, when it was refused, take it out
    again and put that previous version back (the index still holds it; without its file the next
    ingest would drop it)."""
    previous = previous_version(path)
    if accepted:
        previous.unlink(missing_ok=True)
    elif previous.exists():
        os.replace(previous, path)
    else:
        path.unlink(missing_ok=True)


def remove_source(source: Path, uploads_dir: Path, trash_dir: Path) -> None:
    """Take a document's file out of the sources: uploads are deleted, corpus files are moved to the
    trash folder (they are the user's originals), so the next ingest drops them from the index."""
    if not source.exists():
        return
    if uploads_dir.resolve() in source.resolve().parents:
        source.unlink()
        previous_version(source).unlink(missing_ok=True)
        return
    trash_dir.mkdir(parents=True, exist_ok=True)
    shutil.move(source, trash_dir / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{source.name}")
