"""Personal data out of every text: e-mail addresses and Dutch phone numbers."""

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Dutch numbers: 0, +31 or 0031, then 8-10 more digits with spaces or dashes between (10 for a typo'd
# mobile number seen in the corpus); dates have fewer.
PHONE = re.compile(r"(?<![\d-])(?:\+31|0031|0)(?:\s?\(0\))?(?:[ \-]{0,3}\d){8,10}(?!\d)")
REDACTED = "[verwijderd]"


def redact_personal_data(text: str) -> str:
    """Replace e-mail addresses and phone numbers, so they are never indexed or shown."""
    return PHONE.sub(REDACTED, EMAIL.sub(REDACTED, text))
