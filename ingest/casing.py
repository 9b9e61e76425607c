"""Headings set in capitals, given back in the document's own casing.

Magazines print headings in capitals ("BASISBANEN IN TILBURG"). Shown that way they shout, and Title
Case ("Basisbanen In Tilburg", "Risico’S") is not Dutch. So a capitals heading becomes sentence case,
and each word takes the form the document itself uses in running text: "Tilburg", "HR", "mbo".
Headings not in capitals are kept exactly as written.
"""

import re
from collections import Counter, defaultdict

_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = set("aeiouyáàäâéèëêíìïîóòöôúùüû")

WordForms = dict[str, str]


def _mid_sentence(before: str) -> bool:
    """Whether a word after `before` (the text up to it) is inside a sentence, where a capital means a
    name rather than a sentence start."""
    if before.endswith("-"):
        return True  # the tail of a compound: "Noord-Brabant"
    before = before.rstrip().rstrip("‘“\"'(").rstrip()  # an opening quote: look at what precedes it
    return bool(before) and (before[-1].isalnum() or before[-1] == ",")


def word_forms(raw: str) -> WordForms:
    """Lower-cased word -> the form the text writes it in most often, read from running text only
    (lines in capitals are headings; a capital at a sentence or line start says nothing)."""
    seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
    previous = ""  # the line before, when it may run on into this one: extracted text wraps sentences
    for line in raw.splitlines():
        if not any(ch.islower() for ch in line):
            previous = ""
            continue
        for match in _WORD.finditer(line):
            word = match.group()
            capitalised = word[0].isupper() and (len(word) == 1 or word[1:].islower())
            before = line[: match.start()]
            if capitalised and not _mid_sentence(before if before.strip() else previous):
                continue
            seen[word.lower()][word] += 1
        previous = line
    # Ties go to the lower-case form: a capital needs evidence.
    return {key: max(forms, key=lambda f: (forms[f], f.islower())) for key, forms in seen.items()}


def _recase(word: str, forms: WordForms) -> str:
    if len(word) == 1:
        return word.lower()  # the s of "RISICO’S"
    known = forms.get(word.lower())
    if known:
        return known
    # A capitals word without vowels that the text never writes otherwise is an abbreviation ("BV").
    return word if not _VOWELS & set(word.lower()) else word.lower()


def sentence_case(title: str, forms: WordForms) -> str:
    """A heading in capitals in sentence case with the document's own word forms; others unchanged."""
    if not title.isupper():
        return title
    text = _WORD.sub(lambda m: _recase(m.group(), forms), title)
    # The first letter becomes a capital, unless the heading opens with a number ("28 augustus 2020").
    first = re.search(r"[^\W_]", text)
    if first is None or not first.group().isalpha():
        return text
    i = first.start()
    return text[:i] + text[i].upper() + text[i + 1 :]
