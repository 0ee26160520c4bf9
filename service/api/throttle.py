"""Rate limits and concurrency caps: who may do how much work, and how much work runs at once.

One policy for every route that costs real work: answers, searches (the API and the staff catalogue's
`?q=`), ratings and staff sign-in. Counting uses the `limits` library (moving one-minute window) in Redis
when configured, so every worker and replica shares one limit. Redis is never allowed to stall the
service: each call is awaited with a short timeout; on a timeout or error the limiter falls back to a
per-process window in memory for a few seconds, logs it, shows it in /readyz, and tries Redis again.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.security import json_error
from service.settings import Settings

log = logging.getLogger(__name__)

RETRY_REDIS_AFTER_S = 5.0  # after a Redis failure, count in memory this long before trying Redis again
MAX_MEMORY_KEYS = 50_000  # clients counted in memory at once; beyond, the oldest windows are dropped
HEAVY_GROUPS = frozenset({"ask", "search"})


def route_group(scope: Scope) -> str | None:
    """The limit group of a request, or None for routes that are not limited.

    `/measures?q=` runs the same search as `/api/search`, so it counts against the same group.
    """
    if scope["type"] != "http":
        return None
    path, method = scope.get("path", ""), scope.get("method", "")
    if method == "POST" and path == "/api/ask":
        return "ask"
    if method == "GET" and path == "/api/search":
        return "search"
    if method == "GET" and path == "/measures":
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        return "search" if any(v.strip() for v in query.get("q", [])) else None
    if method == "POST" and path == "/api/feedback":
        return "feedback"
    if method == "POST" and path == "/insights/login":
        return "signin"
    return None


def client_key(scope: Scope) -> str:
    """A fixed-size key for the client: its address (an IPv6 client by its /64), hashed.

    The address is the one the server saw, or the forwarded one when the peer is a trusted proxy
    (see SHIEN_TRUSTED_PROXIES); hashing bounds the key's size whatever string arrives.
    """
    host = str((scope.get("client") or ("unknown", 0))[0])
    try:
        address = ipaddress.ip_address(host)
        if address.version == 6:
            host = str(ipaddress.ip_network(f"{address}/64", strict=False))
    except ValueError:
        pass
    return hashlib.sha256(host.encode("utf-8", "replace")).hexdigest()[:24]


def redis_uri(url: str) -> str:
    """The `limits` storage URI for a redis:// or rediss:// URL."""
    return url if url.startswith("async+") else f"async+{url}"


@dataclass
class LimiterStatus:
    """Where limits are counted now, for /readyz."""

    store: str  # "redis" | "memory"
    degraded: bool
    detail: str = ""


class Limiter:
    """Moving one-minute windows per (group, client): in Redis when configured, else (or meanwhile) in memory."""

    def __init__(self, settings: Settings) -> None:
        self.items: dict[str, RateLimitItem] = {
            group: RateLimitItemPerMinute(settings.rate_limit_per_minute, namespace=f"shien-{group}")
            for group in ("ask", "search", "feedback")
        }
        self.items["signin"] = RateLimitItemPerMinute(settings.signin_limit_per_minute, namespace="shien-signin")
        self.timeout_s = settings.redis_timeout_s
        self._memory = MemoryStorage()
        self._memory_limiter = MovingWindowRateLimiter(self._memory)
        self._memory_loop: asyncio.AbstractEventLoop | None = None
        self._redis_limiter: MovingWindowRateLimiter | None = None
        if settings.redis_url:
            storage = RedisStorage(
                redis_uri(settings.redis_url),
                implementation="redispy",
                socket_timeout=settings.redis_timeout_s,
                socket_connect_timeout=settings.redis_timeout_s,
                max_connections=64,
            )
            self._redis_limiter = MovingWindowRateLimiter(storage)
        self._redis_down_until = 0.0
        self._redis_problem = ""

    def status(self) -> LimiterStatus:
        """Where the limits are counted now."""
        if self._redis_limiter is None:
            return LimiterStatus("memory", degraded=False)
        if self._redis_problem:
            return LimiterStatus("memory", degraded=True, detail=f"Redis unavailable: {self._redis_problem}")
        return LimiterStatus("redis", degraded=False)

    def limit(self, group: str) -> int:
        """Requests a client may make per minute in `group`."""
        return self.items[group].amount

    async def hit(self, group: str, client: str) -> float | None:
        """Count a request; None when allowed, else the seconds until the client may retry."""
        item = self.items[group]
        if self._redis_limiter is not None and time.monotonic() >= self._redis_down_until:
            try:
                retry = await asyncio.wait_for(self._hit(self._redis_limiter, item, client), self.timeout_s * 2)
            except Exception as exc:  # any Redis failure: keep answering, counted in memory meanwhile
                self._redis_down_until = time.monotonic() + RETRY_REDIS_AFTER_S
                if not self._redis_problem:
                    log.warning("rate limits fall back to memory: Redis %s", type(exc).__name__)
                self._redis_problem = type(exc).__name__
            else:
                if self._redis_problem:
                    log.warning("rate limits back in Redis")
                    self._redis_problem = ""
                return retry
        self._bind_memory_to_running_loop()
        if len(self._memory.events) > MAX_MEMORY_KEYS:
            # A flood of distinct clients: forget every window rather than grow without bound.
            log.warning("rate-limit memory held %d clients; reset", len(self._memory.events))
            await self._memory.reset()
        return await self._hit(self._memory_limiter, item, client)

    def _bind_memory_to_running_loop(self) -> None:
        """A fresh memory window when the event loop changes.

        The memory storage's asyncio locks and its expiry task belong to one loop; a server runs one, but test
        clients run one loop each, and a lock held by another loop's expiry task raised "bound to a different
        event loop" (a 500).
        """
        loop = asyncio.get_running_loop()
        if self._memory_loop is not loop:
            if self._memory_loop is not None:
                self._memory = MemoryStorage()
                self._memory_limiter = MovingWindowRateLimiter(self._memory)
            self._memory_loop = loop

    @staticmethod
    async def _hit(limiter: MovingWindowRateLimiter, item: RateLimitItem, client: str) -> float | None:
        if await limiter.hit(item, client):
            return None
        stats = await limiter.get_window_stats(item, client)
        return max(1.0, stats.reset_time - time.time())


class RateLimit:
    """429 with `Retry-After` once a client has used its share of a route group this minute."""

    def __init__(self, app: ASGIApp, limiter: Limiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        group = route_group(scope)
        if group is not None:
            retry_after = await self.limiter.hit(group, client_key(scope))
            if retry_after is not None:
                seconds = math.ceil(retry_after)
                message = f"too many requests; at most {self.limiter.limit(group)} per minute. Retry after {seconds} s"
                for m in json_error(429, message, [(b"retry-after", str(seconds).encode())]):
                    await send(m)
                return
        await self.app(scope, receive, send)


class ConcurrencyCap:
    """At most `limit` answers and searches at once; a request that finds no slot within `wait_s` gets a 503.

    Without it a burst queues without bound in the shared thread pool, and every other route waits behind it.
    The slot is held until the response is fully sent, streamed answers included.
    """

    def __init__(self, app: ASGIApp, limit: int, wait_s: float) -> None:
        self.app = app
        self.limit = limit
        self.wait_s = wait_s
        self._semaphore: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _slots(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._semaphore is None or self._loop is not loop:  # test clients run one loop each
            self._semaphore, self._loop = asyncio.Semaphore(self.limit), loop
        return self._semaphore

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if route_group(scope) not in HEAVY_GROUPS:
            await self.app(scope, receive, send)
            return
        slots = self._slots()
        try:
            if slots.locked():
                await asyncio.wait_for(slots.acquire(), self.wait_s)
            else:
                await slots.acquire()  # a free slot: taken without suspending
        except TimeoutError:
            retry = max(1, math.ceil(self.wait_s))
            message = f"the service is busy; retry after {retry} s"
            for m in json_error(503, message, [(b"retry-after", str(retry).encode())]):
                await send(m)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()
