"""Replays the findings of the outside security review (issue 13) against `shien serve` from a checkout.

    python bench/review_probe.py [--tree DIR] [--data-dir DIR]

Starts the service from --tree (default: this checkout; another commit through `git worktree add`) on
loopback ports with a throwaway Redis, sends what the reviewers sent, and prints one line per finding
with what the server did. The same script against two commits gives the before and after columns of
docs/reliability.md. Needs redis-server.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx
from served import free_port, served

PROJECT = Path(__file__).resolve().parent.parent
TOKEN = "staff-secret-token"
ORIGIN = "https://www.city.setagaya.example"


def serve(tree: Path, env: dict[str, str], log: Path) -> AbstractContextManager[tuple[str, subprocess.Popen[bytes]]]:
    """`shien serve` from `tree` with `env`; yields its URL and process (stdout and stderr go to `log`)."""
    return served({**os.environ, "PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1", **env}, cwd=tree, log=log)


@contextmanager
def redis() -> Iterator[tuple[str, int]]:
    """A throwaway redis-server: (URL, pid)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        yield f"redis://127.0.0.1:{port}/0", process.pid
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


def report(finding: str, observed: object) -> None:
    """One line of the result."""
    print(f"{finding:<44} {observed}", flush=True)


def probe_limits(base: str) -> None:
    """The limit is 2 per minute here."""
    codes = [httpx.get(f"{base}/measures", params={"q": "融資"}).status_code for _ in range(4)]
    report("/measures?q= (4 requests, limit 2)", codes)
    codes = [
        httpx.post(
            f"{base}/api/ask", json={"question": "融資"}, headers={"x-forwarded-for": f"10.9.9.{i}"}, timeout=30
        ).status_code
        for i in range(4)
    ]
    report("X-Forwarded-For from loopback (4 asks)", codes)
    limited = httpx.post(f"{base}/api/ask", json={"question": "融資"}, headers={"origin": ORIGIN})
    for _ in range(3):
        limited = httpx.post(f"{base}/api/ask", json={"question": "融資"}, headers={"origin": ORIGIN})
    report(
        "429 with an allowed Origin: CORS header",
        (limited.status_code, "access-control-allow-origin" in limited.headers),
    )
    codes = [httpx.post(f"{base}/insights/login", json={"token": f"guess{i}"}).status_code for i in range(8)]
    report("staff sign-in, 8 wrong tokens", codes)


def probe_staff_and_data(base: str) -> None:
    """Staff cookie, CSV, ratings, input, headers, personal data."""
    answer = httpx.post(f"{base}/api/ask", json={"question": "=1+2 融資 電話090-1234-5678"}, timeout=30).json()
    for i in range(20):
        httpx.post(f"{base}/api/feedback", json={"interaction_id": answer["interaction_id"], "helpful": i % 2 == 0})
    bearer = {"authorization": f"Bearer {TOKEN}"}
    rows = list(csv.reader(io.StringIO(httpx.get(f"{base}/insights.csv", headers=bearer).content.decode("utf-8-sig"))))
    mine = [r for r in rows if r and r[0] == answer["interaction_id"]]
    report("CSV cell of the question '=1+2 …'", repr(mine[0][2][:12]))
    report("20 ratings of one answer: rows stored", len(mine))
    report("phone number in the stored question", "090-1234-5678" in mine[0][2])
    with httpx.Client(base_url=base) as browser_like:  # a cookie jar that honours Path, as a browser does
        signed_in = browser_like.post("/insights/login", json={"token": TOKEN})
        cookie = signed_in.headers.get("set-cookie", "")
        report("staff cookie attributes", "; ".join(p.strip() for p in cookie.split(";")[1:]))
        report("signed-in browser: /insights.csv", browser_like.get("/insights.csv").status_code)
        report("POST /insights/logout", browser_like.post("/insights/logout").status_code)
        report("/insights Cache-Control", browser_like.get("/insights").headers.get("cache-control"))
    statuses = []
    for raw in (b'{"question": "\\ud800"}', b'{"question": "a\\u0000b"}'):
        statuses.append(httpx.post(f"{base}/api/ask", content=raw, headers={"content-type": "application/json"}))
    report("lone surrogate / NUL question", [r.status_code for r in statuses])
    non_ascii = httpx.get(f"{base}/insights.csv", headers={b"authorization": "Bearer ü".encode()})
    report("non-ASCII bearer token", non_ascii.status_code)
    docs = httpx.get(f"{base}/docs").text
    report("/docs loads assets from a CDN", "cdn.jsdelivr.net" in docs)
    report("widget.js content type", httpx.get(f"{base}/widget.js").headers["content-type"])


def probe_slow_clients(base: str) -> None:
    """Connections that never finish their headers: still open after 12 s?"""
    port = int(base.rsplit(":", 1)[1])
    slow = []
    for _ in range(100):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        slow.append(s)
    time.sleep(12)
    still_open = 0
    for s in slow:
        s.settimeout(0.2)
        try:
            still_open += s.recv(1) != b""
        except TimeoutError:
            still_open += 1
        except OSError:
            pass
        s.close()
    report("100 trickling connections open after 12 s", still_open)


def search(base: str, i: int) -> httpx.Response:
    """One search, waiting up to a minute."""
    return httpx.get(f"{base}/api/search", params={"q": f"融資 {i}"}, timeout=60)


def probe_redis_pause(base: str, redis_pid: int) -> None:
    """Redis paused (SIGSTOP) while 10 searches run: /healthz latency and the searches' statuses."""
    os.kill(redis_pid, signal.SIGSTOP)
    try:
        with ThreadPoolExecutor(max_workers=11) as pool:
            searches = [pool.submit(search, base, i) for i in range(10)]
            time.sleep(0.2)
            start = time.perf_counter()
            try:
                health = str(httpx.get(f"{base}/healthz", timeout=30).status_code)
            except httpx.HTTPError as exc:
                health = type(exc).__name__
            elapsed = time.perf_counter() - start
            codes = [f.result().status_code for f in searches]
    finally:
        os.kill(redis_pid, signal.SIGCONT)
    report("Redis paused: /healthz", f"{health} in {elapsed * 1000:.0f} ms")
    report("Redis paused: 10 searches", codes)


def main() -> None:
    """Start the service from --tree twice (limit 2, then the defaults with Redis) and replay the findings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=PROJECT)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    tree = args.tree.resolve()
    logs = Path(tempfile.mkdtemp(prefix="shien-probe-"))
    env = {
        "SHIEN_CORPUS_DIR": str(tree / "corpus"),
        "SHIEN_STAFF_TOKEN": TOKEN,
        "SHIEN_EMBED_ORIGINS": ORIGIN,
        "SHIEN_DATABASE_URL": f"sqlite:///{logs / 'fb.sqlite3'}",
    }
    if args.data_dir:
        env["SHIEN_DATA_DIR"] = str(args.data_dir)
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"code: {tree} ({commit.stdout.strip()})")
    with serve(tree, {**env, "SHIEN_RATE_LIMIT_PER_MINUTE": "2"}, logs / "limits.log") as (base, _):
        probe_limits(base)
    with (
        redis() as (redis_url, redis_pid),
        serve(tree, {**env, "SHIEN_REDIS_URL": redis_url}, logs / "main.log") as (
            base,
            _,
        ),
    ):
        probe_staff_and_data(base)
        probe_redis_pause(base, redis_pid)
        probe_slow_clients(base)
    access = [line for line in (logs / "main.log").read_text(errors="replace").splitlines() if '"GET /' in line]
    report("access log has the search text / client IP", ("q=" in "".join(access), "127.0.0.1:" in "".join(access)))


if __name__ == "__main__":
    main()
