"""`make eval`: score retrieval and answers on the gold set, ours against a naive LangChain baseline.

One run compares four retrievers on the answerable gold questions (dense-only, keyword-only, our hybrid,
and the naive LangChain pipeline of `eval/baseline.py`), then scores the answers of our default engine.
It writes eval/report.md, eval/report.json (the latest run), eval/history/<UTC timestamp>.json (every
run, for comparing runs) and eval/report.png. Uses the index in the configured data dir (run
`make ingest` first); nothing is downloaded.

    .venv/bin/python -m eval.run_eval                    # full run (builds the baseline, ~1 minute)
    .venv/bin/python -m eval.run_eval --skip-baseline    # ours only
    .venv/bin/python -m eval.run_eval --export-feedback  # stored feedback -> candidate gold questions
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import argparse
import json
import math
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.core.config import Settings  # noqa: E402
from assistant.core.text_nl import fold  # noqa: E402

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.service import Assistant

GOLD = ROOT / "eval" / "gold" / "questions.yaml"
FEEDBACK_OUT = ROOT / "eval" / "gold" / "feedback_candidates.yaml"
REPORT_MD = ROOT / "eval" / "report.md"
REPORT_JSON = ROOT / "eval" / "report.json"
REPORT_PNG = ROOT / "eval" / "report.png"
HISTORY = ROOT / "eval" / "history"
COMMAND = ".venv/bin/python -m eval.run_eval"

RETRIEVAL_K = 10  # passages asked of our retriever; nDCG@10 needs ten
OURS = {"dense": "dense-only", "keyword": "keyword-only", "hybrid": "hybrid (ours)"}
BASELINE = "naive LangChain"
_EVIDENCE_SHARE = 0.6  # a passage holds the evidence when it contains this share of it verbatim
_MIN_PIECE_WORDS = 3  # the extractive engine quotes no sentence shorter than this


# ---------------------------------------------------------------------------- metrics


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def holds_evidence(passage_text: str, evidence: str) -> bool:
    """Evidence found in a passage, ignoring whitespace, punctuation and chunk boundaries."""
    chunk, ev = _letters(passage_text), _letters(evidence)
    if ev in chunk:
        return True
    match = SequenceMatcher(None, chunk, ev, autojunk=False).find_longest_match(0, len(chunk), 0, len(ev))
    return match.size >= _EVIDENCE_SHARE * len(ev)


def is_relevant(passage: Any, evidence: list[dict]) -> bool:
    return any(
        e["document"] == passage.document_id and holds_evidence(passage.text, e["text"]) for e in evidence
    )


def first_relevant_rank(passages: Sequence[Any], evidence: list[dict]) -> int | None:
    for rank, p in enumerate(passages, start=1):
        if is_relevant(p, evidence):
            return rank
    return None


def ndcg_at_10(passages: Sequence[Any], evidence: list[dict]) -> float:
    """Binary gains; the ideal ranking puts one relevant passage per evidence item on top."""
    gains = [1.0 if is_relevant(p, evidence) else 0.0 for p in passages[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(evidence), 10)))
    return dcg / ideal if ideal else 0.0


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def cited_passage(citation: Any, passages: Sequence[Any]) -> Any | None:
    """The passage of the answer that a citation points at, by chunk id."""
    return next((p for p in passages if p.chunk_id == citation.chunk_id), None)


def quote_verbatim(citation: Any, passages: Sequence[Any]) -> bool:
    """Citation grounding, strict: the whole quote occurs verbatim (whitespace-normalised) in the text
    of the cited chunk."""
    passage = cited_passage(citation, passages)
    quote = normalise_space(citation.quote)
    return passage is not None and bool(quote) and quote in normalise_space(passage.text)


def verbatim_pieces(quote: str, source: str, min_words: int = _MIN_PIECE_WORDS) -> bool:
    """The quote cut at spaces into pieces of at least `min_words` words, each verbatim in the source
    (whitespace-normalised). A quote verbatim as a whole always passes."""
    words, text = normalise_space(quote).split(), normalise_space(source)
    if not words:
        return False
    reachable = [True] + [False] * len(words)
    for i in range(len(words)):
        if not reachable[i]:
            continue
        for j in range(i + 1, len(words) + 1):
            if " ".join(words[i:j]) not in text:
                break  # a longer piece cannot occur either
            if j - i >= min_words or (i == 0 and j == len(words)):
                reachable[j] = True
    return reachable[-1]


def quote_sentences_verbatim(citation: Any, passages: Sequence[Any]) -> bool:
    """Citation grounding, per joined sentence: engines quote several sentences of one chunk as one quote,
    joined by a space; each of them must be verbatim in the cited chunk."""
    passage = cited_passage(citation, passages)
    return passage is not None and verbatim_pieces(citation.quote, passage.text)


def cites_evidence(citations: Sequence[Any], evidence: list[dict]) -> bool:
    """Some citation of the gold evidence's document quotes (part of) the evidence or lies within it."""
    return any(
        c.document_id == e["document"]
        and _letters(c.quote) != ""
        and (holds_evidence(c.quote, e["text"]) or holds_evidence(e["text"], c.quote))
        for c in citations
        for e in evidence
    )


def keyword_coverage(text: str, keywords: list[str]) -> float:
    folded = fold(text)
    return sum(fold(k) in folded for k in keywords) / len(keywords) if keywords else 0.0


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


# ---------------------------------------------------------------------------- retrieval


@dataclass
class RetrievalScores:
    variant: str
    label: str
    passages: int  # passages the retriever returns per question
    questions: int
    hit_at_1: float
    hit_at_5: float
    mrr: float
    ndcg_at_10: float
    hit_at_5_en: float | None
    questions_en: int
    ms_per_query: float


def score_retrieval(
    variant: str, label: str, search: Callable[[str], Sequence[Any]], gold: list[dict], passages: int
) -> tuple[RetrievalScores, dict[str, int | None]]:
    """Scores over the answerable questions, and the rank of the first relevant passage per question."""
    answerable = [q for q in gold if q["answerable"]]
    ranks: dict[str, int | None] = {}
    ndcgs: list[float] = []
    seconds = 0.0
    for q in answerable:
        started = time.perf_counter()
        found = search(q["question"])
        seconds += time.perf_counter() - started
        ranks[q["id"]] = first_relevant_rank(found, q["evidence"])
        ndcgs.append(ndcg_at_10(found, q["evidence"]))
    english = [ranks[q["id"]] for q in answerable if q["language"] == "en"]
    values = list(ranks.values())
    n = len(values)
    return (
        RetrievalScores(
            variant=variant,
            label=label,
            passages=passages,
            questions=n,
            hit_at_1=sum(r == 1 for r in values) / n,
            hit_at_5=sum(r is not None and r <= 5 for r in values) / n,
            mrr=sum(1 / r for r in values if r) / n,
            ndcg_at_10=statistics.fmean(ndcgs),
            hit_at_5_en=_mean([float(r is not None and r <= 5) for r in english]),
            questions_en=len(english),
            ms_per_query=1000 * seconds / n,
        ),
        ranks,
    )


def score_ours(assistant: "Assistant", gold: list[dict], mode: str) -> tuple[RetrievalScores, dict]:
    assistant.retriever.search("warm-up", k=RETRIEVAL_K, mode=mode)  # model load is not query time
    return score_retrieval(
        mode,
        OURS[mode],
        lambda question: assistant.retriever.search(question, k=RETRIEVAL_K, mode=mode),
        gold,
        RETRIEVAL_K,
    )


# ---------------------------------------------------------------------------- answers


@dataclass
class QuestionResult:
    id: str
    language: str
    answerable: bool
    abstained: bool
    support: float
    keyword_coverage: float | None  # answerable only
    citations: int
    quotes_verbatim: int
    quotes_sentences_verbatim: int
    evidence_cited: bool | None  # answered answerable questions only
    evidence_in_top_k: bool | None  # answerable only
    ms: float


@dataclass
class AnswerScores:
    scope: str  # "all" or a language
    answerable: int
    answered: int  # answerable questions that got an answer
    unanswerable: int
    keyword_coverage: float | None
    false_abstentions: float | None
    evidence_cited: float | None
    abstention_accuracy: float | None
    citations: int
    citation_grounding: float | None  # whole quote verbatim in the cited chunk
    citation_grounding_sentences: float | None  # each joined sentence verbatim in the cited chunk
    abstained_with_evidence: int  # answerable abstentions whose evidence was in the top k passages
    ms_per_question: float | None


def judge_answer(q: dict, answer: "Answer", top_k: Sequence[Any], ms: float) -> QuestionResult:
    """One gold question's answer against its gold record; `top_k` are the passages retrieved for it."""
    answerable = q["answerable"]
    return QuestionResult(
        id=q["id"],
        language=q["language"],
        answerable=answerable,
        abstained=answer.abstained,
        support=answer.support,
        keyword_coverage=keyword_coverage(answer.text, q["keywords"]) if answerable else None,
        citations=len(answer.citations),
        quotes_verbatim=sum(quote_verbatim(c, answer.passages) for c in answer.citations),
        quotes_sentences_verbatim=sum(quote_sentences_verbatim(c, answer.passages) for c in answer.citations),
        evidence_cited=cites_evidence(answer.citations, q["evidence"])
        if answerable and not answer.abstained
        else None,
        evidence_in_top_k=first_relevant_rank(top_k, q["evidence"]) is not None if answerable else None,
        ms=ms,
    )


def summarise(scope: str, results: list[QuestionResult]) -> AnswerScores:
    answerable = [r for r in results if r.answerable]
    answered = [r for r in answerable if not r.abstained]
    unanswerable = [r for r in results if not r.answerable]
    citations = sum(r.citations for r in results)
    return AnswerScores(
        scope=scope,
        answerable=len(answerable),
        answered=len(answered),
        unanswerable=len(unanswerable),
        keyword_coverage=_mean([r.keyword_coverage or 0.0 for r in answerable]),
        false_abstentions=_mean([float(r.abstained) for r in answerable]),
        evidence_cited=_mean([float(bool(r.evidence_cited)) for r in answered]),
        abstention_accuracy=_mean([float(r.abstained) for r in unanswerable]),
        citations=citations,
        citation_grounding=sum(r.quotes_verbatim for r in results) / citations if citations else None,
        citation_grounding_sentences=sum(r.quotes_sentences_verbatim for r in results) / citations
        if citations
        else None,
        abstained_with_evidence=sum(bool(r.abstained and r.evidence_in_top_k) for r in answerable),
        ms_per_question=_mean([r.ms for r in results]),
    )


def score_answers(
    assistant: "Assistant", gold: list[dict]
) -> tuple[list[AnswerScores], list[QuestionResult]]:
    """Ask every gold question (nothing stored); scores overall and per language."""
    k = assistant.settings.answer_passages
    assistant.ask("warm-up", remember=False)
    results = []
    for q in gold:
        started = time.perf_counter()
        answer = assistant.ask(q["question"], remember=False)
        ms = 1000 * (time.perf_counter() - started)
        # An answer carries all k passages it read; an abstention only the nearest three. The same
        # search again gives the k passages the engine had.
        top_k = answer.passages if not answer.abstained else assistant.search(answer.rewritten_question, k=k)
        results.append(judge_answer(q, answer, top_k, ms))
    languages = sorted({r.language for r in results})
    scores = [summarise("all", results)] + [
        summarise(lang, [r for r in results if r.language == lang]) for lang in languages
    ]
    return scores, results


# ---------------------------------------------------------------------------- report


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def render(payload: dict[str, Any]) -> str:
    retrieval = [RetrievalScores(**r) for r in payload["retrieval"]]
    answers = [AnswerScores(**a) for a in payload["answers"]]
    config = payload["settings"]
    baseline = payload.get("baseline")
    k = config["answer_passages"]
    lines = [
        "# Evaluation report",
        "",
        f"Generated {payload['date'][:16].replace('T', ' ')} UTC by `{payload['command']}` at commit "
        f"{payload['commit'] or 'unknown'} (working tree may differ) on the gold set "
        f"({GOLD.relative_to(ROOT)}: {payload['gold']['questions']} questions, "
        f"{payload['gold']['answerable']} answerable, {payload['gold']['unanswerable']} unanswerable). "
        f"Hybrid dense weight {config['dense_weight']}; abstention threshold {config['abstain_below']}; "
        f"answer engine reads {k} passages.",
        "",
        "## Retrieval (answerable questions: is the gold evidence in the passages returned?)",
        "",
        "| variant | passages | n | hit@1 | hit@5 | MRR | nDCG@10 | hit@5 English (n) | ms/query |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in retrieval:
        star = "\\*" if r.variant == "naive" else ""
        lines.append(
            f"| {r.label}{star} | {r.passages} | {r.questions} | {r.hit_at_1:.3f} | {r.hit_at_5:.3f} | "
            f"{r.mrr:.3f} | {r.ndcg_at_10:.3f} | {_f(r.hit_at_5_en)} ({r.questions_en}) | "
            f"{r.ms_per_query:.0f} |"
        )
    lines.append("")
    if baseline:
        lines.append(
            "\\* The naive LangChain baseline (`eval/baseline.py`): "
            f"RecursiveCharacterTextSplitter(1000, 200) over the {baseline['documents']} corpus .txt files "
            f"({baseline['chunks']} chunks), the same MiniLM through HuggingFaceEmbeddings, Chroma "
            f"`similarity_search` top-{baseline['k']}. It returns only {baseline['k']} passages, so its "
            f"hit@5 is hit@{baseline['k']} and its nDCG@10 is over "
            f"{baseline['k']} passages; building it took {baseline['build_seconds']:.0f} s (not in ms/query)."
        )
    else:
        lines.append("The naive LangChain baseline was skipped (`--skip-baseline`).")
    lines += [
        "",
        f"## Answers ({payload['engine']} engine, default settings)",
        "",
        "| metric | " + " | ".join(a.scope for a in answers) + " |",
        "|---|" + "---:|" * len(answers),
    ]
    rows: list[tuple[str, Callable[[AnswerScores], str]]] = [
        ("answerable questions / answered", lambda a: f"{a.answerable} / {a.answered}"),
        ("answer keyword coverage (answerable)", lambda a: _f(a.keyword_coverage)),
        ("false abstentions (answerable)", lambda a: _f(a.false_abstentions)),
        ("evidence cited (answered answerable)", lambda a: _f(a.evidence_cited)),
        ("unanswerable questions", lambda a: str(a.unanswerable)),
        ("abstention accuracy (unanswerable)", lambda a: _f(a.abstention_accuracy)),
        ("citations", lambda a: str(a.citations)),
        ("citation grounding: whole quote verbatim", lambda a: _f(a.citation_grounding)),
        ("citation grounding: each joined sentence verbatim", lambda a: _f(a.citation_grounding_sentences)),
        (f"abstentions with gold evidence in the top {k}", lambda a: str(a.abstained_with_evidence)),
        ("ms/question", lambda a: _f(a.ms_per_question, 0)),
    ]
    for name, cell in rows:
        lines.append(f"| {name} | " + " | ".join(cell(a) for a in answers) + " |")
    missed = payload["diagnostics"]["abstained_with_evidence"]
    lines += [
        "",
        f"Abstentions with the gold evidence among the {k} passages read ({len(missed)}; the engine had the "
        "answer and did not give it — look at these first when tuning the abstention threshold): "
        + (", ".join(missed) if missed else "none")
        + ".",
        "",
        "## How to read this",
        "",
        "Retrieval counts a passage as relevant when it comes from the evidence's document and contains at "
        "least 60 % of the gold evidence text verbatim (letters and digits only, accents folded). hit@k: "
        "share of answerable questions with a relevant passage in the first k; MRR: mean of 1/rank of the "
        "first relevant passage (0 when none); nDCG@10: binary gains, ideal = one relevant passage per "
        "evidence item. ms/query is wall time per search after a warm-up, on a shared machine. "
        "Answers: keyword coverage is the share of the gold keywords (numbers, names) found in the answer "
        "text, abstentions counting 0; false abstentions is the share of answerable questions answered with "
        '"no answer"; abstention accuracy the share of unanswerable questions that got one. Citation '
        "grounding checks every citation of every answer against the passage with its chunk id: *whole "
        "quote verbatim* requires the quote to occur as is (whitespace normalised) in that chunk, which is "
        'what "every statement points to the exact passage" means; *each joined sentence verbatim* accepts '
        "a quote that joins several sentences of the chunk with a space when it splits into verbatim pieces "
        f"of at least {_MIN_PIECE_WORDS} words (the engine quotes non-adjacent sentences of one chunk as "
        "one quote, which fails the strict check without any word being invented). Evidence cited is the "
        "share of answered answerable questions where a citation of the evidence's document holds the gold "
        "evidence or lies within it (the 60 % rule, both ways): the answer points at the right passage, "
        "not only at a true one. Per-question results are in eval/report.json; every run is kept in "
        "eval/history/.",
        "",
        f"Reproduce: `{COMMAND}` (`--skip-baseline` leaves out the LangChain baseline"
        + ("" if payload["command"] == COMMAND else f"; this run: `{payload['command']}`")
        + "). Chart: eval/report.png.",
    ]
    return "\n".join(lines) + "\n"


def plot(payload: dict[str, Any], path: Path) -> None:
    """Grouped bars: retrieval metrics per variant, and answer metrics per language."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def bars(ax, groups: list[str], series: dict[str, list[float | None]], title: str) -> None:
        width = 0.8 / max(1, len(series))
        for s, (name, values) in enumerate(series.items()):
            xs = [g + (s - (len(series) - 1) / 2) * width for g in range(len(groups))]
            heights = [v or 0.0 for v in values]
            drawn = ax.bar(xs, heights, width, label=name)
            ax.bar_label(drawn, labels=[_f(v, 2) for v in values], fontsize=7, padding=1)
        ax.set_xticks(range(len(groups)), groups, fontsize=8)
        ax.set_ylim(0, 1.2)
        ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8, loc="upper left", ncol=len(series), frameon=False)
        ax.grid(axis="y", alpha=0.3)

    figure, (left, right) = plt.subplots(1, 2, figsize=(15, 5.5), gridspec_kw={"width_ratios": [1, 1.4]})
    retrieval = payload["retrieval"]
    metrics = {"hit@1": "hit_at_1", "hit@5": "hit_at_5", "MRR": "mrr", "nDCG@10": "ndcg_at_10"}
    bars(
        left,
        list(metrics),
        {r["label"]: [r[key] for key in metrics.values()] for r in retrieval},
        f"Retrieval, {retrieval[0]['questions']} answerable questions"
        + (f" (naive: top-{payload['baseline']['k']}, so hit@5 = hit@4)" if payload["baseline"] else ""),
    )
    answer_metrics = {
        "keyword\ncoverage": "keyword_coverage",
        "false abstentions\n(lower is better)": "false_abstentions",
        "evidence\ncited": "evidence_cited",
        "abstention\naccuracy": "abstention_accuracy",
        "grounding\n(whole quote)": "citation_grounding",
        "grounding\n(per sentence)": "citation_grounding_sentences",
    }
    bars(
        right,
        list(answer_metrics),
        {
            f"{a['scope']} (n={a['answerable'] + a['unanswerable']})": [
                a[key] for key in answer_metrics.values()
            ]
            for a in payload["answers"]
        },
        f"Answers, {payload['engine']} engine",
    )
    figure.suptitle(f"HR assistant evaluation, {payload['date'][:16].replace('T', ' ')} UTC", fontsize=11)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


# ---------------------------------------------------------------------------- feedback export


def _open_readonly(path: Path) -> sqlite3.Connection | None:
    if not path.exists():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)


_FEEDBACK_QUERY = """
SELECT f.id, f.rating, f.comment, f.created, f.conversation_id, f.position, t.position,
       t.question, t.rewritten, t.answer
FROM feedback f
LEFT JOIN turns t
  ON t.conversation_id = f.conversation_id
 AND t.position = COALESCE(
       f.position,
       (SELECT MAX(position) FROM turns WHERE conversation_id = f.conversation_id))
ORDER BY f.rating ASC, f.created DESC, f.id DESC
"""


def feedback_candidates(db_path: Path, gold: list[dict]) -> tuple[list[dict], int]:
    """Candidate gold questions from stored feedback, thumbs down first, newest first within a rating;
    also the number of feedback rows without a question (no turn to join)."""
    db = _open_readonly(db_path)
    if db is None:
        return [], 0
    try:
        rows = db.execute(_FEEDBACK_QUERY).fetchall()
    except sqlite3.OperationalError:  # no feedback table yet
        rows = []
    finally:
        db.close()
    in_gold = {normalise_space(fold(q["question"])): q["id"] for q in gold}
    candidates, orphans = [], 0
    for fid, rating, comment, created, conversation, position, turn, question, rewritten, raw in rows:
        if question is None:
            orphans += 1
            continue
        answer = json.loads(raw) if raw else {}
        candidate: dict[str, Any] = {
            "id": f"fb{fid:04d}",
            "question": question,
            "language": answer.get("language", "nl"),
            "type": "",  # to fill: number, date, howto, fact, comparison, multi_doc, persona, unanswerable
            "answerable": None,  # to decide from the documents
            "answer": "",
            "keywords": [],
            "evidence": [],  # [{document, text}] verbatim from the corpus
            "feedback": {
                "rating": rating,
                "comment": comment,
                "created": created,
                "conversation_id": conversation,
                "position": turn,
                "position_given": position is not None,
            },
            "assistant_answer": {
                "text": answer.get("text", ""),
                "abstained": answer.get("abstained"),
                "support": answer.get("support"),
                "engine": answer.get("engine"),
                "citations": [
                    {"document": c.get("document_id"), "quote": c.get("quote")}
                    for c in answer.get("citations", [])
                ],
            },
            "already_in_gold": in_gold.get(normalise_space(fold(question))),
        }
        if rewritten and rewritten != question:
            candidate["rewritten_question"] = rewritten
        candidates.append(candidate)
    return candidates, orphans


def export_feedback(db_path: Path, out: Path, gold: list[dict]) -> tuple[int, int]:
    """Write the candidates to `out` (never to the gold set itself); returns (candidates, orphans)."""
    candidates, orphans = feedback_candidates(db_path, gold)
    header = (
        "# Candidate gold questions from user feedback, exported "
        f"{datetime.now(UTC).isoformat(timespec='seconds')}\n"
        f"# from {db_path} by `{COMMAND} --export-feedback`.\n"
        "# Thumbs down (-1) first. Review each: decide `answerable`, fill `type`, `answer`, `keywords`\n"
        "# and verbatim `evidence`, drop `feedback`, `assistant_answer` and `already_in_gold`, then move it\n"
        "# into questions.yaml by hand.\n"
    )
    body = (
        yaml.safe_dump(candidates, allow_unicode=True, sort_keys=False, width=110) if candidates else "[]\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(header + body, encoding="utf-8")
    return len(candidates), orphans


# ---------------------------------------------------------------------------- main


def run(skip_baseline: bool) -> dict[str, Any]:
    from assistant.service import build_assistant

    settings = Settings()
    assistant = build_assistant(settings)
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    retrieval, ranks = [], {}
    for mode in OURS:
        scores, ranks[mode] = score_ours(assistant, gold, mode)
        retrieval.append(scores)
    baseline_info = None
    if not skip_baseline:
        from eval.baseline import TOP_K, naive_baseline

        print(f"[eval] building the naive LangChain baseline (top-{TOP_K}) ...", file=sys.stderr, flush=True)
        with naive_baseline(settings.corpus_dir) as baseline:
            baseline.search("warm-up")
            scores, ranks["naive"] = score_retrieval("naive", BASELINE, baseline.search, gold, TOP_K)
            retrieval.append(scores)
            baseline_info = {
                "k": TOP_K,
                "chunks": baseline.chunks,
                "documents": baseline.documents,
                "build_seconds": baseline.build_seconds,
            }
    answers, results = score_answers(assistant, gold)
    engine = "LLM" if assistant.chat_model is not None else "extractive"
    when = datetime.now(UTC).isoformat(timespec="seconds")
    return {
        "date": when,
        "command": COMMAND + (" --skip-baseline" if skip_baseline else ""),
        "commit": _commit(),
        "engine": engine,
        "settings": {
            "dense_weight": settings.dense_weight,
            "abstain_below": settings.abstain_below,
            "answer_passages": settings.answer_passages,
            "retrieval_k": RETRIEVAL_K,
            "llm_provider": settings.llm_provider,
        },
        "gold": {
            "questions": len(gold),
            "answerable": sum(bool(q["answerable"]) for q in gold),
            "unanswerable": sum(not q["answerable"] for q in gold),
        },
        "baseline": baseline_info,
        "retrieval": [asdict(r) for r in retrieval],
        "answers": [asdict(a) for a in answers],
        "diagnostics": {
            "abstained_with_evidence": [r.id for r in results if r.abstained and r.evidence_in_top_k],
        },
        "questions": [
            asdict(r) | {"first_relevant_rank": {v: ranks[v].get(r.id) for v in ranks}} for r in results
        ],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval.run_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--skip-baseline", action="store_true", help="leave out the naive LangChain baseline")
    parser.add_argument(
        "--export-feedback",
        action="store_true",
        help="only export stored feedback as candidate gold questions (to --feedback-out), then stop",
    )
    parser.add_argument(
        "--feedback-out", type=Path, default=FEEDBACK_OUT, help="where --export-feedback writes"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.export_feedback:
        gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
        db_path = Settings().data_dir / "conversations.sqlite"
        written, orphans = export_feedback(db_path, args.feedback_out, gold)
        print(
            f"{written} candidate questions written to {args.feedback_out}; "
            f"{orphans} feedback rows without a turn"
        )
        return
    payload = run(args.skip_baseline)
    report = render(payload)
    REPORT_MD.write_text(report, encoding="utf-8")
    raw = json.dumps(payload, indent=1, ensure_ascii=False) + "\n"
    REPORT_JSON.write_text(raw, encoding="utf-8")
    HISTORY.mkdir(parents=True, exist_ok=True)
    stamp = payload["date"].replace("-", "").replace(":", "").replace("+0000", "Z")
    (HISTORY / f"{stamp}.json").write_text(raw, encoding="utf-8")
    plot(payload, REPORT_PNG)
    print(report)


if __name__ == "__main__":
    main()
