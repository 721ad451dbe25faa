"""JSON over HTTP for service adapters: a per-client rate limit, retries on 429/5xx/timeouts honouring Retry-After."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class ServiceError(RuntimeError):
    """A service answered with an error, or kept failing after every retry."""

    def __init__(self, service: str, message: str, status: int | None = None):
        self.service, self.status = service, status
        super().__init__(f"{service}: {message}" + (f" (HTTP {status})" if status else ""))


class ServiceAuthError(ServiceError):
    """The key was refused (401/403): fix the configuration; never retried."""


@dataclass(frozen=True)
class HttpPolicy:
    """Timeouts, retries and the request rate for one service."""

    timeout_s: float = 30.0
    retries: int = 3
    backoff_s: float = 1.0
    max_wait_s: float = 60.0
    per_minute: int = 50


class RateLimiter:
    """At most ``per_minute`` requests per minute, spaced evenly (clock and sleep injected for tests)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self._next = 0.0

    def wait(self) -> None:
        """Block until the next request may go."""
        now = self.clock()
        if now < self._next:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


def _retry_after(response: httpx.Response, fallback: float) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return fallback


class JsonService:
    """Send JSON requests to one service with its headers, rate limit and retry policy."""

    def __init__(self, name: str, base_url: str, headers: dict[str, str], *, policy: HttpPolicy | None = None,
                 client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name, self.base_url = name, base_url.rstrip("/")
        self.policy = policy or HttpPolicy()
        self.client = client or httpx.Client(timeout=self.policy.timeout_s)
        self.headers, self.sleep = headers, sleep
        self.limiter = RateLimiter(self.policy.per_minute, clock=clock, sleep=sleep)

    def request(self, method: str, path: str, json: Any = None) -> dict[str, Any]:
        """The decoded JSON answer; retries transient failures, raises ServiceError when they persist."""
        policy, last = self.policy, ""
        for attempt in range(policy.retries + 1):
            wait = min(policy.max_wait_s, policy.backoff_s * 2 ** attempt)
            self.limiter.wait()
            try:
                response = self.client.request(method, f"{self.base_url}{path}", json=json, headers=self.headers)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code in (401, 403):
                    raise ServiceAuthError(self.name, "the API key was refused", response.status_code)
                if response.status_code in RETRY_STATUS:
                    last = f"HTTP {response.status_code}"
                    wait = min(policy.max_wait_s, _retry_after(response, wait))
                elif response.status_code >= 400:
                    raise ServiceError(self.name, response.text[:200], response.status_code)
                else:
                    return self._decode(response)
            if attempt < policy.retries:
                self.sleep(wait)
        raise ServiceError(self.name, f"gave up after {policy.retries + 1} attempts: {last}")

    def _decode(self, response: httpx.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            raise ServiceError(self.name, "the answer is not JSON", response.status_code) from None
        if not isinstance(data, dict):
            raise ServiceError(self.name, "the answer is not a JSON object", response.status_code)
        return data

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self.client.close()
