"""Questions with a typing error, as recruiters type them: is the answer still there?

Each standalone answerable gold question gets one error in its longest word (two neighbouring letters
swapped in the middle, "lichting" -> "lichitng") and is asked three times: as written, with the error,
and with the error while spelling correction is off (HR_CORRECT_SPELLING=false). Reported per split:
questions answered, gold evidence cited and keyword coverage, and how many errors were put right.

    .venv/bin/python -m eval.bench_typos [--out eval/bench_typos.md] [--json eval/bench_typos.json]

Uses the index in the configured data dir. Nothing is tuned on this: it measures.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import argparse
import json
import re
import statistics
from datetime import UTC, datetime
from pathlib import Path

from assistant.answer import Answer
from assistant.core.config import Settings
from assistant.service import Assistant, build_assistant
from eval.goldset import SPLITS, GoldQuestion, load_gold
from eval.metrics import cites_evidence, keyword_coverage

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[^\W\d_]{6,}")


def with_typo(question: str) -> str | None:
    """The question with two neighbouring letters of its longest word swapped; None when that changes
    nothing (a doubled letter)."""
    words = _WORD.findall(question)
    if not words:
        return None
    word = max(words, key=len)
    i = len(word) // 2
    typo = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return None if typo == word else question.replace(word, typo, 1)


def _figures(questions: list[GoldQuestion], answers: list[Answer]) -> dict[str, float]:
    answered = [not a.abstained for a in answers]
    return {
        "answered": round(statistics.fmean(answered), 3),
        "evidence_cited": round(
            statistics.fmean(
                not a.abstained and cites_evidence(a.citations, q.evidence)
                for q, a in zip(questions, answers, strict=True)
            ),
            3,
        ),
        "keyword_coverage": round(
            statistics.fmean(
                0.0 if a.abstained else keyword_coverage(a.text, q.keywords)
                for q, a in zip(questions, answers, strict=True)
            ),
            3,
        ),
    }


def measure(plain: Assistant, uncorrected: Assistant, questions: list[GoldQuestion]) -> dict[str, object]:
    pairs = [(q, typo) for q in questions if (typo := with_typo(q.question))]
    asked = [q for q, _ in pairs]
    written = [plain.ask(q.question, remember=False) for q in asked]
    typed = [plain.ask(typo, remember=False) for _, typo in pairs]
    without = [uncorrected.ask(typo, remember=False) for _, typo in pairs]
    return {
        "questions": len(pairs),
        "put_right": sum(a.read_as == q.question for q, a in zip(asked, typed, strict=True)),
        "as_written": _figures(asked, written),
        "with_typo": _figures(asked, typed),
        "with_typo_uncorrected": _figures(asked, without),
        "examples": [
            {"typed": typo, "read_as": a.read_as} for (_, typo), a in list(zip(pairs, typed, strict=True))[:5]
        ],
    }


def render(results: dict[str, dict], date: str) -> str:
    lines = [
        "# Questions with a typing error",
        "",
        f"Generated {date} by `python -m eval.bench_typos`. Each standalone answerable gold question with "
        "two neighbouring letters of its longest word swapped, asked with spelling correction (the "
        "default) and without it (`HR_CORRECT_SPELLING=false`).",
        "",
        "| split | questions | put right | variant | answered | evidence cited | keyword coverage |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for split, r in results.items():
        for variant, label in [
            ("as_written", "as written"),
            ("with_typo", "with the error, corrected"),
            ("with_typo_uncorrected", "with the error, not corrected"),
        ]:
            f = r[variant]
            lines.append(
                f"| {split} | {r['questions']} | {r['put_right']} | {label} | {f['answered']:.3f} | "
                f"{f['evidence_cited']:.3f} | {f['keyword_coverage']:.3f} |"
            )
    lines += ["", "Examples (test):", ""]
    for e in results.get("test", {}).get("examples", []):
        read = f'read as "{e["read_as"]}"' if e["read_as"] else "not put right: read as typed"
        lines.append(f'- "{e["typed"]}" {read}')
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "bench_typos.md")
    parser.add_argument("--json", type=Path, default=ROOT / "eval" / "bench_typos.json")
    args = parser.parse_args(argv)
    settings = Settings()
    plain = build_assistant(settings)
    uncorrected = build_assistant(settings.model_copy(update={"correct_spelling": False}), plain.embedder)
    gold = [q for q in load_gold() if q.answerable and not q.follows]
    results = {split: measure(plain, uncorrected, [q for q in gold if q.split == split]) for split in SPLITS}
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    args.out.write_text(render(results, date), encoding="utf-8")
    args.json.write_text(json.dumps({"date": date, **results}, indent=1) + "\n", encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
