"""A document's display title: junk metadata left out, personal data redacted, the file name as fallback.

Titles are shown everywhere (document list, search results, citations, the stream, conversations) and
stored in both indexes, so they pass the same redaction as the text before anything keeps them.
"""

import re
from pathlib import Path

from assistant.core.redaction import REDACTED, redact_title

# Titles that office software and web pages fill in by themselves; the file name says more.
_JUNK_TITLE = re.compile(
    r"^(?:about:blank|untitled(?:\s+document)?|naamloos(?:\s+document)?|document\d*|titel|title|"
    r"microsoft\s+(?:word|powerpoint|excel)\s+-\s+.*|.*\.(?:docx?|pdf|html?|txt|md))$",
    re.IGNORECASE,
)


def metadata_title(value: str | None) -> str | None:
    """A title from a file's metadata or first heading, or None when it is blank or junk."""
    value = " ".join((value or "").split())
    return None if not value or _JUNK_TITLE.match(value) else value


def display_title(candidate: str | None, path: Path) -> str:
    """`candidate` redacted, or the file name when there is none or nothing but personal data is in it."""
    for title in (candidate, path.stem.replace("-", " ").replace("_", " ")):
        redacted = redact_title(title or "")
        if re.search(r"\w", redacted.replace(REDACTED, "")):
            return redacted
    return "document"
