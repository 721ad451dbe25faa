"""Alembic environment: the URL comes from the caller (``config.attributes['url']``), never from a file."""

from __future__ import annotations

from alembic import context

from memory.db import make_engine
from memory.migrations import load_model_modules
from memory.models import Base

load_model_modules()  # every domain's tables, so autogenerate sees the whole schema
config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    """Emit SQL for the configured URL without connecting."""
    context.configure(url=config.attributes["url"], target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations on a live connection (batch mode so SQLite can alter tables)."""
    engine = make_engine(config.attributes["url"])
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
