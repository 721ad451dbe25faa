"""Request limits: per-key rate limit (429 + Retry-After), request body size (413), CORS origins."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, fields

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.settings import Settings


@dataclass(frozen=True)
class ApiLimits:
    """HTTP knobs (fields of api/settings.py named api_*; these defaults apply while a field is absent)."""

    api_rate_limit: int = 600
    """Requests per minute per API key (bursts up to the same number)."""
    api_max_body_bytes: int = 1_000_000
    """Largest request body accepted."""
    api_cors_origins: str = ""
    """Comma-separated origins allowed to call the API from a browser ('' = same origin only)."""
    api_run_workers: int = 8
    """Runs executed at once; more wait in a queue."""

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiLimits:
        """Pick the api_* fields from Settings."""
        names = [f.name for f in fields(cls)]
        return cls(**{n: getattr(settings, n) for n in names if getattr(settings, n, None) is not None})

    @property
    def origins(self) -> list[str]:
        """The CORS origins as a list."""
        return [o.strip() for o in self.api_cors_origins.split(",") if o.strip()]


class RateLimiter:
    """A token bucket per key: ``per_minute`` requests a minute, bursting up to the same number."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float | None:
        """Take one token; None when allowed, else the seconds to wait before retrying."""
        now = self.clock()
        with self._lock:
            tokens, seen = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - seen) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate


def retry_after(seconds: float) -> str:
    """The Retry-After header value (whole seconds, at least 1)."""
    return str(max(1, math.ceil(seconds)))


class BodyTooLargeError(Exception):
    """The request body went over the limit while it was being read."""


class BodySizeLimit:
    """ASGI middleware answering 413 for bodies over ``max_bytes`` (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check Content-Length up front, and count bytes of chunked bodies as they arrive."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(send)
            return
        seen, over, started = 0, False, False

        async def counting_receive() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    over = True
                    raise BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:  # whatever the app answered to the cut-off body, the client gets 413
                if not started:
                    started = True
                    await self._reject(send)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except BodyTooLargeError:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        body = (b'{"detail":"request body too large: at most %d bytes"}' % self.max_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


EXPOSED = ["Content-Location", "Location", "Retry-After", "X-Pagination-Next", "Content-Disposition"]


def install_limits(app: FastAPI, limits: ApiLimits) -> None:
    """Add the body size limit and, when origins are configured, CORS."""
    if limits.origins:
        app.add_middleware(CORSMiddleware, allow_origins=limits.origins, allow_methods=["*"],
                           allow_headers=["x-api-key", "content-type", "last-event-id", "accept"],
                           expose_headers=EXPOSED, allow_credentials=False, max_age=600)
    app.add_middleware(BodySizeLimit, max_bytes=limits.api_max_body_bytes)
