"""api.learning wiring: imports index and un-index winners, pack runs feed Kaizen, --since spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from api.learning import open_learning, parse_since
from api.settings import Settings
from memory.events import EventType
from memory.performance import parse_records
from tests.support.learning import perf_row
from tools.result import PackResult


def test_import_indexes_winners_and_drops_demoted_ones(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    with open_learning(settings) as learning:
        rows = [perf_row("w1", "TikTok", 150, text="Why is your espresso bitter?"), perf_row("p1", "LinkedIn", 3)]
        report, indexed = learning.import_performance("acme", parse_records(enumerate(rows, 2)))
        assert (report.inserted, indexed, learning.winners.count("acme")) == (2, 1, 1)
        assert learning.import_performance("acme", parse_records(enumerate(rows, 2)))[1] == 0
        rows[0] = perf_row("w1", "TikTok", 4, text="Why is your espresso bitter?")
        report, _ = learning.import_performance("acme", parse_records(enumerate(rows, 2)))
        assert report.demoted and learning.winners.count("acme") == 0
        result = PackResult(pack_key="quick_social_basic", pack_label="Quick", brief=None, status="PASS",
                            quality_passed=True, thread_id="t", run_id="r1", created_at="2026-01-01T00:00:00Z")
        learning.record_pack("acme", result, industry="Coffee")
        kaizen = learning.kaizen("acme", "Coffee")
        assert kaizen.pack_success_rate == 1.0 and kaizen.sample_size == 2
        assert learning.events.counts("acme")[EventType.PACK_COMPLETED] == 1
    assert (tmp_path / "home" / "aicmo.db").exists() and (tmp_path / "home" / "chroma").is_dir()


def test_since_accepts_dates_and_spans() -> None:
    today = date(2026, 3, 10)
    assert parse_since("2026-01-31") == date(2026, 1, 31)
    assert parse_since("7d", today) == date(2026, 3, 3) and parse_since("2w", today) == date(2026, 2, 24)
    with pytest.raises(ValueError):
        parse_since("last tuesday")


def test_app_database_url_follows_settings(tmp_path: Path) -> None:
    assert Settings(home=tmp_path).app_database_url == f"sqlite:///{tmp_path / 'aicmo.db'}"
    url = "postgresql://u@db:5432/aicmo"
    assert Settings(home=tmp_path, database_url=url).app_database_url == url
