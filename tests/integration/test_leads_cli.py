"""`aicmo campaigns create` and `aicmo leads import|run|status|dashboard|explain` on the isolated AICMO_HOME."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from api import cli_leads
from api.cli_leads import EXIT_INVALID, EXIT_OK, EXIT_PARTIAL, campaigns_app, leads_app
from api.leads_wiring import LeadsSettings, database_url, open_services
from api.settings import load_settings
from memory.lead_schedules import LeadScheduler
from tests.support.imap_server import PASSWORD, USER, imap_server
from tests.support.leads import CAMPAIGN
from tools.inbox import ImapConfig

app = typer.Typer()
app.add_typer(leads_app, name="leads")
app.add_typer(campaigns_app, name="campaigns")
runner = CliRunner()
CSV = ("Work Email,first_name,company,title,company_size,industry,annual_revenue,location,recent_job_change,"
       "is_decision_maker,timezone\n"
       "ana@acme.io,Ana,Acme,Head of Sales,120,SaaS,20000000,Germany,yes,yes,Europe/Berlin\n"
       "info@acme.io,Info,Acme,Head of Sales,120,SaaS,20000000,Germany,yes,yes,Europe/Berlin\n"
       "bo@beta.io,Bo,Beta,Analyst,5,Retail,1000,France,maybe,no,\n"
       "ANA@acme.io,Ana,Acme,Head of Sales,120,SaaS,20000000,Germany,yes,yes,Europe/Berlin\n")


def _flat(text: str) -> str:
    """Output with Rich's line wrapping undone."""
    return " ".join(text.split())


def _campaign_file(tmp_path: Path, **patch: object) -> Path:
    path = tmp_path / "campaign.yaml"
    path.write_text(yaml.safe_dump({**CAMPAIGN, **patch}), encoding="utf-8")
    return path


def test_campaign_import_run_status_dashboard_explain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_leads, "utcnow", lambda: datetime(2026, 3, 2, 10, 30, tzinfo=UTC))  # 11:30 in Berlin
    created = runner.invoke(app, ["campaigns", "create", str(_campaign_file(tmp_path))])
    assert created.exit_code == EXIT_OK, created.output
    assert "aggressive_close" in created.stdout
    again = runner.invoke(app, ["campaigns", "create", str(_campaign_file(tmp_path))])
    assert again.exit_code == EXIT_INVALID and "already exists" in _flat(again.stderr)
    listed = runner.invoke(app, ["campaigns", "list"])
    assert "Spring outbound" in listed.stdout

    csv = tmp_path / "leads.csv"
    csv.write_text(CSV, encoding="utf-8")
    imported = runner.invoke(app, ["leads", "import", str(csv), "--campaign", "Spring outbound",
                                   "--map", "Work Email=email"])
    assert imported.exit_code == EXIT_PARTIAL, imported.output
    assert "Imported 2 leads into Spring outbound; 1 duplicates and 1 bad rows skipped of 4 rows" in _flat(
        imported.stdout)
    assert "line 4, recent_job_change" in _flat(imported.stderr)

    ran = runner.invoke(app, ["leads", "run", "--campaign", "Spring outbound"])
    assert ran.exit_code == EXIT_OK, ran.output
    assert "AICMO_SMTP_HOST is not set" in _flat(ran.stdout) and "qualify.rejected" in ran.stdout

    status = runner.invoke(app, ["leads", "status", "--campaign", "Spring outbound"])
    assert "REJECTED" in status.stdout and "drafted" in status.stdout
    dashboard = runner.invoke(app, ["leads", "dashboard", "--campaign", "Spring outbound", "--json"])
    data = json.loads(dashboard.stdout)
    assert data["leads"]["total"] == 2 and data["rates"]["qualified"] == 0.5 and len(data["trend_7d"]) == 7
    assert runner.invoke(app, ["leads", "dashboard", "--campaign", "Spring outbound"]).exit_code == EXIT_OK

    explained = runner.invoke(app, ["leads", "explain", "ana@acme.io"])
    assert explained.exit_code == EXIT_OK, explained.output
    out = _flat(explained.stdout)
    assert "Score 0." in out and "ICP fit factors:" in out and "size 0.30 x 1.00 = 0.300" in out
    assert "Qualification: QUALIFIED - score_ok, email_ok, intent_ok" in out
    assert "Route: aggressive_close" in out
    rejected = runner.invoke(app, ["leads", "explain", "info@acme.io", "--campaign", "Spring outbound"])
    assert "role_account - 'info@' is a shared role account" in _flat(rejected.stdout)
    assert runner.invoke(app, ["leads", "explain", "nobody@x.io"]).exit_code == EXIT_INVALID


def test_bad_input_exits_2_naming_the_problem(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["campaigns", "create", str(_campaign_file(tmp_path, limits={"send_window": "9-5"}))])
    assert bad.exit_code == EXIT_INVALID and "limits.send_window" in _flat(bad.stderr)
    missing = runner.invoke(app, ["leads", "import", str(tmp_path / "x.csv"), "--campaign", "Nope"])
    assert missing.exit_code == EXIT_INVALID and "no campaign 'Nope'" in _flat(missing.stderr)
    runner.invoke(app, ["campaigns", "create", str(_campaign_file(tmp_path))])
    mapped = runner.invoke(app, ["leads", "import", str(tmp_path / "campaign.yaml"), "--campaign",
                                 "Spring outbound", "--map", "nonsense"])
    assert mapped.exit_code == EXIT_INVALID and "Header in the file=standard_column" in _flat(mapped.stderr)


def test_replies_polls_the_mailbox_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unset = runner.invoke(app, ["leads", "replies"])
    assert unset.exit_code == EXIT_INVALID and "AICMO_IMAP_HOST" in _flat(unset.stderr)
    with imap_server() as (port, mailbox):
        mailbox.add(b"From: x@y.io\r\nSubject: hi\r\n\r\nWho are you?\r\n")
        monkeypatch.setattr(cli_leads, "imap_config", lambda _cfg: ImapConfig(
            host="127.0.0.1", port=port, user=USER, password=PASSWORD, use_ssl=False, timeout_s=5))
        polled = runner.invoke(app, ["leads", "replies"])
        assert polled.exit_code == EXIT_OK, polled.output
        assert "Replies: unmatched 1" in polled.stdout and mailbox.seen == {1}
    monkeypatch.setattr(cli_leads, "imap_config", lambda _cfg: ImapConfig(
        host="127.0.0.1", port=port, user=USER, password=PASSWORD, use_ssl=False, timeout_s=2))
    down = runner.invoke(app, ["leads", "replies"])
    assert down.exit_code == 1 and "IMAP ConnectionRefusedError" in _flat(down.stderr)


def test_review_decides_a_queued_lead(tmp_path: Path) -> None:
    runner.invoke(app, ["campaigns", "create", str(_campaign_file(tmp_path))])
    csv = tmp_path / "quiet.csv"
    csv.write_text("email,title,company_size,industry,annual_revenue,location,recent_activity\n"
                   "quiet@calm.io,Head of Sales,120,SaaS,20000000,Germany,yes\n", encoding="utf-8")
    runner.invoke(app, ["leads", "import", str(csv), "--campaign", "Spring outbound"])
    runner.invoke(app, ["leads", "run", "--campaign", "Spring outbound", "--no-send"])
    rejected = runner.invoke(app, ["leads", "review", "quiet@calm.io", "--campaign", "Spring outbound", "--reject"])
    assert rejected.exit_code == EXIT_OK and "quiet@calm.io: REJECTED" in rejected.stdout
    again = runner.invoke(app, ["leads", "review", "quiet@calm.io", "--campaign", "Spring outbound", "--approve"])
    assert again.exit_code == EXIT_INVALID and "not waiting for review" in _flat(again.stderr)


def test_health_reports_failing_jobs() -> None:
    assert "No scheduled runs yet" in runner.invoke(app, ["leads", "health"]).stdout
    services = open_services(database_url(load_settings()))
    slot = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    scheduler = LeadScheduler(services.factory, lambda *_: {}, clock=lambda: slot)
    for days in (2, 1, 0):
        scheduler.run_once("qualify", "Missing", slot - timedelta(days=days))  # succeeds: nothing to run
    failing = LeadScheduler(services.factory, cli_leads.job_runner(services, LeadsSettings(), load_settings(),
                                                                    "default"), clock=lambda: slot)
    for days in (2, 1, 0):
        assert failing.run_once("score", "Missing", slot - timedelta(days=days)).status == "failed"
    report = runner.invoke(app, ["leads", "health"])
    assert report.exit_code == 1 and "NO" in report.stdout and "qualify" in report.stdout
    assert runner.invoke(app, ["leads", "schedule"]).exit_code == EXIT_INVALID  # no campaigns yet
