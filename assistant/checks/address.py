"""The u-form of a text written with 'je': persona cards and advice are written once, in the je-form.

Only the mechanical change is made: je/jij -> u, jouw -> uw, jezelf -> uzelf, 'je' after a preposition
-> 'uw', and an inverted verb gets its t back ('schrijf je' -> 'schrijft u'). Writers of cards keep
possessive 'je' after a preposition ('met je collega's'), so the rule has no guesswork left.
"""

import re

from assistant.core.text_nl import wordset

_PREPOSITIONS = wordset(
    "met van voor aan naar bij door over in op uit tegen zonder om tot onder na binnen buiten langs via"
)
_CONJUNCTIONS = wordset("en maar dus want of terwijl als dan omdat zodat wanneer waar die dat")
_IRREGULAR = {
    "ben": "bent",
    "heb": "hebt",
    "kun": "kunt",
    "wil": "wilt",
    "zul": "zult",
    "ga": "gaat",
    "sta": "staat",
    "doe": "doet",
    "zie": "ziet",
    "kom": "komt",
    "sla": "slaat",
    "mag": "mag",
    "kan": "kunt",
    "zit": "zit",
    "word": "wordt",
    "vind": "vindt",
    "houd": "houdt",
    "rijd": "rijdt",
}
# After 'je' as object or reflexive ('helpt je verder', 'houdt je aan'); before a possessive comes a noun.
_NOT_A_NOUN = _PREPOSITIONS | wordset(
    "verder graag thuis wel niet ook goed snel bezig druk zeker nog al echt prettig welkom vrij te"
)
_SIMPLE = {"jij": "u", "jou": "u", "jouw": "uw", "jezelf": "uzelf"}
_WORD = re.compile(r"\b(jij|jou|jouw|jezelf|je)\b", re.IGNORECASE)


def _verb_for_u(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR:
        form = _IRREGULAR[low]
    elif low.endswith("t"):
        form = low
    else:
        form = low + "t"
    return form[:1].upper() + form[1:] if verb[:1].isupper() else form


def _cap(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def to_u_form(text: str) -> str:
    """`text` addressed with u instead of je."""
    out: list[str] = []
    position = 0
    subject_seen = False
    for match in _WORD.finditer(text):
        if re.search(r"[.?!:]", text[position : match.start()]):
            subject_seen = False
        word = match.group(1)
        before = text[position : match.start()]
        prev = re.search(r"([\w'’-]+)([^\w]*)$", text[: match.start()])
        low = word.lower()
        if low in _SIMPLE:
            replacement = _cap(_SIMPLE[low], word)
        elif prev is None or prev.group(2).strip() or prev.group(1).lower() in _CONJUNCTIONS:
            replacement = _cap("u", word)  # subject at the start of a clause
            subject_seen = True
        elif prev.group(1).lower() in _PREPOSITIONS:
            replacement = "uw"
        elif subject_seen and prev.group(1).lower().endswith(("t", "d")):
            following = re.match(r"\s+([\w'’-]+)", text[match.end() :])
            object_form = following is None or following.group(1).lower() in _NOT_A_NOUN
            replacement = "u" if object_form else "uw"
        else:
            # An inverted subject: 'Daarna schrijf je' -> 'Daarna schrijft u'.
            start = match.start() - len(prev.group(0))
            before = text[position:start] + _verb_for_u(prev.group(1)) + prev.group(2)
            replacement = "u"
            subject_seen = True
        out.append(before + replacement)
        position = match.end()
    out.append(text[position:])
    return "".join(out)
