"""eval/report.md and eval/report.png from one run's payload (the same dict as eval/report.json)."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.goldset import SPLITS
from eval.metrics import MIN_PIECE_WORDS

LABELS = {
    "dense": "dense only",
    "keyword": "keyword only",
    "hybrid": "hybrid (ours)",
    "naive": "naive LangChain",
}
GROUPS = ("phrasing", "language", "kind", "documents", "follow-up", "writer")
# Issue 8's targets, on the test split.
TARGETS = {
    "hit@5": ("retrieval", "hit_at_5", ">= 0.80"),
    "MRR": ("retrieval", "mrr", ">= 0.65"),
    "answer keyword coverage": ("answers", "keyword_coverage", ">= 0.60"),
    "unanswerable refused (refusal recall)": ("answers", "abstention_accuracy", ">= 0.85"),
    "answerable wrongly refused": ("answers", "false_abstentions", "<= 0.10"),
    "refusal precision": ("answers", "refusal_precision", "—"),
}


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _gap(dev: float | None, test: float | None) -> str:
    return "—" if dev is None or test is None else f"{test - dev:+.3f}"


def _find(rows: list[dict], **match: str) -> dict | None:
    return next((r for r in rows if all(r.get(k) == v for k, v in match.items())), None)


def _value(rows: list[dict], key: str, **match: str) -> float | None:
    row = _find(rows, **match)
    return None if row is None else row[key]


def _targets(payload: dict[str, Any]) -> list[str]:
    lines = ["| what | dev | test | gap (test - dev) | target (test) |", "|---|---:|---:|---:|---|"]
    for name, (table, key, target) in TARGETS.items():
        match = {"variant": "hybrid"} if table == "retrieval" else {}
        dev = _value(payload[table], key, scope="dev", **match)
        test = _value(payload[table], key, scope="test", **match)
        lines.append(f"| {name} | {_f(dev)} | {_f(test)} | {_gap(dev, test)} | {target} |")
    for lang in ("en",):
        dev = _value(payload["retrieval"], "hit_at_5", scope=f"dev language={lang}", variant="hybrid")
        test = _value(payload["retrieval"], "hit_at_5", scope=f"test language={lang}", variant="hybrid")
        lines.append(f"| English hit@5 | {_f(dev)} | {_f(test)} | {_gap(dev, test)} | >= 0.75 |")
    return lines


def _retrieval(payload: dict[str, Any]) -> list[str]:
    lines = [
        "| split | variant | n | hit@1 | hit@5 | hit@8 | MRR | nDCG@10 | ms/query |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ms = payload["ms_per_query"]
    for split in SPLITS:
        for r in (r for r in payload["retrieval"] if r["scope"] == split):
            lines.append(
                f"| {split} | {LABELS[r['variant']]} | {r['questions']} | {_f(r['hit_at_1'])} | "
                f"{_f(r['hit_at_5'])} | {_f(r['hit_at_8'])} | {_f(r['mrr'])} | {_f(r['ndcg_at_10'])} | "
                f"{ms.get(r['variant'], 0):.0f} |"
            )
    return lines


def _groups(payload: dict[str, Any]) -> list[str]:
    lines = [
        "| group | dev n | dev hit@5 | dev MRR | dev coverage | test n | test hit@5 | test MRR "
        "| test coverage | hit@5 gap |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    scopes = sorted({r["scope"].split(" ", 1)[1] for r in payload["retrieval"] if " " in r["scope"]})
    for group in GROUPS:
        for scope in (s for s in scopes if s.startswith(f"{group}=")):
            cells = []
            hits = []
            for split in SPLITS:
                r = _find(payload["retrieval"], scope=f"{split} {scope}", variant="hybrid")
                a = _find(payload["answers"], scope=f"{split} {scope}")
                hits.append(r["hit_at_5"] if r and r["questions"] else None)
                cells += [
                    str(r["questions"]) if r else "0",
                    _f(r["hit_at_5"]) if r else "—",
                    _f(r["mrr"]) if r else "—",
                    _f(a["keyword_coverage"]) if a else "—",
                ]
            if any(h is not None for h in hits):  # e.g. kind=unanswerable has nothing to retrieve
                lines.append(f"| {scope} | " + " | ".join(cells) + f" | {_gap(*hits)} |")
    return lines


def _answers(payload: dict[str, Any]) -> list[str]:
    answers = [a for a in payload["answers"] if a["scope"] in SPLITS]
    rows: list[tuple[str, Callable[[dict], str]]] = [
        ("answerable questions / answered", lambda a: f"{a['answerable']} / {a['answered']}"),
        ("answer keyword coverage (answerable)", lambda a: _f(a["keyword_coverage"])),
        ("answerable wrongly refused", lambda a: _f(a["false_abstentions"])),
        ("evidence cited (answered answerable)", lambda a: _f(a["evidence_cited"])),
        ("unanswerable questions", lambda a: str(a["unanswerable"])),
        ("refusal recall (unanswerable refused)", lambda a: _f(a["abstention_accuracy"])),
        ("refusal precision (refusals that were right)", lambda a: _f(a["refusal_precision"])),
        ("citations", lambda a: str(a["citations"])),
        ("citation grounding: whole quote verbatim", lambda a: _f(a["citation_grounding"])),
        ("citation grounding: each joined sentence", lambda a: _f(a["citation_grounding_sentences"])),
        ("refusals with the evidence among the passages read", lambda a: str(a["abstained_with_evidence"])),
        ("ms/question", lambda a: _f(a["ms_per_question"], 0)),
    ]
    lines = ["| metric | " + " | ".join(a["scope"] for a in answers) + " |", "|---|" + "---:|" * len(answers)]
    for name, cell in rows:
        lines.append(f"| {name} | " + " | ".join(cell(a) for a in answers) + " |")
    return lines


def _worst(payload: dict[str, Any]) -> list[str]:
    worst = payload["worst_false_refusals"]
    if not worst:
        return ["None: no answerable question was refused."]
    lines = [
        "| id | split | question (as asked) | evidence at hybrid rank | support |",
        "|---|---|---|---:|---:|",
    ]
    for r in worst:
        rank = r["ranks"].get("hybrid")
        lines.append(
            f"| {r['id']} | {r['split']} | {r['asked_as'].replace('|', '/')} | {rank or '—'} | "
            f"{r['support']:.2f} |"
        )
    return lines


def _reranking(config: dict[str, Any]) -> str:
    pool = config.get("rerank_pool", 0)  # older reports have no re-ranking
    return f"the first {pool} passages re-ranked at {config['rerank_weight']}" if pool else "no re-ranking"


def render(payload: dict[str, Any]) -> str:
    config, gold = payload["settings"], payload["gold"]
    lines = [
        "# Evaluation report",
        "",
        f"Generated {payload['date'][:16].replace('T', ' ')} UTC by `{payload['command']}` at commit "
        f"{payload['commit'] or 'unknown'} (working tree may differ). Gold set: {gold['questions']} "
        f"questions ({', '.join(f'{s} {n}' for s, n in gold['splits'].items())}; "
        f"{gold['answerable']} answerable, {gold['unanswerable']} unanswerable). "
        f"Embedding model `{config['model_id']}`; dense weight "
        f"{config['dense_weight']}, feedback terms {config['feedback_terms']}; {_reranking(config)}; "
        "abstention threshold "
        f"{config['abstain_below']}; answers read {config['answer_passages']} passages; "
        f"{payload['engine']} engine. Tuned on dev only; test is reported, never tuned on.",
        "",
        "## Targets",
        "",
        *_targets(payload),
        "",
        "## Retrieval (answerable questions: is the gold evidence among the passages returned?)",
        "",
        *_retrieval(payload),
        "",
    ]
    if payload.get("baseline"):
        b = payload["baseline"]
        lines += [
            f"Naive LangChain: RecursiveCharacterTextSplitter(1000, 200) over the {b['documents']} corpus "
            f".txt files ({b['chunks']} chunks), English MiniLM, Chroma `similarity_search` "
            f"top-{b['k']} (so its hit@8 is hit@{b['k']}); built in {b['build_seconds']:.0f} s.",
            "",
        ]
    lines += [
        "## By group (hybrid retrieval and answer keyword coverage)",
        "",
        *_groups(payload),
        "",
        "## Answers",
        "",
        *_answers(payload),
        "",
        "## The 10 worst false refusals (answerable, refused; evidence retrieved highest first)",
        "",
        *_worst(payload),
        "",
        "## How to read this",
        "",
        "A passage is relevant when it comes from the evidence's document and contains at least 60 % of the "
        "gold evidence text verbatim (letters and digits only, accents folded). hit@k: share of answerable "
        "questions with a relevant passage in the first k (a search with k=5 returns exactly the first 5 of "
        "a longer ranking); MRR: mean 1/rank of the first relevant passage in the first 10 (0 when none). "
        "Follow-ups (`follows:` in the gold file) are asked in the conversation of the question they follow, "
        "after it, and retrieval is scored on the question as the assistant rewrote it. Keyword coverage: "
        "share of the gold keywords in the answer text, refusals counting 0. Refusal recall: share of "
        "unanswerable questions refused; refusal precision: share of refusals that were unanswerable. "
        "Citation grounding checks each citation against the passage with its chunk id: whole quote "
        f"verbatim, or each joined sentence verbatim (pieces of at least {MIN_PIECE_WORDS} words). "
        "ms/query is wall time on a shared machine. Per-question results: eval/report.json; every run is "
        "kept in eval/history/.",
        "",
        f"Reproduce: `{payload['command']}`. Chart: eval/report.png.",
    ]
    return "\n".join(lines) + "\n"


def plot(payload: dict[str, Any], path: Path) -> None:
    """Grouped bars: hybrid retrieval and answer metrics, dev against test."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = {
        "hit@5": ("retrieval", "hit_at_5"),
        "hit@8": ("retrieval", "hit_at_8"),
        "MRR": ("retrieval", "mrr"),
        "keyword\ncoverage": ("answers", "keyword_coverage"),
        "refusal\nrecall": ("answers", "abstention_accuracy"),
        "refusal\nprecision": ("answers", "refusal_precision"),
        "false refusals\n(lower is better)": ("answers", "false_abstentions"),
    }
    figure, ax = plt.subplots(figsize=(12, 5))
    width = 0.38
    for s, split in enumerate(SPLITS):
        values = []
        for table, key in metrics.values():
            match = {"variant": "hybrid"} if table == "retrieval" else {}
            values.append(_value(payload[table], key, scope=split, **match))
        xs = [m + (s - 0.5) * width for m in range(len(metrics))]
        drawn = ax.bar(xs, [v or 0.0 for v in values], width, label=split)
        ax.bar_label(drawn, labels=[_f(v, 2) for v in values], fontsize=7, padding=1)
    ax.set_xticks(range(len(metrics)), list(metrics), fontsize=8)
    ax.set_ylim(0, 1.15)
    ax.legend(fontsize=8, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(f"HR assistant evaluation, {payload['date'][:16].replace('T', ' ')} UTC", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
