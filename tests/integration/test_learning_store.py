"""Event log, performance ingestion and pack-run records on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from memory.db import SessionFactory
from memory.events import EventLog, EventType, EventWriteError
from memory.performance import parse_records
from memory.performance_store import PerformanceStore
from memory.runs import record_pack_run
from tests.support.learning import app_url_for, migrated_sessions, perf_row
from tools.result import KaizenSummary, PackResult, SectionResult


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SessionFactory]:
    """A migrated app database on each backend."""
    for url in app_url_for(request.param, tmp_path, request):
        with migrated_sessions(url) as factory:
            yield factory


def test_events_round_trip_with_filters(sessions: SessionFactory) -> None:
    log = EventLog(sessions)
    old = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    log.record("acme", EventType.PACK_STARTED, run_id="r1", pack_key="quick_social_basic", occurred_at=old)
    log.record("acme", "SECTION_GENERATED", run_id="r1", subject_id="overview", payload={"words": 420, "ok": True})
    log.record("globex", EventType.DEAL_WON, subject_id="lead-9", payload={"value": 1200.5})
    everything = log.list_events("acme")
    assert [e.type for e in everything] == [EventType.SECTION_GENERATED, EventType.PACK_STARTED]
    assert everything[0].payload == {"words": 420, "ok": True} and everything[0].subject_id == "overview"
    assert everything[1].occurred_at == old
    recent = log.list_events("acme", since=old + timedelta(minutes=1))
    assert [e.type for e in recent] == [EventType.SECTION_GENERATED]
    assert [e.type for e in log.list_events("acme", types=["PACK_STARTED"])] == [EventType.PACK_STARTED]
    assert [e.tenant for e in log.list_events("globex")] == ["globex"]
    assert log.counts("acme") == {EventType.PACK_STARTED: 1, EventType.SECTION_GENERATED: 1}


def test_failed_event_write_raises_and_stores_nothing(sessions: SessionFactory) -> None:
    log = EventLog(sessions)
    with pytest.raises(EventWriteError, match="JSON"):
        log.record("acme", EventType.LEAD_QUALIFIED, payload={"when": date(2026, 1, 1)})
    with pytest.raises(EventWriteError, match="unknown event type"):
        log.record("acme", "PACK_EXPLODED")
    with pytest.raises(EventWriteError, match="needs a tenant"):
        log.record_many([{"tenant": "acme", "type": EventType.OUTREACH_SENT},
                         {"tenant": " ", "type": EventType.OUTREACH_SENT}])
    assert log.list_events("acme") == []
    with sessions() as session:
        session.execute(sa.text("DROP TABLE events"))
        session.commit()
    with pytest.raises(EventWriteError):
        log.record("acme", EventType.PACK_STARTED)


def test_import_is_idempotent_and_updates_changed_rows(sessions: SessionFactory) -> None:
    store = PerformanceStore(sessions)
    raw = [perf_row("a1", "TikTok", 150), perf_row("a2", "LinkedIn", 10), perf_row("a3", "Email", 60)]
    first = store.import_rows("acme", parse_records(enumerate(raw, 2)), source="file.csv")
    assert (first.inserted, first.updated, first.unchanged) == (3, 0, 0)
    assert dict(first.tiers) == {"excellent": 1, "poor": 1, "good": 1}
    assert {r.content_id for r in first.winners} == {"a1", "a3"}
    again = store.import_rows("acme", parse_records(enumerate(raw, 2)), source="file.csv")
    assert (again.inserted, again.updated, again.unchanged, again.winners) == (0, 0, 3, [])
    raw[0] = perf_row("a1", "TikTok", 15)  # corrected numbers: the winner is now poor
    fixed = store.import_rows("acme", parse_records(enumerate(raw, 2)))
    assert (fixed.inserted, fixed.updated, fixed.unchanged) == (0, 1, 2)
    assert fixed.demoted == [("a1", date(2026, 1, 5), "TikTok")]
    stored = store.records("acme")
    assert len(stored) == 3 and {r.tier for r in stored if r.content_id == "a1"} == {"poor"}
    assert store.records("globex") == []
    recorded = EventLog(sessions).list_events("acme", types=[EventType.PERFORMANCE_RECORDED])
    assert [e.payload["inserted"] for e in recorded] == [0, 0, 3]
    assert recorded[-1].subject_id == "file.csv"


def test_pack_runs_and_their_events_are_recorded(sessions: SessionFactory) -> None:
    section = SectionResult(id="overview", title="Overview", markdown="x", status="FAIL")
    result = PackResult(pack_key="quick_social_basic", pack_label="Quick", brief=None, status="FAIL",
                        quality_passed=False, thread_id="t1", run_id="run-1", created_at="2026-01-01T00:00:00Z",
                        sections=[section], kaizen=KaizenSummary(confidence=50, sample_size=12, applied=["x"]))
    record_pack_run(sessions, "acme", result, industry="Coffee")
    types = [e.type for e in EventLog(sessions).list_events("acme")]
    assert sorted(types) == sorted([EventType.SECTION_FAILED, EventType.PACK_QUALITY_FAILED,
                                    EventType.PACK_COMPLETED])
    with pytest.raises(EventWriteError):
        record_pack_run(sessions, "acme", result)  # the same run id twice is refused, not duplicated
