"""Store parsed performance rows idempotently (insert new, update changed, skip identical) and read them back."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from memory.db import SessionFactory, session_scope
from memory.events import EventType, EventWriteError, ensure_tenant
from memory.models import Event, PerformanceRecord, utcnow
from memory.performance import WINNING_TIERS, ParsedFile, PerformanceRow, RowError

_COMPARED = ("content_type", "hook", "tone", "text", "impressions", "clicks", "engagements", "conversions", "cost",
             "revenue", "industry", "pack_key", "section_id")
_CHUNK = 500


class PerformanceStoreError(RuntimeError):
    """Rows could not be stored; nothing from the batch was kept."""


@dataclass
class ImportReport:
    """What one import did: counts, tiers of the good rows, rejected lines and unknown columns."""

    tenant: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    tiers: Counter[str] = field(default_factory=Counter)
    winners: list[PerformanceRow] = field(default_factory=list)
    demoted: list[tuple[str, date, str]] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        """Rows that passed validation (stored now or already stored)."""
        return self.inserted + self.updated + self.unchanged

    @property
    def rejected(self) -> int:
        """Rows that failed validation."""
        return len(self.errors)


def _values(row: PerformanceRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _COMPARED}


def _record_values(tenant: str, row: PerformanceRow, tier: str, now: datetime) -> dict[str, Any]:
    return {"tenant_id": tenant, "content_id": row.content_id, "date": row.date, "platform": row.platform,
            **_values(row), "hook": row.hook[:200], "hook_style": row.hook_style,
            "engagement_rate": row.engagement_rate, "tier": tier, "imported_at": now}


def _existing(session: Session, tenant: str, rows: Sequence[PerformanceRow]) -> dict[tuple[str, date, str], Any]:
    """Stored rows of the tenant that share a content id with the batch, by key."""
    ids = sorted({r.content_id for r in rows})
    columns = [getattr(PerformanceRecord, n) for n in ("id", "content_id", "date", "platform", "tier", *_COMPARED)]
    found: dict[tuple[str, date, str], Any] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(*columns).where(PerformanceRecord.tenant_id == tenant,
                                       PerformanceRecord.content_id.in_(ids[start:start + _CHUNK]))
        for stored in session.execute(query):
            found[(stored.content_id, stored.date, stored.platform)] = stored
    return found


def _same(stored: Any, row: PerformanceRow) -> bool:
    return all(getattr(stored, name) == value for name, value in _values(row).items())


class PerformanceStore:
    """Performance records of every tenant in the app database."""

    def __init__(self, sessions: SessionFactory) -> None:
        """Use sessions from ``sessions`` (see memory.db.session_factory)."""
        self._sessions = sessions

    def import_rows(self, tenant: str, parsed: ParsedFile, *, source: str = "api") -> ImportReport:
        """Store the parsed rows for ``tenant`` in one transaction and log PERFORMANCE_RECORDED.

        Re-importing the same rows changes nothing; raises PerformanceStoreError when the database refuses.
        """
        report = ImportReport(tenant=tenant, errors=list(parsed.errors), unknown_columns=list(parsed.unknown_columns))
        rows = [row for _, row in parsed.rows]
        try:
            with session_scope(self._sessions) as session:
                ensure_tenant(session, tenant)
                inserts, updates = self._plan(session, tenant, rows, report)
                if inserts:  # Core executemany: no ORM bookkeeping per row
                    session.execute(insert(cast(Table, PerformanceRecord.__table__)), inserts)
                if updates:
                    session.execute(update(PerformanceRecord), updates)
                session.add(Event(tenant_id=tenant, type=EventType.PERFORMANCE_RECORDED.value, subject_id=source,
                                  occurred_at=utcnow(), payload=self._payload(report, source)))
        except SQLAlchemyError as exc:
            raise PerformanceStoreError(f"could not store {len(rows)} performance row(s) for tenant '{tenant}': "
                                        f"{type(exc).__name__}: {exc}") from exc
        return report

    @staticmethod
    def _plan(session: Session, tenant: str, rows: list[PerformanceRow],
              report: ImportReport) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        existing = _existing(session, tenant, rows)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        now = utcnow()
        for row in rows:
            tier = row.tier
            report.tiers[tier] += 1
            stored = existing.get(row.key)
            if stored is not None and _same(stored, row):
                report.unchanged += 1
                continue
            values = _record_values(tenant, row, tier, now)
            if stored is None:
                inserts.append(values)
            else:
                updates.append({"id": stored.id, **values})
                if stored.tier in WINNING_TIERS and tier not in WINNING_TIERS:
                    report.demoted.append(row.key)
            if tier in WINNING_TIERS:
                report.winners.append(row)
        report.inserted, report.updated = len(inserts), len(updates)
        return inserts, updates

    @staticmethod
    def _payload(report: ImportReport, source: str) -> dict[str, Any]:
        return {"source": source, "inserted": report.inserted, "updated": report.updated,
                "unchanged": report.unchanged, "rejected": report.rejected, "tiers": dict(report.tiers),
                "unknown_columns": report.unknown_columns}

    def records(self, tenant: str, *, tiers: Iterable[str] = (), limit: int | None = None) -> list[PerformanceRecord]:
        """The tenant's stored records, newest first, optionally only some tiers."""
        query = select(PerformanceRecord).where(PerformanceRecord.tenant_id == tenant)
        wanted = list(tiers)
        if wanted:
            query = query.where(PerformanceRecord.tier.in_(wanted))
        query = query.order_by(PerformanceRecord.date.desc(), PerformanceRecord.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self._sessions() as session:
            return list(session.scalars(query))

    def mark_creative(self, tenant: str, content_id: str, *, winner: bool, phrases: Iterable[str] = (),
                      note: str = "") -> None:
        """Log CREATIVE_MARKED_WINNER/LOSER for a piece of content; a loser's ``phrases`` become banned phrases."""
        kind = EventType.CREATIVE_MARKED_WINNER if winner else EventType.CREATIVE_MARKED_LOSER
        payload = {"phrases": [p.strip() for p in phrases if p.strip()], "note": note}
        try:
            with session_scope(self._sessions) as session:
                ensure_tenant(session, tenant)
                session.add(Event(tenant_id=tenant, type=kind.value, subject_id=content_id, payload=payload,
                                  occurred_at=utcnow()))
        except SQLAlchemyError as exc:
            raise EventWriteError(f"could not store {kind} for '{content_id}': {exc}") from exc
