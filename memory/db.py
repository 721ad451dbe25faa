"""App database: a SQLAlchemy 2.0 engine and session factory from a URL (SQLite file or PostgreSQL via psycopg)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from memory.checkpointer import is_postgres_url

SessionFactory = sessionmaker[Session]


def sqlite_url(home: Path) -> str:
    """The default app database: ``aicmo.db`` inside the AICMO home folder."""
    return f"sqlite:///{Path(home) / 'aicmo.db'}"


def normalise_url(url: str) -> str:
    """Route postgres URLs to the psycopg 3 driver; leave other URLs as they are."""
    if not is_postgres_url(url):
        return url
    scheme, rest = url.split("://", 1)
    if "+" in scheme and not scheme.endswith("+psycopg"):
        raise ValueError(f"unsupported PostgreSQL driver in '{scheme}://': use postgresql:// or postgresql+psycopg://")
    return f"postgresql+psycopg://{rest}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created and WAL plus foreign keys are switched on."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def session_factory(engine: Engine) -> SessionFactory:
    """Sessions bound to ``engine`` that keep loaded objects usable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: SessionFactory) -> Iterator[Session]:
    """One unit of work: commit on success, roll back and re-raise on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def temporary_schema(base_url: str, prefix: str = "tmp") -> Iterator[str]:
    """A URL whose search_path is a new empty PostgreSQL schema, dropped afterwards (tests and benchmarks)."""
    import uuid

    import sqlalchemy as sa

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base_url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
