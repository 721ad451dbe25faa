"""The pack graph checkpoints to SQLite and to a real PostgreSQL server, and resumes from either."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from graphs.context import PackContext
from graphs.pack import builder
from memory.checkpointer import is_postgres_url, open_checkpointer
from tools.brief import load_brief
from tools.catalog import sample_brief_paths


def _run_and_reload(sqlite_path: Path, database_url: str | None) -> None:
    brief = load_brief(sample_brief_paths()[0]).model_dump(mode="json", exclude_none=True)
    thread = f"t-{uuid.uuid4()}"
    config = {"configurable": {"thread_id": thread, "run_id": "r"}}
    with open_checkpointer(sqlite_path=sqlite_path, database_url=database_url) as saver:
        graph = builder.compile(checkpointer=saver)
        graph.invoke({"brief": brief, "pack_key": "quick_social_basic"}, config=config,
                     context=PackContext(today=date(2026, 11, 22)))
    # a new process would open a new connection: the thread is still there
    with open_checkpointer(sqlite_path=sqlite_path, database_url=database_url) as saver:
        graph = builder.compile(checkpointer=saver)
        state = graph.get_state(config)
        assert state.values["result"].quality_passed is True
        assert len(list(graph.get_state_history(config))) > 5


def test_sqlite_checkpoints_survive_reopen(tmp_path: Path) -> None:
    _run_and_reload(tmp_path / "cp.sqlite", None)


@pytest.mark.integration
def test_postgres_checkpoints_survive_reopen(tmp_path: Path, postgres_url: str) -> None:
    assert is_postgres_url(postgres_url)
    _run_and_reload(tmp_path / "unused.sqlite", postgres_url)


@pytest.mark.parametrize("url,expected", [
    ("postgresql://u@h/db", True), ("postgres://h/db", True), ("postgresql+psycopg://h/db", True),
    ("sqlite:///x.db", False), (None, False), ("", False),
])
def test_postgres_url_detection(url: str | None, expected: bool) -> None:
    assert is_postgres_url(url) is expected
