"""The training questions (eval/training/questions.yaml): valid records, evidence verbatim in the corpus,
and nothing that would teach the query adapter a test question's answer."""

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from pydantic import ValidationError

from eval import training_rounds
from eval.goldset import GOLD
from eval.train_query_adapter import apart_from, shares_evidence
from eval.training_set import load_training
from tests.eval.test_gold_set import normalize

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def training() -> list[dict]:
    return load_training()


def test_ids_are_unique_and_numbered(training: list[dict]) -> None:
    assert [q["id"] for q in training] == [f"t{n:03d}" for n in range(1, len(training) + 1)]


def test_evidence_is_verbatim_in_its_document(training: list[dict]) -> None:
    documents = {p.stem: normalize(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.txt")}
    missing = [
        (q["id"], e["text"][:60])
        for q in training
        for e in q["evidence"]
        if normalize(e["text"]) not in documents.get(e["document"], "")
    ]
    assert not missing


def test_answerable_keywords_are_in_the_evidence(training: list[dict]) -> None:
    for q in training:
        evidence = " ".join(e["text"] for e in q["evidence"]).lower()
        assert all(k.lower() in evidence for k in q["keywords"]), q["id"]
        assert bool(q["keywords"]) == q["answerable"], q["id"]


def test_no_training_question_is_about_a_test_questions_evidence(training: list[dict]) -> None:
    """The test split measures questions about sentences no training question was about, near misses
    included: the adapter never learned where their answers lie, the answerable model never saw them."""
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    test_evidence = [e["text"] for q in gold if q["split"] == "test" for e in q.get("evidence") or []]
    assert not [q["id"] for q in training if shares_evidence(q, test_evidence)]


def test_a_training_question_about_a_measured_sentence_is_recognised() -> None:
    q = {"evidence": [{"document": "d", "text": "Inmiddels zijn er al 150 mensen op deze manier geplaatst."}]}
    assert shares_evidence(
        q, ["Het programma loopt. Inmiddels zijn er al 150 mensen op deze manier geplaatst."]
    )
    # one sentence of a longer evidence text, the other sentence not: still the same answer
    both = {
        "evidence": [{"document": "d", "text": "De pilot liep in Dongen. De chatbot heet Gem en is nieuw."}]
    }
    assert shares_evidence(both, ["De chatbot heet Gem en is nieuw. Hij helpt inwoners."])
    assert not shares_evidence(q, ["Het programma loopt sinds 2021 in de regio."])


def test_a_fold_learns_only_from_training_questions_about_sentences_it_does_not_measure() -> None:
    def case(text: str) -> SimpleNamespace:
        return SimpleNamespace(gold={"evidence": [{"document": "d", "text": text}]})

    dev = [case("Inmiddels zijn er al 150 mensen geplaatst."), case("De chatbot heet Gem en is nieuw.")]
    about_first = case("Het loopt goed. Inmiddels zijn er al 150 mensen geplaatst.")
    about_second = case("De chatbot heet Gem en is nieuw. Hij helpt inwoners.")
    elsewhere = case("Het programma loopt sinds 2021 in de regio.")
    extra = [about_first, about_second, elsewhere]
    assert apart_from(extra, dev, [0]) == [about_second, elsewhere]
    assert apart_from(extra, dev, np.array([0, 1])) == [elsewhere]
    assert apart_from(extra, dev, []) == extra


def test_every_question_says_its_round_and_a_round_that_does_not_exist_is_refused(
    training: list[dict],
) -> None:
    assert [q["round"] for q in training] == sorted(q["round"] for q in training)  # in the order written
    rounds = sorted({q["round"] for q in training if q["answerable"]})
    assert rounds == list(range(1, len(rounds) + 1))
    missing = len(rounds) + 1
    with pytest.raises(SystemExit) as refused:
        training_rounds.main(["--held", str(missing)])  # refused before any index or model is loaded
    assert str(refused.value) == f"Ronde {missing} bestaat niet; de trainingsvragen hebben rondes {rounds}."


def test_a_wrong_entry_is_refused_with_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "questions.yaml"
    bad.write_text(
        yaml.safe_dump([{"id": "t001", "question": "Hoe lang duurt het?", "language": "de"}]),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match=r"0\.language"):
        load_training(bad)
