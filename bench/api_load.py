"""Bounded load on the HTTP API, loopback only: latency and throughput of /api/ask (and /api/search).

    python bench/api_load.py [--concurrency 1,8] [--workers 1] [--requests 80] [--time-limit 120]

Starts `shien serve` on a free 127.0.0.1 port (index in SHIEN_DATA_DIR, built first if missing),
sends a fixed number of requests from the question set at each concurrency, and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from served import served

from service.evaluation.metrics import percentile

PROJECT = Path(__file__).resolve().parent.parent


def _rss_mb(pid: int) -> list[float]:
    """Resident memory in MB of a process and then of each of its children (uvicorn workers)."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(c) for c in children.read_text().split()]
    sizes = []
    for p in pids:
        status = Path(f"/proc/{p}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
    return sizes


def run(route: str, questions: list[str], concurrency: int, requests: int, base: str, limit: float) -> dict[str, float]:
    """Send `requests` requests at `concurrency`; return latency figures and the error count."""
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + limit

    def one(i: int) -> None:
        nonlocal errors
        if time.monotonic() > deadline:
            return
        question = questions[i % len(questions)]
        start = time.perf_counter()
        try:
            with httpx.Client(timeout=30) as client:
                if route == "ask":
                    response = client.post(f"{base}/api/ask", json={"question": question})
                else:
                    response = client.get(f"{base}/api/search", params={"q": question})
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        latencies.append((time.perf_counter() - start) * 1000)
        if not ok:
            errors += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(requests)))
    elapsed = time.perf_counter() - start
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
    }


def main() -> None:
    """Start the service, load it, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--workers", default="1")
    parser.add_argument("--requests", type=int, default=80)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--routes", default="ask,search")
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"]
        for line in (PROJECT / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    header = ("workers", "route", "conc", "n", "err", "req/s", "p50 ms", "p95 ms", "p99 ms")
    widths = (7, 6, 4, 4, 4, 7, 8, 8, 8)
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, widths, strict=True)))
    for workers in (int(w) for w in args.workers.split(",")):
        env = {**os.environ, "SHIEN_RATE_LIMIT_PER_MINUTE": "1000000", "OMP_NUM_THREADS": "1"}
        with served(env, ("--workers", str(workers))) as (base, server):
            for route in args.routes.split(","):
                run(route, questions[:5], 1, 5, base, 30)  # warm-up: models and caches loaded
                for concurrency in (int(c) for c in args.concurrency.split(",")):
                    r = run(route, questions, concurrency, args.requests, base, args.time_limit)
                    print(
                        f"{workers:>7} {route:>6} {concurrency:>4} {r['requests']:>4.0f} {r['errors']:>4.0f} "
                        f"{r['rps']:>7.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f}"
                    )
            sizes = _rss_mb(server.pid)
            parts = ", ".join(f"{m:.0f}" for m in sizes[1:]) if len(sizes) > 1 else f"{sizes[0]:.0f}"
            label = "workers" if len(sizes) > 1 else "process"
            print(f"{workers:>7} memory: {label} {parts} MB; supervisor {sizes[0]:.0f} MB")


if __name__ == "__main__":
    main()
