"""Hand-built passages, idf and a hand-set sentence model shared by the answer engine's unit tests.

No index and no trained weights: the idf values are computed over the passages the way the keyword index
computes them, and the model's weights are set here, so these tests check the engine's mechanics whatever
the packaged model learned.
"""

import math

from assistant.answer import AnswerEngine
from assistant.answer_features import FEATURES, QUESTION_FEATURES
from assistant.core.embeddings import FakeEmbedder
from assistant.core.text_nl import analyse
from assistant.retrieval import Passage
from assistant.sentence_model import Logistic, SentenceModel
from assistant.sentence_vectors import SentenceVectors
from tests.builders import make_passage

TEXTS = {
    "dalfsen": (
        "Dalfsen: Digitaal Leerplatform",
        "De gemeente Dalfsen bouwde een digitaal leerplatform voor de Omgevingswet. "
        "Medewerkers bepalen daar met 360 graden feedback hun eigen leerdoelen. "
        "Het weer was die dag bijzonder mooi.",
    ),
    "brabant": (
        "Ruimte voor Groei",
        "Aan Ruimte voor Groei deden 38 van de 56 Brabantse gemeenten mee. "
        "Elke carrièreswitcher krijgt een vaste werkplek bij een gemeente en een opleiding van twee jaar. "
        "De deelnemers volgen één dag per week onderwijs.",
    ),
    "kosten": (
        "Ruimte voor Groei: kosten",
        "Ruimte voor Groei is een traject dat volop in beweging is. "
        "De gemiddelde investering komt neer op € 18.500 per deelnemende carrièreswitcher, "
        "naast het salaris.",
    ),
    "twente": (
        "Learning community HR",
        # Slides break sentences over lines; a quote keeps the passage's text exactly as it is.
        "De learning community HR in Twente hield 10 wekelijkse werksessies.\n"
        "Deelnemers waren bodemmedewerkers,\nteammanagers en HR-adviseurs.",
    ),
    "lichting": (
        "Ruimte voor Groei: lichtingen",
        "De eerste lichting begon in september 2021 met 31 carrièreswitchers. "
        "Een volgende lichting is in voorbereiding.",
    ),
    "pilot": (
        "Pilot",
        "Evaluatie en eindpresentatie van pilot 2. De pilot leverde een werkend prototype op.",
    ),
    "wethouder": (
        "Wethouder aan het woord",
        "De wethouder van Zeist vindt participatie belangrijk. Hij spreekt vaak met inwoners over hun wijk.",
    ),
    "gouda": (
        "Gouda: Datagedreven sturing",
        "In Gouda werd onderzocht welke competenties ambtenaren nodig hebben om data te gebruiken. "
        "Het resultaat is een competentieprofiel met een praktische tool.",
    ),
    "persona": (
        "Persona's",
        "De provincie beschrijft vijf persona's voor de werving: Samira Strategie, Bert Beleid, "
        "Amir Advies, Vera Vergunning en Tess Toezicht.",
    ),
    "stappen": (
        "Werving in stappen",
        "Het wervingsproces van de gemeente Zwolle kent drie stappen:\n"
        "- een online kennismaking\n- een praktijkdag op de afdeling\n- een gesprek met de teamleider\n",
    ),
    "slide": (
        "Persona's voor Twente",
        # A slide: the names are lines of their own, what they are is said around them.
        "Samira\nStrategie\nBert\nBeleid\n"
        "Samira Strategie\nBert Beleid\nAmir Advies\nVera Vergunning\n"
        "Dekken deze persona's alle rollen in de provincie?",
    ),
    "redenen": (
        "Vertrek",
        # an infographic: the reasons the sentence announces are capitals lines, not a list
        "Er zijn drie belangrijke redenen om te vertrekken:\nBUREAUCRATIE 46%\nGEEN GROEI 25%\n",
    ),
    "toetsen": (
        "Selectie",
        "Kandidaten maken eerst een online assessment. "
        "Dit bestaat uit een capaciteitentest en een persoonlijkheidstest. "
        "Zij krijgen de uitslag binnen een week.",
    ),
    "garbled": (
        "Animo",
        "Dat de animo voor het traject zo groot is, is Op basis hiervan bepaalt het betrokken wervings- en "
        "niet voor niets.\nLC HR aansluitend op LC Bodem\n"
        "De animo voor het traject in Twente blijkt groot te zijn.",
    ),
}

# Weights that say what a recruiter expects: cover the question, hold the asked kind of answer and the
# focus; fragments cost. Unscaled (mean 0, scale 1), so a weight reads as the effect of its feature.
HAND_WEIGHTS = {
    "coverage": 3.0,
    "coverage_with_context": 1.0,
    "coverage_gap": 2.0,
    "coverage_with_previous": 0.5,
    "coverage_asking": 0.0,
    "dense": 1.0,
    "dense_gap": 0.5,
    "dense_asking": 0.0,
    "dense_asking_gap": 0.0,
    "type_present": 0.5,
    "type_missing": -2.0,
    "focus_in_sentence": 1.0,
    "focus_in_passage_only": 0.3,
    "passage_rank": 0.3,
    "passage_score": 0.3,
    "position": 0.2,
    "no_finite_verb": -1.0,
    "no_terminal": -0.5,
    "length": 0.2,
    "english": 0.0,
    "unit_with_figure": 0.5,
}
HAND_THRESHOLD = 0.5


# Abstention follows the best sentence's score, and the question's focus being found.
HAND_ANSWERABLE = {
    "best_score": 4.0,
    "best_coverage": 0.0,
    "best_dense": 0.0,
    "best_type_missing": -1.0,
    "best_focus": 0.5,
    "focus_anywhere": 0.5,
    "max_coverage": 0.0,
    "max_dense": 0.0,
    "unit_anywhere": 0.0,
    "unknown_word": -1.0,
}


def _unscaled(weights: dict[str, float], names: tuple[str, ...], intercept: float) -> Logistic:
    return Logistic(
        features=list(names),
        mean=[0.0] * len(names),
        scale=[1.0] * len(names),
        weights=[weights[name] for name in names],
        intercept=intercept,
    )


def hand_model(threshold: float = HAND_THRESHOLD) -> SentenceModel:
    return SentenceModel(
        sentence=_unscaled(HAND_WEIGHTS, FEATURES, -3.5),
        answerable=_unscaled(HAND_ANSWERABLE, QUESTION_FEATURES, -2.5),
        threshold=threshold,
    )


def hand_engine(threshold: float = HAND_THRESHOLD) -> AnswerEngine:
    return AnswerEngine(model=hand_model(threshold), vectors=SentenceVectors(FakeEmbedder()))


def passage(key: str, score: float = 1.0) -> Passage:
    section, text = TEXTS[key]
    found = make_passage(text, f"{key}-0000", key, section, title=f"Document {key}", kind="test")
    return found.model_copy(update={"score": score})


def idf_table() -> dict[str, float]:
    """BM25 idf of every term of the hand-built passages (sections and text, as the index does)."""
    docs = [set(analyse(f"{section} {text}")) for section, text in TEXTS.values()]
    n = len(docs)
    terms = set().union(*docs)
    return {
        t: math.log(1 + (n - sum(t in d for d in docs) + 0.5) / (sum(t in d for d in docs) + 0.5))
        for t in terms
    }
