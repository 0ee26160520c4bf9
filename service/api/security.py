"""Security by default: CSP and other headers, a request body cap, per-client rate limits."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, MutableMapping
from typing import ClassVar, Protocol

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

EMBED_PATH = "/embed"


def content_security_policy(frame_ancestors: list[str]) -> str:
    """A strict CSP: own scripts and styles only, no inline code, framing as configured."""
    ancestors = " ".join(["'self'", *frame_ancestors])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {ancestors}"
    )


def _json_response(status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> list[Message]:
    body = json.dumps({"error": {"message": message, "details": []}}, ensure_ascii=False).encode()
    return [
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            + (headers or []),
        },
        {"type": "http.response.body", "body": body},
    ]


class SecurityHeaders:
    """Adds CSP (frame-ancestors: 'self', plus the embed origins on /embed) and related headers."""

    def __init__(self, app: ASGIApp, embed_origins: list[str]) -> None:
        self.app = app
        self.page_csp = content_security_policy([]).encode()
        self.embed_csp = content_security_policy(embed_origins).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        embed = scope["path"] == EMBED_PATH

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", self.embed_csp if embed else self.page_csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"strict-origin-when-cross-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                if not embed:
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Rejects request bodies over `max_bytes` with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message_text = f"request body too large; send at most {self.max_bytes} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                for m in _json_response(413, message_text):
                    await send(m)
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(message_text)
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                for m in _json_response(413, message_text):
                    await send(m)


class BodyTooLarge(HTTPException):
    """Raised while reading an over-long body; an HTTPException so FastAPI keeps it a 413, not a 400."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=413, detail=message)


class RateLimiter:
    """Fixed one-minute windows per (client, route group), kept in memory."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._windows: MutableMapping[tuple[str, str], tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str, group: str) -> float | None:
        """Count a request; None when allowed, else the seconds until the window resets."""
        now = self._clock()
        window = int(now // 60)
        with self._lock:
            start, count = self._windows.get((client, group), (window, 0))
            if start != window:
                start, count = window, 0
            count += 1
            self._windows[(client, group)] = (start, count)
            if len(self._windows) > 100_000:  # forget old windows; bounded memory under many clients
                self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        if count > self.per_minute:
            return max(1.0, (window + 1) * 60 - now)
        return None


class RedisRateLimiter:
    """The same fixed windows, counted in Redis so every worker and replica shares them."""

    def __init__(self, url: str, per_minute: int, clock: Callable[[], float] = time.time) -> None:
        import redis

        self.per_minute = per_minute
        self._clock = clock
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def hit(self, client: str, group: str) -> float | None:
        """Count a request; None when allowed, else the seconds until the window resets."""
        now = self._clock()
        window = int(now // 60)
        key = f"shien:rate:{group}:{client}:{window}"
        pipe = self._redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, 120)
        count = int(pipe.execute()[0])
        if count > self.per_minute:
            return max(1.0, (window + 1) * 60 - now)
        return None


class Limiter(Protocol):
    per_minute: int

    def hit(self, client: str, group: str) -> float | None: ...


class RateLimit:
    """Applies a `RateLimiter` to the API routes that do work (ask, search)."""

    GROUPS: ClassVar[dict[str, str]] = {"/api/ask": "ask", "/api/search": "search"}

    def __init__(self, app: ASGIApp, limiter: Limiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        group = self.GROUPS.get(scope.get("path", "")) if scope["type"] == "http" else None
        if group and scope.get("method") != "OPTIONS":
            client = (scope.get("client") or ("unknown", 0))[0]
            retry_after = self.limiter.hit(client, group)
            if retry_after is not None:
                seconds = math.ceil(retry_after)
                messages = _json_response(
                    429,
                    f"too many requests; at most {self.limiter.per_minute} per minute. Retry after {seconds} s",
                    [(b"retry-after", str(seconds).encode())],
                )
                for m in messages:
                    await send(m)
                return
        await self.app(scope, receive, send)
