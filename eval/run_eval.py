"""`make eval`: score retrieval and answers on the gold set, on the dev and the test split.

Every gold question is asked as a user would (a follow-up in the conversation of the question it
follows); retrieval is scored for dense-only, keyword-only and our hybrid, optionally against the naive
LangChain baseline. Reports per split, per kind, language and phrasing, and the gap between dev and test.
Writes eval/report.md, eval/report.json (the latest run), eval/history/<UTC timestamp>.json and
eval/report.png. Uses the index in the configured data dir (run `make ingest` first); nothing is
downloaded.

    python -m eval.run_eval                    # full run
    python -m eval.run_eval --baseline         # also the naive LangChain baseline (builds it, minutes)
    python -m eval.run_eval --export-feedback  # stored feedback -> candidate gold questions
"""

import argparse
import json
import subprocess
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from assistant.core.config import Settings
from eval.feedback import export_feedback
from eval.goldset import GOLD, ROOT, SPLITS, GoldQuestion, load_gold
from eval.report import GROUPS, plot, render
from eval.runner import RETRIEVAL_K, VARIANTS, ask_all, ours, score_retrieval
from eval.scoring import QuestionResult, summarise, summarise_ranks, worst_false_refusals

FEEDBACK_OUT = ROOT / "eval" / "gold" / "feedback_candidates.yaml"
REPORT_MD = ROOT / "eval" / "report.md"
REPORT_JSON = ROOT / "eval" / "report.json"
REPORT_PNG = ROOT / "eval" / "report.png"
HISTORY = ROOT / "eval" / "history"
COMMAND = "python -m eval.run_eval"


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def scopes(results: list[QuestionResult]) -> dict[str, list[QuestionResult]]:
    """Each split, and each split broken down by every group (kind, language, phrasing, ...)."""
    out: dict[str, list[QuestionResult]] = {}
    for split in SPLITS:
        part = [r for r in results if r.split == split]
        out[split] = part
        for group in GROUPS:
            for value in sorted({r.groups.get(group, "") for r in part}):
                out[f"{split} {group}={value}"] = [r for r in part if r.groups.get(group, "") == value]
    return out


def _baseline(results: list[QuestionResult], gold: list[GoldQuestion], settings: Settings) -> dict:
    from eval.baseline import TOP_K, naive_baseline

    print(f"[eval] building the naive LangChain baseline (top-{TOP_K}) ...", file=sys.stderr, flush=True)
    with naive_baseline(settings.corpus_dir) as baseline:
        ms = score_retrieval(results, gold, "naive", baseline.search)
        return {
            "k": TOP_K,
            "chunks": baseline.chunks,
            "documents": baseline.documents,
            "build_seconds": baseline.build_seconds,
            "ms": ms,
        }


def run(with_baseline: bool) -> dict[str, Any]:
    from assistant.service import build_assistant

    settings = Settings()
    assistant = build_assistant(settings)
    gold = load_gold()
    results = ask_all(assistant, gold)
    ms = {mode: score_retrieval(results, gold, mode, ours(assistant, mode)) for mode in VARIANTS}
    baseline = _baseline(results, gold, settings) if with_baseline else None
    if baseline:
        ms["naive"] = baseline["ms"]
    variants = [*VARIANTS, "naive"] if baseline else list(VARIANTS)
    by_scope = scopes(results)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": COMMAND + (" --baseline" if with_baseline else ""),
        "commit": _commit(),
        "engine": "LLM" if assistant.chat_model is not None else "extractive",
        "settings": {
            "model_id": assistant.embedder.model_id,
            "dense_weight": assistant.retriever.dense_weight,
            "feedback_terms": assistant.retriever.feedback_terms,
            # The threshold actually used: the setting, or else the one calibrated into the model file.
            "abstain_below": settings.abstain_below
            if settings.abstain_below is not None
            else assistant.answerer.model.threshold,
            "answer_passages": settings.answer_passages,
            # 0: searches are not re-ranked (off, or no passage model in the model file)
            "rerank_pool": settings.rerank_pool if assistant.reranker else 0,
            "rerank_weight": settings.rerank_weight,
            "retrieval_k": RETRIEVAL_K,
            "llm_provider": settings.llm_provider,
        },
        "gold": {
            "questions": len(gold),
            "splits": {s: sum(q.split == s for q in gold) for s in SPLITS},
            "answerable": sum(q.answerable for q in gold),
            "unanswerable": sum(not q.answerable for q in gold),
        },
        "baseline": baseline,
        "ms_per_query": ms,
        "retrieval": [
            asdict(summarise_ranks(v, scope, part)) for scope, part in by_scope.items() for v in variants
        ],
        "answers": [asdict(summarise(scope, part)) for scope, part in by_scope.items()],
        "worst_false_refusals": [asdict(r) for r in worst_false_refusals(results, "hybrid")],
        "questions": [asdict(r) for r in results],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval.run_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", action="store_true", help="also score the naive LangChain baseline")
    parser.add_argument(
        "--export-feedback",
        action="store_true",
        help="only export stored feedback as candidate gold questions (to --feedback-out), then stop",
    )
    parser.add_argument(
        "--feedback-out", type=Path, default=FEEDBACK_OUT, help="where --export-feedback writes"
    )
    return parser.parse_args(argv)


def write(payload: dict[str, Any]) -> str:
    report = render(payload)
    REPORT_MD.write_text(report, encoding="utf-8")
    raw = json.dumps(payload, indent=1, ensure_ascii=False) + "\n"
    REPORT_JSON.write_text(raw, encoding="utf-8")
    HISTORY.mkdir(parents=True, exist_ok=True)
    stamp = payload["date"].replace("-", "").replace(":", "").replace("+0000", "Z")
    (HISTORY / f"{stamp}.json").write_text(raw, encoding="utf-8")
    plot(payload, REPORT_PNG)
    return report


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.export_feedback:
        gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
        db_path = Settings().data_dir / "conversations.sqlite"
        written, orphans = export_feedback(db_path, args.feedback_out, gold)
        print(f"{written} candidate questions written to {args.feedback_out}; {orphans} without a turn")
        return
    print(write(run(args.baseline)))


if __name__ == "__main__":
    main()
