"""Real servers for the tests, started on free loopback ports: Redis, PostgreSQL, a Chroma server.

Locally a missing binary skips its tests with a message; in CI (CI=true) it fails them,
since .ci/run installs them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from ingest.index import open_client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require(binary: str | None, what: str) -> str:
    """The binary's path, or skip (locally) / fail (in CI)."""
    if binary and Path(binary).exists():
        return binary
    message = f"{what} is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; .ci/run must install it", pytrace=False)
    pytest.skip(message)


def _wait_port(port: int, process: subprocess.Popen[bytes], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway redis-server; yields its URL."""
    binary = require(shutil.which("redis-server"), "redis-server (Debian package redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_port(port, process, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(process)


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster owned by the postgres user; yields a SQLAlchemy URL."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = require(found[-1] if found else None, "PostgreSQL (Debian package postgresql)")
    bin_dir = Path(initdb).parent
    # pytest's temporary directories are private to root; the postgres user needs its own.
    tmp = Path(tempfile.mkdtemp(prefix="shien-pg-"))
    tmp.chmod(0o755)
    data = tmp / "pgdata"
    sockets = tmp / "pgsock"
    data.mkdir()
    sockets.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(tmp, "postgres")
        shutil.chown(data, "postgres")
        shutil.chown(sockets, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_postgres, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [*as_postgres, str(bin_dir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(sockets),
         "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_port(port, process, "postgres")
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        yield create_database(url, "shien")
    finally:
        # Straight to the postmaster (runuser would turn any signal into SIGTERM, then SIGKILL two seconds later):
        # SIGINT is PostgreSQL's fast shutdown, where SIGTERM waits for every client to leave.
        with contextlib.suppress(OSError, ValueError, subprocess.TimeoutExpired):
            os.kill(int((data / "postmaster.pid").read_text().split()[0]), signal.SIGINT)
            process.wait(timeout=20)
        _stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """A new, empty database on the PostgreSQL server of `server_url`; its SQLAlchemy URL."""
    import psycopg

    base = server_url.rsplit("/", 1)[0]
    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://") + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a name of our own, not input
    return f"{base}/{name}"


@contextmanager
def chroma_server(tmp: Path) -> Iterator[str]:
    """`chroma run` from the chromadb package; yields its URL."""
    binary = require(shutil.which("chroma") or str(Path(sys.executable).parent / "chroma"), "the chroma command")
    port = free_port()
    process = subprocess.Popen(
        [binary, "run", "--path", str(tmp / "chroma-server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_port(port, process, "chroma")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        _stop(process)


def wipe_chroma(url: str) -> None:
    """Delete every collection on a Chroma server, so the next test starts from an empty one."""
    client = open_client(Path("."), url)
    for collection in client.list_collections():
        client.delete_collection(collection.name)


@contextmanager
def live_app(app: Any, settings: Any) -> Iterator[str]:
    """Serve an app object with the service's own uvicorn config (header timeout, no proxy trust) in a thread."""
    import threading

    import uvicorn

    from service.api.server import server_config

    port = free_port()
    config = server_config(settings, app=app, port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def shien_serve(env: dict[str, str], log: Path, *args: str, ready_within_s: float = 120) -> Iterator[str]:
    """`shien serve ARGS` in a process group of its own, as a deployment runs it; yields its base URL once /readyz
    answers 200. Its output goes to `log`, printed when the test ends (pytest shows it when the test fails)."""
    port = free_port()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--port", str(port), *args],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within_s
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            if server.poll() is not None:
                pytest.fail(f"`shien serve {' '.join(args)}` exited with {server.returncode}")
            time.sleep(0.5)
        else:
            pytest.fail(f"`shien serve {' '.join(args)}` was not ready within {ready_within_s:.0f} s")
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        print(log.read_text(errors="replace")[-6000:])
