"""Lead schedules: one run per (job, campaign, slot) even when fired twice, retry of a failed slot, health."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from api.leads_wiring import LeadsServices, LeadsSettings, job_runner
from api.settings import Settings
from memory.lead_schedules import JobFailedError, LeadScheduler, latest_slot
from tests.support.leads import campaign, lead_services
from tests.support.learning import postgres_schema_url, sqlite_file_url
from tools.leads.csv_import import parse_csv

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
SLOT = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LeadsServices]:
    if request.param == "sqlite":
        with lead_services(sqlite_file_url(tmp_path), NOW) as stores:
            yield stores
        return
    with postgres_schema_url(request.getfixturevalue("postgres_url")) as url, lead_services(url, NOW) as stores:
        yield stores


class Runner:
    """Counts calls; fails while ``failing`` is set."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, datetime]] = []
        self.failing = False

    def __call__(self, job: str, scope: str, slot: datetime) -> dict[str, Any]:
        self.calls.append((job, scope, slot))
        if self.failing:
            raise JobFailedError("send: SMTP ConnectionRefusedError")
        return {"score.scored": 3}


def test_a_slot_runs_once_however_often_it_fires(services: LeadsServices) -> None:
    runner = Runner()
    scheduler = LeadScheduler(services.factory, runner, clock=lambda: NOW)
    first = scheduler.run_once("score", "Spring", SLOT)
    assert (first.status, first.stats) == ("succeeded", {"score.scored": 3})
    assert scheduler.run_once("score", "Spring", SLOT).status == "skipped"
    assert scheduler.fire("score", "Spring", "UTC").status == "skipped"  # 07:00 fires the 03:00 slot again
    assert scheduler.run_once("score", "Other", SLOT).status == "succeeded"  # another campaign, same slot
    assert len(runner.calls) == 2


def test_three_failures_in_a_row_are_unhealthy_and_a_success_heals(services: LeadsServices) -> None:
    runner = Runner()
    runner.failing = True
    scheduler = LeadScheduler(services.factory, runner, clock=lambda: NOW)
    slots = [SLOT - timedelta(days=d) for d in (2, 1, 0)]
    for slot in slots[:2]:
        assert scheduler.run_once("send", "Spring", slot).status == "failed"
    assert scheduler.health()[0].healthy
    failed = scheduler.run_once("send", "Spring", slots[2])
    assert failed.status == "failed" and "ConnectionRefusedError" in str(failed.error)
    health = scheduler.health()[0]
    assert (health.job, health.scope, health.consecutive_failures, health.healthy) == ("send", "Spring", 3, False)
    runner.failing = False
    assert scheduler.run_once("send", "Spring", slots[2]).status == "succeeded"  # a failed slot may be retried
    assert scheduler.health()[0].consecutive_failures == 0


def test_latest_slot_in_the_campaigns_zone() -> None:
    assert latest_slot("score", NOW, "UTC") == SLOT
    assert latest_slot("send", datetime(2026, 3, 2, 5, 0, tzinfo=UTC), "UTC") == datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    assert latest_slot("harvest", NOW, "Asia/Tokyo") == datetime(2026, 3, 1, 17, 0, tzinfo=UTC)  # 02:00 in Tokyo


def test_daily_jobs_are_registered_at_their_times(services: LeadsServices) -> None:
    runner = Runner()
    scheduler = LeadScheduler(services.factory, runner, clock=lambda: NOW)
    aps = BackgroundScheduler(timezone="UTC")
    ids = scheduler.register(aps, [("Spring", "Europe/Berlin")])
    assert ids == [f"leads:{job}:Spring" for job in ("harvest", "score", "qualify", "route", "send")]
    triggers = {job.id: job.trigger for job in aps.get_jobs()}
    assert "hour='3', minute='0'" in str(triggers["leads:score:Spring"])
    assert str(triggers["leads:send:Spring"].timezone) == "Europe/Berlin"
    score = aps.get_job("leads:score:Spring")
    assert score.func(*score.args).status == "succeeded"
    assert runner.calls == [("score", "Spring", datetime(2026, 3, 2, 2, 0, tzinfo=UTC))]  # 03:00 Berlin


def test_the_api_runner_runs_the_jobs_pipeline_stages(services: LeadsServices, tmp_path: Path) -> None:
    info = services.leads.create_campaign("default", campaign(), NOW)
    csv = "email,first_name,company,title,company_size,industry,location,recent_job_change\n" \
          "ana@acme.io,Ana,Acme,Head of Sales,120,SaaS,Germany,yes\n"
    services.leads.import_records(info, parse_csv(csv).records, NOW)
    runner = job_runner(services, LeadsSettings(), Settings(home=tmp_path), "default")
    scheduler = LeadScheduler(services.factory, runner, clock=lambda: NOW)
    assert scheduler.run_once("score", info.name, SLOT).stats == {"enrich.enriched": 1, "score.scored": 1}
    assert services.leads.find_leads("default", "ana@acme.io")[0].status == "SCORED"
    assert scheduler.run_once("harvest", info.name, SLOT).stats == {"skipped": "no AICMO_APOLLO_API_KEY"}
    missing = scheduler.run_once("qualify", "No such campaign", SLOT)
    assert missing.status == "failed" and "no campaign" in str(missing.error)
