"""`make eval`: score retrieval and answers on the gold set, for several retrieval variants.

Writes eval/report.md and eval/report.json. Uses the index in the configured data dir (run
`make ingest` first). Reproduce: `.venv/bin/python -m eval.run_eval`.
"""

import json
import math
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.service import Assistant, build_assistant  # noqa: E402
from assistant.text_nl import fold  # noqa: E402

GOLD = ROOT / "eval" / "gold" / "questions.yaml"
VARIANTS = {"keyword": ("keyword", 0.0), "dense": ("dense", 1.0), "hybrid": ("hybrid", None)}
_EVIDENCE_SHARE = 0.6  # a passage holds the evidence when it contains this share of it verbatim


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def holds_evidence(passage_text: str, evidence: str) -> bool:
    """Evidence found in a passage, ignoring whitespace, punctuation and chunk boundaries."""
    chunk, ev = _letters(passage_text), _letters(evidence)
    if ev in chunk:
        return True
    match = SequenceMatcher(None, chunk, ev, autojunk=False).find_longest_match(0, len(chunk), 0, len(ev))
    return match.size >= _EVIDENCE_SHARE * len(ev)


def first_relevant_rank(passages: list, evidence: list[dict]) -> int | None:
    for rank, p in enumerate(passages, start=1):
        if any(e["document"] == p.document_id and holds_evidence(p.text, e["text"]) for e in evidence):
            return rank
    return None


def ndcg_at_10(passages: list, evidence: list[dict]) -> float:
    gains = [
        1.0 if any(e["document"] == p.document_id and holds_evidence(p.text, e["text"]) for e in evidence) else 0.0
        for p in passages[:10]
    ]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(evidence), 10)))
    return dcg / ideal if ideal else 0.0


@dataclass
class RetrievalScores:
    variant: str
    questions: int
    hit_at_1: float
    hit_at_5: float
    mrr: float
    ndcg_at_10: float
    hit_at_5_en: float
    ms_per_query: float


def score_retrieval(assistant: Assistant, gold: list[dict], variant: str) -> RetrievalScores:
    mode, weight = VARIANTS[variant]
    retriever = assistant.retriever
    default_weight = retriever.dense_weight
    retriever.dense_weight = default_weight if weight is None else weight
    ranks, ndcgs, english, started = [], [], [], time.perf_counter()
    answerable = [q for q in gold if q["answerable"]]
    for q in answerable:
        passages = retriever.search(q["question"], k=10, mode=mode)
        rank = first_relevant_rank(passages, q["evidence"])
        ranks.append(rank)
        ndcgs.append(ndcg_at_10(passages, q["evidence"]))
        if q["language"] == "en":
            english.append(rank is not None and rank <= 5)
    retriever.dense_weight = default_weight
    n = len(answerable)
    return RetrievalScores(
        variant=variant,
        questions=n,
        hit_at_1=sum(r == 1 for r in ranks) / n,
        hit_at_5=sum(r is not None and r <= 5 for r in ranks) / n,
        mrr=sum(1 / r for r in ranks if r) / n,
        ndcg_at_10=statistics.fmean(ndcgs),
        hit_at_5_en=sum(english) / len(english) if english else 0.0,
        ms_per_query=1000 * (time.perf_counter() - started) / n,
    )


@dataclass
class AnswerScores:
    answerable: int
    unanswerable: int
    keyword_coverage: float
    citation_support: float
    abstention_accuracy: float
    false_abstentions: float
    by_language: dict[str, dict[str, float]]


def _supported(citation, evidence: list[dict]) -> bool:
    return any(holds_evidence(citation.quote, e["text"]) or holds_evidence(e["text"], citation.quote) for e in evidence)


def score_answers(assistant: Assistant, gold: list[dict]) -> AnswerScores:
    coverage, support, abstained_right, false_abstain = [], [], [], []
    per_language: dict[str, dict[str, list[float]]] = {}
    for q in gold:
        answer = assistant.ask(q["question"], remember=False)
        lang = per_language.setdefault(q["language"], {"keyword_coverage": [], "false_abstentions": []})
        if not q["answerable"]:
            abstained_right.append(answer.abstained)
            continue
        false_abstain.append(answer.abstained)
        lang["false_abstentions"].append(float(answer.abstained))
        text = fold(answer.text)
        found = sum(fold(k) in text for k in q["keywords"]) / len(q["keywords"])
        coverage.append(found)
        lang["keyword_coverage"].append(found)
        support.extend(_supported(c, q["evidence"]) for c in answer.citations)
    return AnswerScores(
        answerable=len(false_abstain),
        unanswerable=len(abstained_right),
        keyword_coverage=statistics.fmean(coverage),
        citation_support=statistics.fmean(support) if support else 0.0,
        abstention_accuracy=statistics.fmean(abstained_right) if abstained_right else 0.0,
        false_abstentions=statistics.fmean(false_abstain),
        by_language={k: {m: statistics.fmean(v) if v else 0.0 for m, v in d.items()} for k, d in per_language.items()},
    )


def render(retrieval: list[RetrievalScores], answers: AnswerScores, settings: Settings) -> str:
    lines = [
        "# Evaluation report",
        "",
        f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `.venv/bin/python -m eval.run_eval` on the gold set "
        f"({GOLD.relative_to(ROOT)}). Hybrid dense weight: {settings.dense_weight}; "
        f"abstention threshold: {settings.abstain_below}.",
        "",
        "## Retrieval (answerable questions; evidence found in the top passages)",
        "",
        "| variant | n | hit@1 | hit@5 | MRR | nDCG@10 | hit@5 (English) | ms/query |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in retrieval:
        lines.append(
            f"| {r.variant} | {r.questions} | {r.hit_at_1:.3f} | {r.hit_at_5:.3f} | {r.mrr:.3f} | "
            f"{r.ndcg_at_10:.3f} | {r.hit_at_5_en:.3f} | {r.ms_per_query:.0f} |"
        )
    lines += [
        "",
        "## Answers (default extractive engine)",
        "",
        "| metric | value |",
        "|---|---|",
        f"| answer keyword coverage | {answers.keyword_coverage:.3f} |",
        f"| citation support (citations quoting the evidence) | {answers.citation_support:.3f} |",
        f"| abstention accuracy ({answers.unanswerable} unanswerable) | {answers.abstention_accuracy:.3f} |",
        f"| false abstentions ({answers.answerable} answerable) | {answers.false_abstentions:.3f} |",
    ]
    for language, metrics in sorted(answers.by_language.items()):
        lines.append(
            f"| {language}: keyword coverage / false abstentions | "
            f"{metrics['keyword_coverage']:.3f} / {metrics['false_abstentions']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    settings = Settings()
    assistant = build_assistant(settings)
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    retrieval = [score_retrieval(assistant, gold, v) for v in VARIANTS]
    answers = score_answers(assistant, gold)
    report = render(retrieval, answers, settings)
    (ROOT / "eval" / "report.md").write_text(report, encoding="utf-8")
    payload = {
        "date": datetime.now(UTC).isoformat(),
        "retrieval": [asdict(r) for r in retrieval],
        "answers": asdict(answers),
    }
    (ROOT / "eval" / "report.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
