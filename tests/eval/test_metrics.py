"""The evaluation metrics of eval/ on hand-made passages and answers, with values worked out
by hand. No index, no model: these run in milliseconds."""

import math
from dataclasses import dataclass, field

import pytest
import yaml

from eval.feedback import export_feedback, feedback_candidates
from eval.goldset import GoldQuestion
from eval.metrics import (
    cites_evidence,
    first_relevant_rank,
    holds_evidence,
    keyword_coverage,
    ndcg_at_10,
    quote_sentences_verbatim,
    quote_verbatim,
    verbatim_pieces,
)
from eval.scoring import QuestionResult, judge_answer, summarise, summarise_ranks, worst_false_refusals


@dataclass
class P:
    """A passage as the metrics see it (ours and the LangChain baseline alike)."""

    document_id: str
    text: str
    chunk_id: str = "c0"


@dataclass
class C:
    chunk_id: str
    document_id: str
    quote: str


@dataclass
class A:
    text: str
    abstained: bool
    citations: list[C] = field(default_factory=list)
    passages: list[P] = field(default_factory=list)
    support: float = 0.5


EV = "De opleiding duurt een jaar en begint in september."
CHUNK = P(
    "doc-a",
    "Het salaris is schaal 9.6.\nDe opleiding duurt een jaar.   Daarna volgt een vaste baan bij de gemeente.",
    "c1",
)


# ---------------------------------------------------------------------------- holds_evidence


def test_evidence_matches_across_case_whitespace_punctuation_and_accents():
    assert holds_evidence("Vooraf.\nDE OPLEIDING duurt een\njaar, en begint in september!", EV)
    assert holds_evidence("De carrière-switch telt.", "de carriereswitch telt")


def test_evidence_share_is_sixty_percent_of_its_letters():
    evidence = "alpha beta gamma delta"  # 19 letters; 60 % is 11.4
    assert holds_evidence("xx alpha beta gamma zz", evidence)  # "alphabetagamma": 14 letters
    assert not holds_evidence("xx alpha beta zz", evidence)  # "alphabeta": 9 letters
    assert holds_evidence("abcdef", "abcde fghij")  # 6 of 10: exactly 60 %
    assert not holds_evidence("abcde", "abcde fghij")  # 5 of 10


# ---------------------------------------------------------------------------- ranking metrics


def test_first_relevant_rank_needs_the_evidence_document():
    evidence = [{"document": "doc-a", "text": EV}]
    passages = [P("doc-a", "Iets anders."), P("doc-b", EV), P("doc-a", "Kort: " + EV)]
    assert first_relevant_rank(passages, evidence) == 3  # rank 2 holds the text but in another document
    assert first_relevant_rank(passages[:2], evidence) is None
    assert first_relevant_rank([], evidence) is None


def test_ndcg_at_10_by_hand():
    one = [{"document": "doc-a", "text": EV}]
    two = [*one, {"document": "doc-a", "text": "Het salaris is schaal 9.6 voor iedereen."}]
    other, hit1, hit2 = (
        P("doc-a", "Niets."),
        P("doc-a", EV),
        P("doc-a", "Het salaris is schaal 9.6 voor iedereen."),
    )
    assert ndcg_at_10([other, other, hit1], one) == pytest.approx(1 / math.log2(4))  # 0.5
    assert ndcg_at_10([hit1, hit2], two) == pytest.approx(1.0)
    # one of two evidence items found, at rank 2: (1/log2 3) / (1 + 1/log2 3) = 0.3869
    assert ndcg_at_10([other, hit1], two) == pytest.approx(0.38685, abs=1e-4)
    assert ndcg_at_10([other] * 10 + [hit1], one) == 0.0  # rank 11 is outside the top 10
    # the baseline's 4 passages, relevant at rank 4: 1/log2 5 = 0.4307
    assert ndcg_at_10([other, other, other, hit1], one) == pytest.approx(0.43068, abs=1e-4)
    assert ndcg_at_10([hit1], []) == 0.0


# ---------------------------------------------------------------------------- citation grounding


def test_quote_verbatim_ignores_whitespace_only():
    assert quote_verbatim(C("c1", "doc-a", "De opleiding duurt\n een jaar."), [CHUNK])
    assert quote_verbatim(C("c1", "doc-a", "De opleiding duurt een jaar. Daarna volgt"), [CHUNK])
    assert not quote_verbatim(C("c1", "doc-a", "De opleiding duurt twee jaar."), [CHUNK])
    assert not quote_verbatim(C("c1", "doc-a", "de opleiding duurt een jaar."), [CHUNK])  # case counts
    assert not quote_verbatim(C("c1", "doc-a", "   "), [CHUNK])


def test_quote_is_checked_against_the_cited_chunk_only():
    elsewhere = P("doc-a", "Het salaris is schaal 10.", "c2")
    citation = C("c2", "doc-a", "De opleiding duurt een jaar.")
    assert not quote_verbatim(citation, [CHUNK, elsewhere])  # verbatim in c1, but c2 is cited
    assert not quote_verbatim(C("c9", "doc-a", "De opleiding duurt een jaar."), [CHUNK])  # no such chunk


def test_joined_non_adjacent_sentences_pass_only_per_sentence():
    joined = C("c1", "doc-a", "Het salaris is schaal 9.6. Daarna volgt een vaste baan bij de gemeente.")
    assert not quote_verbatim(joined, [CHUNK])
    assert quote_sentences_verbatim(joined, [CHUNK])
    invented = C("c1", "doc-a", "Het salaris is schaal 9.6. Daarna volgt een vaste baan bij de provincie.")
    assert not quote_sentences_verbatim(invented, [CHUNK])


def test_verbatim_pieces_need_three_words_each():
    source = CHUNK.text
    assert verbatim_pieces("schaal 9.6.", source)  # short, but verbatim as a whole
    assert not verbatim_pieces("schaal 9.6. Daarna volgt", source)  # two 2-word fragments stitched
    assert verbatim_pieces("is schaal 9.6. Daarna volgt een", source)  # two 3-word pieces
    assert not verbatim_pieces("", source)


def test_judge_and_summarise_citation_grounding():
    citations = [
        C("c1", "doc-a", "De opleiding duurt\n een jaar."),  # verbatim
        C("c1", "doc-a", "Het salaris is schaal 9.6. Daarna volgt een vaste baan bij de gemeente."),  # joined
        C("c1", "doc-a", "Het salaris is schaal 10."),  # not in the chunk
        C("c9", "doc-a", "De opleiding duurt een jaar."),  # cites a chunk the answer did not read
    ]
    answer = A("De opleiding duurt een jaar [1].", abstained=False, citations=citations, passages=[CHUNK])
    q = GoldQuestion(
        id="t1",
        question="Hoe lang duurt de opleiding?",
        language="nl",
        kind="fact",
        answerable=True,
        keywords=["een jaar", "september"],
        evidence=[{"document": "doc-a", "text": EV}],
    )
    result = judge_answer(q, answer, [CHUNK], ms=10.0)
    assert (result.citations, result.quotes_verbatim, result.quotes_sentences_verbatim) == (4, 1, 2)
    assert result.keyword_coverage == 0.5
    assert result.evidence_cited is True  # the first quote lies within the evidence
    scores = summarise("all", [result])
    assert scores.citation_grounding == 0.25
    assert scores.citation_grounding_sentences == 0.5


# ---------------------------------------------------------------------------- evidence cited


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        (C("c1", "doc-a", "De opleiding duurt een jaar."), True),  # quote within the evidence
        (C("c1", "doc-a", "Vooraf: de opleiding duurt een jaar en begint in september. Meer volgt."), True),
        (C("c1", "doc-b", "De opleiding duurt een jaar en begint in september."), False),  # other document
        (C("c1", "doc-a", "Het salaris is schaal 9.6."), False),
        # overlap "deopleidingduurteenjaar" (23 letters) is under 60 % of both sides (42 and 68 letters)
        (
            C(
                "c1",
                "doc-a",
                "De opleiding duurt een jaar. Het salaris is schaal 9.6 en de reiskosten worden vergoed.",
            ),
            False,
        ),
        (C("c1", "doc-a", "..."), False),  # no letters at all
    ],
)
def test_cites_evidence(citation, expected):
    assert cites_evidence([citation], [{"document": "doc-a", "text": EV}]) is expected


def test_summarise_counts_answers_abstentions_and_missed_evidence():
    def r(qid, answerable, abstained, coverage=None, cited=None, in_top=None, lang="nl"):
        return QuestionResult(qid, lang, answerable, abstained, 0.0, coverage, 0, 0, 0, cited, in_top, 5.0)

    results = [
        r("a", True, False, coverage=1.0, cited=True, in_top=True),
        r("b", True, False, coverage=0.5, cited=False, in_top=True),
        r("c", True, True, coverage=0.0, in_top=True),  # abstained with the evidence at hand
        r("d", True, True, coverage=0.0, in_top=False),
        r("e", False, True),
        r("f", False, False),
    ]
    s = summarise("all", results)
    assert (s.answerable, s.answered, s.unanswerable) == (4, 2, 2)
    assert s.keyword_coverage == pytest.approx(0.375)
    assert s.false_abstentions == 0.5
    assert s.evidence_cited == 0.5  # over the 2 answered, not the 4 answerable
    assert s.abstention_accuracy == 0.5
    assert s.abstained_with_evidence == 1
    assert s.citation_grounding is None  # no citations: not 0
    assert summarise("en", []).keyword_coverage is None
    assert s.refusal_precision == pytest.approx(1 / 3)  # three refusals, one of them right


def test_ranks_give_hit_at_5_and_8_mrr_and_the_worst_false_refusals():
    def r(qid, rank, abstained=False, answerable=True):
        result = QuestionResult(qid, "nl", answerable, abstained, 0.0, None, 0, 0, 0, None, None, 5.0)
        result.ranks, result.ndcg = {"hybrid": rank}, {"hybrid": 1.0 if rank == 1 else 0.0}
        return result

    results = [
        r("a", 1),
        r("b", 6, abstained=True),
        r("c", None, abstained=True),
        r("d", 2, True),
        r("u", 1, answerable=False),
    ]
    scores = summarise_ranks("hybrid", "dev", results)

    assert scores.questions == 4  # the unanswerable one has no evidence to find
    assert (scores.hit_at_1, scores.hit_at_5, scores.hit_at_8) == (0.25, 0.5, 0.75)
    assert scores.mrr == pytest.approx((1 + 1 / 6 + 0 + 1 / 2) / 4)
    assert [w.id for w in worst_false_refusals(results, "hybrid")] == ["d", "b", "c"]
    assert summarise_ranks("dense", "dev", results).hit_at_5 is None  # variant not run


def test_keyword_coverage_folds_case_and_accents():
    assert keyword_coverage("Het kost € 18.500 per Carrière-switcher.", ["18.500", "carriere"]) == 1.0
    assert keyword_coverage("Het kost € 18.500.", ["18.500", "31"]) == 0.5


# ---------------------------------------------------------------------------- feedback export


def test_feedback_export_puts_thumbs_down_first(tmp_path):
    from assistant.conversations import ConversationStore

    store = ConversationStore(tmp_path / "conversations.sqlite")
    conversation = store.create("Hoe lang duurt de opleiding?")
    answer = {"language": "nl", "text": "Een jaar [1].", "abstained": False, "support": 0.8, "engine": "x"}
    answer["citations"] = [{"document_id": "doc-a", "quote": "De opleiding duurt een jaar."}]
    store.add_turn(conversation, "Hoe lang duurt de opleiding?", "Hoe lang duurt de opleiding?", answer)
    store.add_turn(conversation, "En het salaris?", "Wat is het salaris?", {"language": "nl", "text": "-"})
    store.add_feedback(conversation, 0, 1, "klopt")
    store.add_feedback(conversation, None, -1, "fout")  # no position: the conversation's last turn
    store.add_feedback(None, None, -1, "zonder gesprek")  # nothing to join: left out

    gold = [{"id": "q900", "question": "hoe lang duurt de  opleiding?"}]
    candidates, orphans = feedback_candidates(tmp_path / "conversations.sqlite", gold)
    assert orphans == 1
    assert [c["feedback"]["rating"] for c in candidates] == [-1, 1]
    down, up = candidates
    assert down["question"] == "En het salaris?"
    assert down["rewritten_question"] == "Wat is het salaris?"
    assert (down["feedback"]["position"], down["feedback"]["position_given"]) == (1, False)
    assert up["already_in_gold"] == "q900"
    assert up["assistant_answer"]["citations"] == [
        {"document": "doc-a", "quote": "De opleiding duurt een jaar."}
    ]
    assert up["answerable"] is None and up["evidence"] == []

    out = tmp_path / "candidates.yaml"
    assert export_feedback(tmp_path / "conversations.sqlite", out, gold) == (2, 1)
    assert [c["id"] for c in yaml.safe_load(out.read_text(encoding="utf-8"))] == [down["id"], up["id"]]


def test_feedback_export_without_database(tmp_path):
    out = tmp_path / "candidates.yaml"
    assert export_feedback(tmp_path / "missing.sqlite", out, []) == (0, 0)
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == []
    assert not (tmp_path / "missing.sqlite").exists()
