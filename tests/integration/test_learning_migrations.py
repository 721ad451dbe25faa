"""Alembic migrations: up on a fresh database matches the models exactly, down removes every app table."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from memory.db import make_engine
from memory.migrations import current_revision, downgrade, head_revision, load_model_modules, upgrade
from memory.models import Base
from tests.support.learning import postgres_schema_url, sqlite_file_url

APP_TABLES = {"tenants", "events", "performance_records", "pack_runs"}


def _tables_and_drift(url: str) -> tuple[set[str], list[object]]:
    load_model_modules()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
            drift = compare_metadata(MigrationContext.configure(conn), Base.metadata) if tables else []
        return tables, drift
    finally:
        engine.dispose()


def _up_down_up(url: str) -> None:
    assert current_revision(url) is None
    upgrade(url)
    assert current_revision(url) == head_revision()
    tables, drift = _tables_and_drift(url)
    assert tables >= APP_TABLES
    assert drift == []  # the migrations create exactly what the models of every domain declare
    downgrade(url, "base")
    assert current_revision(url) is None
    assert _tables_and_drift(url)[0] == set()
    upgrade(url)  # and it can come back
    assert current_revision(url) == head_revision()


def test_migrations_on_a_fresh_sqlite_file(tmp_path: Path) -> None:
    url = sqlite_file_url(tmp_path / "nested" / "folder")
    _up_down_up(url)
    assert (tmp_path / "nested" / "folder").is_dir()


@pytest.mark.integration
def test_migrations_on_postgres(postgres_url: str) -> None:
    with postgres_schema_url(postgres_url) as url:
        _up_down_up(url)
