"""API load benchmark: `/api/search` and `/api/chat` under concurrent load, and queries during an upload.

A bounded run against a server this script starts itself on 127.0.0.1 (never any other address):

1. The ingested data dir (default `data/`) is copied to a temporary dir, so uploads and conversations
   never touch the real one; `python -m api` is started on it with a free port, the extractive engine
   (HR_LLM_PROVIDER=none, nothing leaves the machine) and the rate limit lifted; we wait for /readyz.
2. Warm-up: a few searches and questions.
3. Per endpoint and per concurrency level (1, 8, 32; asyncio + httpx + a semaphore), a fixed number of
   requests with the gold questions round-robin: throughput, p50/p95/p99 latency, errors (non-2xx or
   exceptions), the server's peak RSS (psutil, sampled during the level) and server CPU per request.
4. A generated PDF (fpdf2, varied Dutch HR text) is uploaded; while its ingest job is 'wachtend' or
   'bezig', searches and questions run continuously at concurrency 4. Reported: requests answered
   during the ingest, their latency and errors, and the job's duration and final status.

Every loop is bounded in requests and seconds; the server is stopped (terminate, then kill) in a
`finally`. Other work on the machine skews the numbers; the load average before and after is reported.

    .venv/bin/python -m eval.bench_api [--data-dir data] [--search-counts 100,400,800]
                                       [--chat-counts 60,200,400] [--levels 1,8,32] [--pages 30]
                                       [--out eval/bench_api.md] [--json eval/bench_api.json]
"""

import argparse
import asyncio
import json
import os
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import psutil
import yaml

from eval.machine import loadavg, machine

REPO_ROOT = Path(__file__).resolve().parent.parent


GOLD = REPO_ROOT / "eval" / "gold" / "questions.yaml"
HOST = "127.0.0.1"  # the only address this benchmark ever talks to
ENDPOINTS = ("search", "chat")
DONE_STATUSES = frozenset({"klaar", "mislukt"})
INGEST_CONCURRENCY = 4
WARM_CHATS = 5
AFTER = "na afloop"  # a request that completed after the ingest job was seen finished
SEED = 20240601


# ---------------------------------------------------------------------------- results


@dataclass
class LevelResult:
    """One endpoint at one concurrency level."""

    phase: str  # "warm-up" (first sight of every question) or "load"
    endpoint: str
    concurrency: int
    planned: int
    sent: int
    errors: int
    seconds: float
    throughput_rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    max_rss_mb: float
    server_cpu_ms_per_request: float | None
    loadavg_1m: float  # at the end of the level
    error_samples: list[str] = field(default_factory=list)


@dataclass
class IngestResult:
    """Queries answered while an upload was being ingested."""

    pdf_pages: int
    pdf_bytes: int
    job_status: str
    job_detail: str
    job_seconds: float | None
    statuses_seen: list[str]
    requests: int  # completed before the job was seen finished
    requests_while_bezig: int  # of those, completed while the job was last seen 'bezig'
    requests_by_endpoint: dict[str, int]
    errors: int  # over every request of the phase, also those completing just after the job
    p50_ms: float | None
    p95_ms: float | None
    max_rss_mb: float
    documents_before: int
    documents_after: int
    error_samples: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    """One request as the client saw it."""

    endpoint: str
    ms: float
    error: str | None  # None when the server answered 2xx


# ---------------------------------------------------------------------------- small helpers


def gold_questions(path: Path = GOLD) -> list[str]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [item["question"] for item in items if item.get("question")]


def parse_counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def percentile(values: list[float], q: int) -> float | None:
    """The q-th percentile (inclusive method); None without values."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def has_index(data_dir: Path) -> bool:
    pointer = data_dir / "index" / "CURRENT"
    return pointer.is_file() and bool(pointer.read_text().strip())


def copy_data_dir(source: Path, target: Path) -> None:
    """Copy the data dir; uploads, jobs and conversations of the run stay in the copy."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock"), ignore_dangling_symlinks=True)


# ---------------------------------------------------------------------------- the server


def server_env(data_dir: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "HR_DATA_DIR": str(data_dir),
            "HR_HOST": HOST,
            "HR_PORT": str(port),
            "HR_RATE_LIMIT": "1000000/minute",
            "HR_LLM_PROVIDER": "none",
            "HR_CHROMA_HOST": "",
            "HR_API_KEY": "",
            "HR_AUTH": "open",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
        }
    )
    return env


def start_server(data_dir: Path, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "api"],
            cwd=REPO_ROOT,
            env=server_env(data_dir, port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def stop_server(process: subprocess.Popen[bytes], timeout: float = 20.0) -> dict[str, Any]:
    """Terminate, then kill after `timeout` seconds; the exit code and whether the kill was needed."""
    killed = False
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            killed = True
            process.wait(timeout)
    return {"exit_code": process.returncode, "killed": killed}


def server_exceptions(log_path: Path, limit: int = 20) -> list[str]:
    """The last exception lines of the server log (the line after each traceback), newest last."""
    try:
        lines = log_path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    found = [line for line in lines if re.match(r"^[\w.]+(Error|Exception|Exit)\b", line)]
    return found[-limit:]


def log_tail(log_path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


async def wait_ready(
    client: httpx.AsyncClient, process: subprocess.Popen[bytes], timeout: float
) -> dict[str, Any]:
    """Poll /readyz until 200; fail when the server exits or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} before it was ready")
        try:
            response = await client.get("/readyz", timeout=5)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.5)
    raise RuntimeError(f"the server was not ready within {timeout:.0f} s")


class ServerMonitor:
    """Samples the server's RSS in the background while in use; also reads its CPU time."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.process = psutil.Process(pid)
        self.interval = interval
        self.max_rss = 0
        self._task: asyncio.Task[None] | None = None

    def sample(self) -> None:
        self.max_rss = max(self.max_rss, self.process.memory_info().rss)

    def cpu_seconds(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    async def _run(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(self.interval)

    async def __aenter__(self) -> "ServerMonitor":
        self.max_rss = 0
        self.sample()
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self.sample()

    @property
    def max_rss_mb(self) -> float:
        return self.max_rss / 1024**2


# ---------------------------------------------------------------------------- requests


def payload(endpoint: str, question: str) -> dict[str, object]:
    return {"query": question, "k": 8} if endpoint == "search" else {"question": question}


async def call(client: httpx.AsyncClient, endpoint: str, question: str) -> Outcome:
    started = time.perf_counter()
    try:
        response = await client.post(f"/api/{endpoint}", json=payload(endpoint, question))
        error = None if response.is_success else f"HTTP {response.status_code}: {response.text[:200]}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:200]
    return Outcome(endpoint, 1000 * (time.perf_counter() - started), error)


async def run_level(
    client: httpx.AsyncClient,
    monitor: ServerMonitor,
    endpoint: str,
    questions: list[str],
    concurrency: int,
    count: int,
    max_seconds: float,
    phase: str = "load",
) -> LevelResult:
    """`count` requests, at most `concurrency` in flight; none is started after `max_seconds`."""
    semaphore = asyncio.Semaphore(concurrency)
    deadline = time.monotonic() + max_seconds
    outcomes: list[Outcome] = []

    async def one(i: int) -> None:
        async with semaphore:
            if time.monotonic() < deadline:
                outcomes.append(await call(client, endpoint, questions[i % len(questions)]))

    cpu_before = monitor.cpu_seconds()
    async with monitor:
        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(count)))
        seconds = time.perf_counter() - started
    cpu = monitor.cpu_seconds() - cpu_before
    latencies = [o.ms for o in outcomes if o.error is None]
    errors = [f"{o.error} (after {o.ms:.0f} ms)" for o in outcomes if o.error is not None]
    return LevelResult(
        phase=phase,
        endpoint=endpoint,
        concurrency=concurrency,
        planned=count,
        sent=len(outcomes),
        errors=len(errors),
        seconds=round(seconds, 3),
        throughput_rps=len(outcomes) / seconds if seconds else 0.0,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        max_rss_mb=monitor.max_rss_mb,
        server_cpu_ms_per_request=1000 * cpu / len(outcomes) if outcomes else None,
        loadavg_1m=loadavg()[0],
        error_samples=errors[:5],
    )


# ---------------------------------------------------------------------------- the upload

_SUBJECTS = [
    "De medewerker",
    "Een ambtenaar in vaste dienst",
    "De leidinggevende",
    "Een tijdelijke kracht",
    "De werkgever",
    "Een stagiair",
    "De ondernemingsraad",
    "Een deeltijder",
    "De afdeling personeelszaken",
    "Een trainee",
]
_VERBS = [
    "heeft recht op",
    "vraagt schriftelijk aan",
    "bespreekt jaarlijks",
    "ontvangt na overleg",
    "regelt in het persoonlijk ontwikkelplan",
    "meldt tijdig",
    "bouwt naar rato op",
    "legt vast in het dossier",
]
_OBJECTS = [
    "extra verlofuren",
    "een thuiswerkvergoeding",
    "een individueel keuzebudget",
    "een periodieke verhoging",
    "studiefaciliteiten",
    "een reiskostenvergoeding",
    "buitengewoon verlof",
    "een eenmalige uitkering",
    "een functioneringsgesprek",
    "een mobiliteitstraject",
    "compensatie voor overwerk",
    "ouderschapsverlof",
]
_CONDITIONS = [
    "zodra het dienstverband langer dan {n} maanden duurt",
    "voor zover de werktijd minimaal {n} uur per week is",
    "binnen {n} werkdagen na de aanvraag",
    "tot een maximum van {n} euro per kalenderjaar",
    "wanneer de functie is ingedeeld in schaal {n}",
    "na afloop van een proeftijd van {n} weken",
    "met een opzegtermijn van {n} dagen",
    "mits de aanvraag uiterlijk op {n} december binnen is",
]
_TOPICS = [
    "Verlof en vakantie",
    "Thuiswerken en reizen",
    "Beloning en toelagen",
    "Opleiding en ontwikkeling",
    "Ziekte en re-integratie",
    "Werktijden en roosters",
    "Mobiliteit en loopbaan",
    "Integriteit en nevenwerk",
]


def dutch_paragraph(rng: Any, sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        condition = rng.choice(_CONDITIONS).format(n=rng.randint(2, 400))
        parts.append(f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, {condition}.")
    return " ".join(parts)


def make_pdf(pages: int, seed: int = SEED) -> tuple[bytes, int]:
    """A PDF of about `pages` pages of varied Dutch HR text; its bytes and its page count."""
    import random

    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title("Benchmarkregeling personeelsbeleid")
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        topic = _TOPICS[(page - 1) % len(_TOPICS)]
        pdf.cell(0, 10, f"Artikel {page}. {topic}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for _ in range(6):
            pdf.multi_cell(0, 5, dutch_paragraph(rng, 5), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output()), pdf.pages_count


async def poll_job(
    client: httpx.AsyncClient, job_id: str, state: dict[str, Any], done: asyncio.Event, max_seconds: float
) -> None:
    """Record the job's status in `state` until it is finished or `max_seconds` pass, then set `done`."""
    deadline = time.monotonic() + max_seconds
    try:
        while time.monotonic() < deadline:
            response = await client.get(f"/api/documents/jobs/{job_id}")
            if response.is_success:
                job = response.json()
                state["status"], state["detail"] = job["status"], job.get("detail", "")
                if job["status"] not in state["seen"]:
                    state["seen"].append(job["status"])
                if job["status"] in DONE_STATUSES:
                    state["finished_at"] = time.perf_counter()
                    return
            await asyncio.sleep(0.2)
        state["status"] = f"{state['status']} (time-out na {max_seconds:.0f} s)"
    finally:
        done.set()


async def query_while(
    client: httpx.AsyncClient,
    questions: list[str],
    state: dict[str, Any],
    done: asyncio.Event,
    max_requests: int,
) -> list[tuple[Outcome, str]]:
    """Searches and questions alternately at INGEST_CONCURRENCY until `done`; each with the job status
    seen when it completed, AFTER for those completing once the job was seen finished."""
    results: list[tuple[Outcome, str]] = []
    counter = iter(range(max_requests))

    async def worker() -> None:
        for i in counter:
            if done.is_set():
                return
            outcome = await call(client, ENDPOINTS[i % 2], questions[i % len(questions)])
            results.append((outcome, AFTER if done.is_set() else state["status"]))

    await asyncio.gather(*(worker() for _ in range(INGEST_CONCURRENCY)))
    return results


async def document_count(client: httpx.AsyncClient) -> int:
    response = await client.get("/readyz")
    return int(response.json().get("documents", -1)) if response.is_success else -1


async def run_ingest_phase(
    client: httpx.AsyncClient,
    monitor: ServerMonitor,
    questions: list[str],
    pages: int,
    max_seconds: float,
    max_requests: int,
) -> IngestResult:
    data, page_count = make_pdf(pages)
    documents_before = await document_count(client)
    state: dict[str, Any] = {"status": "?", "detail": "", "seen": [], "finished_at": None}
    done = asyncio.Event()
    async with monitor:
        started = time.perf_counter()
        files = {"file": ("bench-api-upload.pdf", data, "application/pdf")}
        response = await client.post("/api/documents", files=files)
        if response.status_code != 202:
            raise RuntimeError(f"upload refused: HTTP {response.status_code}: {response.text[:300]}")
        job = response.json()
        state["status"], state["seen"] = job["status"], [job["status"]]
        poller = asyncio.create_task(poll_job(client, job["id"], state, done, max_seconds))
        results = await query_while(client, questions, state, done, max_requests)
        await poller
    finished_at = state["finished_at"]
    outcomes = [o for o, status in results if status != AFTER]
    latencies = [o.ms for o in outcomes if o.error is None]
    # Errors over every request of the phase, the few that completed just after the job included.
    errors = [f"{o.error} (after {o.ms:.0f} ms)" for o, _ in results if o.error is not None]
    return IngestResult(
        pdf_pages=page_count,
        pdf_bytes=len(data),
        job_status=state["status"],
        job_detail=state["detail"],
        job_seconds=round(finished_at - started, 2) if finished_at else None,
        statuses_seen=state["seen"],
        requests=len(outcomes),
        requests_while_bezig=sum(status == "bezig" for _, status in results),
        requests_by_endpoint={e: sum(o.endpoint == e for o in outcomes) for e in ENDPOINTS},
        errors=len(errors),
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        max_rss_mb=monitor.max_rss_mb,
        documents_before=documents_before,
        documents_after=await document_count(client),
        error_samples=errors[:5],
    )


# ---------------------------------------------------------------------------- orchestration


def log(message: str) -> None:
    print(f"[bench-api] {message}", file=sys.stderr, flush=True)


def log_level(level: LevelResult) -> None:
    log(
        f"{level.phase} {level.endpoint} c={level.concurrency}: {level.sent}/{level.planned} in "
        f"{level.seconds:.1f} s, {level.throughput_rps:.1f} req/s, p95 {level.p95_ms or 0:.0f} ms, "
        f"{level.errors} errors"
    )


async def warm_up(
    client: httpx.AsyncClient, monitor: ServerMonitor, questions: list[str], max_seconds: float
) -> list[LevelResult]:
    """Every gold question searched once (the word caches fill: the first sight of a word costs), then
    a few questions asked; measured like a level, reported apart."""
    levels = [
        await run_level(client, monitor, "search", questions, 2, len(questions), max_seconds, "warm-up"),
        await run_level(client, monitor, "chat", questions, 1, WARM_CHATS, max_seconds, "warm-up"),
    ]
    for level in levels:
        log_level(level)
    return levels


async def run_phases(
    args: argparse.Namespace, client: httpx.AsyncClient, pid: int, questions: list[str]
) -> dict[str, Any]:
    monitor = ServerMonitor(pid)
    levels = await warm_up(client, monitor, questions, args.warm_seconds)
    idle_rss_mb = monitor.process.memory_info().rss / 1024**2
    counts = {"search": args.search_counts, "chat": args.chat_counts}
    for endpoint in ENDPOINTS:
        for concurrency, count in zip(args.levels, counts[endpoint], strict=True):
            level = await run_level(
                client, monitor, endpoint, questions, concurrency, count, args.level_seconds
            )
            log_level(level)
            levels.append(level)
    ingest = await run_ingest_phase(
        client, monitor, questions, args.pages, args.ingest_seconds, args.ingest_max_requests
    )
    log(
        f"ingest: job {ingest.job_status} in {ingest.job_seconds} s; {ingest.requests} requests "
        f"during it, {ingest.errors} errors"
    )
    return {
        "idle_rss_mb": idle_rss_mb,
        "levels": levels,
        "ingest": ingest,
    }


async def run_benchmark(args: argparse.Namespace, data_copy: Path, log_path: Path) -> dict[str, Any]:
    port = free_port()
    process = start_server(data_copy, port, log_path)
    log(f"server pid {process.pid} on http://{HOST}:{port}")
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    try:
        async with httpx.AsyncClient(
            base_url=f"http://{HOST}:{port}", timeout=args.request_timeout, limits=limits, trust_env=False
        ) as client:
            started = time.perf_counter()
            ready = await wait_ready(client, process, args.start_seconds)
            startup = time.perf_counter() - started
            log(f"ready after {startup:.1f} s: {ready}")
            results = await run_phases(args, client, process.pid, gold_questions())
            results |= {"startup_seconds": round(startup, 2), "ready": ready}
    except BaseException:
        log("server log (tail):\n" + log_tail(log_path))
        raise
    finally:
        stopped = stop_server(process)
        log(f"server stopped: {stopped}")
        if args.server_log:
            shutil.copyfile(log_path, args.server_log)
    return results | {"server_stop": stopped, "server_exceptions": server_exceptions(log_path)}


# ---------------------------------------------------------------------------- reporting


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def levels_table(levels: list[LevelResult]) -> str:
    header = [
        "phase",
        "endpoint",
        "concurrency",
        "requests",
        "errors",
        "seconds",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "server max RSS MB",
        "server CPU ms/req",
    ]
    rows = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] * 2 + ["---:"] * (len(header) - 2)) + "|",
    ]
    for r in levels:
        sent = str(r.sent) if r.sent == r.planned else f"{r.sent} of {r.planned} (time cap)"
        cpu = "—" if r.server_cpu_ms_per_request is None else f"{r.server_cpu_ms_per_request:.0f}"
        cells = [
            r.phase,
            f"`/api/{r.endpoint}`",
            str(r.concurrency),
            sent,
            str(r.errors),
            f"{r.seconds:.1f}",
            f"{r.throughput_rps:.1f}",
            _ms(r.p50_ms),
            _ms(r.p95_ms),
            _ms(r.p99_ms),
            f"{r.max_rss_mb:.0f}",
            cpu,
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def ingest_table(r: IngestResult) -> str:
    by_endpoint = ", ".join(f"{n} {e}" for e, n in r.requests_by_endpoint.items())
    rows = [
        "| measure | value |",
        "|---|---:|",
        f"| uploaded PDF | {r.pdf_pages} pages, {r.pdf_bytes / 1024:.0f} KB |",
        f"| ingest job: final status | {r.job_status} |",
        f"| ingest job: seconds (upload to status seen final) | {r.job_seconds} |",
        f"| job statuses seen | {' → '.join(r.statuses_seen)} |",
        f"| requests answered during the ingest (c={INGEST_CONCURRENCY}) | {r.requests} ({by_endpoint}) |",
        f"| of which while the job was 'bezig' | {r.requests_while_bezig} |",
        f"| errors | {r.errors} |",
        f"| p50 / p95 ms | {_ms(r.p50_ms)} / {_ms(r.p95_ms)} |",
        f"| server max RSS MB | {r.max_rss_mb:.0f} |",
        f"| documents in the index before → after | {r.documents_before} → {r.documents_after} |",
    ]
    return "\n".join(rows)


def errors_section(levels: list[LevelResult], ingest: IngestResult, exceptions: list[str]) -> list[str]:
    """What went wrong, when anything did: client-side samples per level and the server's exceptions."""
    lines = ["", "## Errors", ""]
    for r in levels:
        if r.errors:
            lines.append(f"- {r.phase} `/api/{r.endpoint}` c={r.concurrency}: {r.errors} errors, e.g.")
            lines += [f"  - `{sample}`" for sample in r.error_samples]
    if ingest.errors:
        lines.append(f"- during the ingest: {ingest.errors} errors, e.g.")
        lines += [f"  - `{sample}`" for sample in ingest.error_samples]
    if exceptions:
        counts = Counter(exceptions)
        listed = "; ".join(f"{n}× `{e}`" for e, n in counts.items())
        lines.append(
            f"- exception lines in the server log (one failure may log its traceback twice): {listed}"
        )
    return lines


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def _joined(values: list[int]) -> str:
    return ",".join(str(v) for v in values)


def reproduce_command(args: argparse.Namespace) -> str:
    command = [".venv/bin/python", "-m", "eval.bench_api", "--data-dir", _shown(args.data_dir)]
    command += ["--levels", _joined(args.levels), "--search-counts", _joined(args.search_counts)]
    command += ["--chat-counts", _joined(args.chat_counts), "--pages", str(args.pages)]
    command += ["--warm-seconds", f"{args.warm_seconds:g}", "--level-seconds", f"{args.level_seconds:g}"]
    command += ["--out", _shown(args.out), "--json", _shown(args.json)]
    return shlex.join(command)


def markdown_report(raw: dict[str, Any]) -> str:
    host = raw["machine"]
    results = raw["results"]
    levels: list[LevelResult] = results["levels"]
    ingest: IngestResult = results["ingest"]
    total_errors = sum(r.errors for r in levels) + ingest.errors
    lines = [
        "# API load benchmark",
        "",
        f"{raw['date']}, {host['platform']}, {host['cpu_count']} CPUs ({host['cpus_usable']} usable), "
        f"{host['memory_gb']} GB RAM, Python {host['python']}. Load average (1, 5, 15 min) before "
        f"{raw['loadavg_before']}, after {raw['loadavg_after']}: other work shared the machine.",
        "",
        f"One `python -m api` process (uvicorn, one worker) on 127.0.0.1 over a copy of "
        f"`{raw['data_dir']}` ({results['ready'].get('documents')} documents, "
        f"{results['ready'].get('chunks')} chunks), extractive engine, rate limit lifted; ready "
        f"{results['startup_seconds']} s after start. Client: httpx.AsyncClient on the same machine, "
        "gold questions round-robin. Warm-up first: every gold question searched once at concurrency 2 "
        "(the server's word caches start empty, so this is the cost of questions with unseen words), "
        f"then {WARM_CHATS} questions asked; server RSS after warm-up {results['idle_rss_mb']:.0f} MB.",
        "",
        levels_table(levels),
        "",
        "## Queries while an upload is ingested",
        "",
        ingest_table(ingest),
        "",
        f"- Errors in total: {total_errors} (target 0). Whole run {raw['total_seconds']} s; the server "
        f"stopped on SIGTERM: {results['server_stop']}.",
        "- Latency is the client's wall time per request (ms); p50/p95/p99 over successful requests. "
        "req/s counts all requests sent in the level over its wall time. Server RSS is the maximum over "
        "samples every 0.2 s during the level; server CPU ms/req is the server process's CPU time "
        "(all threads) over the level divided by its requests.",
        "- Every `/api/chat` call here starts a new conversation, so each one also writes a conversation "
        "and a turn to SQLite (`conversations.sqlite` in the data-dir copy); `/api/search` writes nothing.",
        "- Client and server share the same CPUs; with 2 cores, concurrency above 2 queues work, so "
        "latency grows with concurrency while throughput stays about flat.",
        f"- Reproduce: `{raw['command']}`",
    ]
    if total_errors or results["server_exceptions"]:
        lines += errors_section(levels, ingest, results["server_exceptions"])
    return "\n".join(lines) + "\n"


def to_json(raw: dict[str, Any]) -> str:
    def default(value: object) -> object:
        if hasattr(value, "__dataclass_fields__"):
            return asdict(value)  # type: ignore[arg-type]
        return str(value)

    return json.dumps(raw, indent=1, ensure_ascii=False, default=default) + "\n"


# ---------------------------------------------------------------------------- entry point


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add = parser.add_argument
    add("--data-dir", type=Path, default=REPO_ROOT / "data", help="ingested data dir to copy")
    add("--levels", type=parse_counts, default=[1, 8, 32], help="concurrency levels")
    add("--search-counts", type=parse_counts, default=[100, 400, 800], help="search requests per level")
    add("--chat-counts", type=parse_counts, default=[60, 200, 400], help="chat requests per level")
    add("--warm-seconds", type=float, default=120.0, help="no warm-up request is started after this")
    add("--level-seconds", type=float, default=50.0, help="no request is started after this per level")
    add("--pages", type=int, default=30, help="pages of the uploaded PDF")
    add("--ingest-seconds", type=float, default=120.0, help="longest wait for the ingest job")
    add("--ingest-max-requests", type=int, default=3000, help="most requests during the ingest")
    add("--request-timeout", type=float, default=120.0, help="client timeout per request, seconds")
    add("--start-seconds", type=float, default=120.0, help="longest wait for /readyz")
    add("--server-log", type=Path, help="keep the server's log here (default: discarded)")
    add("--out", type=Path, default=REPO_ROOT / "eval" / "bench_api.md", help="markdown to write")
    add("--json", type=Path, default=REPO_ROOT / "eval" / "bench_api.json", help="raw numbers to write")
    args = parser.parse_args(argv)
    for name in ("search_counts", "chat_counts"):
        if len(getattr(args, name)) != len(args.levels):
            parser.error(f"--{name.replace('_', '-')} needs one count per level in --levels")
    if min(args.levels) < 1 or args.pages < 1:
        parser.error("levels and pages must be at least 1")
    return args


def run(args: argparse.Namespace, work: Callable[[Path, Path], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        data_copy, log_path = Path(tmp) / "data", Path(tmp) / "server.log"
        copy_data_dir(args.data_dir, data_copy)
        return asyncio.run(work(data_copy, log_path))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not has_index(args.data_dir):
        print(f"No index in {args.data_dir}: run `make ingest` first.", file=sys.stderr)
        return 2
    raw: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": reproduce_command(args),
        "data_dir": _shown(args.data_dir),
        "settings": {k: v for k, v in vars(args).items() if k not in ("out", "json", "data_dir")},
        "loadavg_before": loadavg(),
    }
    started = time.perf_counter()
    raw["results"] = run(args, lambda data, log_path: run_benchmark(args, data, log_path))
    raw["loadavg_after"] = loadavg()
    raw["total_seconds"] = round(time.perf_counter() - started, 1)
    report = markdown_report(raw)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(to_json(raw), encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
