"""Search at 100 times the corpus: p50/p95 of `Assistant.search` and the serving process's memory on an
index of about 150,000 passages.

Embedding 100 corpora would take hours on this machine, so the large index is made from the real one:
every passage is copied until there are `--passages` (150,000: 100 times the corpus as the old
chunking cut it), under new document and chunk ids, and each copy's vector is the original's with a
little noise (renormalised), so the HNSW graph holds distinct points. Texts are the originals, so BM25
sees the real vocabulary at 100 times the postings. The index is written as a real generation (Chroma
collection, bm25s index, chunk records) in a temporary data dir; a fresh process then loads it as
`make run` would and times hybrid searches for the gold questions (warm-up pass, then a timed pass that
interleaves plain searches, filtered searches and the query embedding alone).
Writes eval/bench_scale.md and eval/bench_scale.json.

    python -m eval.bench_scale [--passages 150000] [--questions 100] [--keep DIR]

With `--keep DIR` the large index is built once into DIR (minutes) and reused by later runs.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from eval.machine import loadavg, machine

ROOT = Path(__file__).resolve().parent.parent
OUT_MD = ROOT / "eval" / "bench_scale.md"
OUT_JSON = ROOT / "eval" / "bench_scale.json"
NOISE = 0.02  # per-dimension noise added to a copy's vector before renormalising


def build(source_data: Path, target_data: Path, passages: int) -> dict:
    """Write the multiplied index into `target_data`; returns its size and build time."""
    from assistant.core.config import Settings
    from assistant.core.snapshot import (
        GenerationMeta,
        current_generation,
        load_snapshot,
        make_current,
        write_generation,
    )
    from assistant.core.vector_store import add_chunks, connect, create_collection, get_collection

    source = Settings(data_dir=source_data, chroma_host="")
    generation = current_generation(source.index_dir)
    if generation is None:
        raise SystemExit(f"Geen index in {source_data}: voer eerst `python -m ingest` uit.")
    snapshot = load_snapshot(source.index_dir, generation)
    copies = -(-passages // len(snapshot.chunks))
    ids = [c.id for c in snapshot.chunks]
    stored = get_collection(connect(source), snapshot.meta.collection).get(
        ids=ids, include=["embeddings", "metadatas"]
    )
    order = {i: n for n, i in enumerate(stored["ids"])}
    vectors = np.asarray(stored["embeddings"], dtype=np.float32)[[order[i] for i in ids]]
    metadatas = [stored["metadatas"][order[i]] for i in ids]

    started = time.perf_counter()
    target = Settings(data_dir=target_data, chroma_host="")
    rng = np.random.default_rng(8)
    documents, chunks, raw = [], [], {}
    name = f"gen-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
    client = connect(target)
    collection = create_collection(client, f"{target.collection_name}-{name}")
    for copy in range(copies):
        suffix = f"-x{copy:03d}"
        for doc in snapshot.documents.values():
            documents.append(doc.model_copy(update={"id": doc.id + suffix}))
            raw[doc.id + suffix] = snapshot.raw_text(doc.id)
        copied = [
            c.model_copy(update={"id": c.id + suffix, "document_id": c.document_id + suffix})
            for c in snapshot.chunks
        ]
        noisy = vectors + rng.normal(0, NOISE, vectors.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        add_chunks(
            collection,
            [c.id for c in copied],
            noisy,
            [c.text for c in copied],
            [m | {"document_id": m["document_id"] + suffix} for m in metadatas],
        )
        chunks += copied
        if copy % 10 == 0:
            print(f"[bench] copy {copy + 1}/{copies}: {len(chunks)} passages", file=sys.stderr, flush=True)
    meta = snapshot.meta.model_copy(
        update={
            "id": name,
            "collection": f"{target.collection_name}-{name}",
            "created": datetime.now(UTC).isoformat(),
        }
    )
    write_generation(target.index_dir / name, GenerationMeta.model_validate(meta), documents, chunks, raw)
    make_current(target.index_dir, name)
    return {
        "passages": len(chunks),
        "documents": len(documents),
        "copies": copies,
        "build_seconds": time.perf_counter() - started,
    }


def serve_and_time(data_dir: Path, questions: int) -> dict:
    """In this (fresh) process: load the index as the API does and time hybrid searches."""
    import psutil

    from assistant.core.config import Settings
    from assistant.retrieval import Filters
    from assistant.service import build_assistant
    from eval.goldset import load_gold

    process = psutil.Process()
    settings = Settings(data_dir=data_dir, chroma_host="", llm_provider="none")
    started = time.perf_counter()
    assistant = build_assistant(settings)
    assistant.search("warm-up", k=settings.answer_passages)
    load_seconds = time.perf_counter() - started
    texts = [q.question for q in load_gold()][:questions]
    for text in texts:  # warm-up pass
        assistant.search(text, k=settings.answer_passages)
    # A filter on the most common kind: a filtered search is also answered by Chroma with a filter.
    snapshot = assistant.snapshot()
    kinds = Counter(snapshot.documents[c.document_id].kind for c in snapshot.chunks)
    filters = Filters(kind=[kinds.most_common(1)[0][0]])
    # Three series interleaved, so load falls on all alike: the default search, the same search with a
    # filter, and the e5 query embedding alone (a fixed cost whatever the size of the index).
    timed: dict[str, list[float]] = {"search": [], "filtered": [], "embedding": []}
    calls = {
        "search": lambda text: assistant.search(text, k=settings.answer_passages),
        "filtered": lambda text: assistant.search(text, k=settings.answer_passages, filters=filters),
        "embedding": lambda text: assistant.embedder.embed_query([text]),
    }
    load_before = loadavg()
    for text in texts:
        for name, call in calls.items():
            begun = time.perf_counter()
            call(text)
            timed[name].append(1000 * (time.perf_counter() - begun))
    wall = timed["search"]
    cuts = statistics.quantiles(wall, n=100, method="inclusive")
    return {
        "searches": len(wall),
        "p50_ms": statistics.median(wall),
        "p95_ms": cuts[94],
        "max_ms": max(wall),
        "p50_ms_filtered": statistics.median(timed["filtered"]),
        "filter": filters.model_dump(exclude_none=True),
        "p50_ms_query_embedding": statistics.median(timed["embedding"]),
        "load_seconds": load_seconds,
        "rss_mb": process.memory_info().rss / 1024**2,
        "load_before": load_before,
        "load_after": loadavg(),
    }


def render(payload: dict) -> str:
    s, b = payload["search"], payload["build"]
    return "\n".join(
        [
            "# Search at 100 times the corpus",
            "",
            f"{payload['date'][:16].replace('T', ' ')} UTC, `{payload['command']}`. "
            f"{b['passages']:,} passages in {b['documents']:,} documents ({b['copies']} copies of the "
            f"real index, vectors with noise; built in {b['build_seconds']:.0f} s"
            f"{' by an earlier run, reused here' if payload.get('reused_index') else ''}). Load average "
            f"before/after the timed pass: {s['load_before']} / {s['load_after']} on "
            f"{payload['machine']['cpu_count']} cores.",
            "",
            "| what | value | target |",
            "|---|---:|---|",
            f"| search p50 (hybrid, k=8, warm) | {s['p50_ms']:.0f} ms | <= 150 ms |",
            f"| search p95 | {s['p95_ms']:.0f} ms | |",
            f"| search p50 with a filter ({s['filter']}) | {s['p50_ms_filtered']:.0f} ms | |",
            f"| e5 query embedding alone (part of every search, whatever the index size), p50 | "
            f"{s['p50_ms_query_embedding']:.0f} ms | |",
            f"| serving process RSS after {s['searches']} searches | {s['rss_mb']:,.0f} MB | <= 3 GB |",
            f"| index load + first search | {s['load_seconds']:.1f} s | |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=150_000)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="build into (or reuse the large index in) this data dir")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # internal: the timing process
    args = parser.parse_args(argv)
    if args.serve:
        print(json.dumps(serve_and_time(args.serve, args.questions)))
        return
    from assistant.core.config import Settings

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        data_dir = args.keep or Path(tmp) / "data"
        reused = bool(args.keep and (data_dir / "index" / "CURRENT").exists())
        if reused:
            build_info = json.loads((data_dir / "build.json").read_text())
        else:
            build_info = build(Settings().data_dir, data_dir, args.passages)
            (data_dir / "build.json").write_text(json.dumps(build_info))
        print(f"[bench] {build_info['passages']} passages; timing searches ...", file=sys.stderr, flush=True)
        command = [sys.executable, "-m", "eval.bench_scale", "--serve", str(data_dir)]
        done = subprocess.run(
            [*command, "--questions", str(args.questions)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    payload = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": f"python -m eval.bench_scale --passages {args.passages} --questions {args.questions}"
        + (f" --keep {args.keep}" if args.keep else ""),
        "reused_index": reused,
        "machine": machine(),
        "build": build_info,
        "search": json.loads(done.stdout.strip().splitlines()[-1]),
    }
    OUT_JSON.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    OUT_MD.write_text(render(payload), encoding="utf-8")
    print(render(payload))


if __name__ == "__main__":
    main()
