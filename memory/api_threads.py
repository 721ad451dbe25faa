"""Threads and runs of the HTTP API, always scoped to a tenant: another tenant's rows are simply not found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from memory.db import SessionFactory, session_scope
from memory.events import ensure_tenant
from memory.models import utcnow
from memory.tenant_models import ApiRun, ApiThread

ThreadStatus = Literal["idle", "busy", "interrupted", "error"]
RunStatus = Literal["pending", "running", "error", "success", "timeout", "interrupted"]
SEARCH_SCAN_LIMIT = 10_000


class ThreadNotFoundError(LookupError):
    """No such thread for this tenant (it may exist for another: callers must answer 404 either way)."""


class ThreadExistsError(ValueError):
    """A thread with this id already exists."""


class RunNotFoundError(LookupError):
    """No such run on this tenant's thread."""


@dataclass(frozen=True)
class ThreadRecord:
    """A stored thread."""

    thread_id: str
    tenant: str
    graph_id: str | None
    status: str
    metadata: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class RunRecord:
    """A stored run; ``kwargs`` holds the request (input, command, stream modes, context)."""

    run_id: str
    thread_id: str
    tenant: str
    assistant_id: str
    status: str
    multitask_strategy: str
    metadata: dict[str, Any] = field(default_factory=dict)
    kwargs: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)


def _thread(row: ApiThread) -> ThreadRecord:
    return ThreadRecord(thread_id=row.thread_id, tenant=row.tenant_id, graph_id=row.graph_id, status=row.status,
                        metadata=dict(row.meta or {}), created_at=row.created_at, updated_at=row.updated_at)


def _run(row: ApiRun) -> RunRecord:
    return RunRecord(run_id=row.run_id, thread_id=row.thread_id, tenant=row.tenant_id, assistant_id=row.assistant_id,
                     status=row.status, multitask_strategy=row.multitask_strategy, metadata=dict(row.meta or {}),
                     kwargs=dict(row.kwargs or {}), error=row.error, created_at=row.created_at,
                     updated_at=row.updated_at)


def _matches(metadata: dict[str, Any], wanted: dict[str, Any] | None) -> bool:
    return all(metadata.get(k) == v for k, v in (wanted or {}).items())


class ThreadRepo:
    """Tenant-scoped threads."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def create(self, tenant: str, thread_id: str, metadata: dict[str, Any] | None = None,
               graph_id: str | None = None) -> ThreadRecord:
        """Store a new thread; raises ThreadExistsError when the id is taken."""
        now = utcnow()
        row = ApiThread(thread_id=thread_id, tenant_id=tenant, graph_id=graph_id, status="idle",
                        meta=dict(metadata or {}), created_at=now, updated_at=now)
        try:
            with session_scope(self._sessions) as session:
                ensure_tenant(session, tenant)
                session.add(row)
        except IntegrityError:
            raise ThreadExistsError(f"thread {thread_id} already exists") from None
        return _thread(row)

    def get(self, tenant: str, thread_id: str) -> ThreadRecord:
        """One thread of the tenant; raises ThreadNotFoundError."""
        with self._sessions() as session:
            row = session.get(ApiThread, thread_id)
            if row is None or row.tenant_id != tenant:
                raise ThreadNotFoundError(f"thread {thread_id} not found")
            return _thread(row)

    def search(self, tenant: str, *, metadata: dict[str, Any] | None = None, status: str | None = None,
               ids: list[str] | None = None, limit: int = 10, offset: int = 0, sort_by: str = "created_at",
               sort_order: str = "desc") -> list[ThreadRecord]:
        """The tenant's threads matching every filter, sorted and paged (metadata matched key by key)."""
        column = {"thread_id": ApiThread.thread_id, "status": ApiThread.status,
                  "updated_at": ApiThread.updated_at}.get(sort_by, ApiThread.created_at)
        query = select(ApiThread).where(ApiThread.tenant_id == tenant)
        if status:
            query = query.where(ApiThread.status == status)
        if ids:
            query = query.where(ApiThread.thread_id.in_(ids))
        query = query.order_by(column.asc() if sort_order == "asc" else column.desc())
        with self._sessions() as session:
            if not metadata:
                return [_thread(r) for r in session.scalars(query.offset(offset).limit(limit))]
            rows = [r for r in session.scalars(query.limit(SEARCH_SCAN_LIMIT)) if _matches(r.meta or {}, metadata)]
            return [_thread(r) for r in rows[offset:offset + limit]]

    def update(self, tenant: str, thread_id: str, *, metadata: dict[str, Any] | None = None,
               status: str | None = None, graph_id: str | None = None) -> ThreadRecord:
        """Merge metadata and set status/graph; raises ThreadNotFoundError."""
        with session_scope(self._sessions) as session:
            row = session.get(ApiThread, thread_id)
            if row is None or row.tenant_id != tenant:
                raise ThreadNotFoundError(f"thread {thread_id} not found")
            if metadata:
                row.meta = {**(row.meta or {}), **metadata}
            if status:
                row.status = status
            if graph_id and not row.graph_id:
                row.graph_id = graph_id
            row.updated_at = utcnow()
            session.flush()
            return _thread(row)

    def delete(self, tenant: str, thread_id: str) -> None:
        """Delete a thread and its runs; raises ThreadNotFoundError."""
        with session_scope(self._sessions) as session:
            row = session.get(ApiThread, thread_id)
            if row is None or row.tenant_id != tenant:
                raise ThreadNotFoundError(f"thread {thread_id} not found")
            session.execute(delete(ApiRun).where(ApiRun.thread_id == thread_id))
            session.delete(row)


class RunRepo:
    """Tenant-scoped runs."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def add(self, run: RunRecord) -> None:
        """Store a new run."""
        with session_scope(self._sessions) as session:
            session.add(ApiRun(run_id=run.run_id, thread_id=run.thread_id, tenant_id=run.tenant,
                               assistant_id=run.assistant_id, status=run.status,
                               multitask_strategy=run.multitask_strategy, meta=run.metadata, kwargs=run.kwargs,
                               error=run.error, created_at=run.created_at, updated_at=run.updated_at))

    def get(self, tenant: str, thread_id: str, run_id: str) -> RunRecord:
        """One run of the tenant's thread; raises RunNotFoundError."""
        with self._sessions() as session:
            row = session.get(ApiRun, run_id)
            if row is None or row.tenant_id != tenant or row.thread_id != thread_id:
                raise RunNotFoundError(f"run {run_id} not found")
            return _run(row)

    def list(self, tenant: str, thread_id: str, *, limit: int = 10, offset: int = 0,
             status: str | None = None) -> list[RunRecord]:
        """Runs of a thread, newest first."""
        query = select(ApiRun).where(ApiRun.tenant_id == tenant, ApiRun.thread_id == thread_id)
        if status:
            query = query.where(ApiRun.status == status)
        query = query.order_by(ApiRun.created_at.desc()).offset(offset).limit(limit)
        with self._sessions() as session:
            return [_run(r) for r in session.scalars(query)]

    def set_status(self, run_id: str, status: str, error: str | None = None) -> None:
        """Record a run's new status (and error message)."""
        with session_scope(self._sessions) as session:
            session.execute(update(ApiRun).where(ApiRun.run_id == run_id)
                            .values(status=status, error=error, updated_at=utcnow()))

    def delete(self, tenant: str, thread_id: str, run_id: str) -> None:
        """Delete a run record; raises RunNotFoundError."""
        with session_scope(self._sessions) as session:
            row = session.get(ApiRun, run_id)
            if row is None or row.tenant_id != tenant or row.thread_id != thread_id:
                raise RunNotFoundError(f"run {run_id} not found")
            session.delete(row)

    def fail_unfinished(self, reason: str) -> int:
        """Mark runs left pending/running by a stopped process as errors; free their threads. Returns the count."""
        with session_scope(self._sessions) as session:
            stale = session.scalars(select(ApiRun).where(ApiRun.status.in_(("pending", "running")))).all()
            for row in stale:
                row.status, row.error, row.updated_at = "error", reason, utcnow()
            threads = {row.thread_id for row in stale}
            if threads:
                session.execute(update(ApiThread).where(ApiThread.thread_id.in_(threads), ApiThread.status == "busy")
                                .values(status="error", updated_at=utcnow()))
            return len(stale)
