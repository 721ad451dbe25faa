"""Typed event log: every pack, section, quality, intake, lead-pipeline and performance step leaves a row."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from memory.db import SessionFactory, session_scope
from memory.models import Event, Tenant, utcnow


class EventType(StrEnum):
    """Every event the system writes, grouped by family (the prefix before the first underscore)."""

    PACK_STARTED = "PACK_STARTED"
    PACK_COMPLETED = "PACK_COMPLETED"
    PACK_FAILED = "PACK_FAILED"
    SECTION_GENERATED = "SECTION_GENERATED"
    SECTION_FAILED = "SECTION_FAILED"
    PACK_QUALITY_PASSED = "PACK_QUALITY_PASSED"
    PACK_QUALITY_FAILED = "PACK_QUALITY_FAILED"
    INTAKE_STARTED = "INTAKE_STARTED"
    INTAKE_ANSWERED = "INTAKE_ANSWERED"
    INTAKE_COMPLETED = "INTAKE_COMPLETED"
    INTAKE_ABANDONED = "INTAKE_ABANDONED"
    LEAD_CAPTURED = "LEAD_CAPTURED"
    LEAD_QUALIFIED = "LEAD_QUALIFIED"
    LEAD_DISQUALIFIED = "LEAD_DISQUALIFIED"
    OUTREACH_SENT = "OUTREACH_SENT"
    OUTREACH_REPLIED = "OUTREACH_REPLIED"
    OUTREACH_BOUNCED = "OUTREACH_BOUNCED"
    OUTREACH_UNSUBSCRIBED = "OUTREACH_UNSUBSCRIBED"
    DEAL_WON = "DEAL_WON"
    PERFORMANCE_RECORDED = "PERFORMANCE_RECORDED"
    CREATIVE_MARKED_WINNER = "CREATIVE_MARKED_WINNER"
    CREATIVE_MARKED_LOSER = "CREATIVE_MARKED_LOSER"

    @property
    def family(self) -> str:
        """pack, section, quality, intake, cam (lead pipeline), performance or creative."""
        if self.name.startswith("PACK_QUALITY"):
            return "quality"
        head = self.name.split("_", 1)[0]
        return {"LEAD": "cam", "OUTREACH": "cam", "DEAL": "cam"}.get(head, head.lower())


class EventWriteError(RuntimeError):
    """An event could not be stored; callers must not carry on as if it had been."""


class EventRecord(BaseModel):
    """One stored event as read back from the log."""

    model_config = ConfigDict(frozen=True)

    id: int
    tenant: str
    type: EventType
    occurred_at: datetime
    run_id: str | None = None
    pack_key: str | None = None
    subject_id: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)


def _aware(moment: datetime) -> datetime:
    """The same instant in UTC; naive datetimes (SQLite hands them back) are taken as UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _record(row: Event) -> EventRecord:
    return EventRecord(id=row.id, tenant=row.tenant_id, type=EventType(row.type), occurred_at=_aware(row.occurred_at),
                       run_id=row.run_id, pack_key=row.pack_key, subject_id=row.subject_id,
                       payload=dict(row.payload or {}))


def ensure_tenant(session: Session, tenant: str, known: set[str] | None = None) -> None:
    """Create the tenant row when it does not exist yet (``known`` caches tenants already seen)."""
    if not tenant or not tenant.strip():
        raise ValueError("tenant must be a non-empty id")
    if known is not None and tenant in known:
        return
    if session.get(Tenant, tenant) is None:
        session.add(Tenant(id=tenant))
        session.flush()
    if known is not None:
        known.add(tenant)


class EventLog:
    """Append and query typed events in the app database."""

    def __init__(self, sessions: SessionFactory) -> None:
        """Use sessions from ``sessions`` (see memory.db.session_factory)."""
        self._sessions = sessions

    def record(self, tenant: str, type: EventType | str, *, payload: dict[str, Any] | None = None,
               run_id: str | None = None, pack_key: str | None = None, subject_id: str | None = None,
               occurred_at: datetime | None = None) -> EventRecord:
        """Store one event and return it; raises EventWriteError when it cannot be stored."""
        return self.record_many([dict(tenant=tenant, type=type, payload=payload, run_id=run_id, pack_key=pack_key,
                                      subject_id=subject_id, occurred_at=occurred_at)])[0]

    def record_many(self, events: Sequence[dict[str, Any]]) -> list[EventRecord]:
        """Store several events in one transaction (all or none); raises EventWriteError on any failure."""
        rows = [self._row(**event) for event in events]
        try:
            with session_scope(self._sessions) as session:
                for tenant in sorted({row.tenant_id for row in rows}):
                    ensure_tenant(session, tenant)
                session.add_all(rows)
                session.flush()
                records = [_record(row) for row in rows]
        except SQLAlchemyError as exc:
            raise EventWriteError(f"could not store {len(rows)} event(s): {type(exc).__name__}: {exc}") from exc
        return records

    @staticmethod
    def _row(*, tenant: str, type: EventType | str, payload: dict[str, Any] | None = None, run_id: str | None = None,
             pack_key: str | None = None, subject_id: str | None = None,
             occurred_at: datetime | None = None) -> Event:
        try:
            kind = EventType(type)
        except ValueError:
            raise EventWriteError(f"unknown event type '{type}': use one of {', '.join(EventType)}") from None
        body = dict(payload or {})
        try:
            json.dumps(body, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise EventWriteError(f"{kind} payload is not JSON-serialisable: {exc}") from exc
        if not tenant or not str(tenant).strip():
            raise EventWriteError(f"{kind} needs a tenant")
        return Event(tenant_id=tenant, type=kind.value, payload=body, run_id=run_id, pack_key=pack_key,
                     subject_id=subject_id, occurred_at=_aware(occurred_at) if occurred_at else utcnow())

    def list_events(self, tenant: str, *, types: Iterable[EventType | str] = (), since: datetime | None = None,
             until: datetime | None = None, run_id: str | None = None, limit: int | None = 100) -> list[EventRecord]:
        """The tenant's events, newest first, filtered by type, time window and run."""
        query = select(Event).where(Event.tenant_id == tenant)
        wanted = [EventType(t).value for t in types]
        if wanted:
            query = query.where(Event.type.in_(wanted))
        if since is not None:
            query = query.where(Event.occurred_at >= _aware(since))
        if until is not None:
            query = query.where(Event.occurred_at < _aware(until))
        if run_id is not None:
            query = query.where(Event.run_id == run_id)
        query = query.order_by(Event.occurred_at.desc(), Event.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self._sessions() as session:
            return [_record(row) for row in session.scalars(query)]

    def counts(self, tenant: str, types: Iterable[EventType | str] = ()) -> dict[EventType, int]:
        """How many events of each type the tenant has."""
        query = select(Event.type, func.count()).where(Event.tenant_id == tenant).group_by(Event.type)
        wanted = [EventType(t).value for t in types]
        if wanted:
            query = query.where(Event.type.in_(wanted))
        with self._sessions() as session:
            return {EventType(kind): int(n) for kind, n in session.execute(query)}
