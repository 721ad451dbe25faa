"""Helpers for learning-loop tests: migrated app databases (SQLite file or a fresh PostgreSQL schema) and rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from memory.db import SessionFactory, make_engine, session_factory, temporary_schema
from memory.migrations import upgrade


def postgres_schema_url(base_url: str) -> AbstractContextManager[str]:
    """A URL whose search_path is a new empty schema, dropped afterwards (tests never share tables)."""
    return temporary_schema(base_url, prefix="t")


@contextmanager
def migrated_sessions(url: str) -> Iterator[SessionFactory]:
    """Sessions on a database migrated to head."""
    upgrade(url)
    engine = make_engine(url)
    try:
        yield session_factory(engine)
    finally:
        engine.dispose()


def sqlite_file_url(folder: Path) -> str:
    """A fresh SQLite file URL in ``folder``."""
    return f"sqlite:///{folder / f'app-{uuid.uuid4().hex[:8]}.db'}"


def perf_row(content_id: str, platform: str, engagements: int, impressions: int = 1000, *, hook: str = "question",
             tone: str = "playful", text: str = "", industry: str = "Coffee", day: date | None = None,
             **extra: Any) -> dict[str, Any]:
    """One raw performance record as a CSV/JSON file would hold it."""
    return {"content_id": content_id, "date": (day or date(2026, 1, 5)).isoformat(), "platform": platform,
            "content_type": "post", "hook": hook, "tone": tone, "text": text or f"Post {content_id} on {platform}",
            "impressions": impressions, "clicks": engagements // 3, "engagements": engagements,
            "conversions": engagements // 20, "cost": 12.5, "revenue": 40.0, "industry": industry, **extra}


def days(n: int, start: date = date(2026, 1, 1)) -> list[date]:
    """``n`` consecutive dates."""
    return [start + timedelta(days=i) for i in range(n)]


def app_url_for(backend: str, tmp_path: Path, request: Any) -> Iterator[str]:
    """Yield a fresh, empty app database URL for ``backend`` (sqlite or postgres)."""
    if backend == "sqlite":
        yield sqlite_file_url(tmp_path)
        return
    with postgres_schema_url(request.getfixturevalue("postgres_url")) as url:
        yield url


_EMBEDDER: list[Any] = []


def shared_embedding() -> Any:
    """One MiniLM embedding function for the whole test session (the ONNX session loads once)."""
    from memory.embeddings import MiniLMEmbedding

    if not _EMBEDDER:
        _EMBEDDER.append(MiniLMEmbedding())
    return _EMBEDDER[0]


def winners_store(folder: Path, mode: str = "per-tenant") -> Any:
    """A WinnersStore on an embedded Chroma store in ``folder``: one collection per tenant, or one shared."""
    from memory.winners import WinnersStore, chroma_client, tenant_winners, winners_collection

    client = chroma_client(path=folder)
    if mode == "per-tenant":
        return tenant_winners(client, shared_embedding())
    return WinnersStore(winners_collection(client, embedding_function=shared_embedding()))
