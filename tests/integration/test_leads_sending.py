"""Sending over a real local SMTP server (aiosmtpd): STARTTLS, warm-up caps, global cap, refusals, a dead server."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from api.leads_wiring import LeadsServices, run_pipeline
from memory.leads_repo import CampaignInfo
from tests.support.leads import campaign, context, free_port, lead_services, smtp_factory, smtp_server
from tools.leads.csv_import import parse_csv
from tools.mailer import OutgoingEmail, SmtpConfig, SmtpMailer

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)  # 11:30 in Berlin
HEADER = "email,first_name,company,title,company_size,industry,annual_revenue,location,recent_job_change," \
         "company_funded_recently,is_decision_maker,timezone\n"


def strong_csv(count: int, prefix: str = "lead") -> str:
    """``count`` leads that all qualify (Berlin, inside the window at NOW)."""
    return HEADER + "".join(f"{prefix}{i}@firm{i}.io,Ana{i},Firm{i},Head of Sales,120,SaaS,20000000,Germany,yes,"
                            f"yes,yes,Europe/Berlin\n" for i in range(count))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[LeadsServices]:
    with lead_services(f"sqlite:///{tmp_path / 'leads.db'}", NOW) as stores:
        yield stores


def _campaign(services: LeadsServices, count: int, name: str = "Spring outbound", **limits: object) -> CampaignInfo:
    info = services.leads.create_campaign("default", campaign(name=name, limits=limits), NOW)
    services.leads.import_records(info, parse_csv(strong_csv(count, prefix=name[:3].lower())).records, NOW)
    return info


def _statuses(services: LeadsServices, info: CampaignInfo) -> dict[str, int]:
    counts: dict[str, int] = {}
    for lead in services.leads.list_leads(info.id, limit=500):
        counts[lead.status] = counts.get(lead.status, 0) + 1
    return counts


@pytest.fixture
def tls(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server, client) TLS contexts for a self-signed localhost certificate."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert, key)
    return server, ssl.create_default_context(cafile=str(cert))


def test_starttls_delivers_exactly_the_message(tls: tuple[ssl.SSLContext, ssl.SSLContext]) -> None:
    email = OutgoingEmail(to_email="ana@acme.io", to_name="Ana", from_email="sam@agency.example", from_name="Sam",
                          subject="Hello Ana", text="Hi Ana\n\nUnsubscribe: https://t.example/u/x", html="<p>Hi</p>",
                          message_id="<x@agency.example>", unsubscribe_url="https://t.example/u/x", date=NOW)
    with smtp_server(tls_context=tls[0]) as (config, inbox):
        secure = SmtpConfig(host=config.host, port=config.port, starttls=True, tls_context=tls[1], timeout_s=10)
        with SmtpMailer(secure) as mailer:
            assert mailer.send(email).accepted
        assert inbox.envelopes == [("sam@agency.example", ["ana@acme.io"])]
        assert inbox.messages[0]["Subject"] == "Hello Ana"
        plain = SmtpConfig(host=config.host, port=config.port, starttls=False, timeout_s=10)
        with SmtpMailer(plain) as mailer:  # the server requires STARTTLS: the refusal is a Delivery, not a crash
            refused = mailer.send(email)
        assert not refused.accepted and refused.code == 530 and len(inbox.messages) == 1


def test_warm_up_sends_5_then_10_and_never_twice(services: LeadsServices) -> None:
    info = _campaign(services, 30, daily_cap=20, warmup_start=5, warmup_step=5)  # spec/cam.md defaults
    with smtp_server() as (config, inbox):
        run_pipeline(context(services, NOW, mailer=smtp_factory(config)), info.name)
        assert len(inbox.messages) == 5
        run_pipeline(context(services, NOW + timedelta(hours=2), mailer=smtp_factory(config)), info.name)
        assert len(inbox.messages) == 5  # today's allowance is spent
        run_pipeline(context(services, NOW + timedelta(days=1), mailer=smtp_factory(config)), info.name)
        assert len(inbox.messages) == 15
        assert len(set(inbox.recipients())) == 15  # nobody got step 1 twice
    assert services.leads.get_campaign("default", info.name).first_send_on == NOW.date()


def test_global_cap_spans_campaigns(services: LeadsServices) -> None:
    first = _campaign(services, 4, "Alpha", daily_cap=10, warmup_start=10, global_daily_cap=6)
    second = _campaign(services, 4, "Beta", daily_cap=10, warmup_start=10, global_daily_cap=6)
    with smtp_server() as (config, inbox):
        run_pipeline(context(services, NOW, mailer=smtp_factory(config)), first.name)
        run_pipeline(context(services, NOW, mailer=smtp_factory(config)), second.name)
    assert len(inbox.messages) == 6


def test_permanent_refusal_suppresses_and_temporary_refusal_retries(services: LeadsServices) -> None:
    info = _campaign(services, 3, daily_cap=10, warmup_start=10)
    with smtp_server() as (config, inbox):
        inbox.reject, inbox.tempfail = {"spr0@firm0.io"}, {"spr1@firm1.io"}
        result = run_pipeline(context(services, NOW, mailer=smtp_factory(config)), info.name)
        assert result["totals"]["send.sent"] == 1 and result["totals"]["send.bounced"] == 1
        assert result["totals"]["send.retry"] == 1
        bounced = services.leads.find_leads("default", "spr0@firm0.io")[0]
        assert (bounced.status, bounced.suppressed_reason) == ("SUPPRESSED", "bounce")
        assert services.leads.suppressed_among("default", ["spr0@firm0.io"]) == {"spr0@firm0.io": "bounce"}
        inbox.tempfail.clear()
        run_pipeline(context(services, NOW + timedelta(minutes=5), mailer=smtp_factory(config)), info.name)
        assert inbox.recipients() == ["spr2@firm2.io"]  # not yet: the retry waits 15 minutes
        run_pipeline(context(services, NOW + timedelta(minutes=20), mailer=smtp_factory(config)), info.name)
        assert sorted(inbox.recipients()) == ["spr1@firm1.io", "spr2@firm2.io"]


def test_a_dead_smtp_server_is_reported_and_nothing_is_lost(services: LeadsServices) -> None:
    info = _campaign(services, 2, daily_cap=10, warmup_start=10)
    dead = SmtpConfig(host="127.0.0.1", port=free_port(), timeout_s=2)
    result = run_pipeline(context(services, NOW, mailer=smtp_factory(dead)), info.name)
    assert result["errors"] and result["errors"][0].startswith("send: SMTP ConnectionRefusedError")
    assert _statuses(services, info) == {"ROUTED": 2}
    with smtp_server() as (config, inbox):
        run_pipeline(context(services, NOW + timedelta(minutes=1), mailer=smtp_factory(config)), info.name)
        assert sorted(inbox.recipients()) == ["spr0@firm0.io", "spr1@firm1.io"]
    assert _statuses(services, info) == {"CONTACTED": 2}
