"""Personal data out of every text: e-mail addresses (also written as "naam [at] domein.nl") and phone
numbers in any Dutch notation.

Phone numbers are found by Google's libphonenumber (`phonenumbers`, region NL), which knows the Dutch
numbering plan: "(020) 123 45 67", "06.12.34.56.78", "020/1234567", "06–12345678" are numbers, while
dates, amounts, years and case numbers are not valid numbers and stay. The `PHONE` pattern is kept as a
second net for numbers the plan calls invalid but people still type (an 06 number with a digit too many).
"""

import re

import phonenumbers

REDACTED = "[verwijderd]"
REGION = "NL"

# "@" also as "[at]", "(at)", "{at}", " at " between brackets or spaces; "." in the domain also as "(dot)",
# "[punt]" and so on. Plain " at " is not accepted: it is an English word in running text.
_AT = r"(?:@|\s?[\[({]\s?(?:at|apenstaartje)\s?[\])}]\s?)"
_DOT = r"(?:\.|\s?[\[({]\s?(?:dot|punt)\s?[\])}]\s?)"
EMAIL = re.compile(
    rf"[A-Za-z0-9._%+-]+{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,}}\b", re.IGNORECASE
)
# Dutch numbers: 0, +31 or 0031, then 8-10 more digits with spaces or dashes between (10 for a typo'd
# mobile number seen in the corpus); dates have fewer.
PHONE = re.compile(r"(?<![\d-])(?:\+31|0031|0)(?:\s?\(0\))?(?:[ \-]{0,3}\d){8,10}(?!\d)")


def phone_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every phone number in `text`: valid numbers by the numbering plan, plus `PHONE`."""
    matcher = phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.VALID)
    spans = [(match.start, match.end) for match in matcher]
    return spans + [match.span() for match in PHONE.finditer(text)]


def contains_personal_data(text: str) -> bool:
    """True when `text` holds an e-mail address or a phone number."""
    return bool(EMAIL.search(text) or phone_spans(text))


def redact_personal_data(text: str) -> str:
    """Replace e-mail addresses and phone numbers, so they are never indexed or shown."""
    text = EMAIL.sub(REDACTED, text)
    merged: list[list[int]] = []
    for start, end in sorted(phone_spans(text)):
        if merged and start <= merged[-1][1]:  # found by both nets, or overlapping
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = f"{text[:start]}{REDACTED}{text[end:]}"
    return text


def redact_title(text: str) -> str:
    """A short text shown as a label (document or conversation title), personal data replaced and
    whitespace collapsed; use it before a user's question is stored as a conversation title."""
    return " ".join(redact_personal_data(text).split())
