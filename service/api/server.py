"""Running the app under uvicorn with the settings' connection limits.

Uvicorn closes idle keep-alive connections but gives a client unlimited time to send its request
headers, so thousands of trickling connections can hold every file descriptor. `HeaderTimeoutProtocol`
closes a connection whose headers are not complete within SHIEN_HEADER_TIMEOUT_S. Forwarded headers are
never trusted by uvicorn itself: the app applies them for SHIEN_TRUSTED_PROXIES only.
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

from service.settings import Settings

APP_FACTORY = "service.api.app:create_app"


class ServerConfig(uvicorn.Config):
    """Uvicorn's config plus the header timeout (a class of its own so worker processes receive it)."""

    def __init__(self, app: Any, *, header_timeout_s: float, **kwargs: Any) -> None:
        super().__init__(app, http=HeaderTimeoutProtocol, proxy_headers=False, **kwargs)
        self.header_timeout_s = header_timeout_s


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """Uvicorn's HTTP/1.1 protocol, closing connections that do not complete their headers in time."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.header_timeout_s: float = getattr(config, "header_timeout_s", 10.0)
        self._header_timer: asyncio.TimerHandle | None = None

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """A new connection: its first request's headers must arrive in time."""
        super().connection_made(transport)
        self._arm_header_timer()

    def on_message_begin(self) -> None:
        """A further request on a kept-alive connection: the same deadline for its headers."""
        super().on_message_begin()
        self._arm_header_timer()

    def on_headers_complete(self) -> None:
        """Headers are in; the body has its own timeout (SHIEN_BODY_TIMEOUT_S, in the app)."""
        self._disarm_header_timer()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        """Closed either way: no timer left behind."""
        self._disarm_header_timer()
        super().connection_lost(exc)


def server_config(
    settings: Settings,
    app: Any = APP_FACTORY,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    log_level: str = "info",
) -> ServerConfig:
    """The uvicorn config for the service: the app factory (or an app, in tests) with the settings' limits."""
    return ServerConfig(
        app,
        factory=isinstance(app, str),
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        header_timeout_s=settings.header_timeout_s,
        timeout_keep_alive=5,
    )


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Run the service until interrupted: one process, or a supervisor with `workers` worker processes."""
    config = server_config(settings, host=host, port=port, workers=workers)
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
