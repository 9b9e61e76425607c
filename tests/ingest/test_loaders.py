"""File loaders on real files: PDFs from fpdf2, DOCX from python-docx, HTML/Markdown/text written as bytes."""

import io
import random
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.loaders import load_document
from ingest.models import Page, SkipFile
from tests.builders import make_pdf

LIMIT = 1024 * 1024


def make_docx() -> bytes:
    """A real Word document with headings, a bullet, a table with a merged cell, and text after it."""
    document = docx.Document()
    document.add_heading("Functieprofiel beleidsmedewerker", level=1)
    document.add_paragraph("De medewerker adviseert de directie.")
    document.add_heading("Salaris", level=2)
    document.add_paragraph("Reiskostenvergoeding", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    for (row, column), text in {(0, 0): "Schaal", (0, 1): "Bedrag", (1, 0): "10", (1, 1): "€ 3.500"}.items():
        table.cell(row, column).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(1, 2).text = "€ 5.000"
    document.add_paragraph("Tekst na de tabel.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """Write bytes to a file in tmp_path and return its path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def skip_reason(path: Path, max_bytes: int = LIMIT) -> str:
    """The SkipFile message load_document raises for this file."""
    with pytest.raises(SkipFile) as caught:
        load_document(path, max_bytes)
    return str(caught.value)


def test_pdf_keeps_text_on_its_own_numbered_page(tmp_path: Path) -> None:
    texts = ["Verlofregeling en vakantiedagen", "Reiskosten woon-werkverkeer", "Thuiswerkvergoeding per dag"]
    path = write(tmp_path, "regeling.pdf", make_pdf(texts, title="Arbeidsvoorwaarden"))

    document = load_document(path, LIMIT)

    assert document.file_type == "pdf"
    assert document.title == "Arbeidsvoorwaarden"
    assert [page.number for page in document.pages] == [1, 2, 3]
    for page, text in zip(document.pages, texts, strict=True):
        assert text in page.text
        assert all(other not in page.text for other in texts if other != text)


def test_pdf_with_user_password_is_skipped_as_encrypted(tmp_path: Path) -> None:
    pdf = make_pdf(["Vertrouwelijk"], owner_password="eigenaar", user_password="gebruiker")

    assert "versleutelde PDF" in skip_reason(write(tmp_path, "geheim.pdf", pdf))


def test_pdf_encrypted_with_empty_user_password_is_loaded(tmp_path: Path) -> None:
    pdf = make_pdf(["Alleen bewerken is beveiligd"], owner_password="eigenaar")

    document = load_document(write(tmp_path, "beveiligd.pdf", pdf), LIMIT)

    assert "Alleen bewerken is beveiligd" in document.pages[0].text


@pytest.mark.parametrize("damage", ["truncated", "garbled"])
def test_corrupt_pdf_is_skipped_with_reason(tmp_path: Path, damage: str) -> None:
    pdf = make_pdf(["Eerste pagina", "Tweede pagina"])
    if damage == "truncated":
        broken = pdf[: len(pdf) // 3]
    else:
        noise = random.Random(7)
        broken = pdf[:20] + bytes(noise.randrange(256) if noise.random() < 0.3 else b for b in pdf[20:])

    assert skip_reason(write(tmp_path, "kapot.pdf", broken)).startswith("beschadigde PDF: ")


def test_pdf_without_text_is_skipped_as_possible_scan(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", make_pdf(["", ""]))

    assert skip_reason(path) == "geen tekst gevonden, mogelijk een scan"


@pytest.mark.parametrize("content", [b"", b"  \r\n\t\n  "], ids=["zero-bytes", "whitespace"])
def test_empty_file_is_skipped(tmp_path: Path, content: bytes) -> None:
    assert skip_reason(write(tmp_path, "leeg.txt", content)).startswith("leeg bestand")


def test_file_over_the_limit_is_skipped_with_sizes(tmp_path: Path) -> None:
    path = write(tmp_path, "groot.txt", b"tekst " * 500_000)

    assert skip_reason(path, max_bytes=2_000_000) == "bestand is 3.0 MB, limiet 2.0 MB"


def test_missing_file_is_skipped(tmp_path: Path) -> None:
    assert skip_reason(tmp_path / "bestaat-niet.pdf") == "bestand niet gevonden"


def test_cp1252_text_with_dutch_accents_is_decoded(tmp_path: Path) -> None:
    text = "De coördinator van het café heeft één vraag.\r\nPrijs: € 2,50"
    path = write(tmp_path, "notitie.txt", text.encode("cp1252"))

    document = load_document(path, LIMIT)

    assert document.file_type == "txt"
    assert document.title is None
    assert document.pages == [Page(None, text.replace("\r\n", "\n"))]
    assert document.metadata["encoding"] == "cp1252"


def test_short_latin1_text_is_decoded(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "kort.txt", "café één coördinator".encode("latin-1")), LIMIT)

    assert document.pages[0].text == "café één coördinator"


def test_utf16_text_with_bom_is_decoded(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "unicode.txt", "Één coördinator".encode("utf-16")), LIMIT)

    assert document.pages[0].text == "Één coördinator"


@pytest.mark.parametrize("seed", range(3))
def test_random_binary_junk_is_skipped(tmp_path: Path, seed: int) -> None:
    junk = random.Random(seed).randbytes(2048)

    assert skip_reason(write(tmp_path, "ruis.txt", junk)) == "geen leesbare tekst (binaire data)"


def test_png_is_skipped_as_unsupported_type(tmp_path: Path) -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(64)

    assert skip_reason(write(tmp_path, "logo.txt", png)) == "bestandstype .png wordt niet ondersteund"


def test_text_starting_with_a_short_binary_signature_is_still_text(tmp_path: Path) -> None:
    path = write(tmp_path, "bmi.txt", b"BMI-regeling voor medewerkers (BM is ook de magische code van bmp)")

    assert load_document(path, LIMIT).file_type == "txt"


def test_html_drops_scripts_and_page_chrome_and_keeps_structure(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><title>Verlof | Rijksoverheid</title>
    <style>p { color: red }</style><script>var geheim = "script-tekst";</script></head>
    <body><header>Kopbalk</header><nav><ul><li>Menu-item</li></ul></nav>
    <main><h1>Verlof
      regelen</h1><p>Je hebt recht op
      verlof &amp; vakantie.</p>
    <h2>Soorten</h2><ul><li>Zwangerschapsverlof</li><li>Ouderschaps<b>verlof</b></li></ul>
    <table><tr><th>Schaal</th><th>Bedrag</th></tr><tr><td>10</td><td>€ 3.500</td></tr></table>
    </main><noscript>Zet JavaScript aan</noscript><footer>Copyright</footer></body></html>"""
    path = write(tmp_path, "verlof.html", html.encode())

    document = load_document(path, LIMIT)

    assert document.file_type == "html"
    assert document.title == "Verlof | Rijksoverheid"
    assert document.pages[0].number is None
    assert document.pages[0].text.splitlines() == [
        "# Verlof regelen",
        "Je hebt recht op verlof & vakantie.",
        "## Soorten",
        "- Zwangerschapsverlof",
        "- Ouderschapsverlof",
        "Schaal | Bedrag",
        "10 | € 3.500",
    ]


def test_html_with_only_scripts_is_skipped_as_textless(tmp_path: Path) -> None:
    path = write(tmp_path, "leeg.html", b"<html><script>alert(1)</script><nav>Menu</nav></html>")

    assert skip_reason(path) == "geen tekst gevonden in html-bestand"


def test_html_title_falls_back_to_first_h1(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "pagina.htm", b"<body><h1>Thuiswerken</h1><p>Mag.</p>"), LIMIT)

    assert document.title == "Thuiswerken"


def test_markdown_keeps_text_and_takes_first_level1_heading_as_title(tmp_path: Path) -> None:
    path = write(tmp_path, "beleid.md", b"Inleiding\r\n\r\n## Context\r\n# Integriteitsbeleid\r\nTekst\r\n")

    document = load_document(path, LIMIT)

    assert document.file_type == "md"
    assert document.title == "Integriteitsbeleid"
    assert document.pages[0].text == "Inleiding\n\n## Context\n# Integriteitsbeleid\nTekst\n"


def test_text_with_markdown_headings_is_markdown(tmp_path: Path) -> None:
    assert load_document(write(tmp_path, "notities.txt", b"# Notulen\n\nTekst"), LIMIT).file_type == "md"


def test_docx_keeps_headings_lists_and_table_rows_in_order(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "profiel.docx", make_docx()), LIMIT)

    assert document.file_type == "docx"
    assert document.title == "Functieprofiel beleidsmedewerker"
    assert document.pages[0].number is None
    assert document.pages[0].text.splitlines() == [
        "# Functieprofiel beleidsmedewerker",
        "De medewerker adviseert de directie.",
        "## Salaris",
        "- Reiskostenvergoeding",
        "Schaal | Bedrag",
        "10 | € 3.500 | € 5.000",
        "Tekst na de tabel.",
    ]


def test_txt_that_is_really_a_pdf_is_loaded_as_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "eigenlijk-pdf.txt", make_pdf(["Gedragscode"]))

    document = load_document(path, LIMIT)

    assert document.file_type == "pdf"
    assert "Gedragscode" in document.pages[0].text


def test_pdf_that_is_really_plain_text_is_loaded_as_text(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "eigenlijk-tekst.pdf", b"Gewoon een tekstbestand.\n"), LIMIT)

    assert document.file_type == "txt"
    assert document.pages[0].text == "Gewoon een tekstbestand.\n"


def test_zip_that_is_not_a_docx_is_skipped(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("leesmij.txt", "Geen Word-document")

    reason = skip_reason(write(tmp_path, "nep.docx", buffer.getvalue()))

    assert reason == "zip-archief zonder word/document.xml, geen docx"


def test_truncated_docx_is_skipped_as_damaged(tmp_path: Path) -> None:
    data = make_docx()

    assert skip_reason(write(tmp_path, "half.docx", data[: len(data) // 2])).startswith("beschadigd zip")
