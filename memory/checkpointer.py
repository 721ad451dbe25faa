"""Checkpointer factory: SQLite file by default, PostgreSQL when the database URL says so."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite import SqliteSaver


def is_postgres_url(url: str | None) -> bool:
    """True for postgres:// and postgresql:// URLs (any driver suffix)."""
    return bool(url) and url.split(":", 1)[0].split("+", 1)[0] in {"postgres", "postgresql"}


def sqlite_saver(path: Path) -> SqliteSaver:
    """A SqliteSaver on a file (WAL mode, safe across the graph's worker threads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    saver = SqliteSaver(conn)
    saver.setup()
    return saver


@contextmanager
def open_checkpointer(*, sqlite_path: Path, database_url: str | None = None) -> Iterator[BaseCheckpointSaver]:
    """Yield a ready checkpointer and close its connection afterwards."""
    if is_postgres_url(database_url):
        from langgraph.checkpoint.postgres import PostgresSaver  # optional extra: aicmo[postgres]

        url = str(database_url).replace("postgresql+psycopg://", "postgresql://")
        with PostgresSaver.from_conn_string(url) as saver:
            saver.setup()
            yield saver
        return
    saver = sqlite_saver(sqlite_path)
    try:
        yield saver
    finally:
        saver.conn.close()
