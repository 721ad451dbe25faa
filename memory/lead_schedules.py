"""Daily lead jobs on APScheduler: harvest 02:00, score 03:00, qualify 04:00, route 05:00, send 06:00.

A run is recorded per (job, scope, scheduled time) under a unique key, so a time slot runs once even when
several schedulers or restarts fire it; a failed slot may be retried. Three failures in a row = unhealthy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from memory.db import SessionFactory, session_scope
from memory.leads_models import ScheduleRun, rowcount

JOBS: dict[str, time] = {"harvest": time(2), "score": time(3), "qualify": time(4), "route": time(5),
                         "send": time(6)}
UNHEALTHY_AFTER = 3
JobRunner = Callable[[str, str, datetime], dict[str, Any]]


class JobFailedError(RuntimeError):
    """A job ran but could not do its work (the pipeline reported errors)."""


# what a failing job may raise: the pipeline's own failure, storage, network/SMTP, a missing campaign, bad config,
# and provider/service errors (RuntimeError subclasses); anything else is a bug and propagates
FAILURES: tuple[type[BaseException], ...] = (JobFailedError, SQLAlchemyError, OSError, LookupError, ValueError,
                                             RuntimeError)


@dataclass(frozen=True)
class RunResult:
    """What happened to one slot: succeeded, failed or skipped (already done or running elsewhere)."""

    job: str
    scope: str
    scheduled_for: datetime
    status: str
    error: str | None = None
    stats: dict[str, Any] | None = None


@dataclass(frozen=True)
class JobHealth:
    """Consecutive failures of a job for a scope; unhealthy at three."""

    job: str
    scope: str
    consecutive_failures: int
    last_status: str
    last_scheduled_for: datetime

    @property
    def healthy(self) -> bool:
        """False after three failures in a row."""
        return self.consecutive_failures < UNHEALTHY_AFTER


def latest_slot(job: str, now: datetime, tz: str) -> datetime:
    """The most recent daily time of ``job`` at or before ``now`` in zone ``tz`` (UTC)."""
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    slot = datetime.combine(local.date(), JOBS[job], tzinfo=zone)
    if slot > local:
        slot = datetime.combine(local.date() - timedelta(days=1), JOBS[job], tzinfo=zone)
    return slot.astimezone(UTC)


class LeadScheduler:
    """Run lead jobs once per slot and report their health; ``runner`` does the work and raises on failure."""

    def __init__(self, factory: SessionFactory, runner: JobRunner, clock: Callable[[], datetime]) -> None:
        self.factory, self.runner, self.clock = factory, runner, clock

    def _claim(self, job: str, scope: str, slot: datetime) -> bool:
        """Take the slot: a new row, or a failed one retried; False when it succeeded or is running."""
        started = self.clock()
        try:
            with session_scope(self.factory) as session:
                session.add(ScheduleRun(job=job, scope=scope, scheduled_for=slot, status="running", attempts=1,
                                        started_at=started, stats={}))
            return True
        except IntegrityError:
            with session_scope(self.factory) as session:
                result = session.execute(update(ScheduleRun).where(
                    ScheduleRun.job == job, ScheduleRun.scope == scope, ScheduleRun.scheduled_for == slot,
                    ScheduleRun.status == "failed").values(status="running", attempts=ScheduleRun.attempts + 1,
                                                           started_at=started, error=None))
                return bool(rowcount(result))

    def _finish(self, job: str, scope: str, slot: datetime, status: str, error: str | None,
                stats: dict[str, Any]) -> None:
        with session_scope(self.factory) as session:
            session.execute(update(ScheduleRun).where(
                ScheduleRun.job == job, ScheduleRun.scope == scope, ScheduleRun.scheduled_for == slot).values(
                status=status, error=error, stats=stats, finished_at=self.clock()))

    def run_once(self, job: str, scope: str, scheduled_for: datetime) -> RunResult:
        """Run ``job`` for ``scope`` at ``scheduled_for`` unless that slot already succeeded or is running."""
        if job not in JOBS:
            raise ValueError(f"unknown job '{job}'; jobs are {', '.join(JOBS)}")
        if not self._claim(job, scope, scheduled_for):
            return RunResult(job, scope, scheduled_for, "skipped")
        try:
            stats = self.runner(job, scope, scheduled_for)
        except FAILURES as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
            self._finish(job, scope, scheduled_for, "failed", error, {})
            return RunResult(job, scope, scheduled_for, "failed", error=error)
        self._finish(job, scope, scheduled_for, "succeeded", None, stats)
        return RunResult(job, scope, scheduled_for, "succeeded", stats=stats)

    def fire(self, job: str, scope: str, tz: str) -> RunResult:
        """Run the latest slot of ``job`` (what a cron trigger calls)."""
        return self.run_once(job, scope, latest_slot(job, self.clock(), tz))

    def register(self, scheduler: BaseScheduler, scopes: list[tuple[str, str]],
                 times: dict[str, time] | None = None) -> list[str]:
        """Add a daily cron job per (job, scope) in the scope's time zone; returns the job ids."""
        ids = []
        for scope, tz in scopes:
            for job, at in (times or JOBS).items():
                job_id = f"leads:{job}:{scope}"
                scheduler.add_job(self.fire, CronTrigger(hour=at.hour, minute=at.minute, timezone=tz),
                                  args=[job, scope, tz], id=job_id, replace_existing=True, coalesce=True,
                                  misfire_grace_time=3600, max_instances=1)
                ids.append(job_id)
        return ids

    def health(self) -> list[JobHealth]:
        """Per (job, scope): failures in a row counted back from the latest slot."""
        with session_scope(self.factory) as session:
            rows = session.execute(select(ScheduleRun.job, ScheduleRun.scope, ScheduleRun.status,
                                          ScheduleRun.scheduled_for)
                                   .order_by(ScheduleRun.job, ScheduleRun.scope, ScheduleRun.scheduled_for.desc())
                                   ).all()
        report: dict[tuple[str, str], JobHealth] = {}
        streak_open: dict[tuple[str, str], bool] = {}
        for job, scope, status, slot in rows:
            key = (job, scope)
            if key not in report:
                report[key] = JobHealth(job, scope, 0, status, slot)
                streak_open[key] = True
            if streak_open[key] and status == "failed":
                current = report[key]
                report[key] = JobHealth(job, scope, current.consecutive_failures + 1, current.last_status,
                                        current.last_scheduled_for)
            elif status != "running":
                streak_open[key] = False
        return list(report.values())
