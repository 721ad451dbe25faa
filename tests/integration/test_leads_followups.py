"""Follow-ups over days (real SMTP server): step offsets, completion after 7 quiet days, blocked drafts, auto-pause."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from api.leads_wiring import LeadsServices, run_pipeline
from memory.leads_models import OutreachMessage
from memory.leads_repo import CampaignInfo
from tests.support.leads import campaign, context, lead_services, smtp_factory, smtp_server
from tools.leads.csv_import import parse_csv

MONDAY = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)  # 11:30 in Berlin
CSV = ("email,first_name,company,title,company_size,industry,annual_revenue,location,recent_job_change,"
       "company_funded_recently,is_decision_maker,timezone\n"
       "ana@acme.io,Ana,Acme,Head of Sales,120,SaaS,20000000,Germany,yes,yes,yes,Europe/Berlin\n")


@pytest.fixture
def services(tmp_path: Path) -> Iterator[LeadsServices]:
    with lead_services(f"sqlite:///{tmp_path / 'leads.db'}", MONDAY) as stores:
        yield stores


def _setup(services: LeadsServices, **fields: object) -> CampaignInfo:
    info = services.leads.create_campaign("default", campaign(**fields), MONDAY)
    services.leads.import_records(info, parse_csv(CSV).records, MONDAY)
    return info


def test_steps_follow_their_offsets_and_the_sequence_closes_after_seven_quiet_days(services: LeadsServices) -> None:
    info = _setup(services)
    with smtp_server() as (config, inbox):
        def day(offset: float) -> dict[str, int]:
            now = MONDAY + timedelta(days=offset)
            return run_pipeline(context(services, now, mailer=smtp_factory(config)), info.name)["totals"]

        assert day(0).get("send.sent") == 1
        assert services.leads.find_leads("default", "ana@acme.io")[0].routing_sequence == "aggressive_close"
        assert "send.sent" not in day(1.5)          # step 2 is due on day 2
        assert day(2).get("send.sent") == 1
        assert day(5).get("send.sent") == 1         # step 3, the last
        assert "track.completed" not in day(11.9)   # 7 days after the last step not yet over
        assert day(12).get("track.completed") == 1
        assert "send.sent" not in day(20)
    assert len(inbox.messages) == 3
    lead = services.leads.find_leads("default", "ana@acme.io")[0]
    assert (lead.status, lead.sequence_state, lead.next_action_at) == ("CONTACTED", "completed", None)
    subjects = [m["Subject"] for m in inbox.messages]
    assert subjects[0].startswith("A question about") and subjects[2] == "Closing the loop, Acme"


def test_a_spammy_draft_is_blocked_for_review_and_never_sent(services: LeadsServices) -> None:
    info = _setup(services, offer="Act now: a guaranteed pipeline for your team this quarter")
    with smtp_server() as (config, inbox):
        totals = run_pipeline(context(services, MONDAY, mailer=smtp_factory(config)), info.name)["totals"]
    assert totals.get("write.blocked") == 1 and "send.sent" not in totals and inbox.messages == []
    with services.factory() as session:
        message = session.scalars(select(OutreachMessage)).one()
    assert message.status == "blocked" and "spam trigger 'act now'" in message.issues
    assert services.leads.find_leads("default", "ana@acme.io")[0].sequence_state == "blocked"


def test_auto_pause_stops_writing_and_sending(services: LeadsServices, monkeypatch: pytest.MonkeyPatch) -> None:
    info = _setup(services, limits={"auto_pause": True})
    run_pipeline(context(services, MONDAY, stages=("enrich", "score", "qualify", "route")), info.name)
    monkeypatch.setattr(services.outreach, "reply_stats", lambda _campaign_id: (60, 3))  # 5% replies over 60 sends
    totals = run_pipeline(context(services, MONDAY), info.name)["totals"]
    paused = services.leads.get_campaign("default", info.name)
    assert totals.get("track.paused") == 1 and paused.status == "paused"
    assert paused.paused_reason == "reply rate 3/60 below 10%"
    assert run_pipeline(context(services, MONDAY + timedelta(hours=1)), info.name)["totals"] == {}
