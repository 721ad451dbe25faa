"""End to end (issue 8): 200 synthetic leads through import, the pipeline, a real SMTP server, tracking and replies.

Runs on SQLite and on PostgreSQL (a fresh schema per test). The SMTP server is aiosmtpd on localhost; the
tracking and reply routes are called through FastAPI's TestClient.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.leads_wiring import LeadsServices, run_pipeline
from api.routes_leads import router, tracking_router
from memory.leads_models import OutreachMessage
from memory.leads_repo import CampaignInfo
from tests.support.leads import Synthetic, campaign, context, lead_services, smtp_factory, smtp_server, synthetic_leads
from tests.support.learning import postgres_schema_url, sqlite_file_url
from tools.leads.campaign import Campaign
from tools.leads.csv_import import parse_csv
from tools.leads.dedupe import dedupe
from tools.leads.qualification import qualify
from tools.leads.records import LeadRecord
from tools.leads.routing import route_lead
from tools.leads.safety import in_window, zone
from tools.leads.scoring import score_lead

MONDAY_1030 = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)  # Berlin 11:30, London 10:30, New York 05:30, Tokyo 19:30
MONDAY_1830 = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)  # New York 13:30, Los Angeles 10:30, Berlin 19:30
WEDNESDAY_1200 = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh app database: a SQLite file, or a new schema on the real PostgreSQL server."""
    if request.param == "sqlite":
        yield sqlite_file_url(tmp_path)
        return
    with postgres_schema_url(request.getfixturevalue("postgres_url")) as url:
        yield url


def expected_outcome(records: list[LeadRecord], cfg: Campaign, suppressed: set[str]) -> dict[str, dict[str, str]]:
    """Per email: the status, tier and sequence the rules of spec/cam.md give (computed from the pure rules)."""
    unique, _ = dedupe(records)
    outcome: dict[str, dict[str, str]] = {}
    for _, record in unique:
        email = str(record.email)
        if email in suppressed:
            outcome[email] = {"status": "SUPPRESSED"}
            continue
        b = score_lead(record, cfg.icp, cfg.rules)
        q = qualify(b.score, record.email, record.enrichment, cfg.rules)
        row = {"status": q.verdict, "tier": b.tier, "reason": q.reasons[0]}
        if q.verdict == "QUALIFIED":
            row |= {"status": "ROUTED", "sequence": route_lead(b.score, record.enrichment, cfg.rules).sequence,
                    "zone": record.timezone or cfg.limits.timezone}
        outcome[email] = row
    return outcome


def _in_window(row: dict[str, str], now: datetime, cfg: Campaign) -> bool:
    return in_window(now, zone(row["zone"]), cfg.limits.window)


def _messages(services: LeadsServices, info: CampaignInfo) -> dict[str, OutreachMessage]:
    from sqlalchemy import select

    with services.factory() as session:
        rows = session.scalars(select(OutreachMessage).where(OutreachMessage.campaign_id == info.id)).all()
        return {f"{m.to_email}#{m.step}": m for m in rows}


def _setup(services: LeadsServices, data: Synthetic) -> tuple[CampaignInfo, list[LeadRecord]]:
    cfg = campaign()
    info = services.leads.create_campaign("default", cfg, MONDAY_1030)
    for email in data.suppressed:
        services.leads.suppress("default", email, "do_not_contact", MONDAY_1030)
    parsed = parse_csv(data.csv)
    assert parsed.errors == [] and parsed.rows == 200
    stats = services.leads.import_records(info, parsed.records, MONDAY_1030)
    assert (stats.imported, stats.duplicates) == (190, data.duplicates)
    return info, parsed.records


def _check_decisions(services: LeadsServices, info: CampaignInfo, expected: dict[str, dict[str, str]],
                     data: Synthetic, now: datetime) -> None:
    leads = {lead.email: lead for lead in services.leads.list_leads(info.id, limit=500)}
    assert set(leads) == set(expected)
    for email, want in expected.items():
        lead = leads[email]
        sent = want["status"] == "ROUTED" and _in_window(want, now, info.config)
        assert lead.status == ("CONTACTED" if sent else want["status"]), (email, lead.status, want)
        if want["status"] != "SUPPRESSED":
            assert lead.tier == want["tier"] and lead.score_breakdown is not None
            assert lead.qualification_reasons is not None and lead.qualification_reasons["reasons"][0] == want["reason"]
        if want["status"] == "ROUTED":
            assert lead.routing_sequence == want["sequence"]
    assert all(leads[e].qualification_reasons["reasons"] == ["role_account"] for e in data.role_accounts)
    assert all(leads[e].qualification_reasons["reasons"] == ["bot_or_system_address"] for e in data.bots)
    assert all(leads[e].qualification_reasons["reasons"] == ["competitor_domain"] for e in data.competitors)
    assert all(leads[e].status == "SUPPRESSED" for e in data.suppressed)


def _check_first_wave(inbox_recipients: list[str], expected: dict[str, dict[str, str]], now: datetime,
                      messages: dict[str, OutreachMessage], inbox_messages: list, cfg: Campaign) -> set[str]:
    due = {e for e, row in expected.items() if row["status"] == "ROUTED" and _in_window(row, now, cfg)}
    assert due, "the synthetic data must put some routed leads inside the window"
    assert sorted(inbox_recipients) == sorted(due)  # exactly once each: none to suppressed/rejected/out of window
    for message in inbox_messages:
        stored = messages[f"{message['To'].addresses[0].addr_spec}#1"]
        assert message["Subject"] == stored.subject and message["Message-ID"] == stored.message_id
        assert message["List-Unsubscribe"] == f"<https://track.example/u/{stored.token}>"
        assert message["From"].addresses[0].addr_spec == "sam@agency.example"
        body = message.get_body(("plain",)).get_content()
        assert f"https://track.example/u/{stored.token}" in body and "{{" not in body
    return due


def _client(services: LeadsServices) -> TestClient:
    app = FastAPI()
    app.include_router(router)
    app.include_router(tracking_router)
    app.state.leads = services
    return TestClient(app)


def _track_open_and_click(client: TestClient, services: LeadsServices, token: str, email: str) -> None:
    assert client.get(f"/t/o/{token}").headers["content-type"] == "image/gif"
    lead = services.leads.find_leads("default", email)[0]
    assert (lead.engagement, lead.opens) == ("opened", 1)
    click = client.get(f"/t/c/{token}?i=0", follow_redirects=False)
    assert click.status_code == 302 and click.headers["location"] == "https://agency.example/sprint"
    lead = services.leads.find_leads("default", email)[0]
    assert (lead.engagement, lead.clicks) == ("clicked", 1)
    assert client.get("/t/c/unknown-token", follow_redirects=False).status_code == 404


def _reply_and_unsubscribe(client: TestClient, services: LeadsServices, messages: dict[str, OutreachMessage],
                           replied: str, unsubscribed: str) -> None:
    first = messages[f"{replied}#1"]
    answer = client.post("/leads/replies", json={
        "from": replied, "subject": f"Re: {first.subject}",
        "text": "Yes, let's talk next week.\n\nOn Mon someone wrote:\n> not interested?",
        "in_reply_to": first.message_id})
    assert answer.json()["label"] == "positive" and answer.json()["status"] == "REPLIED"
    lead = services.leads.find_leads("default", replied)[0]
    assert (lead.status, lead.sequence_state, lead.next_action_at) == ("REPLIED", "stopped", None)
    token = messages[f"{unsubscribed}#1"].token
    assert "Unsubscribe" in client.get(f"/u/{token}").text
    assert client.post(f"/u/{token}").status_code == 200
    lead = services.leads.find_leads("default", unsubscribed)[0]
    assert (lead.status, lead.suppressed_reason) == ("SUPPRESSED", "unsubscribe")
    assert services.leads.suppressed_among("default", [unsubscribed]) == {unsubscribed: "unsubscribe"}


def test_two_hundred_leads_end_to_end(db_url: str) -> None:
    data = synthetic_leads()
    cfg = campaign()
    with lead_services(db_url, MONDAY_1030) as services, smtp_server() as (smtp, inbox):
        info, records = _setup(services, data)
        expected = expected_outcome(records, cfg, set(data.suppressed))
        first = run_pipeline(context(services, MONDAY_1030, mailer=smtp_factory(smtp)), info.name)
        assert first["errors"] == []
        _check_decisions(services, info, expected, data, MONDAY_1030)
        wave1 = _check_first_wave(inbox.recipients(), expected, MONDAY_1030, _messages(services, info),
                                  inbox.messages, cfg)

        again = run_pipeline(context(services, MONDAY_1030, mailer=smtp_factory(smtp)), info.name)
        assert again["errors"] == [] and "send.sent" not in again["totals"]
        assert sorted(inbox.recipients()) == sorted(wave1)  # no duplicate on a second run

        run_pipeline(context(services, MONDAY_1830, mailer=smtp_factory(smtp)), info.name)
        wave2 = {e for e, row in expected.items() if row["status"] == "ROUTED" and e not in wave1
                 and _in_window(row, MONDAY_1830, cfg)}
        assert sorted(inbox.recipients()[len(wave1):]) == sorted(wave2)
        assert all(not _in_window(expected[e], MONDAY_1030, cfg) for e in wave2)

        messages = _messages(services, info)
        fast = sorted(e for e in wave1 if expected[e]["sequence"] == "aggressive_close")
        assert len(fast) >= 3
        replied, unsubscribed, opened = fast[0], fast[1], fast[2]
        client = _client(services)
        _track_open_and_click(client, services, messages[f"{opened}#1"].token, opened)
        _reply_and_unsubscribe(client, services, messages, replied, unsubscribed)

        before = len(inbox.recipients())
        run_pipeline(context(services, WEDNESDAY_1200, mailer=smtp_factory(smtp)), info.name)
        step2 = inbox.recipients()[before:]
        assert sorted(step2) == sorted(e for e in fast if e not in {replied, unsubscribed})
        assert all(m["Subject"] for m in inbox.messages[before:])

        dash = client.get(f"/campaigns/{info.name}/dashboard").json()
        assert dash["emails"]["sent"] == len(inbox.recipients())
        assert dash["emails"]["replied"] == 1 and dash["emails"]["clicked"] == 1
        explained = client.get(f"/campaigns/{info.name}/leads/{replied}").json()
        assert any(line.startswith("Route: aggressive_close") for line in explained["explanation"])
