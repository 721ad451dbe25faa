"""Record finished pack runs: a pack_runs summary row plus PACK_*, PACK_QUALITY_* and SECTION_* events."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from memory.db import SessionFactory, session_scope
from memory.events import EventType, EventWriteError, ensure_tenant
from memory.models import Event, PackRun, utcnow
from tools.result import PackResult


def _events(tenant: str, result: PackResult) -> list[Event]:
    common: dict[str, Any] = {"tenant_id": tenant, "run_id": result.run_id, "pack_key": result.pack_key}
    now = utcnow()
    rows = [Event(type=(EventType.SECTION_GENERATED if s.status != "FAIL" else EventType.SECTION_FAILED).value,
                  subject_id=s.id, occurred_at=now, **common,
                  payload={"status": s.status, "attempts": s.attempts, "engine": s.engine,
                           "issues": [i.code for i in s.issues]})
             for s in result.sections]
    if result.error_type is None:
        quality = EventType.PACK_QUALITY_PASSED if result.quality_passed else EventType.PACK_QUALITY_FAILED
        rows.append(Event(type=quality.value, occurred_at=now, **common,
                          payload={"status": result.status, "issues": [i.code for i in result.pack_issues]}))
    done = EventType.PACK_FAILED if result.error_type else EventType.PACK_COMPLETED
    rows.append(Event(type=done.value, occurred_at=now, **common, payload={
        "status": result.status, "engine": result.engine, "error_type": result.error_type,
        "sections": len(result.sections), "kaizen": result.kaizen.model_dump()}))
    return rows


def record_pack_run(sessions: SessionFactory, tenant: str, result: PackResult, industry: str | None = None) -> None:
    """Store the run summary and its events in one transaction; raises EventWriteError when that fails."""
    try:
        with session_scope(sessions) as session:
            ensure_tenant(session, tenant)
            session.add(PackRun(
                tenant_id=tenant, run_id=result.run_id, thread_id=result.thread_id, pack_key=result.pack_key,
                industry=industry, status=result.status, quality_passed=bool(result.quality_passed),
                engine=result.engine, error_type=result.error_type, kaizen_confidence=result.kaizen.confidence,
                kaizen_sample_size=result.kaizen.sample_size, created_at=utcnow()))
            session.add_all(_events(tenant, result))
    except SQLAlchemyError as exc:
        raise EventWriteError(f"could not record pack run {result.run_id} for tenant '{tenant}': {exc}") from exc
