"""Security by default: CSP and other headers on every response (errors included), a request body cap and
read timeout. Rate limits and concurrency caps are in `throttle`."""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

EMBED_PATH = "/embed"
DOCS_PATH = "/docs"


def content_security_policy(frame_ancestors: list[str]) -> str:
    """A strict CSP: own scripts and styles only, no inline code, framing as configured."""
    ancestors = " ".join(["'self'", *frame_ancestors])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {ancestors}"
    )


def docs_security_policy() -> str:
    """The CSP of /docs: the same, except that Swagger UI sets inline styles on the elements it renders."""
    return content_security_policy([]).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def is_private(path: str) -> bool:
    """Staff pages and exports: never kept by a browser or proxy cache."""
    return path == "/insights" or path.startswith(("/insights/", "/insights.")) or path.endswith(".csv")


def json_error(status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> list[Message]:
    """The ASGI messages of a JSON error response in the service's error shape."""
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
    """Adds CSP (frame-ancestors: 'self', plus the embed origins on /embed) and related headers to every response.

    It also turns an unhandled exception into the JSON 500: Starlette's own error handler sits outside every
    middleware, so its 500s would go out without these headers.
    """

    def __init__(self, app: ASGIApp, embed_origins: list[str]) -> None:
        self.app = app
        self.page_csp = content_security_policy([]).encode()
        self.embed_csp = content_security_policy(embed_origins).encode()
        self.docs_csp = docs_security_policy().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        embed = path == EMBED_PATH
        csp = self.embed_csp if embed else self.docs_csp if path == DOCS_PATH else self.page_csp
        private = is_private(path)
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if not (private and k == b"cache-control")]
                headers += [
                    (b"content-security-policy", csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"strict-origin-when-cross-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                if not embed:
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                if private:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s", path)
            if not started:
                for m in json_error(500, "internal error; the problem has been logged"):
                    await send_with_headers(m)


class BodySizeLimit:
    """Rejects request bodies over `max_bytes` with 413, whether or not Content-Length is sent, and a body
    that stalls for `read_timeout_s` between pieces with 408 (a trickling client must not hold a worker)."""

    def __init__(self, app: ASGIApp, max_bytes: int, read_timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.read_timeout_s = read_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message_text = f"request body too large; send at most {self.max_bytes} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                for m in json_error(413, message_text):
                    await send(m)
                return
        received = 0
        body_complete = False

        async def limited_receive() -> Message:
            nonlocal received, body_complete
            if body_complete:  # later calls wait for a disconnect (streamed answers): no timeout
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout_s)
            except TimeoutError:
                raise BodyTimeout(f"request body not received within {self.read_timeout_s:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_complete = not message.get("more_body", False)
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
        except (BodyTooLarge, BodyTimeout) as exc:
            if not started:
                for m in json_error(exc.status_code, exc.detail):
                    await send(m)


class BodyTooLarge(HTTPException):
    """Raised while reading an over-long body; an HTTPException so FastAPI keeps it a 413, not a 400."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=413, detail=message)


class BodyTimeout(HTTPException):
    """Raised when a request body stalls; a 408."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=408, detail=message)
