"""Document titles from every format: personal data redacted before anything keeps them, junk metadata
titles replaced by the file name."""

from pathlib import Path

import pytest

from assistant.core.redaction import REDACTED
from ingest.loaders import load_document
from ingest.titles import display_title
from tests.builders import make_docx, make_pdf

LIMIT = 1_000_000
PERSONAL = "Verslag jan@x.nl 06-12345678"
BODY = "De gemeente zoekt toezichthouders bodem en leidt zij-instromers op."


def docx_with_core_title(title: str) -> bytes:
    return make_docx("", [BODY], core_title=title)


FILES = {
    "md": ("verslag.md", lambda title: f"# {title}\n\n{BODY}\n".encode()),
    "html": ("verslag.html", lambda title: f"<title>{title}</title><p>{BODY}</p>".encode()),
    "pdf": ("verslag.pdf", lambda title: make_pdf([BODY], title=title)),
    "docx": ("verslag.docx", docx_with_core_title),
}


def title_of(tmp_path: Path, kind: str, title: str) -> str:
    name, make = FILES[kind]
    path = tmp_path / name
    path.write_bytes(make(title))
    loaded = load_document(path, LIMIT)
    assert loaded.file_type == kind
    return display_title(loaded.title, path)


@pytest.mark.parametrize("kind", sorted(FILES))
def test_personal_data_in_a_title_is_redacted(tmp_path: Path, kind: str) -> None:
    assert title_of(tmp_path, kind, PERSONAL) == f"Verslag {REDACTED} {REDACTED}"


@pytest.mark.parametrize("kind", sorted(FILES))
@pytest.mark.parametrize(
    "junk", ["about:blank", "Untitled", "Microsoft Word - concept2.docx", "Naamloos document", "scan.pdf"]
)
def test_junk_metadata_title_falls_back_to_the_file_name(tmp_path: Path, kind: str, junk: str) -> None:
    assert title_of(tmp_path, kind, junk) == "verslag"


def test_a_title_of_only_personal_data_falls_back_to_the_file_name() -> None:
    assert display_title("jan@x.nl 06-12345678", Path("/u/notulen-overleg_hr.txt")) == "notulen overleg hr"


def test_a_good_title_is_kept() -> None:
    assert display_title("Ruimte voor Groei (2023-2025)", Path("/u/x.txt")) == "Ruimte voor Groei (2023-2025)"
