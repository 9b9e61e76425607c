"""Accounts load benchmark: 32 clients signed in as 8 different users, asking, searching and listing
their conversations while an upload ingests. Reports errors, latency percentiles, and whether any client
ever saw a conversation of another user.

Like eval/bench_api.py it starts `python -m api` itself on 127.0.0.1 over a copy of the ingested data
dir (nothing of the real one changes), with built-in accounts on (HR_AUTH=accounts), the extractive
engine and the rate limit lifted. Eight recruiters and one beheerder are made in the copy; each client
signs in through /api/auth/login and sends its session's CSRF token. The beheerder uploads a generated
PDF; the clients keep working until the ingest job is finished and at least `--min-seconds` have passed
(at most `--max-seconds`).

    .venv/bin/python eval/bench_accounts.py [--data-dir data] [--clients 32] [--users 8] [--pages 30]
        [--min-seconds 30] [--max-seconds 240] [--out eval/bench_accounts.md]
"""

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

from api.accounts import AccountStore
from assistant.core.config import PROJECT_ROOT
from eval.bench_api import (
    DONE_STATUSES,
    HOST,
    ServerMonitor,
    copy_data_dir,
    free_port,
    gold_questions,
    has_index,
    make_pdf,
    percentile,
    server_env,
    stop_server,
    wait_ready,
)
from eval.machine import loadavg, machine

PASSWORD = "bench-wachtwoord-{}"
ADMIN = "bench-beheer"


def make_accounts(data_dir: Path, users: int) -> list[str]:
    store = AccountStore(data_dir / "accounts.sqlite")
    names = [f"recruiter{i}" for i in range(1, users + 1)]
    for name in names:
        store.add(name, PASSWORD.format(name), "recruiter")
    store.add(ADMIN, PASSWORD.format(ADMIN), "beheerder")
    return names


async def sign_in(base_url: str, name: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base_url, timeout=120)
    response = await client.post("/api/auth/login", json={"name": name, "password": PASSWORD.format(name)})
    response.raise_for_status()
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


async def client_loop(
    client: httpx.AsyncClient, user: str, questions: list[str], offset: int, stop: asyncio.Event, record: dict
) -> None:
    """Ask (in the client's own conversation), search and list conversations, round-robin, until `stop`."""
    conversation_id: str | None = None
    i = offset
    while not stop.is_set():
        question = questions[i % len(questions)]
        for endpoint, method, path, body in (
            ("chat", "POST", "/api/chat", {"question": question, "conversation_id": conversation_id}),
            ("search", "POST", "/api/search", {"query": question, "k": 8}),
            ("conversations", "GET", "/api/conversations", None),
        ):
            started = time.perf_counter()
            try:
                response = await client.request(method, path, json=body)
                error = (
                    None
                    if response.is_success
                    else f"{endpoint}: HTTP {response.status_code}: {response.text[:120]}"
                )
            except httpx.HTTPError as exc:
                response, error = None, f"{endpoint}: {type(exc).__name__}: {exc}"[:160]
            record["latency"][endpoint].append(1000 * (time.perf_counter() - started))
            if error:
                record["errors"][error] += 1
                continue
            if endpoint == "chat":
                conversation_id = response.json().get("conversation_id")
                record["owned"][user].add(conversation_id)
            elif endpoint == "conversations":
                record["listed"][user].update(c["id"] for c in response.json())
        i += 1


async def upload(base_url: str, pages: int, state: dict, max_seconds: float) -> None:
    admin = await sign_in(base_url, ADMIN)
    try:
        data, state["pages"] = make_pdf(pages)
        started = time.perf_counter()
        files = {"file": ("bench-accounts.pdf", data, "application/pdf")}
        response = await admin.post("/api/documents", files=files)
        response.raise_for_status()
        job_id = response.json()["id"]
        while time.perf_counter() - started < max_seconds:
            job = (await admin.get(f"/api/documents/jobs/{job_id}")).json()
            state["status"] = job["status"]
            if job["status"] in DONE_STATUSES:
                break
            await asyncio.sleep(0.5)
        state["seconds"] = round(time.perf_counter() - started, 1)
    finally:
        await admin.aclose()


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "requests": len(values),
        "p50_ms": round(percentile(values, 50) or 0, 1),
        "p95_ms": round(percentile(values, 95) or 0, 1),
        "p99_ms": round(percentile(values, 99) or 0, 1),
    }


async def run(args: argparse.Namespace, data_copy: Path, log_path: Path) -> dict[str, Any]:
    users = make_accounts(data_copy, args.users)
    port = free_port()
    base_url = f"http://{HOST}:{port}"
    env = {**server_env(data_copy, port), "HR_AUTH": "accounts"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "api"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log
        )
    try:
        async with httpx.AsyncClient(base_url=base_url) as probe:
            await wait_ready(probe, process, timeout=300)
        questions = gold_questions()
        clients = [await sign_in(base_url, users[i % len(users)]) for i in range(args.clients)]
        record: dict[str, Any] = {
            "latency": defaultdict(list),
            "errors": Counter(),
            "owned": defaultdict(set),
            "listed": defaultdict(set),
        }
        # Warm the model and the keyword index so the first measured answers are not cold starts.
        warm = await clients[0].post("/api/chat", json={"question": questions[0]})
        record["owned"][users[0]].add(warm.json()["conversation_id"])
        stop = asyncio.Event()
        ingest: dict[str, Any] = {"status": "wachtend"}
        load_before = loadavg()
        started = time.perf_counter()
        async with ServerMonitor(process.pid) as monitor:
            workers = [
                asyncio.create_task(client_loop(c, users[i % len(users)], questions, i, stop, record))
                for i, c in enumerate(clients)
            ]
            uploading = asyncio.create_task(upload(base_url, args.pages, ingest, args.max_seconds))
            while time.perf_counter() - started < args.max_seconds:
                await asyncio.sleep(1)
                done = uploading.done()
                if done and time.perf_counter() - started >= args.min_seconds:
                    break
            stop.set()
            await asyncio.gather(*workers, uploading)
        seconds = time.perf_counter() - started
        for client in clients:
            await client.aclose()
        # Privacy under load: a user's list may only hold conversations that user started.
        owner_of = {cid: user for user, ids in record["owned"].items() for cid in ids}
        foreign = sum(1 for user, ids in record["listed"].items() for cid in ids if owner_of.get(cid) != user)
        every = [v for values in record["latency"].values() for v in values]
        return {
            "machine": machine(),
            "loadavg_before": load_before,
            "loadavg_after": loadavg(),
            "clients": args.clients,
            "users": len(users),
            "seconds": round(seconds, 1),
            "requests": len(every),
            "throughput_rps": round(len(every) / seconds, 1),
            "errors": sum(record["errors"].values()),
            "error_kinds": dict(record["errors"].most_common(5)),
            "foreign_conversations_seen": foreign,
            "all": summary(every),
            "by_endpoint": {name: summary(values) for name, values in sorted(record["latency"].items())},
            "ingest": ingest,
            "server_max_rss_mb": round(monitor.max_rss_mb),
        }
    finally:
        stop_server(process)


def report(result: dict[str, Any]) -> str:
    lines = [
        "# Accounts load benchmark",
        "",
        f"{result['clients']} clients signed in as {result['users']} recruiters for {result['seconds']} s"
        f" while a {result['ingest'].get('pages')}-page PDF was uploaded by a beheerder "
        f"(ingest {result['ingest'].get('status')} after {result['ingest'].get('seconds')} s).",
        "",
        f"- requests: {result['requests']} ({result['throughput_rps']}/s); errors: {result['errors']}"
        f" {result['error_kinds'] or ''}",
        f"- conversations of another user seen in a list: {result['foreign_conversations_seen']}",
        f"- server peak RSS: {result['server_max_rss_mb']} MB; load average before/after:"
        f" {result['loadavg_before']} / {result['loadavg_after']}",
        "",
        "| endpoint | requests | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
    ]
    for name, row in [*result["by_endpoint"].items(), ("all", result["all"])]:
        lines.append(f"| {name} | {row['requests']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} |")
    lines += ["", f"Machine: {json.dumps(result['machine'])}", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / "data")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--min-seconds", type=float, default=30)
    parser.add_argument("--max-seconds", type=float, default=240)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "eval" / "bench_accounts.md")
    args = parser.parse_args(argv)
    if not has_index(args.data_dir):
        print(f"Geen index in {args.data_dir}: draai eerst `make ingest`.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-accounts-") as tmp:
        data_copy = Path(tmp) / "data"
        copy_data_dir(args.data_dir, data_copy)
        for leftover in ("accounts.sqlite", "audit.sqlite", "conversations.sqlite"):
            (data_copy / leftover).unlink(missing_ok=True)
        result = asyncio.run(run(args, data_copy, Path(tmp) / "server.log"))
    text = report(result)
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(text)
    return 0 if result["errors"] == 0 and result["foreign_conversations_seen"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
