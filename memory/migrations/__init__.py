"""Alembic migrations of the app database, run programmatically: ``upgrade(url)``, ``downgrade(url, rev)``."""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from memory.db import make_engine

HERE = Path(__file__).resolve().parent


def load_model_modules() -> list[str]:
    """Import every ``memory/*models.py`` module so ``Base.metadata`` knows all app tables; returns their names."""
    names = [f"memory.{path.stem}" for path in sorted(HERE.parent.glob("*models.py"))]
    for name in names:
        importlib.import_module(name)
    return names


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the packaged scripts (works from an installed package, no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` up to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at ``url`` down to ``revision`` ("base" drops every app table)."""
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str:
    """The newest revision shipped with the package."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:
        raise LookupError(f"no migration scripts found in {HERE / 'versions'}")
    return head


def current_revision(url: str) -> str | None:
    """The revision the database at ``url`` is at (None before the first upgrade)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
