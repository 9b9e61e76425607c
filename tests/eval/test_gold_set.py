"""Validates the gold evaluation set in eval/gold/questions.yaml against the corpus.

Evidence matching rule: lowercase both the evidence text and the document, remove all whitespace
from both, then do a substring test. This makes line breaks inside sentences and words split over
two lines in the extracted text irrelevant, while still requiring the evidence to be verbatim.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "eval" / "gold" / "questions.yaml"

REQUIRED_FIELDS = {"id", "question", "language", "type", "answerable", "answer", "keywords", "evidence"}
LANGUAGES = {"nl", "en"}
TYPES = {"number", "date", "howto", "fact", "comparison", "multi_doc", "persona", "unanswerable"}
TWENTE_DOC = "twente-nieuwe-bodemkracht-presentatie"

MIN_TOTAL = 66
MIN_EN = 10
MIN_UNANSWERABLE = 8
MIN_MULTI_DOC = 5
MIN_PERSONA = 5

EVIDENCE_MIN_CHARS = 30
EVIDENCE_MAX_CHARS = 220

EMAIL_RE = re.compile(r"\S+@\S+")
# Digit groups that may form a Dutch phone number as written in the corpus ("06 12 81 40 96", "06-17088002",
# "050 5027222", "+31 ..."). A run only counts as a phone number when it holds at least 9 digits, so dates
# such as "01-01-2023" and amounts such as "18.500" do not trigger it.
PHONE_RUN_RE = re.compile(r"(?:\+|\b0)[\d\s()-]*\d")


def normalize(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    with GOLD.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), "questions.yaml must be a YAML list"
    assert all(isinstance(item, dict) for item in data), "every entry must be a mapping"
    return data


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    docs = {path.stem: normalize(path.read_text(encoding="utf-8")) for path in CORPUS.glob("*.txt")}
    assert docs, f"no corpus documents found in {CORPUS}"
    return docs


def _has_phone_number(text: str) -> bool:
    return any(sum(ch.isdigit() for ch in run) >= 9 for run in PHONE_RUN_RE.findall(text))


def _evidence(item: dict) -> list[dict]:
    return item.get("evidence") or []


def test_file_parses(gold):
    assert len(gold) > 0


def test_ids_unique(gold):
    ids = [item.get("id") for item in gold]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    malformed = [i for i in ids if not (isinstance(i, str) and re.fullmatch(r"q\d{3,}", i))]
    assert not malformed, f"ids must look like q001: {malformed}"


def test_required_fields_and_allowed_values(gold):
    problems = []
    for item in gold:
        qid = item.get("id", "<no id>")
        missing = REQUIRED_FIELDS - item.keys()
        if missing:
            problems.append(f"{qid}: missing fields {sorted(missing)}")
            continue
        extra = item.keys() - REQUIRED_FIELDS
        if extra:
            problems.append(f"{qid}: unknown fields {sorted(extra)}")
        for field in ("question", "answer"):
            if not isinstance(item[field], str) or not item[field].strip():
                problems.append(f"{qid}: {field} must be a non-empty string")
        if item["language"] not in LANGUAGES:
            problems.append(f"{qid}: language {item['language']!r} not in {sorted(LANGUAGES)}")
        if item["type"] not in TYPES:
            problems.append(f"{qid}: type {item['type']!r} not in {sorted(TYPES)}")
        if not isinstance(item["answerable"], bool):
            problems.append(f"{qid}: answerable must be true or false")
        elif item["answerable"] != (item["type"] != "unanswerable"):
            problems.append(f"{qid}: answerable must be false exactly when type is unanswerable")
        keywords, evidence = item["keywords"], item["evidence"]
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            problems.append(f"{qid}: keywords must be a list of non-empty strings")
            continue
        if not isinstance(evidence, list):
            problems.append(f"{qid}: evidence must be a list")
            continue
        for ev in evidence:
            if not isinstance(ev, dict) or set(ev) != {"document", "text"}:
                problems.append(f"{qid}: each evidence entry needs exactly 'document' and 'text'")
            elif not all(isinstance(ev[k], str) and ev[k].strip() for k in ("document", "text")):
                problems.append(f"{qid}: evidence document and text must be non-empty strings")
        if item["answerable"] is True:
            if not 1 <= len(keywords) <= 4:
                problems.append(f"{qid}: answerable questions need 1-4 keywords, got {len(keywords)}")
            if not evidence:
                problems.append(f"{qid}: answerable questions need evidence")
        elif item["answerable"] is False and (keywords or evidence):
            problems.append(f"{qid}: unanswerable questions must have empty keywords and evidence")
    assert not problems, "\n".join(problems)


def test_counts(gold):
    types = Counter(item.get("type") for item in gold)
    languages = Counter(item.get("language") for item in gold)
    assert len(gold) >= MIN_TOTAL, f"need at least {MIN_TOTAL} questions, have {len(gold)}"
    assert languages["en"] >= MIN_EN, f"need at least {MIN_EN} English questions, have {languages['en']}"
    assert types["unanswerable"] >= MIN_UNANSWERABLE, f"unanswerable: {types['unanswerable']}"
    assert types["multi_doc"] >= MIN_MULTI_DOC, f"multi_doc: {types['multi_doc']}"
    assert types["persona"] >= MIN_PERSONA, f"persona: {types['persona']}"


def test_multi_doc_has_one_evidence_entry_per_document(gold):
    problems = []
    for item in gold:
        if item.get("type") != "multi_doc":
            continue
        documents = [ev.get("document") for ev in _evidence(item)]
        if len(set(documents)) < 2:
            problems.append(f"{item['id']}: multi_doc needs evidence from at least two documents")
        if len(documents) != len(set(documents)):
            problems.append(f"{item['id']}: multi_doc must have one evidence entry per document")
    assert not problems, "\n".join(problems)


def test_persona_questions_cite_the_twente_presentation(gold):
    offenders = [
        item["id"]
        for item in gold
        if item.get("type") == "persona" and TWENTE_DOC not in {ev.get("document") for ev in _evidence(item)}
    ]
    assert not offenders, f"persona questions without evidence from {TWENTE_DOC}: {offenders}"


def test_evidence_documents_exist(gold):
    unknown = [
        f"{item['id']}: {ev.get('document')}"
        for item in gold
        for ev in _evidence(item)
        if not (CORPUS / f"{ev.get('document')}.txt").is_file()
    ]
    assert not unknown, "evidence documents not in corpus:\n" + "\n".join(unknown)


def test_evidence_text_found_in_document(gold, corpus):
    missing = []
    for item in gold:
        for ev in _evidence(item):
            document = corpus.get(ev.get("document"))
            if document is None:
                continue  # reported by test_evidence_documents_exist
            if normalize(ev.get("text", "")) not in document:
                missing.append(f"{item['id']} [{ev['document']}]: {ev.get('text')!r}")
    assert not missing, "evidence not found verbatim (whitespace-insensitive):\n" + "\n".join(missing)


def test_evidence_is_short_and_free_of_contact_details(gold):
    problems = []
    for item in gold:
        for ev in _evidence(item):
            text = ev.get("text", "")
            if not EVIDENCE_MIN_CHARS <= len(text) <= EVIDENCE_MAX_CHARS:
                problems.append(f"{item['id']}: evidence length {len(text)} outside 30-220: {text!r}")
            if EMAIL_RE.search(text) or _has_phone_number(text):
                problems.append(f"{item['id']}: evidence contains an e-mail address or phone number")
    assert not problems, "\n".join(problems)


def test_keywords_appear_in_answer_or_evidence(gold):
    problems = []
    for item in gold:
        haystacks = [item.get("answer", "").lower()] + [ev.get("text", "").lower() for ev in _evidence(item)]
        for keyword in item.get("keywords") or []:
            if not any(keyword.lower() in hay for hay in haystacks):
                problems.append(f"{item['id']}: keyword {keyword!r} not in answer or evidence")
    assert not problems, "\n".join(problems)


def test_every_corpus_document_is_covered(gold, corpus):
    cited = {ev.get("document") for item in gold for ev in _evidence(item)}
    uncovered = sorted(set(corpus) - cited)
    assert not uncovered, f"corpus documents without any gold question: {uncovered}"
