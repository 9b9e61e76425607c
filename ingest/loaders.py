"""Load PDF, DOCX, HTML, Markdown and plain-text files into pages of text, or say why a file is skipped."""

import re
import stat
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import docx
from bs4 import BeautifulSoup, Tag
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PageObject, PasswordType, PdfReader

from ingest.models import LoadedDocument, Page, SkipFile
from ingest.packages import check_docx_xml
from ingest.sniff import sniff
from ingest.titles import metadata_title

MB = 1_000_000  # decimal, like the 20_000_000-byte default limit in assistant/config.py
HTML_DROP_TAGS = ["script", "style", "nav", "header", "footer", "noscript", "template"]
HTML_BLOCK_TAGS = [
    "p", "div", "li", "br", "section", "article", "main", "aside", "blockquote", "pre", "ul", "ol",
    "table", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "address",
]  # fmt: skip
_BREAK = "\u2029"  # marks block boundaries in HTML until the text is split into lines
_HEADING_STYLE = re.compile(r"^(?:Heading|Kop) ([1-6])$")
_LEVEL_1_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def load_document(path: Path, max_bytes: int) -> LoadedDocument:
    """Load one file by its sniffed type; raise SkipFile with the reason when it cannot be ingested."""
    data = _read_bytes(path, max_bytes)
    sniffed = sniff(data, path.suffix)
    if sniffed.text is None:
        document = _BINARY_LOADERS[sniffed.file_type](path, data)
    else:
        document = _TEXT_LOADERS[sniffed.file_type](path, sniffed.text)
        document = replace(document, metadata={**document.metadata, "encoding": str(sniffed.encoding)})
    if not any(page.text.strip() for page in document.pages):
        raise SkipFile(f"geen tekst gevonden in {document.file_type}-bestand")
    return document


def load_pdf(path: Path, data: bytes) -> LoadedDocument:
    """Load a PDF page by page (1-based numbers); encrypted, corrupt or text-less PDFs raise SkipFile."""
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise SkipFile("versleutelde PDF (wachtwoord vereist)")
        pages = [Page(number, _pdf_page_text(page)) for number, page in enumerate(reader.pages, start=1)]
        info = reader.metadata
        title, author = (info.title, info.author) if info else (None, None)
    except (SkipFile, MemoryError):
        raise
    except Exception as exc:  # pypdf raises many exception types on malformed input
        raise SkipFile(f"beschadigde PDF: {type(exc).__name__}: {exc}") from exc
    if not any(page.text.strip() for page in pages):
        raise SkipFile("geen tekst gevonden, mogelijk een scan")
    return LoadedDocument(path, "pdf", pages, metadata_title(title), _author_metadata(author))


def load_docx(path: Path, data: bytes) -> LoadedDocument:
    """Load a Word document: paragraphs and table rows in order, headings as "# ..." lines."""
    check_docx_xml(data)
    try:
        document = docx.Document(BytesIO(data))
        text = "\n".join(_docx_lines(document))
        properties = document.core_properties
    except MemoryError:
        raise
    except Exception as exc:  # python-docx/lxml raise many exception types on malformed input
        raise SkipFile(f"beschadigde docx: {type(exc).__name__}: {exc}") from exc
    title = metadata_title(properties.title) or _markdown_title(text)
    return LoadedDocument(path, "docx", [Page(None, text)], title, _author_metadata(properties.author))


def load_html(path: Path, text: str) -> LoadedDocument:
    """Load HTML without scripts, styles and page chrome; headings as "# ..." lines, blocks on own lines."""
    soup = BeautifulSoup(text, "html.parser")
    _drop_html_tags(soup, HTML_DROP_TAGS)
    title = _html_title(soup)
    _drop_html_tags(soup, ["title"])  # kept as the document title, not as body text
    _mark_html_blocks(soup)
    lines = (_one_line(part) for part in soup.get_text().split(_BREAK))
    return LoadedDocument(path, "html", [Page(None, "\n".join(line for line in lines if line))], title)


def load_markdown(path: Path, text: str) -> LoadedDocument:
    """Load Markdown as is (newlines normalised); the title is the first "# " heading."""
    text = _normalise_newlines(text)
    return LoadedDocument(path, "md", [Page(None, text)], _markdown_title(text))


def load_text(path: Path, text: str) -> LoadedDocument:
    """Load plain text as is (newlines normalised), without a title."""
    return LoadedDocument(path, "txt", [Page(None, _normalise_newlines(text))])


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a regular file after checking (via stat, before reading) that it exists, is non-empty and fits."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise SkipFile("bestand niet gevonden") from None
    except OSError as exc:
        raise SkipFile(f"bestand niet leesbaar: {exc.strerror}") from exc
    if not stat.S_ISREG(status.st_mode):
        raise SkipFile("geen gewoon bestand")
    if status.st_size == 0:
        raise SkipFile("leeg bestand (0 bytes)")
    if status.st_size > max_bytes:
        raise SkipFile(f"bestand is {_human_size(status.st_size)}, limiet {_human_size(max_bytes)}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"bestand niet leesbaar: {exc.strerror}") from exc


def _human_size(size: int) -> str:
    """Format a byte count as e.g. "25.3 MB", "12.0 KB" or "300 bytes"."""
    if size >= MB // 10:
        return f"{size / MB:.1f} MB"
    return f"{size / 1000:.1f} KB" if size >= 1000 else f"{size} bytes"


def _normalise_newlines(text: str) -> str:
    """Turn Windows and old-Mac line endings into \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _non_blank(value: str | None) -> str | None:
    """Return the stripped value, or None when it is missing or blank."""
    return (value.strip() or None) if value else None


def _author_metadata(author: str | None) -> dict[str, str]:
    """Metadata holding the document's author, when it names one."""
    author = _non_blank(author)
    return {"author": author} if author else {}


def _markdown_title(text: str) -> str | None:
    """Return the text of the first level-1 "# " heading, if any."""
    match = _LEVEL_1_HEADING.search(text)
    return metadata_title(match.group(1)) if match else None


def _pdf_page_text(page: PageObject) -> str:
    """Extract one PDF page's text with newlines normalised."""
    return _normalise_newlines(page.extract_text())


def _docx_lines(document: DocxDocument) -> list[str]:
    """Non-empty lines of the document body: paragraphs and table rows in document order."""
    # Style names looked up once: python-docx's paragraph.style scans every style on each call (ms per
    # paragraph, minutes for a long document).
    styles = {style.style_id: style.name or "" for style in document.styles}
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_docx_table_lines(block))
        else:
            lines.append(_docx_paragraph_line(block, styles.get(block._p.style or "", "")))
    return [line for line in lines if line]


def _docx_paragraph_line(paragraph: Paragraph, style: str) -> str:
    """A paragraph's text, as a "#"-prefixed line for headings and a "- " line for list items."""
    text = paragraph.text.strip()
    level = _heading_level(style)
    if text and level:
        return "#" * level + " " + text
    return f"- {text}" if text and style.startswith("List") else text


def _heading_level(style: str) -> int:
    """1-6 for the Title and "Heading n" (Dutch "Kop n") paragraph styles, else 0."""
    if style == "Title":
        return 1
    match = _HEADING_STYLE.match(style)
    return int(match.group(1)) if match else 0


def _docx_table_lines(table: Table) -> list[str]:
    """One " | "-joined line per table row; cells spanning several columns appear once."""
    return [" | ".join(_one_line(cell.text) for cell in dict.fromkeys(row.cells)) for row in table.rows]


def _one_line(text: str) -> str:
    """Collapse all whitespace, newlines included, to single spaces."""
    return " ".join(text.split())


def _drop_html_tags(soup: BeautifulSoup, names: list[str]) -> None:
    """Remove all elements with these tag names, including their content."""
    for tag in soup(names):
        tag.decompose()


def _html_title(soup: BeautifulSoup) -> str | None:
    """The <title> text, else the first <h1> text."""
    for tag in (soup.title, soup.h1):
        title = metadata_title(tag.get_text(" ")) if tag is not None else None
        if title:
            return title
    return None


def _mark_html_blocks(soup: BeautifulSoup) -> None:
    """Prefix headings with "#"s and list items with "- ", join table cells, and mark block boundaries."""
    for row in reversed(soup.find_all("tr")):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)]
        row.replace_with(_BREAK + " | ".join(cells) + _BREAK)
    for tag in soup.find_all(HTML_BLOCK_TAGS):
        _mark_html_block(tag)


def _mark_html_block(tag: Tag) -> None:
    """Surround one block element with break marks, adding a heading or list-item prefix."""
    if tag.name in {"h1", "h2", "h3", "h4", "h5", "h6"} and tag.get_text(strip=True):
        tag.insert(0, "#" * int(tag.name[1]) + " ")
    elif tag.name == "li":
        tag.insert(0, "- ")
    tag.insert_before(_BREAK)
    tag.insert_after(_BREAK)


_BINARY_LOADERS: dict[str, Callable[[Path, bytes], LoadedDocument]] = {"pdf": load_pdf, "docx": load_docx}
_TEXT_LOADERS: dict[str, Callable[[Path, str], LoadedDocument]] = {
    "html": load_html,
    "md": load_markdown,
    "txt": load_text,
}
