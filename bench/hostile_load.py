"""Liveness and answers under hostile catalogue searches, loopback only.

    python bench/hostile_load.py [--tree DIR] [--asks 80] [--hostile 100] [--data-dir DIR]

Starts `shien serve` from the checkout in --tree (default: this one) on a free 127.0.0.1 port with the
default limits, behind a pretend reverse proxy: every request carries X-Forwarded-For, and
SHIEN_TRUSTED_PROXIES=127.0.0.1 (uvicorn trusted loopback by default before it was a setting, so both old
and new code see the same client addresses). Then:

1. baseline: /api/ask at concurrency 8 from 40 clients, alone;
2. attack: 100 /measures?q= requests with a long query, all at once, from one client, while the same
   asks run and /healthz is polled every 20 ms (timeout 60 s).

Prints ask p50/p95, /healthz p50/p99/max and failures, the attack's status codes, and the server's RSS.
Run it against a checkout of an older commit (git worktree add) to compare before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from served import served

from service.evaluation.metrics import percentile

PROJECT = Path(__file__).resolve().parent.parent
HOSTILE_QUERY = "支援 融資 創業 商店街 事業承継 " * 20  # long, but within the 500-character cap


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def asks(base: str, questions: list[str], count: int, concurrency: int) -> tuple[list[float], Counter[int]]:
    """`count` asks at `concurrency`, each from one of 40 clients: (latencies of 200s in ms, status counts)."""
    latencies: list[float] = []
    codes: Counter[int] = Counter()

    def one(i: int) -> None:
        start = time.perf_counter()
        try:
            with httpx.Client(timeout=120) as client:
                response = client.post(
                    f"{base}/api/ask",
                    json={"question": questions[i % len(questions)]},
                    headers={"x-forwarded-for": f"198.51.100.{i % 40 + 1}"},
                )
            codes[response.status_code] += 1
            if response.status_code == 200:
                latencies.append((time.perf_counter() - start) * 1000)
        except httpx.HTTPError:
            codes[0] += 1

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(count)))
    return latencies, codes


def hostile(base: str, count: int) -> Counter[int]:
    """`count` catalogue searches at once from one client; status counts (0: no response within 120 s)."""
    codes: Counter[int] = Counter()

    def one(i: int) -> None:
        try:
            with httpx.Client(timeout=120) as client:
                response = client.get(
                    f"{base}/measures",
                    params={"q": f"{i} {HOSTILE_QUERY}"},
                    headers={"x-forwarded-for": "203.0.113.66"},
                )
            codes[response.status_code] += 1
        except httpx.HTTPError:
            codes[0] += 1

    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(one, range(count)))
    return codes


def poll_health(base: str, stop: threading.Event) -> tuple[list[float], int]:
    """/healthz every 20 ms until `stop`: (latencies in ms, failures); a timeout counts as 60,000 ms."""
    latencies: list[float] = []
    failures = 0
    with httpx.Client(timeout=60) as client:
        while not stop.is_set():
            start = time.perf_counter()
            try:
                ok = client.get(f"{base}/healthz").status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - start) * 1000)
            failures += not ok
            time.sleep(0.02)
    return latencies, failures


def main() -> None:
    """Start the service from --tree, run the baseline and the attack, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=PROJECT, help="checkout whose code the server runs")
    parser.add_argument("--asks", type=int, default=80)
    parser.add_argument("--hostile", type=int, default=100)
    parser.add_argument("--data-dir", type=Path, default=None, help="index directory (SHIEN_DATA_DIR)")
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"]
        for line in (PROJECT / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    tree = args.tree.resolve()
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "OMP_NUM_THREADS": "1",
        "SHIEN_TRUSTED_PROXIES": "127.0.0.1",
        "SHIEN_CORPUS_DIR": str(tree / "corpus"),
    }
    if args.data_dir:
        env["SHIEN_DATA_DIR"] = str(args.data_dir)
    with served(env, cwd=tree) as (base, server):
        asks(base, questions[:5], 5, 1)  # warm-up
        print(f"code: {tree} ({commit.stdout.strip()})")
        rss_before = _rss_mb(server.pid)
        latencies, codes = asks(base, questions, args.asks, 8)
        print(
            f"baseline   ask conc 8: n={sum(codes.values())} codes={dict(codes)} "
            f"p50 {percentile(latencies, 50):.0f} ms p95 {percentile(latencies, 95):.0f} ms"
        )
        stop = threading.Event()
        health: list[tuple[list[float], int]] = []
        poller = threading.Thread(target=lambda: health.append(poll_health(base, stop)))
        poller.start()
        attack_codes: list[Counter[int]] = []
        attacker = threading.Thread(target=lambda: attack_codes.append(hostile(base, args.hostile)))
        start = time.perf_counter()
        attacker.start()
        time.sleep(0.5)  # the attack is under way before the asks start
        latencies, codes = asks(base, questions, args.asks, 8)
        attacker.join()
        attack_s = time.perf_counter() - start
        stop.set()
        poller.join()
        health_ms, failures = health[0]
        print(
            f"under attack ask conc 8: n={sum(codes.values())} codes={dict(codes)} "
            f"p50 {percentile(latencies, 50):.0f} ms p95 {percentile(latencies, 95):.0f} ms"
        )
        print(
            f"under attack /healthz: n={len(health_ms)} failures={failures} p50 {percentile(health_ms, 50):.0f} ms "
            f"p99 {percentile(health_ms, 99):.0f} ms max {max(health_ms):.0f} ms"
        )
        print(f"attack: {args.hostile} × /measures?q= codes={dict(attack_codes[0])} over {attack_s:.1f} s")
        print(f"server RSS: {rss_before:.0f} MB before, {_rss_mb(server.pid):.0f} MB after")


if __name__ == "__main__":
    main()
