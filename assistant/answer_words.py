"""The word lists of the answer engine (assistant/data/answer_words.yaml), validated once at load."""

import re
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, field_validator
from wordfreq import zipf_frequency

from assistant.core.quotable import is_finite_verb
from assistant.core.text_nl import fold

DATA_DIR = Path(__file__).parent / "data"
AnswerType = Literal["date", "list", "duration", "number", "name"]
# Endings of inflected Dutch adjectives (Brabantse, nieuwe, verschillende, tweede); not of nouns in -e
# such as "subsidie" or "ziekteverzuimpercentage".
_ADJECTIVE_ENDINGS = ("se", "nde", "ige", "we", "ele", "ste", "ede", "lijke")
_ENGLISH_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ful", "ous", "ent", "ary", "young", "new", "old")
_COMMON_WORD = 3.0  # wordfreq's Zipf scale: about once in a million words or more often


def _inflected_adjective(word: str) -> bool:
    """ "jonge", "grote", "kleine", "zulke", "collectieve": a Dutch word in -e whose uninflected form (the
    vowel doubled, a consonant undoubled, v as f) is a common word, as an adjective's is; "subsidie" or
    "ziekte" without their -e are no words. Some nouns pass too ("rente", "ruimte": "rent", "ruimt" are
    verb forms), so the caller also asks that a noun, not a verb, follows."""
    if len(word) < 4 or not word.endswith("e"):
        return False
    base = word[:-1]
    forms = {
        base,
        re.sub(r"(?<=[^aeiou])([aeou])([^aeiou])$", r"\1\1\2", base),  # grote -> groot, hoge -> hoog
        re.sub(r"(.)\1$", r"\1", base),  # dikke -> dik
        re.sub(r"v$", "f", base),  # collectieve -> collectief
    }
    return any(zipf_frequency(form, "nl") >= _COMMON_WORD for form in forms)


class AnswerForm(BaseModel, extra="forbid"):
    """An answer of one form asked ("Hoeveel procent ...?", "In welke maand ...?") and that form."""

    cues: list[str]
    form: str
    missing: dict[Literal["nl", "en"], str]

    @field_validator("cues", "form")
    @classmethod
    def _patterns_compile(cls, value: list[str] | str) -> list[str] | str:
        for pattern in [value] if isinstance(value, str) else value:
            _compiles(pattern)
        return value

    def asked_in(self, question: str) -> bool:
        folded = fold(question)
        return any(re.search(p, folded) for p in self.cues)

    def held_by(self, text: str) -> bool:
        return bool(re.search(self.form, text))


def _compiles(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"ongeldig patroon {pattern!r}: {exc}") from exc


class AnswerWords(BaseModel, extra="forbid"):
    answer_types: dict[AnswerType, list[str]]
    answer_forms: dict[str, AnswerForm]
    number_words: list[str]
    months: list[str]
    time_counts: list[str]
    time_units: list[str]
    count_missing: dict[Literal["nl", "en"], str]
    amount_missing: dict[Literal["nl", "en"], str]
    ordinals: dict[str, list[str]]
    ordinal_missing: dict[Literal["nl", "en"], str]
    unit_cues: list[str]
    unit_skip: list[str]
    generic_units: list[str]
    money_words: list[str]
    money_heads: list[str]
    pay_prefixes: list[str]
    pay_heads: list[str]
    finite_verbs: list[str]
    function_words: list[str]
    pointing_words: list[str]
    never_read_as: list[str]
    lead_missing: dict[Literal["nl", "en"], str]
    part_openers: list[str]
    part_missing: dict[Literal["nl", "en"], str]

    @field_validator("answer_types")
    @classmethod
    def _patterns_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for kind, patterns in value.items():
            for pattern in patterns:
                try:
                    _compiles(pattern)
                except ValueError as exc:
                    raise ValueError(f"{kind}: {exc}") from exc
        return value

    @field_validator("part_missing")
    @classmethod
    def _names_the_notice(cls, value: dict[str, str]) -> dict[str, str]:
        for lang, text in value.items():
            if "{notice}" not in text:
                raise ValueError(f"{lang}: de tekst moet {{notice}} bevatten (wat er ontbreekt)")
        return value

    @field_validator(
        "finite_verbs",
        "function_words",
        "money_words",
        "money_heads",
        "pay_prefixes",
        "pay_heads",
        "unit_skip",
        "generic_units",
        "pointing_words",
        "never_read_as",
        "part_openers",
    )
    @classmethod
    def _folded_words(cls, value: list[str]) -> list[str]:
        return [fold(w) for w in value]

    @field_validator("number_words", "months", "time_counts", "time_units")
    @classmethod
    def _lowercase_words(cls, value: list[str]) -> list[str]:
        # Not folded: "één" (one) must not become "een" (a).
        return [w.lower() for w in value]

    @cached_property
    def verb_set(self) -> frozenset[str]:
        return frozenset(self.finite_verbs)

    def about_money(self, text: str) -> bool:
        """Whether a text speaks of money: a money word, or a compound ending in one ("maandsalaris")."""
        words = re.findall(r"\w+", fold(text))
        return any(w in self.money_words or w.endswith(tuple(self.money_heads)) for w in words)

    def about_pay(self, text: str) -> bool:
        """Whether a text speaks of pay ("salaris", "verdienen", "bruto"), not of money in general."""
        words = re.findall(r"\w+", fold(text))
        return any(w.startswith(tuple(self.pay_prefixes)) or w.endswith(tuple(self.pay_heads)) for w in words)

    @cached_property
    def duration_pattern(self) -> re.Pattern[str]:
        # a figure or a word that counts ("drie", "een"), at most one word, then a unit of time
        numbers = "|".join(map(re.escape, [*self.number_words, *self.time_counts]))
        units = "|".join(map(re.escape, self.time_units))
        return re.compile(rf"\b(?:\d+(?:[.,]\d+)?|{numbers})\s+(?:\w+\s+)?(?:{units})\b", re.IGNORECASE)

    @cached_property
    def date_pattern(self) -> re.Pattern[str]:
        # a day with its month ("15 mei", "1 maart 2020") or a numeric date ("01-01-2023"): a date, no count
        months = "|".join(map(re.escape, self.months))
        numeric = r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"
        return re.compile(rf"\b\d{{1,2}}\s+(?:{months})\b|{numeric}", re.IGNORECASE)

    @cached_property
    def never_read_set(self) -> frozenset[str]:
        return frozenset(self.never_read_as)

    @cached_property
    def pointing_set(self) -> frozenset[str]:
        return frozenset(self.pointing_words)

    @cached_property
    def part_join(self) -> re.Pattern[str]:
        """Where a second question starts inside a sentence: ", en hoeveel ...", ", and on what date ..."
        (a short preposition may come first). After a comma only: "... en wat hij daarvoor moet doen?" and
        "hoe en wanneer" go on the question they are part of."""
        return re.compile(r",\s+(?:en|and)\s+(?=" + self._opener + ")", re.IGNORECASE)

    @cached_property
    def part_start(self) -> re.Pattern[str]:
        """A question of its own: opening with a question word ("En hoeveel ...", "Met wie ..."), not a
        yes/no restatement of the one before ("Is daar een aantal van bekend?")."""
        return re.compile(r"^\W*(?:(?:en|and)\s+)?" + self._opener, re.IGNORECASE)

    @property
    def _opener(self) -> str:
        return r"(?:\w{1,5}\s+)?(?:" + "|".join(map(re.escape, self.part_openers)) + r")\b"

    @cached_property
    def number_set(self) -> frozenset[str]:
        return frozenset(self.number_words)

    @cached_property
    def unit_pattern(self) -> re.Pattern[str]:
        # the cue and up to four words after it: the counted noun may follow an adjective or two
        cues = "|".join(self.unit_cues)
        return re.compile(r"\b(?:" + cues + r")\s+(?P<unit>\w[\w'’-]*(?:\s+\w[\w'’-]*){0,3})")

    def counted_word(self, after_cue: str, dutch: bool) -> str | None:
        """The counted noun among the words after a "hoeveel" cue; None when it is generic ("mensen")."""
        noun = self._counted_noun(after_cue, dutch)
        return None if noun in self.generic_units else noun

    def generic_word(self, after_cue: str, dutch: bool) -> str | None:
        """The generic noun a "hoeveel" cue counts ("Hoeveel (jonge) mensen ..."), if it counts one."""
        noun = self._counted_noun(after_cue, dutch)
        return noun if noun in self.generic_units else None

    def _counted_noun(self, after_cue: str, dutch: bool) -> str | None:
        candidates = [w for w in after_cue.split() if w not in self.unit_skip]
        if candidates and is_finite_verb(candidates[0], self):
            return None  # "Hoeveel krijgt een trainee?" counts nothing named
        adjective = _ADJECTIVE_ENDINGS if dutch else _ENGLISH_ADJECTIVE_ENDINGS
        for word, following in zip(candidates, [*candidates[1:], ""], strict=True):
            # "Hoeveel rente betalen we": a noun in -e before a verb is what is counted
            short = dutch and _inflected_adjective(word) and not is_finite_verb(following, self)
            if (word.endswith(adjective) or short) and following not in self.function_words:
                continue  # an adjective before the noun: "Brabantse gemeenten", "digital coaches"
            if not dutch and word.endswith(("'s", "’s")):
                continue  # whose, not what: "What percentage of Mirvac's managers" counts managers
            return word
        return None

    def ordinal(self, question: str) -> tuple[frozenset[str], str]:
        """The forms of the first ordinal in a question ("derde", "third", "3e") and, as typed, that word
        with the one after it ("derde groep"); empty when it has none."""
        words = re.findall(r"[\w'’-]+", question)
        for i, word in enumerate(words):
            for dutch, others in self.ordinals.items():
                forms = frozenset(fold(w) for w in [dutch, *others])
                if fold(word) in forms:
                    return forms, " ".join(words[i : i + 2])
        return frozenset(), ""

    def answer_form(self, question: str) -> AnswerForm | None:
        """The form of answer a question asks for (a percentage, a month, a date, a time of day, a rating,
        names), if any."""
        return next((f for f in self.answer_forms.values() if f.asked_in(question)), None)

    def answer_type(self, question: str) -> AnswerType | None:
        """The kind of answer a question asks for, or None for an open question ("Hoe ...", "Waarom ...")."""
        folded = fold(question)
        for kind, patterns in self.answer_types.items():
            if any(re.search(p, folded) for p in patterns):
                return kind
        return None


@cache
def load_answer_words(path: Path = DATA_DIR / "answer_words.yaml") -> AnswerWords:
    return AnswerWords.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
