"""Health probes for the HTTP API: app database, checkpointer, vector store, and the live LLM chain."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.doctor import chain_usable, probe_providers
from api.services import Services
from memory.migrations import current_revision, head_revision

Check = dict[str, Any]


def _timed(probe: Callable[[], str], errors: tuple[type[Exception], ...]) -> Check:
    started = time.perf_counter()
    try:
        detail = probe()
    except errors as exc:
        return {"ok": False, "latency_ms": round((time.perf_counter() - started) * 1000, 1),
                "detail": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "latency_ms": round((time.perf_counter() - started) * 1000, 1), "detail": detail}


def check_db(services: Services) -> Check:
    """The app database answers and is migrated to the newest revision."""
    def probe() -> str:
        with services.sessions() as session:
            session.execute(text("SELECT 1"))
        url = services.settings.app_database_url
        current, head = current_revision(url), head_revision()
        if current != head:
            raise RuntimeError(f"database at revision {current}, code expects {head}")
        return f"{url.split(':', 1)[0]} at revision {current}"
    return _timed(probe, (SQLAlchemyError, RuntimeError, OSError, LookupError))


def check_checkpointer(services: Services) -> Check:
    """The checkpointer can list checkpoints."""
    def probe() -> str:
        next(iter(services.saver.list(None, limit=1)), None)
        return type(services.saver).__name__
    return _timed(probe, (SQLAlchemyError, RuntimeError, OSError, ValueError))


def check_vector_store(services: Services) -> Check:
    """The winners store (Chroma, embedded or server) answers a heartbeat."""
    def probe() -> str:
        from memory.winners import chroma_client

        settings = services.settings
        client = chroma_client(url=settings.chroma_url) if settings.chroma_url else chroma_client(
            path=settings.chroma_path)
        client.heartbeat()
        return f"chroma {'server' if settings.chroma_url else 'embedded'}"
    return _timed(probe, (RuntimeError, OSError, ValueError, ConnectionError))


def check_llm(services: Services) -> dict[str, Any]:
    """A tiny live call to each provider of the chain (none configured: the offline engine)."""
    started = time.perf_counter()
    probes = probe_providers(services.settings)
    settings = services.settings
    return {"ok": chain_usable(probes, settings), "engine": "llm" if settings.provider_keys_configured else "offline",
            "used_stub": False, "latency_ms": round((time.perf_counter() - started) * 1000, 1),
            "providers": [{"name": p.name, "ok": p.ok, "latency_ms": round(p.latency_ms, 1), "detail": p.detail}
                          for p in probes]}
