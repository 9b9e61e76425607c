"""Vacancy texts drafted from a persona card, the recruiter's input and retrieved passages, then checked.

Every sentence of a draft names its sources: the persona card (our own authored profile, cited as
"personakaart <naam>" and never presented as a document), a retrieved passage (cited with [n] and the
exact quote), the recruiter's input, or neutral template text that makes no factual claim. Statements
about the field, development and working conditions appear only as a short frame around a verbatim
quote of a retrieved sentence that supports it. Every digit must come from the input, the card or the
cited passage; sentences that break this are dropped. An optional LLM may rewrite each section, and its
rewrite is kept only when it passes the same checks.
"""

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from wordfreq import zipf_frequency

from assistant.answer import Citation
from assistant.checks import (
    B1_MAX_LONG_WORD_SHARE,
    B1_MIN_SCORE,
    TextChecks,
    check_inclusive,
    check_jargon,
    check_text,
)
from assistant.checks.readability import check_readability, count_words
from assistant.core.errors import InvalidInputError
from assistant.core.redaction import EMAIL, PHONE
from assistant.core.sentences import split_sentences, strip_markup
from assistant.core.text_nl import analyse, stems
from assistant.llm import check_generated
from assistant.personas import (
    ID_PATTERN,
    PERSONA_SOURCE,
    PersonaCard,
    describe_validation_error,
    get_persona,
)
from assistant.retrieval import Passage

OrganisationType = Literal[
    "gemeente", "provincie", "omgevingsdienst", "waterschap", "rijksoverheid", "anders"
]
Tone = Literal["formal", "informal"]
Address = Literal["je", "u"]
SectionKey = Literal["opening", "taken", "profiel", "aanbod", "organisatie", "solliciteren"]

SECTION_ORDER: tuple[SectionKey, ...] = (
    "opening",
    "taken",
    "profiel",
    "aanbod",
    "organisatie",
    "solliciteren",
)
HEADINGS: dict[Address, dict[SectionKey, str | None]] = {
    "je": {
        "opening": None,
        "taken": "Wat ga je doen",
        "profiel": "Wie ben jij",
        "aanbod": "Wat bieden wij",
        "organisatie": "Over de organisatie",
        "solliciteren": "Bijzonderheden en solliciteren",
    },
    # The u-form keeps the same sections; only the pronoun and verb change.
    "u": {
        "opening": None,
        "taken": "Wat gaat u doen",
        "profiel": "Wie bent u",
        "aanbod": "Wat bieden wij",
        "organisatie": "Over de organisatie",
        "solliciteren": "Bijzonderheden en solliciteren",
    },
}
MAX_EDIT_CHARS = 20_000
# Quotes must contain the topic's own words, so keyword search finds them; it also skips embedding a
# dozen queries per draft (the dense model is English-only and adds little for Dutch keywords).
SEARCH_MODE = "keyword"
MIN_PASSAGE_SCORE = 0.5  # hybrid scores are relative to the best match of the query (about 0.9)
MIN_SUPPORT = 0.6  # the same bar as assistant.llm: share of content stems found in the cited text
TARGET_WORDS = 460  # aim in the middle of the 350-700 range, so light edits stay within it
MAX_FILL_WORDS = 620
# Headroom above the B1 thresholds, so a recruiter's light edits do not tip the verdict.
B1_MARGIN = 2.0
LONG_WORD_MARGIN = 0.01
MAX_WORKING_DAY_SENTENCES = 9
MIN_QUOTES = 2  # a draft keeps at least this many cited passages when it is trimmed for readability
_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+")
_MARKUP = re.compile(r"[#*_<>\[\]|`\\]")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


# --- the request ---------------------------------------------------------------------------------------


def has_contact_details(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE.search(text))


def _empty_to_none(value: object) -> object:
    """A blank optional form field means 'not given'."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _single_line(value: str) -> str:
    if any(char in value for char in "\r\n\t"):
        raise ValueError("mag geen regeleinden of tabs bevatten")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value


def _text(max_length: int, *, single_line: bool = True) -> Any:
    """A stripped text field with a ceiling; absurd input is refused, not stored or searched."""
    checks = [AfterValidator(_single_line)] if single_line else []
    return Annotated[str, Field(max_length=max_length), *checks]


OptionalLine80 = Annotated[_text(80) | None, BeforeValidator(_empty_to_none)]


class VacancyRequest(BaseModel):
    """What a recruiter asks for: a persona, the organisation and the terms to mention."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    persona_id: str = Field(pattern=ID_PATTERN, max_length=41)
    organisation: Annotated[_text(120), AfterValidator(_not_blank)]
    organisation_type: OrganisationType = "gemeente"
    location: OptionalLine80 = None
    hours: int | None = Field(None, ge=8, le=40, strict=True, description="Uren per week.")
    salary: OptionalLine80 = Field(None, description="Bijvoorbeeld 'schaal 10' of '€3.500 - €5.000'.")
    closing_date: date | None = None
    team: Annotated[_text(200) | None, BeforeValidator(_empty_to_none)] = None
    wishes: Annotated[_text(1000, single_line=False) | None, BeforeValidator(_empty_to_none)] = Field(
        None, description="Wat er nog in de tekst moet, in eigen woorden; komt letterlijk in de tekst."
    )
    tone: Tone = "informal"
    address: Address = "je"

    @field_validator("organisation", "location", "salary", "team", "wishes")
    @classmethod
    def _safe_text(cls, value: str | None) -> str | None:
        # Contact details are never published by the drafter, and "[3]" would pose as a source marker.
        if value is not None and has_contact_details(value):
            raise ValueError(
                "zet geen e-mailadres of telefoonnummer in de tekst; solliciteren loopt via de website"
            )
        if value is not None and _MARKUP.search(value):
            # Input lands in Markdown (and in HTML in the web page): no headings, lists, tags or links.
            raise ValueError("gebruik geen opmaaktekens zoals # * _ < > [ ] | of `")
        return value

    @field_validator("closing_date")
    @classmethod
    def _not_past(cls, value: date | None) -> date | None:
        if value is not None and value < date.today():
            raise ValueError("de sluitingsdatum ligt in het verleden")
        return value


def parse_request(data: object) -> VacancyRequest:
    """Validate raw JSON into a request; every problem becomes one InvalidInputError in plain Dutch."""
    if not isinstance(data, dict):
        raise InvalidInputError("De aanvraag voor een vacaturetekst moet een lijst van velden zijn.")
    try:
        return VacancyRequest.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(f"De aanvraag klopt niet: {describe_validation_error(exc)}.") from exc


# --- the draft -------------------------------------------------------------------------------------------


class PersonaSource(BaseModel):
    """A fact from the persona card: our own profile, not a source document."""

    kind: Literal["persona"] = "persona"
    persona_id: str
    field: str
    label: str = Field(description="How to cite it: 'personakaart <naam>'.")


class PassageSource(BaseModel):
    """A retrieved passage, cited in the text with [n]."""

    kind: Literal["passage"] = "passage"
    n: int
    chunk_id: str


class InputSource(BaseModel):
    """What the recruiter typed."""

    kind: Literal["input"] = "input"
    field: str


class TemplateSource(BaseModel):
    """Neutral connecting text that makes no factual claim."""

    kind: Literal["template"] = "template"


Source = Annotated[PersonaSource | PassageSource | InputSource | TemplateSource, Field(discriminator="kind")]


class DraftSentence(BaseModel):
    """One sentence (or list item) of a draft and where its content comes from."""

    text: str
    sources: list[Source]
    bullet: bool = False
    new_paragraph: bool = False


class DraftSection(BaseModel):
    key: SectionKey
    heading: str | None
    sentences: list[DraftSentence]


class PersonaReference(BaseModel):
    """The persona card a draft is based on, cited as such."""

    persona_id: str
    name: str
    role: str
    label: str
    note: str = "Eigen profiel van de HR-assistent (personakaart), geen brondocument."


class VacancyDraft(BaseModel):
    """A drafted vacancy text: structured sections, the markdown text, its sources and its checks."""

    id: str
    created: datetime
    updated: datetime
    # Kept as plain data: a stored draft must still load after its closing date has passed.
    request: dict[str, Any]
    persona: PersonaReference
    title: str
    sections: list[DraftSection]
    text: str = Field(description="Markdown with [n] markers; after an edit, the edited text.")
    plain_text: str = Field(description="The text without markup or markers; the checks' offsets point here.")
    sources: list[Citation]
    checks: TextChecks
    words: int
    engine: Literal["sjabloon", "llm"] = "sjabloon"
    notice: str | None = None
    edited: bool = False


# --- small helpers ---------------------------------------------------------------------------------------


def numbers_in(text: str) -> set[str]:
    """Digit runs of a text, not counting [n] citation markers."""
    return set(_NUMBER.findall(_MARKER.sub(" ", text)))


def untraceable_numbers(text: str, evidence: Iterable[str]) -> set[str]:
    """Numbers in `text` that none of the evidence texts contains: invented, so not allowed."""
    allowed: set[str] = set()
    for item in evidence:
        allowed |= numbers_in(item)
    return numbers_in(text) - allowed


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _dutch_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def plain_text(markdown: str) -> str:
    """The reader's text: markdown syntax and [n] markers removed, one line per block, single spaces."""
    lines = []
    for line in strip_markup(markdown).splitlines():
        line = re.sub(r"\s+([.,!?;:…])", r"\1", " ".join(line.split()))
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


@dataclass
class _Ctx:
    """Everything one drafting run needs, plus the citations it collects."""

    request: VacancyRequest
    persona: PersonaCard
    seed: str
    citations: list[Citation] = field(default_factory=list)
    quotes: dict[int, Passage] = field(default_factory=dict)  # n -> passage whose text is the quote
    passages: dict[int, Passage] = field(default_factory=dict)  # n -> the whole retrieved passage
    used_frames: set[str] = field(default_factory=set)

    @property
    def u(self) -> bool:
        return self.request.address == "u"

    @property
    def label(self) -> str:
        return f"{PERSONA_SOURCE} {self.persona.name}"

    def pick(self, slot: str, options: list) -> Any:
        """Deterministic variation: the same persona and organisation always get the same choice."""
        digest = hashlib.sha256(f"{self.seed}|{slot}".encode()).digest()
        return options[int.from_bytes(digest[:4], "big") % len(options)]

    def say(self, pair: tuple[str, str], **values: str) -> str:
        """The je- or u-version of a template, filled in."""
        return pair[1 if self.u else 0].format(**values)

    def persona_src(self, name: str) -> PersonaSource:
        return PersonaSource(persona_id=self.persona.id, field=name, label=self.label)

    def citation(self, n: int) -> Citation:
        return next(c for c in self.citations if c.n == n)


def _sentences(
    text: str, sources: list, *, bullet: bool = False, new_paragraph: bool = False
) -> list[DraftSentence]:
    """Split composed text into sentences that share the same sources."""
    if bullet:
        return [DraftSentence(text=text, sources=sources, bullet=True)]
    parts = [text[s.start : s.end].strip() for s in split_sentences(text)] or [text]
    return [
        DraftSentence(text=part, sources=sources, new_paragraph=new_paragraph and i == 0)
        for i, part in enumerate(parts)
    ]


TEMPLATE = [TemplateSource()]


def _input(*names: str) -> list[InputSource]:
    return [InputSource(field=name) for name in names]


# --- persona text in the second person ---------------------------------------------------------------


_SUBJECT_FORMS = {"is": "bent", "heeft": "hebt", "kan": "kunt", "wil": "wilt", "zal": "zult"}
_INVERTED_JE = {
    "is": "ben",
    "heeft": "heb",
    "kan": "kun",
    "wil": "wil",
    "zal": "zul",
    "gaat": "ga",
    "staat": "sta",
    "doet": "doe",
    "ziet": "zie",
    "komt": "kom",
    "slaat": "sla",
}
_CONJUNCTIONS = frozenset({"en", "maar", "dus", "want", "of", "terwijl"})
_NOT_VERBS = _wordset(
    "met van voor aan naar bij door over om de het een dat die als dan zoals tot op in uit tegen zonder"
)


def _inverted_verb(verb: str, u: bool) -> str | None:
    """'schrijft' in 'Daarna schrijft Amir' as it reads with je or u after it; None if not a verb."""
    low = verb.lower()
    if u:
        return _SUBJECT_FORMS.get(low, verb if low.endswith("t") or low in {"mag", "kan"} else None)
    if low in _INVERTED_JE:
        return _INVERTED_JE[low]
    if not low.endswith("t"):
        return None
    stem = verb[:-1]
    # 'schrijft je' -> 'schrijf je', but 'zit je' and 'praat je' keep the t: drop it only when what is left
    # ends in a consonant and is a Dutch word.
    drop = stem[-1:].lower() not in "aeiouyt" and zipf_frequency(stem.lower(), "nl") >= 2.5
    return stem if drop else verb


def to_second_person(sentence: str, first_name: str, address: Address) -> str | None:
    """A persona sentence about '<name>' rewritten to address the reader; None when unsure of the grammar."""
    u = address == "u"
    pronoun = "u" if u else "je"
    pattern = re.compile(rf"\b{re.escape(first_name)}\b")
    matches = list(pattern.finditer(sentence))
    if not matches:
        return sentence
    text = sentence
    for match in reversed(matches):
        start, end = match.span()
        after = text[end:]
        if after[:1] in {",", "'", "’"}:
            return None  # an apposition or a possessive: not a simple subject
        before = text[:start]
        prev = re.search(r"([\w'’]+)\W*$", before)
        subject_first = (
            not before.strip()
            or before.rstrip().endswith((":", ";", ","))
            or (prev is not None and prev.group(1).lower() in _CONJUNCTIONS)
        )
        if subject_first:
            verb = re.match(r"(\s+)(\w+)", after)
            if verb and verb.group(2) in _SUBJECT_FORMS:
                after = verb.group(1) + _SUBJECT_FORMS[verb.group(2)] + after[verb.end() :]
            word = pronoun.capitalize() if not before.strip() else pronoun
            text = before + word + after
            continue
        if prev is None or prev.group(1).lower() in _NOT_VERBS or prev.group(1)[:1].isupper():
            return None
        verb_form = _inverted_verb(prev.group(1), u)
        if verb_form is None:
            return None
        text = before[: prev.start(1)] + verb_form + before[prev.end(1) :] + pronoun + after
    # A second finite verb for the same subject: "je bent ... en heeft" -> "en hebt".
    text = re.sub(r"\ben (is|heeft|kan|wil|zal)\b", lambda m: "en " + _SUBJECT_FORMS[m.group(1)], text)
    return text


def _foreign_names(text: str, allowed: set[str]) -> bool:
    """True when the sentence names someone or somewhere we do not expect (a place, another persona):
    too specific to the card's own story to reuse."""
    if re.match(r"^[A-Z]\w+,", text):
        return True  # "Amir, de bodemadviseur, ...": a name with an apposition
    words = re.findall(r"[\w’'-]+", text)
    skip = 2 if words[:1] in (["'s"], ["’s"]) else 1  # "'s Middags": the capital comes after "'s"
    return any(word[:1].isupper() and word not in allowed for word in words[skip:])


# --- templates (plain B1 Dutch, gender-neutral; pairs are (je-form, u-form)) -------------------------------

OPENINGS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        ("{org} zoekt een {role}. Ben jij dat?", "{org} zoekt een {role}. Bent u dat?"),
        (
            "Wil jij aan de slag als {role}? Dan zoeken we jou bij {org}.",
            "Wilt u aan de slag als {role}? Dan zoeken we u bij {org}.",
        ),
        (
            "Bij {org} is plek voor een {role}. Misschien ben jij dat wel.",
            "Bij {org} is plek voor een {role}. Misschien bent u dat wel.",
        ),
        (
            "Zoek je werk dat ertoe doet? {org} zoekt een {role}.",
            "Zoekt u werk dat ertoe doet? {org} zoekt een {role}.",
        ),
        (
            "Kom jij ons team versterken als {role}? Bij {org} is plek voor je.",
            "Komt u ons team versterken als {role}? Bij {org} is plek voor u.",
        ),
    ],
    "formal": [
        ("{org} zoekt een {role}.", "{org} zoekt een {role}."),
        ("Voor {org} zoeken wij een {role}.", "Voor {org} zoeken wij een {role}."),
        ("Bij {org} is een plek vrij voor een {role}.", "Bij {org} is een plek vrij voor een {role}."),
        ("{org} heeft een vacature voor een {role}.", "{org} heeft een vacature voor een {role}."),
        ("Wij zoeken een {role} voor {org}.", "Wij zoeken een {role} voor {org}."),
    ],
}
TASK_INTROS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        ("Een greep uit je taken:", "Een greep uit uw taken:"),
        ("Je taken zijn onder meer:", "Uw taken zijn onder meer:"),
        ("Wat doe je zoal? Bijvoorbeeld dit:", "Wat doet u zoal? Bijvoorbeeld dit:"),
    ],
    "formal": [
        ("Dit zijn je taken:", "Dit zijn uw taken:"),
        ("Tot je taken horen onder meer:", "Tot uw taken horen onder meer:"),
    ],
}
DAY_INTROS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        ("Hoe ziet een werkdag eruit? Bijvoorbeeld zo.", "Hoe ziet een werkdag eruit? Bijvoorbeeld zo."),
        ("Zo kan een werkdag eruitzien.", "Zo kan een werkdag eruitzien."),
        ("Een voorbeeld van een dag uit je werk.", "Een voorbeeld van een dag uit uw werk."),
    ],
    "formal": [
        ("Een voorbeeld van een werkdag.", "Een voorbeeld van een werkdag."),
        ("Zo kan een werkdag verlopen.", "Zo kan een werkdag verlopen."),
    ],
}
LEVEL = ("Je werkt en denkt op het niveau van {level}.", "U werkt en denkt op het niveau van {level}.")
SKILL_INTROS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        ("Dit zijn je sterke punten:", "Dit zijn uw sterke punten:"),
        ("Hier ben je goed in:", "Hier bent u goed in:"),
    ],
    "formal": [
        ("Wij vragen deze vaardigheden:", "Wij vragen deze vaardigheden:"),
        ("Belangrijk in deze functie:", "Belangrijk in deze functie:"),
    ],
}
PROFILE_CLOSINGS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        (
            "Herken je jezelf hierin? Dan past deze baan misschien goed bij je.",
            "Herkent u zich hierin? Dan past deze baan misschien goed bij u.",
        ),
        (
            "Zie je jezelf hier al werken? Lees dan verder.",
            "Ziet u zichzelf hier al werken? Lees dan verder.",
        ),
    ],
    "formal": [
        (
            "Herken je jezelf in dit profiel? Dan komen wij graag met je in contact.",
            "Herkent u zich in dit profiel? Dan komen wij graag met u in contact.",
        ),
        ("Past dit profiel bij je? Lees dan verder.", "Past dit profiel bij u? Lees dan verder."),
    ],
}
# Plain-language meaning of the usual competencies; infinitive phrases, so they fit je and u alike.
SKILL_GLOSSES = {
    "analyseren": "de kern van een vraag zien en uitzoeken",
    "oordeelsvorming": "tot een goed en eerlijk oordeel komen",
    "klantgerichtheid": "weten wat inwoners en bedrijven nodig hebben",
    "samenwerken": "samen met anderen een goed resultaat halen",
    "mondelinge communicatie": "helder uitleggen, ook aan wie het vak niet kent",
    "schriftelijke communicatie": "helder en kort schrijven",
    "nauwkeurigheid": "precies werken en fouten voorkomen",
    "politieke sensitiviteit": "aanvoelen wat er speelt bij bestuur en politiek",
    "plannen en organiseren": "het werk goed plannen en op tijd klaar hebben",
    "visie": "vooruit kijken en richting geven",
    "omgevingsbewustzijn": "weten wat er buiten het eigen team speelt",
    "overtuigingskracht": "anderen meenemen met goede argumenten",
    "netwerken": "contacten leggen en goed onderhouden",
    "integriteit": "eerlijk en betrouwbaar werken, ook onder druk",
    "stressbestendigheid": "rustig blijven als het druk of spannend is",
    "zelfstandigheid": "zelf het werk regelen en keuzes maken",
    "conflicthantering": "rustig blijven in een conflict en samen een uitweg zoeken",
    "flexibiliteit": "goed omgaan met veranderingen",
    "initiatief": "zelf zien wat er moet gebeuren en beginnen",
    "creativiteit": "met nieuwe ideeën en oplossingen komen",
    "leidinggeven": "richting geven en het team verder helpen",
    "resultaatgerichtheid": "doen wat nodig is om het doel te halen",
}
OFFER_INTROS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        ("Dit bieden we je:", "Dit bieden we u:"),
        ("Wat krijg je van ons?", "Wat krijgt u van ons?"),
    ],
    "formal": [("Dit bieden wij je:", "Dit bieden wij u:"), ("Wij bieden:", "Wij bieden:")],
}
OFFER_INVITES: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        ("Wat hiervan ook bij ons kan? Vraag het gerust.", "Wat hiervan ook bij ons kan? Vraag het gerust."),
        (
            "Benieuwd wat hiervan bij ons kan? Vraag het in het gesprek.",
            "Benieuwd wat hiervan bij ons kan? Vraag het in het gesprek.",
        ),
    ],
    "formal": [
        ("Wat er bij ons kan, bespreken we graag met je.", "Wat er bij ons kan, bespreken we graag met u."),
    ],
}
WORKPLACE = ("Je komt te werken bij {org}.", "U komt te werken bij {org}.")
TEAM = ("Je werkt in {team}.", "U werkt in {team}.")
CHAIN = (
    "In de keten van raad naar straat hoort deze functie bij de stap {label}. "
    "Die keten loopt van de besluiten van de raad tot het werk op straat.",
) * 2
APPLY_LEADS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [
        ("Zin in deze baan?", "Heeft u zin in deze baan?"),
        ("Klinkt dit als jouw baan?", "Klinkt dit als uw baan?"),
        ("Enthousiast geworden?", "Enthousiast geworden?"),
    ],
    "formal": [
        ("Ben je geïnteresseerd?", "Bent u geïnteresseerd?"),
        ("Spreekt deze functie je aan?", "Spreekt deze functie u aan?"),
    ],
}
APPLY = ("Solliciteren kan via de website van {org}.",) * 2
CLOSING_DATE = ("Reageren kan tot en met {date}.",) * 2
APPLY_ENDS: dict[Tone, list[tuple[str, str]]] = {
    "informal": [("We kijken uit naar je reactie!", "We kijken uit naar uw reactie!")],
    "formal": [("Wij zien je reactie graag tegemoet.", "Wij zien uw reactie graag tegemoet.")],
}
TYPE_SENTENCES: dict[str, str] = {
    "gemeente": "{org} is een gemeente.",
    "provincie": "{org} is een provincie.",
    "omgevingsdienst": "{org} is een omgevingsdienst.",
    "waterschap": "{org} is een waterschap.",
    "rijksoverheid": "{org} hoort bij de Rijksoverheid.",
}


# --- quotes from retrieved passages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """One targeted search; a quote must contain one of the anchor words to be about the topic."""

    key: str
    section: SectionKey
    group: str
    queries: tuple[str, ...]
    anchors: tuple[str, ...]


TOPICS = (
    Topic(
        "buddy",
        "aanbod",
        "begeleiding",
        ("buddy ervaren collega gekoppeld", "buddy begeleiding nieuwe collega inwerken"),
        ("buddy", "mentor"),
    ),
    Topic(
        "coach", "aanbod", "begeleiding", ("talentcoach persoonlijke ontwikkeling",), ("talentcoach", "coach")
    ),
    Topic(
        "begeleiding",
        "aanbod",
        "begeleiding",
        ("goede begeleiding nieuwe medewerkers", "inwerken nieuwe medewerkers onboarding"),
        ("begeleiding", "begeleidt", "onboarding", "inwerken"),
    ),
    Topic(
        "traject",
        "aanbod",
        "leren",
        ("ontwikkeltraject carrièreswitchers een jaar opleidingsprogramma",),
        ("ontwikkeltraject", "opleidingsprogramma"),
    ),
    Topic(
        "leren",
        "aanbod",
        "leren",
        ("opleiding en ontwikkeling leren", "leerlijn medewerkers opleiden"),
        ("leren", "ontwikkeling", "opleiding", "vaardigheden", "leerlijn"),
    ),
    Topic(
        "thuis",
        "aanbod",
        "werk",
        ("hybride werken thuiswerken", "flexibel werken werktijden"),
        ("thuiswerken", "hybride", "flexibel"),
    ),
    Topic(
        "vitaal",
        "aanbod",
        "werk",
        ("vitaliteit gezond werken werkplezier", "band met collega's reden om te blijven"),
        ("vitaliteit", "werkplezier", "collega"),
    ),
    Topic(
        "instroom",
        "profiel",
        "instroom",
        ("zij-instromers carrièreswitchers zonder overheidservaring",),
        ("zij-instromer", "zij-instromers", "carrièreswitcher", "overheidservaring"),
    ),
    Topic("community", "organisatie", "vak", ("learning community bodem",), ("learning", "community")),
    Topic(
        "bodem",
        "organisatie",
        "vak",
        ("werkveld bodem vitale bodem", "bodem ondergrond water"),
        ("bodem", "ondergrond", "werkveld"),
    ),
    Topic("wet", "organisatie", "vak", ("Omgevingswet bodem", "leerlijn Omgevingswet"), ("omgevingswet",)),
    Topic("keten", "organisatie", "vak", ("Van Raad naar Straat rollen keten",), ("keten", "straat")),
)
QUOTES_PER_SECTION: dict[SectionKey, int] = {"aanbod": 3, "profiel": 1, "organisatie": 2}
FRAMES: dict[str, dict[Tone, list[str]]] = {
    "begeleiding": {
        "informal": ["Over hulp en steun:", "Wat ons inspireert:", "Een goed voorbeeld:"],
        "formal": ["Over hulp en steun:", "Wat ons inspireert:"],
    },
    "leren": {
        "informal": ["Over leren en groeien:", "Leren in de praktijk:", "Wat ons inspireert:"],
        "formal": ["Over leren en groeien:", "Leren in de praktijk:"],
    },
    "werk": {
        "informal": ["Over prettig werken:", "Ter inspiratie:"],
        "formal": ["Over gezond werken:", "Ter inspiratie:"],
    },
    "instroom": {
        "informal": ["Over overstappen:", "Ter inspiratie:"],
        "formal": ["Over zij-instroom:", "Ter inspiratie:"],
    },
    "vak": {
        "informal": ["Over het vak:", "Het vak in één zin:", "Waarom dit werk telt:"],
        "formal": ["Over het vakgebied:", "Kenmerkend voor het vak:"],
    },
}
GENERIC_FRAMES = ["Ter inspiratie:", "Wat ons inspireert:", "Een goed voorbeeld:"]
# Sentences that lean on what came before them, or speak for someone, do not stand alone as a quote.
_DEPENDENT_STARTS = _wordset(
    "dit dat deze die zo daarom daarnaast ook hij zij ze hierbij hiervoor daarbij dan toch maar en want "
    "verder bovendien hier daar daarna hun zijn haar wel niet nu"
)
_DEPENDENT_AFTER_HET = _wordset("is omvat gaat was wordt kan heeft moet lijkt blijft zorgt draagt helpt")
# A line without a full stop (a slide bullet) is only a sentence when it has one of these verbs.
_FINITE_VERBS = _wordset(
    "is zijn wordt worden heeft hebben kan kunnen moet moeten gaat gaan blijft blijven maakt maken speelt "
    "helpt biedt bieden werkt werken draagt komt staat ligt vraagt zorgt geeft geven"
)
# "Het programma ..." names one organisation's own scheme, which this vacancy cannot promise.
_SPECIFIC_SCHEME = re.compile(r"^(?:het|de|dit|dat|deze) (?:programma|traject|project|plan|pilot)\b", re.I)
_ANAPHORIC_ZO = re.compile(r"\bzo (?:over|in|met|bij|naar|om|te)\b", re.IGNORECASE)
# Words that point back to an earlier sentence ("deze testen", "hierbij"), wherever they stand.
_POINTING_BACK = _wordset(
    "deze hierbij hierin hiervan hiermee hierdoor hiervoor daarbij daarin daarvan daarmee daardoor zulke"
)
_PERSONAL = _wordset("ik mij me mijn we wij ons onze je jij jou jouw u uw jullie hij hem ze zij")
_ALLOWED_CAPS = frozenset({"Omgevingswet", "HR", "AI", "Van", "Raad", "Straat"})
# Words that date a sentence to its publication ("inmiddels", "voorlopig"), or to the pandemic.
_DATED = _wordset(
    "corona coronacrisis coronapandemie pandemie lockdown covid inmiddels voorlopig tijdje momenteel "
    "onlangs binnenkort straks vorig vorige afgelopen"
)


def usable_quote(text: str) -> bool:
    """Whether a passage sentence can stand alone in a vacancy text as a short, plain quote."""
    flat = _flat(text)
    tokens = re.findall(r"[\w’'-]+", flat)
    if not 6 <= len(tokens) <= 20 or not flat[:1].isupper():
        return False
    if flat[-1] in "?!:;,-" or re.search(r"[\d“”\"|@:\[\]]|https?|www\.", flat):
        return False
    lowered = [t.lower() for t in tokens]
    if lowered[0] in _DEPENDENT_STARTS or (lowered[0] == "het" and lowered[1] in _DEPENDENT_AFTER_HET):
        return False
    if _PERSONAL & set(lowered) or _DATED & set(lowered) or _POINTING_BACK & set(lowered):
        return False
    if _ANAPHORIC_ZO.search(flat):
        return False
    if _SPECIFIC_SCHEME.search(flat):
        return False
    if flat[-1] != "." and not _FINITE_VERBS & set(lowered):
        return False  # a slide title or caption, not a statement
    for token in tokens[1:]:
        if token[:1].isupper() and token.strip("’'") not in _ALLOWED_CAPS:
            return False  # a place, a person or a shouted heading: too specific for this vacancy
    if check_jargon(flat) or check_inclusive(flat):
        return False  # the drafts must pass these checks, so a quote may not bring in a finding
    report = check_readability(flat)
    return not report.difficult_sentences and report.long_word_share <= 0.3


def _anchored(text: str, anchors: tuple[str, ...]) -> int:
    """How many anchor words occur in the text as whole words (a compound's part is not enough)."""
    found = set(stems(text))
    return sum(1 for anchor in anchors if set(stems(anchor)) & found)


def _quote_sentence(frame: str, quote: str, n: int) -> str:
    """'Frame: “quote” [n].' The quote's own full stop moves outside, so the marker stays in the sentence."""
    body = _flat(quote).rstrip(".")
    return f"{frame} “{body}” [{n}]."


def supported(sentence: str, quote_passage: Passage) -> bool:
    """assistant.llm's check on one sentence: its [n] marker is valid and its stems are in the quote."""
    one = _MARKER.sub("[1]", sentence)
    kept, _, _ = check_generated(one, [quote_passage])
    return bool(kept)


def _acceptable(text: str, passage: Passage, quote_passage: Passage) -> bool:
    """A framed quote is used only when the quote supports it, it adds no number and it reads at B1."""
    if not supported(text, quote_passage) or untraceable_numbers(text, [passage.text]):
        return False
    return not check_readability(text).difficult_sentences


def _find_quote(ctx: _Ctx, assistant, topic: Topic) -> DraftSentence | None:
    """The best usable, supported sentence for a topic, framed and cited; None if the documents lack one."""
    used_quotes = {_flat(c.quote) for c in ctx.citations}
    candidates: dict[str, tuple[float, str, Passage]] = {}
    for query in topic.queries:
        for passage in assistant.search(query, k=6, mode=SEARCH_MODE):
            if passage.score < MIN_PASSAGE_SCORE:
                continue  # a weak match is about something else, however well one sentence reads
            for sentence in split_sentences(passage.text):
                quote = passage.text[sentence.start : sentence.end].strip()  # verbatim, for the citation
                hits = _anchored(quote, topic.anchors)
                if not hits or _flat(quote) in used_quotes or not usable_quote(quote):
                    continue
                # Relevance first, then plain words: long words cost B1 readability.
                score = passage.score + 0.05 * hits - 0.5 * check_readability(quote).long_word_share
                if score > candidates.get(_flat(quote), (-1.0,))[0]:
                    candidates[_flat(quote)] = (score, quote, passage)
    # The seeded frame first; the others when a frame's own words would tip the support check.
    frames = FRAMES[topic.group][ctx.request.tone]
    fresh = [f for f in frames if f not in ctx.used_frames]
    spare = [f for f in GENERIC_FRAMES if f not in ctx.used_frames and f not in fresh]
    first = [ctx.pick(f"frame:{topic.key}", fresh)] if fresh else []
    order = [*first, *fresh, *spare] or frames
    n = len(ctx.citations) + 1
    for _, quote, passage in sorted(candidates.values(), key=lambda c: (-c[0], c[1])):
        quote_passage = passage.model_copy(update={"text": quote})
        fits = [
            f
            for f in dict.fromkeys(order)
            if _acceptable(_quote_sentence(f, quote, n), passage, quote_passage)
        ]
        if not fits:
            continue
        frame = fits[0]
        text = _quote_sentence(frame, quote, n)
        ctx.used_frames.add(frame)
        ctx.quotes[n], ctx.passages[n] = quote_passage, passage
        ctx.citations.append(
            Citation(
                n=n,
                chunk_id=passage.chunk_id,
                document_id=passage.document_id,
                document_title=passage.document_title,
                section=passage.section,
                page=passage.page,
                quote=quote,
            )
        )
        return DraftSentence(text=text, sources=[PassageSource(n=n, chunk_id=passage.chunk_id)])
    return None


def _quotes_for(ctx: _Ctx, assistant, section: SectionKey) -> list[DraftSentence]:
    """Up to the section's quota of quotes, topics tried in an order that varies per persona."""
    topics = [t for t in TOPICS if t.section == section and _topic_fits(ctx, t)]
    topics.sort(
        key=lambda t: (-_wish_weight(ctx, t), hashlib.sha256(f"{ctx.seed}|{t.key}".encode()).digest())
    )
    found: list[DraftSentence] = []
    for topic in topics:
        if len(found) == QUOTES_PER_SECTION[section]:
            break
        sentence = _find_quote(ctx, assistant, topic)
        if sentence is not None:
            found.append(sentence)
    return found


def _card_text(persona: PersonaCard) -> str:
    return " ".join([persona.role, persona.summary, *persona.tasks, persona.working_day])


def _topic_fits(ctx: _Ctx, topic: Topic) -> bool:
    """The Omgevingswet quote only for roles whose card mentions the law."""
    return topic.key != "wet" or "omgevingswet" in _card_text(ctx.persona).lower()


def _wish_weight(ctx: _Ctx, topic: Topic) -> int:
    """Topics the recruiter's wishes mention go first."""
    return _anchored(ctx.request.wishes, topic.anchors) if ctx.request.wishes else 0


# --- sections -------------------------------------------------------------------------------------------


def _values(ctx: _Ctx) -> dict[str, str]:
    return {"org": ctx.request.organisation, "role": _lower_first(ctx.persona.role)}


def _opening(ctx: _Ctx) -> list[DraftSentence]:
    tone = ctx.request.tone
    hook = ctx.say(ctx.pick("opening", OPENINGS[tone]), **_values(ctx))
    sentences = _sentences(hook, [*_input("organisation"), ctx.persona_src("role")])
    first_name = ctx.persona.name.split()[0]
    first = True
    for part in split_sentences(ctx.persona.summary):
        converted = to_second_person(
            ctx.persona.summary[part.start : part.end], first_name, ctx.request.address
        )
        if converted:
            sentences += _sentences(converted, [ctx.persona_src("summary")], new_paragraph=first)
            first = False
    return sentences


def _working_day_candidates(ctx: _Ctx) -> list[str]:
    """Sentences of the card's working day that read well addressed to the reader, in their order."""
    persona = ctx.persona
    first_name = persona.name.split()[0]
    allowed = set(re.findall(r"\b[A-Z]\w+", " ".join([persona.summary, *persona.tasks]))) | _ALLOWED_CAPS
    found = []
    for part in split_sentences(persona.working_day):
        original = persona.working_day[part.start : part.end].strip()
        # "Amir werkt bij de omgevingsdienst en begint ...": the card's employer, not the recruiter's.
        original = re.sub(rf"^{re.escape(first_name)} werkt bij [^,.:]+? en ", f"{first_name} ", original)
        if re.search(r"\bwerkt bij\b", original):
            continue
        converted = to_second_person(original, first_name, ctx.request.address)
        if not converted or _foreign_names(converted, allowed):
            continue
        report = check_readability(converted)
        if report.difficult_sentences or report.long_words > 2:
            continue
        found.append(converted)
    return found


def _tasks(ctx: _Ctx) -> list[DraftSentence]:
    intro = ctx.say(ctx.pick("tasks", TASK_INTROS[ctx.request.tone]))
    sentences = _sentences(intro, TEMPLATE)
    sentences += [
        DraftSentence(text=task, sources=[ctx.persona_src("tasks")], bullet=True)
        for task in ctx.persona.tasks
    ]
    return sentences


def _working_day(ctx: _Ctx, candidates: list[str], count: int) -> list[DraftSentence]:
    if count == 0:
        return []
    intro = ctx.say(ctx.pick("day", DAY_INTROS[ctx.request.tone]))
    sentences = _sentences(intro, TEMPLATE, new_paragraph=True)
    for text in candidates[:count]:
        sentences += _sentences(text, [ctx.persona_src("working_day")])
    return sentences


def _skill_line(skill: str) -> str:
    gloss = SKILL_GLOSSES.get(skill.casefold())
    return f"{skill}: {gloss}." if gloss else f"{skill}."


def _profile(ctx: _Ctx, assistant) -> list[DraftSentence]:
    tone = ctx.request.tone
    sentences = _sentences(
        ctx.say(LEVEL, level=ctx.persona.education_level), [ctx.persona_src("education_level")]
    )
    sentences += _sentences(ctx.say(ctx.pick("skills", SKILL_INTROS[tone])), TEMPLATE, new_paragraph=True)
    sentences += [
        DraftSentence(text=_skill_line(skill), sources=[ctx.persona_src("competencies")], bullet=True)
        for skill in ctx.persona.competencies
    ]
    quotes = _quotes_for(ctx, assistant, "profiel")
    if quotes:
        quotes[0].new_paragraph = True
    sentences += quotes
    closing = ctx.say(ctx.pick("profile-end", PROFILE_CLOSINGS[tone]))
    sentences += _sentences(closing, TEMPLATE, new_paragraph=not quotes)
    return sentences


def _salary_line(ctx: _Ctx) -> DraftSentence:
    if ctx.request.salary:
        return DraftSentence(
            text=f"Salaris: {ctx.request.salary.rstrip('.')}.", sources=_input("salary"), bullet=True
        )
    scale = ctx.persona.salary_scale
    scales = f"schaal {scale.min}" if scale.min == scale.max else f"schaal {scale.min} tot en met {scale.max}"
    return DraftSentence(
        text=f"Salaris: {scales} (indicatie volgens personakaart).",
        sources=[ctx.persona_src("salary_scale")],
        bullet=True,
    )


def _offer(ctx: _Ctx, assistant) -> list[DraftSentence]:
    tone, request = ctx.request.tone, ctx.request
    sentences = _sentences(ctx.say(ctx.pick("offer", OFFER_INTROS[tone])), TEMPLATE)
    sentences.append(_salary_line(ctx))
    if request.hours is not None:
        sentences.append(
            DraftSentence(text=f"Uren: {request.hours} uur per week.", sources=_input("hours"), bullet=True)
        )
    if request.location:
        sentences.append(
            DraftSentence(text=f"Standplaats: {request.location}.", sources=_input("location"), bullet=True)
        )
    quotes = _quotes_for(ctx, assistant, "aanbod")
    if quotes:
        quotes[0].new_paragraph = True
        sentences += quotes
        sentences += _sentences(ctx.say(ctx.pick("invite", OFFER_INVITES[tone])), TEMPLATE)
    return sentences


def _organisation(ctx: _Ctx, assistant) -> list[DraftSentence]:
    request = ctx.request
    sentences = _sentences(ctx.say(WORKPLACE, org=request.organisation), _input("organisation"))
    kind = request.organisation_type
    if kind in TYPE_SENTENCES and kind not in request.organisation.lower():
        sentences += _sentences(
            TYPE_SENTENCES[kind].format(org=request.organisation), _input("organisation", "organisation_type")
        )
    if request.team:
        sentences += _sentences(ctx.say(TEAM, team=request.team.rstrip(".")), _input("team"))
    label = _lower_first(ctx.persona.chain_position.label)
    sentences += _sentences(
        ctx.say(CHAIN, label=label), [ctx.persona_src("chain_position")], new_paragraph=True
    )
    quotes = _quotes_for(ctx, assistant, "organisatie")
    if quotes:
        quotes[0].new_paragraph = True
    return sentences + quotes


def _apply(ctx: _Ctx) -> list[DraftSentence]:
    request, tone = ctx.request, ctx.request.tone
    sentences: list[DraftSentence] = []
    if request.wishes:
        # A list marker at the start would turn the paragraph into a list.
        flat = re.sub(r"^(?:[-+•]|\d+[.)])\s+", "", _flat(request.wishes))
        for part in split_sentences(flat):
            sentences.append(
                DraftSentence(text=flat[part.start : part.end].strip(), sources=_input("wishes"))
            )
    if request.closing_date:
        text = ctx.say(CLOSING_DATE, date=_dutch_date(request.closing_date))
        sentences += _sentences(text, _input("closing_date"), new_paragraph=bool(sentences))
    lead = ctx.say(ctx.pick("apply", APPLY_LEADS[tone]))
    sentences += _sentences(lead, TEMPLATE, new_paragraph=bool(sentences))
    sentences += _sentences(ctx.say(APPLY, org=request.organisation), _input("organisation"))
    sentences += _sentences(ctx.say(ctx.pick("end", APPLY_ENDS[tone])), TEMPLATE)
    return sentences


# --- evidence, enforcement, assembly -------------------------------------------------------------------


def _input_evidence(request: VacancyRequest, name: str) -> str:
    value = getattr(request, name)
    if isinstance(value, date):
        return f"{value.isoformat()} {value.day} {value.month} {value.year}"
    return "" if value is None else str(value)


def _persona_evidence(persona: PersonaCard, name: str) -> str:
    value = getattr(persona, name, "")
    if name == "salary_scale":
        return f"{persona.salary_scale.min} {persona.salary_scale.max} {persona.salary_scale.note}"
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def evidence_for(sentence: DraftSentence, ctx: _Ctx) -> list[str]:
    """The texts a sentence's numbers may come from: its input fields, card fields and cited passages."""
    texts: list[str] = []
    for source in sentence.sources:
        if isinstance(source, InputSource):
            texts.append(_input_evidence(ctx.request, source.field))
        elif isinstance(source, PersonaSource):
            texts.append(_persona_evidence(ctx.persona, source.field))
        elif isinstance(source, PassageSource) and source.n in ctx.passages:
            texts.append(ctx.passages[source.n].text)
    return texts


def _enforce(sections: list[DraftSection], ctx: _Ctx) -> list[str]:
    """Drop sentences with untraceable numbers or contact details; return the dropped sentences."""
    dropped: list[str] = []
    for section in sections:
        kept = []
        for sentence in section.sentences:
            invented = untraceable_numbers(sentence.text, evidence_for(sentence, ctx))
            if invented or has_contact_details(sentence.text):
                dropped.append(sentence.text)
                continue
            kept.append(sentence)
        section.sentences = kept
    return dropped


def _renumber(sections: list[DraftSection], citations: list[Citation]) -> list[Citation]:
    """Number the cited passages 1, 2, 3 in reading order and drop citations no sentence uses anymore."""
    mapping: dict[int, int] = {}
    for section in sections:
        for sentence in section.sentences:
            for n in _MARKER.findall(sentence.text):
                mapping.setdefault(int(n), len(mapping) + 1)
    for section in sections:
        for sentence in section.sentences:
            sentence.text = _MARKER.sub(lambda m: f"[{mapping[int(m.group(1))]}]", sentence.text)
            # New source objects, not edits in place: one object may be shared by several sentences.
            sentence.sources = [
                s.model_copy(update={"n": mapping.get(s.n, s.n)}) if isinstance(s, PassageSource) else s
                for s in sentence.sources
            ]
    by_old = {c.n: c for c in citations}
    return [
        by_old[old].model_copy(update={"n": new}) for old, new in sorted(mapping.items(), key=lambda i: i[1])
    ]


def render_section(section: DraftSection) -> str:
    """A section's body as markdown: paragraphs of sentences, list items on their own lines."""
    blocks: list[list[str]] = []
    previous_bullet: bool | None = None
    for sentence in section.sentences:
        if not blocks or sentence.new_paragraph or sentence.bullet != previous_bullet:
            blocks.append([])
        blocks[-1].append(f"- {sentence.text}" if sentence.bullet else sentence.text)
        previous_bullet = sentence.bullet
    return "\n\n".join("\n".join(block) if block[0].startswith("- ") else " ".join(block) for block in blocks)


def render_markdown(title: str, sections: list[DraftSection]) -> str:
    parts = [f"# {title}"]
    for section in sections:
        if section.heading:
            parts.append(f"## {section.heading}")
        body = render_section(section)
        if body:
            parts.append(body)
    return "\n\n".join(parts) + "\n"


def _title(ctx: _Ctx) -> str:
    hours = f" ({ctx.request.hours} uur)" if ctx.request.hours else ""
    return f"{ctx.persona.role}{hours} bij {ctx.request.organisation}"


def _build_sections(ctx: _Ctx, assistant) -> list[DraftSection]:
    """The template draft: six sections, the working day sized so the whole lands near the target length."""
    headings = HEADINGS[ctx.request.address]
    bodies: dict[SectionKey, list[DraftSentence]] = {
        "opening": _opening(ctx),
        "taken": _tasks(ctx),
        "profiel": _profile(ctx, assistant),
        "aanbod": _offer(ctx, assistant),
        "organisatie": _organisation(ctx, assistant),
        "solliciteren": _apply(ctx),
    }
    tasks = bodies["taken"]
    candidates = _working_day_candidates(ctx)
    count = min(2, len(candidates))

    def sections_with(day_count: int) -> list[DraftSection]:
        bodies["taken"] = tasks + _working_day(ctx, candidates, day_count)
        return [DraftSection(key=k, heading=headings[k], sentences=list(bodies[k])) for k in SECTION_ORDER]

    title = _title(ctx)
    # The working day is the plainest part of a draft: it grows until the text is long enough and,
    # if the card's task wording makes the whole too hard for B1, a little further.
    while count < min(len(candidates), MAX_WORKING_DAY_SENTENCES):
        markdown = render_markdown(title, sections_with(count))
        words = count_words(markdown)
        report = check_readability(plain_text(markdown))
        readable = (
            report.score >= B1_MIN_SCORE + B1_MARGIN
            and report.long_word_share <= B1_MAX_LONG_WORD_SHARE - LONG_WORD_MARGIN
        )
        if words >= MAX_FILL_WORDS or (words >= TARGET_WORDS and readable):
            break
        count += 1
    return _trim_for_b1(title, sections_with(count))


def _trim_for_b1(title: str, sections: list[DraftSection]) -> list[DraftSection]:
    """Still not B1? Leave out the quote with the most long words, one at a time, keeping two or more."""
    while not check_readability(plain_text(render_markdown(title, sections))).b1:
        quoted = [
            (check_readability(sentence.text).long_words, section.key, sentence)
            for section in sections
            for sentence in section.sentences
            if any(isinstance(source, PassageSource) for source in sentence.sources)
        ]
        if len(quoted) <= MIN_QUOTES:
            break
        _, key, worst = max(quoted, key=lambda q: q[0])
        section = next(s for s in sections if s.key == key)
        section.sentences = [s for s in section.sentences if s is not worst]
        if key == "aanbod" and not _has_quote(section):
            # The invitation to ask what is possible only follows examples.
            section.sentences = [s for s in section.sentences if s.bullet or s is section.sentences[0]]
    return sections


def _has_quote(section: DraftSection) -> bool:
    return any(isinstance(src, PassageSource) for sentence in section.sentences for src in sentence.sources)


# --- optional LLM rewrite, checked like the answers ------------------------------------------------------

REWRITE_PROMPT = (
    "Je herschrijft één deel van een vacaturetekst voor de overheid. Schrijf in eenvoudig Nederlands "
    "(taalniveau B1): korte zinnen, gewone woorden, genderneutraal. Gebruik alleen de informatie uit de "
    "gegeven zinnen. Voeg geen feiten, namen, getallen, e-mailadressen of telefoonnummers toe. Een zin met "
    "een bronnummer zoals [2] houdt dat nummer en zegt alleen wat in die bron staat; laat een citaat tussen "
    "aanhalingstekens letterlijk staan. Zet opsommingen op regels die met '- ' beginnen. Geef alleen de "
    "nieuwe tekst van dit deel, zonder kop en zonder uitleg."
)
_JE_WORDS = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
_U_WORDS = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)


_MUST_KEEP = re.compile(r"^(?:Salaris|Uren|Standplaats):|^Solliciteren kan via de website van ")


def _excerpt(sentence: str, limit: int = 60) -> str:
    flat = _flat(sentence)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class RewriteRejected(Exception):
    """A section rewrite failed a check; the template version stays."""


def _describe_source(source: Source, ctx: _Ctx) -> str:
    if isinstance(source, PersonaSource):
        return f"{source.label}, {source.field}"
    if isinstance(source, PassageSource):
        return f"document [{source.n}]: {ctx.citation(source.n).document_title}"
    if isinstance(source, InputSource):
        return f"invoer recruiter, {source.field}"
    return "verbindende tekst"


def _rewrite_prompt(section: DraftSection, ctx: _Ctx) -> list:
    address = "u en uw (nooit je of jij)" if ctx.u else "je en jij (nooit u of uw)"
    tone = "formeel" if ctx.request.tone == "formal" else "informeel"
    lines = []
    for i, sentence in enumerate(section.sentences, start=1):
        where = "; ".join(_describe_source(s, ctx) for s in sentence.sources)
        kind = " (opsomming)" if sentence.bullet else ""
        lines.append(f"{i}. {sentence.text}{kind} — bron: {where}")
    human = (
        f"Deel: {section.heading or 'opening'}\nAanspreekvorm: {address}. Toon: {tone}.\n\n"
        "Zinnen met hun bron:\n" + "\n".join(lines)
    )
    return [SystemMessage(REWRITE_PROMPT), HumanMessage(human)]


def _parse_rewrite(text: str) -> list[tuple[str, bool, bool]]:
    """(sentence, bullet, new_paragraph) from a model's markdown; headings it echoes are dropped."""
    items: list[tuple[str, bool, bool]] = []
    paragraph_break = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            paragraph_break = True
            continue
        if stripped.startswith("#"):
            continue
        bullet = re.match(r"^(?:[-*•]|\d{1,2}[.)])\s+", stripped)
        if bullet:
            items.append((stripped[bullet.end() :].strip(), True, False))
        else:
            for i, part in enumerate(split_sentences(stripped)):
                items.append((stripped[part.start : part.end].strip(), False, paragraph_break and i == 0))
        paragraph_break = False
    return [item for item in items if item[0]]


def _coverage(sentence: str, vocabulary: set[str]) -> float:
    claim = set(analyse(_MARKER.sub("", sentence)))
    return len(claim & vocabulary) / len(claim) if claim else 1.0


def _check_rewrite(section: DraftSection, text: str, ctx: _Ctx) -> list[DraftSentence]:
    """The rewrite as sentences with sources, or RewriteRejected naming the first failed check."""
    if has_contact_details(text):
        raise RewriteRejected("bevat een e-mailadres of telefoonnummer")
    if (ctx.u and _JE_WORDS.search(text)) or (not ctx.u and _U_WORDS.search(text)):
        raise RewriteRejected("verkeerde aanspreekvorm")
    if re.search(r"[<>]|\]\(", text):
        raise RewriteRejected("bevat HTML of een link")
    items = _parse_rewrite(text)
    if not items:
        raise RewriteRejected("lege tekst")
    # Labelled terms and the way to apply must survive a rewrite word for word.
    rewritten_texts = {item[0] for item in items}
    for original in section.sentences:
        if _MUST_KEEP.match(original.text) and original.text not in rewritten_texts:
            raise RewriteRejected(f"zin weggelaten of veranderd: ‘{_excerpt(original.text)}’")
    own = {s.n for sentence in section.sentences for s in sentence.sources if isinstance(s, PassageSource)}
    plain = [s for s in section.sentences if not any(isinstance(x, PassageSource) for x in s.sources)]
    # Unmarked sentences may only reuse words of the non-cited sentences, the card and the input.
    vocabulary = set(
        analyse(" ".join([*(s.text for s in plain), _card_text(ctx.persona), _request_text(ctx)]))
    )
    evidence = [t for s in section.sentences for t in (s.text, *evidence_for(s, ctx))]
    sentences: list[DraftSentence] = []
    for sentence, bullet, new_paragraph in items:
        invented = untraceable_numbers(sentence, evidence)
        if invented:
            raise RewriteRejected(f"verzonnen getal {', '.join(sorted(invented))}")
        markers = [int(n) for n in _MARKER.findall(sentence)]
        if any(n not in own for n in markers):
            raise RewriteRejected(f"verwijzing naar een onbekende bron in ‘{_excerpt(sentence)}’")
        if markers:
            if not all(supported(sentence, ctx.quotes[n]) for n in markers):
                raise RewriteRejected(f"niet gedekt door de bron: ‘{_excerpt(sentence)}’")
            sources: list = [PassageSource(n=n, chunk_id=ctx.passages[n].chunk_id) for n in markers]
        else:
            if _coverage(sentence, vocabulary) < MIN_SUPPORT:
                raise RewriteRejected(f"nieuwe bewering zonder bron: ‘{_excerpt(sentence)}’")
            sources = _closest_sources(sentence, plain)
        sentences.append(
            DraftSentence(text=sentence, sources=sources, bullet=bullet, new_paragraph=new_paragraph)
        )
    return sentences


def _request_text(ctx: _Ctx) -> str:
    values = ctx.request.model_dump(exclude={"persona_id", "tone", "address"})
    return " ".join(_input_evidence(ctx.request, k) for k, v in values.items() if v is not None)


def _closest_sources(sentence: str, originals: list[DraftSentence]) -> list:
    """Sources of the template sentence that shares most stems with a rewritten one."""
    stems = set(analyse(sentence))
    if not originals:
        return list(TEMPLATE)
    best = max(originals, key=lambda s: len(stems & set(analyse(s.text))))
    return list(best.sources)


def _rewrite(
    sections: list[DraftSection], ctx: _Ctx, model: BaseChatModel
) -> tuple[list[DraftSection], str | None]:
    """Each section rewritten by the model when the rewrite passes every check; else the template stays."""
    rewritten: list[DraftSection] = []
    problems: list[str] = []
    for section in sections:
        name = section.heading or "opening"
        try:
            reply = model.invoke(_rewrite_prompt(section, ctx))
        except Exception as exc:  # any client, network or timeout error: keep the template text
            problems.append(f"{name}: het taalmodel gaf een fout ({type(exc).__name__})")
            rewritten.append(section)
            continue
        try:
            sentences = _check_rewrite(section, str(reply.content), ctx)
        except RewriteRejected as exc:
            problems.append(f"{name}: {exc}")
            rewritten.append(section)
            continue
        rewritten.append(section.model_copy(update={"sentences": sentences}))
    notice = None
    if problems:
        notice = "Sjabloontekst behouden voor " + "; ".join(problems) + "."
    return rewritten, notice


# --- the public entry points ---------------------------------------------------------------------------


def _finish(draft: VacancyDraft, text: str) -> VacancyDraft:
    """Text, plain text, checks and word count, all from the same text."""
    plain = plain_text(text)
    checks = check_text(plain)
    return draft.model_copy(
        update={"text": text, "plain_text": plain, "checks": checks, "words": checks.length.words}
    )


def draft_vacancy(request: VacancyRequest, persona: PersonaCard, assistant) -> VacancyDraft:
    """A grounded, checked vacancy draft for one persona; the LLM rewrites it when one is configured."""
    if request.persona_id != persona.id:
        raise InvalidInputError(
            f"De aanvraag is voor persona '{request.persona_id}', niet voor '{persona.id}'."
        )
    ctx = _Ctx(request=request, persona=persona, seed=f"{persona.id}|{request.organisation.casefold()}")
    sections = _build_sections(ctx, assistant)
    engine: Literal["sjabloon", "llm"] = "sjabloon"
    notice = None
    if getattr(assistant, "chat_model", None) is not None:
        template = [s.model_copy(deep=True) for s in sections]
        sections, notice = _rewrite(sections, ctx, assistant.chat_model)
        if any(a.sentences != b.sentences for a, b in zip(sections, template, strict=True)):
            engine = "llm"
    dropped = _enforce(sections, ctx)
    if dropped:
        extra = f"{len(dropped)} zin(nen) weggelaten: getal of contactgegeven zonder bron."
        notice = f"{notice} {extra}" if notice else extra
    citations = _renumber(sections, ctx.citations)
    title = _title(ctx)
    now = datetime.now(UTC).replace(microsecond=0)
    draft = VacancyDraft(
        id=uuid.uuid4().hex,
        created=now,
        updated=now,
        request=request.model_dump(mode="json"),
        persona=PersonaReference(
            persona_id=persona.id, name=persona.name, role=persona.role, label=ctx.label
        ),
        title=title,
        sections=sections,
        text="",
        plain_text="",
        sources=citations,
        checks=check_text(""),
        words=0,
        engine=engine,
        notice=notice,
    )
    return _finish(draft, render_markdown(title, sections))


def draft_from_request(request: VacancyRequest, assistant) -> VacancyDraft:
    """Load the request's persona card (NotFoundError if there is none) and draft the vacancy."""
    persona = get_persona(assistant.settings.personas_dir, request.persona_id)
    return draft_vacancy(request, persona, assistant)


def edit_draft(draft: VacancyDraft, text: str) -> VacancyDraft:
    """Store the recruiter's edited markdown and re-run the checks; the sources stay as they were."""
    if not text or not text.strip():
        raise InvalidInputError("De tekst is leeg.")
    if len(text) > MAX_EDIT_CHARS:
        raise InvalidInputError(f"De tekst is te lang ({len(text)} tekens, maximaal {MAX_EDIT_CHARS}).")
    if has_contact_details(text):
        raise InvalidInputError(
            "Haal het e-mailadres of telefoonnummer uit de tekst: solliciteren loopt via de website."
        )
    known = {c.n for c in draft.sources}
    unknown = sorted({int(n) for n in _MARKER.findall(text)} - known)
    notice = None
    if unknown:
        notice = "Deze verwijzingen horen bij geen bron: " + ", ".join(f"[{n}]" for n in unknown) + "."
    updated = draft.model_copy(
        update={"edited": True, "notice": notice, "updated": datetime.now(UTC).replace(microsecond=0)}
    )
    return _finish(updated, text)
