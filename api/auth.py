"""API key authentication: resolve a key to its tenant, with a short cache so each request is not a DB read."""

from __future__ import annotations

import threading
import time

from memory.tenants import TenantKeys, UnknownKeyError, hash_key


class Authenticator:
    """Resolve API keys to tenants; revocations take effect within ``ttl_s`` seconds."""

    def __init__(self, keys: TenantKeys, ttl_s: float = 30.0, max_entries: int = 10_000) -> None:
        self.keys = keys
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._cache: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def tenant(self, key: str) -> str:
        """The key's tenant; raises UnknownKeyError for unknown or revoked keys."""
        digest = hash_key(key)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(digest)
        if hit and hit[1] > now:
            return hit[0]
        tenant = self.keys.tenant_for(key)
        with self._lock:
            if len(self._cache) >= self.max_entries:
                self._cache.clear()
            self._cache[digest] = (tenant, now + self.ttl_s)
        return tenant


__all__ = ["Authenticator", "UnknownKeyError"]
