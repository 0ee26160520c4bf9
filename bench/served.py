"""Run `shien serve` in a process of its own for a benchmark, and stop it afterwards."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(
    env: dict[str, str], serve_args: tuple[str, ...] = (), cwd: Path | None = None, log: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`shien serve` with `env` (and extra `serve_args`), from `cwd`; yields its URL and process once `/readyz`
    answers 200. Output goes to `log` when given, else nowhere; the whole process group is stopped at the end."""
    port = free_port()
    out = log.open("wb") if log else None
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), *serve_args],
        cwd=cwd,
        env=env,
        stdout=out or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if out else subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("the service did not become ready" + (f"; see {log}" if log else ""))
        yield base, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if out:
            out.close()
