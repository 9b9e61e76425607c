"""Zip-based files (docx) opened safely: sizes and compression ratios checked from the zip's own
directory before anything is unpacked, and the XML stream-parsed by defusedxml within a budget.

A 400 KB docx can hold a 100 MB document.xml (a zip bomb); unpacking or parsing it whole costs
gigabytes. The directory check is cheap enough to run on every upload, before the file is stored.
"""

import zipfile
from io import BytesIO
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ingest.models import SkipFile

MB = 1_000_000
MAX_UNPACKED_BYTES = 50 * MB  # a docx of thousands of pages of text; images are stored, not compressed
MAX_RATIO = 100  # Word's XML compresses 5-20 times; a bomb's part hundreds or thousands of times
RATIO_FLOOR = 1 * MB  # small parts may compress well without harm
MAX_XML_ELEMENTS = 2_000_000
DOCX_MAIN_PART = "word/document.xml"


def check_zip(data: bytes) -> list[str]:
    """The names in the archive, or SkipFile when it is corrupt or unpacks to too much."""
    try:
        members = zipfile.ZipFile(BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SkipFile(f"beschadigd zip-/docx-bestand: {exc}") from exc
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES:
        raise SkipFile(
            f"uitgepakt te groot ({total / MB:.0f} MB, maximaal {MAX_UNPACKED_BYTES / MB:.0f} MB): "
            "mogelijk een zip-bom"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise SkipFile(
                f"{member.filename} is {ratio:.0f} keer samengeperst (maximaal {MAX_RATIO}): "
                "mogelijk een zip-bom"
            )
    return [member.filename for member in members]


def check_docx_xml(data: bytes) -> None:
    """Stream-parse every XML part with entity and DTD tricks refused, within an element budget, so
    python-docx only ever sees XML that is plain and bounded."""
    check_zip(data)
    budget = MAX_XML_ELEMENTS
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            with archive.open(name) as stream:
                budget = _stream_parse(name, stream, budget)


def _stream_parse(name: str, stream: IO[bytes], budget: int) -> int:
    """Parse one part, dropping each element once it is complete; returns the budget left."""
    open_elements = []
    try:
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                open_elements.append(element)
                budget -= 1
                if budget < 0:
                    raise SkipFile(f"te veel XML-elementen (meer dan {MAX_XML_ELEMENTS:,})")
                continue
            open_elements.pop()
            if open_elements:
                open_elements[-1].remove(element)  # memory stays flat: no finished element is kept
    except (DefusedXmlException, SyntaxError) as exc:
        raise SkipFile(f"onveilige of beschadigde XML in {name}: {type(exc).__name__}") from exc
    return budget
