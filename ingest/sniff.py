"""Detect a file's type from its content (magic bytes, then text markup); the extension is only a hint."""

import re
from dataclasses import dataclass

import charset_normalizer
import filetype

from ingest.models import SkipFile
from ingest.packages import DOCX_MAIN_PART, check_zip

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and password-protected Office files
MAX_JUNK_RATIO = 0.05  # share of control/undecodable characters above which "text" is binary junk

_JUNK_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]")
_HTML_MARKUP = re.compile(r"<(?:body|head|p|div|h[1-6]|ul|ol|table|article|section)[\s>]")
_ANY_TAG = re.compile(r"<[a-z!/]")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_PREFERRED_ENCODINGS = ("utf-8-sig", "cp1252")
_SNIFF_CHARS = 4096  # markup that decides html vs. text must appear this near the start


@dataclass(frozen=True)
class Sniffed:
    """The detected type; for text formats also the decoded text and the encoding it was decoded from."""

    file_type: str  # "pdf" | "docx" | "html" | "md" | "txt"
    text: str | None = None
    encoding: str | None = None


def sniff(data: bytes, suffix: str) -> Sniffed:
    """Detect the type of non-empty file content; raise SkipFile for unsupported or unreadable content."""
    if data.startswith(ZIP_MAGIC):
        _require_docx_zip(data)
        return Sniffed("docx")
    if data.startswith(OLE_MAGIC):
        raise SkipFile("OLE-bestand (oud .doc/.xls-formaat of met wachtwoord beveiligd Office-bestand)")
    kind = filetype.guess(data)
    if kind is not None and kind.extension == "pdf":
        return Sniffed("pdf")
    # Other signatures are trusted only for unreadable content: some are two letters ("BM" = bmp, "MZ" = exe).
    decoded = _decode(data)
    if decoded is None:
        unsupported = f"bestandstype .{kind.extension} wordt niet ondersteund" if kind else None
        raise SkipFile(unsupported or "geen leesbare tekst (binaire data)")
    text, encoding = decoded
    if not text.strip():
        raise SkipFile("leeg bestand (alleen witruimte)")
    return Sniffed(text_type(text, suffix), text, encoding)


def text_type(text: str, suffix: str) -> str:
    """Classify decoded text as "html", "md" or "txt" by its markup, with the extension as tie-breaker."""
    head = text[:_SNIFF_CHARS].lower()
    suffix = suffix.lower()
    if _HTML_DOCUMENT.search(head) or (suffix in _HTML_SUFFIXES and _ANY_TAG.search(head)):
        return "html"
    if suffix in {".md", ".markdown"}:
        return "md"
    if _HTML_MARKUP.search(head):
        return "html"
    return "md" if _MARKDOWN_HEADING.search(text) else "txt"


def _decode(data: bytes) -> tuple[str, str] | None:
    """Decode as UTF-8 (BOM stripped), else cp1252, else charset-normalizer's guess; None if all give junk.

    cp1252 (Windows Western-European, covers latin-1 text) goes before charset-normalizer: on Dutch text it
    guesses e.g. mac_latin2 ("cafť") and rejects short texts with "één" as suspicious accents.
    """
    for encoding in _PREFERRED_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _is_junk(text):
            return text, encoding.removesuffix("-sig")
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None or _is_junk(str(best)) else (str(best), best.encoding)


def _is_junk(text: str) -> bool:
    """True when too many characters are control codes or undecodable, i.e. the bytes were not text."""
    return len(_JUNK_CHARS.findall(text)) > MAX_JUNK_RATIO * len(text)


def _require_docx_zip(data: bytes) -> None:
    """Raise SkipFile unless the zip archive holds a Word document part and unpacks to a sane size."""
    if DOCX_MAIN_PART not in check_zip(data):
        raise SkipFile(f"zip-archief zonder {DOCX_MAIN_PART}, geen docx")
