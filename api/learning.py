"""Wire the learning loop from settings: app database (migrated), event log, performance store, winners, Kaizen."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from api.settings import Settings
from memory.db import SessionFactory, make_engine, session_factory
from memory.events import EventLog
from memory.kaizen import KaizenContext
from memory.kaizen_builder import KaizenBuilder
from memory.migrations import upgrade
from memory.performance import ParsedFile, PerformanceRow
from memory.performance_store import ImportReport, PerformanceStore
from memory.runs import record_pack_run
from memory.winners import WinnerItem, WinnersStore, chroma_client, tenant_winners, winner_id
from tools.result import PackResult


def winner_item(tenant: str, row: PerformanceRow) -> WinnerItem:
    """The winners-store entry for a winning performance row."""
    return WinnerItem(tenant=tenant, content_id=row.content_id, date=row.date, text=row.text, platform=row.platform,
                      industry=row.industry or "", content_type=row.content_type, hook=row.hook[:200],
                      hook_style=row.hook_style, tone=row.tone, tier=row.tier, engagement_rate=row.engagement_rate)


def open_winners(settings: Settings) -> WinnersStore:
    """Winners in one Chroma collection per tenant: over HTTP when AICMO_CHROMA_URL is set, else under AICMO_HOME."""
    client = chroma_client(url=settings.chroma_url) if settings.chroma_url else chroma_client(path=settings.chroma_path)
    return tenant_winners(client)


@dataclass
class Learning:
    """The learning loop's services for one process."""

    settings: Settings
    engine: Engine
    sessions: SessionFactory
    events: EventLog
    performance: PerformanceStore
    _winners: WinnersStore | None = field(default=None, repr=False)
    _builder: KaizenBuilder | None = field(default=None, repr=False)

    @property
    def winners(self) -> WinnersStore:
        """The winners store, opened on first use (Chroma and the model load only when needed)."""
        if self._winners is None:
            self._winners = open_winners(self.settings)
        return self._winners

    def kaizen_builder(self) -> KaizenBuilder:
        """The Kaizen builder over the app database and the winners store (one per process: it memoises)."""
        from tools.knowledge import default_knowledge

        if self._builder is None:
            self._builder = KaizenBuilder(self.sessions, self.winners,
                                          known_platforms=default_knowledge().get("channel_catalog").keys())
        return self._builder

    def kaizen(self, tenant: str, industry: str) -> KaizenContext:
        """KaizenProvider for the pack graph."""
        return self.kaizen_builder().build(tenant, industry)

    def import_performance(self, tenant: str, parsed: ParsedFile, *, source: str = "api",
                           index_winners: bool = True) -> tuple[ImportReport, int]:
        """Store rows, then index new or changed winners and drop demoted ones; returns (report, indexed)."""
        report = self.performance.import_rows(tenant, parsed, source=source)
        if not index_winners or not (report.winners or report.demoted):
            return report, 0
        if report.demoted:
            self.winners.delete(tenant, [winner_id(tenant, c, d, p) for c, d, p in report.demoted])
        return report, self.winners.add([winner_item(tenant, row) for row in report.winners])

    def record_pack(self, tenant: str, result: PackResult, industry: str | None = None) -> None:
        """Write the pack run summary and its events."""
        record_pack_run(self.sessions, tenant, result, industry)


@contextmanager
def open_learning(settings: Settings, *, migrate: bool = True) -> Iterator[Learning]:
    """Learning services on the configured database (migrated to head first unless ``migrate`` is False)."""
    url = settings.app_database_url
    if migrate:
        upgrade(url)
    engine = make_engine(url)
    sessions = session_factory(engine)
    try:
        yield Learning(settings=settings, engine=engine, sessions=sessions, events=EventLog(sessions),
                       performance=PerformanceStore(sessions))
    finally:
        engine.dispose()


def parse_since(value: str, today: date | None = None) -> date:
    """'2026-01-31', '7d', '2w' -> the date to list events from."""
    from datetime import timedelta

    text = value.strip().lower()
    if text[:-1].isdigit() and text[-1:] in {"d", "w"}:
        days = int(text[:-1]) * (7 if text.endswith("w") else 1)
        return (today or date.today()) - timedelta(days=days)
    return date.fromisoformat(text)
