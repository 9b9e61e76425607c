"""Whether a sentence can stand alone as a quote, recognised without a language model: headings, slide
titles, verbless snippets, captions in capitals, and lines garbled by PDF columns read across ("... zo
groot is, is Op basis hiervan bepaalt het betrokken wervings- en niet voor niets.").

The one check for every quote: the answer engine never quotes a fragment, and the vacancy evidence offers
only sentences that pass it (plus its own rules about what makes a practice).
"""

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from wordfreq import zipf_frequency

from assistant.core.redaction import REDACTED
from assistant.core.sentences import ABBREVIATIONS
from assistant.core.text_nl import fold

_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*-?|[,;:]")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_MAX_HEADING_WORDS = 10  # a heading run into a sentence is short ("Het project in het kort")
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t]")
# A figure standing on its own ("249", "€ 18.500", "12-16", "40%"), not a digit inside a name ("3D-app").
_FIGURE = re.compile(r"(?<![^\W\d_])\d(?:[\d.,]*\d)?(?![^\W\d_])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_STRAY_BRACKET = re.compile(r"(?<!\[\d)\](?!\()|\[(?!\d+\])")
# A verbless line without final punctuation up to this long reads as a title.
_SLIDE_TITLE_WORDS = 8
_INNER_STOP = re.compile(r"\b([^\W\d_]{3,})\. (?=[a-z])")
_BULLET_MARK = r"[▪•·\-–*]\s*"  # a slide or list bullet opening the line
_BULLET = re.compile("^" + _BULLET_MARK)
# A caption in capitals run into the sentence it heads ("WERKEN BIJ DE OVERHEID Dit is ...", "BESTE LEZERS,
# Overvolle ...", "MAATWERK Alle ..."): two capitals words or more, or one long one, then a capitalised word.
# One short capitals word is an acronym opening a sentence ("HR Ecosysteem", "TNO werkt").
_CAPS_WORD = r"(?:[A-ZÀ-Ý0-9‘’'&-]{2,}|&)[,:]?"
_LEADING_CAPTION = re.compile(
    rf"^(?:{_BULLET_MARK})?(?:(?:{_CAPS_WORD}\s+){{2,}}|[A-ZÀ-Ý]{{6,}}[,:]?\s+)(?=[‘“'\"]?[A-ZÀ-Ý][a-zà-ÿ])"
)
# Three capitals words in a row after that caption: a caption or table of contents inside the text ("van de
# kandidaten op INGE DE GROOT motivatiebrief"), never part of a sentence.
_CAPS_RUN = re.compile(r"\b(?:[A-ZÀ-Ý]{2,}\s+){2,}[A-ZÀ-Ý]{2,}\b")
_NEVER_LAST = frozenset({"de", "een", "en", "of", "te", "tot", "maar", "want", "omdat", "terwijl", "zodat"})
_MAY_DOUBLE = frozenset({"je", "ze", "we", "die", "dat", "er", "zich"})
_DOUBLE_VOWEL = re.compile(r"([aeou])\1([^aeiou])$")
_OPEN_SYLLABLE = re.compile(r"(?<=[^aeiou])([aeou])([^aeiou])$")


class QuoteWords(Protocol):
    """The word lists the checks lean on; the answer engine's `AnswerWords` (assistant/data/answer_words.yaml)
    provides them, passed in so that core does not depend on the answer engine."""

    @property
    def verb_set(self) -> frozenset[str]: ...

    @property
    def function_words(self) -> list[str]: ...


@dataclass(frozen=True)
class Fragment:
    """What is wrong with a sentence as a quote; `never_quote` when it cannot stand alone."""

    heading: bool
    slide_title: bool
    no_finite_verb: bool
    no_terminal: bool
    lowercase_start: bool
    garble: int  # number of column-mix signals

    @property
    def never_quote(self) -> bool:
        return self.heading or self.slide_title or self.lowercase_start or self.garble > 0


@cache
def _zipf(word: str) -> float:
    return zipf_frequency(word, "nl")


def _verb_by_form(word: str) -> bool:
    """werkt / bepaalt (stem + t), werken (plural), werkte / werkten (past): a verb when the other form is a
    frequent Dutch word too, so "markt" (no "markten" in use as a verb form) stays a noun mostly."""
    if len(word) < 4 or not word.isalpha():
        return False
    if word.endswith(("te", "de", "ten", "den")) and _past_tense(word):
        return True
    if word.endswith("en"):
        stem = word[:-2]
        # bepalen -> bepaalt (open syllable, vowel doubled); zitten -> zit (double consonant)
        doubled = _OPEN_SYLLABLE.sub(r"\1\1\2", stem)
        singulars = {stem + "t", doubled + "t", re.sub(r"(.)\1$", r"\1", stem) + "t"}
        # vergroten -> vergroot, zitten -> zit; not krachten -> kracht (a noun's plural)
        if stem.endswith("t") and doubled != stem:
            singulars.add(doubled)
        if stem.endswith("tt"):
            singulars.add(stem[:-1])
        return any(_zipf(s) >= 3.0 for s in singulars if s != word)
    if word.endswith("t"):
        stem = word[:-1]
        # bepaalt -> bepalen, werkt -> werken, meedoet -> meedoen
        # ... and kent -> kennen (short vowel: consonant doubled)
        for infinitive in {_DOUBLE_VOWEL.sub(r"\1\2", stem) + "en", stem + "n", stem + stem[-1:] + "en"}:
            if infinitive != word and _zipf(infinitive) >= 3.0 and _zipf(infinitive) >= _zipf(word) - 0.5:
                return True
        return False
    return False


def _past_tense(word: str) -> bool:
    """werkte / werkten, duurde / duurden: the present (stem + t) and the infinitive are frequent words.
    Checked before the plural in -en, which "duurden" would otherwise be read as."""
    stem = word[:-2] if word.endswith("e") else word[:-3]
    present = _zipf(stem + "t")
    # duurde -> duren, maakte -> maken: a long vowel is written single in the open syllable. Not kende ->
    # kennen: "rente" would read as a verb of "rennen".
    infinitive = max(_zipf(stem + "en"), _zipf(_DOUBLE_VOWEL.sub(r"\1\2", stem) + "en"))
    # a noun in -te ("ruimte", "hoogte") is far more frequent than the verb form it resembles
    return len(stem) >= 3 and present >= 3.0 and infinitive >= 3.0 and present >= _zipf(word) - 1.0


def has_figure(text: str) -> bool:
    """A figure that is not a year: "Deelnemers van lichting 2024-2025" counts nothing."""
    return any(not _YEAR.fullmatch(m.group(0)) for m in _FIGURE.finditer(text))


def is_finite_verb(word: str, lexicon: QuoteWords) -> bool:
    return word in lexicon.verb_set or _verb_by_form(word)


def has_finite_verb(tokens: list[str], lexicon: QuoteWords) -> bool:
    return any(is_finite_verb(t, lexicon) for t in tokens)


def garble_signals(text: str, lexicon: QuoteWords) -> int:
    """Signals of two text columns interleaved into one line."""
    tokens = _TOKEN.findall(text)
    function = set(lexicon.function_words)
    signals = 0
    for prev, word, after in zip(tokens, tokens[1:], [*tokens[2:], ""], strict=False):
        low = fold(word)
        # "is Op basis": a capitalised function word after a lowercase function word, not starting a name
        # ("van De Fryske Marren") and not a heading glued to its text ("Het project in het kort De ...")
        if (
            word[:1].isupper()
            and not word.isupper()
            and low in function
            and fold(prev) in function
            and prev[:1].islower()
            and not after[:1].isupper()
        ):
            signals += 1
        # "is is", "de de": a doubled word ("je je" is Dutch: "Waar wil je je in verdiepen?")
        if low == fold(prev) and low.isalpha() and low not in _MAY_DOUBLE:
            signals += 1
    # OCR debris: "lNormaal Zou |k bl]": a capital inside a lowercase-initial word, a bar, a lone bracket
    signals += sum(1 for t in tokens if t[:1].islower() and t[1:2].isupper())
    signals += text.count("|") + len(_STRAY_BRACKET.findall(text.replace(REDACTED, "")))
    # "... aan de slag te gaan. hetzelfde salaris": a full stop inside, the other column's text after it
    signals += sum(1 for m in _INNER_STOP.finditer(text) if fold(m.group(1)) not in ABBREVIATIONS)
    # "van de kandidaten op INGE DE GROOT motivatiebrief": capitals inside a sentence; a leading caption is
    # the heading of the sentence, which a quote may leave out (`strip_caption`), not garble
    signals += len(_CAPS_RUN.findall(text, caption_end(text)))
    # a sentence ending on an article or conjunction ("... een opleiding van de.") lost its tail to the
    # other column; prepositions may end Dutch sentences as verb particles ("Daar hoort een training bij.")
    words_only = [fold(t) for t in tokens if t not in {",", ";", ":"}]
    if words_only and words_only[-1] in _NEVER_LAST:
        signals += 1
    return signals


def is_caps_caption(tokens: list[str]) -> bool:
    """ "ONLINE INTERVIEW BN 4.": a caption or kicker set in capitals, not a sentence ("DEELNEMERS 49
    Aantal deelnemers, ..." is a fact line with one capitalised label)."""
    words = [t for t in tokens if len(t) >= 2 and t.isalpha()]
    capitals = [t for t in words if t.isupper()]
    return len(capitals) >= 2 and 2 * len(capitals) >= len(words)


def caption_end(text: str) -> int:
    """Where the sentence starts after a leading bullet and capitals caption; 0 when there is none."""
    caption = _LEADING_CAPTION.match(text)
    return caption.end() if caption else 0


def glued_heading_end(text: str, lexicon: QuoteWords) -> int:
    """Where the sentence starts after a heading line run into it ("Het project in het kort De zes
    gemeenten bieden ..."): a lowercase word, then a capitalised function word that opens a clause, with no
    finite verb before it; not a name ("van De Fryske Marren", the word after is capitalised too). 0 when
    there is none."""
    words = list(_WORD.finditer(text))
    function = set(lexicon.function_words)
    for i in range(1, min(len(words) - 1, _MAX_HEADING_WORDS + 1)):
        prev, word, after = (m.group(0) for m in words[i - 1 : i + 2])
        if (
            word[:1].isupper()
            and not word.isupper()
            and fold(word) in function
            and prev[-1:].islower()
            and not after[:1].isupper()
        ):
            before = [fold(m.group(0)) for m in words[:i]]
            return 0 if has_finite_verb(before, lexicon) else words[i].start()
    return 0


def strip_caption(sentence: str) -> str:
    """One line, without a slide bullet or a capitals caption run into it ('VOOR EN DOOR TRAINEES Om ...')."""
    flat = " ".join(sentence.split())
    return _BULLET.sub("", flat[caption_end(flat) :])


def _is_heading_line(passage_text: str, start: int) -> bool:
    line_start = passage_text.rfind("\n", 0, start) + 1
    return bool(_HEADING_LINE.match(passage_text[line_start:]))


def fragment_of(text: str, passage_text: str, start: int, section: str, lexicon: QuoteWords) -> Fragment:
    """`text` is the sentence as shown, `start` its offset in `passage_text`."""
    tokens = [fold(t) for t in _TOKEN.findall(text) if t not in {",", ";", ":"}]
    verb = has_finite_verb(tokens, lexicon)
    terminal = bool(_TERMINAL.search(text.rstrip()))
    heading = (
        _is_heading_line(passage_text, start)
        or fold(text).strip(" .:") == fold(section).strip(" .:")
        or is_caps_caption(_TOKEN.findall(text))
    )
    first = text.lstrip("“\"'‘(–- ")[:1]
    return Fragment(
        heading=heading,
        # Verbless and without a figure: a title or slogan ("LC HR aansluitend op LC Bodem", "Vitale bodem,
        # vitale banen!"). Fact lines with a figure ("10 wekelijkse werksessies", "DEELNEMERS 49 Aantal
        # deelnemers, ...") stay quotable; the model weighs their missing verb.
        slide_title=not verb and not has_figure(text) and (len(tokens) <= _SLIDE_TITLE_WORDS or not terminal),
        no_finite_verb=not verb,
        no_terminal=not terminal,
        lowercase_start=first.islower(),
        garble=garble_signals(text, lexicon),
    )
