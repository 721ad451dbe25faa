"""`aicmo leads ...` and `aicmo campaigns ...`: import, run the pipeline, see status and dashboard, explain a lead."""

from __future__ import annotations

import imaplib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agents.lead_replies import poll_replies
from api.leads_wiring import (
    LeadsServices,
    LeadsSettings,
    build_context,
    database_url,
    enricher,
    imap_config,
    job_runner,
    mailer_factory,
    nurture_writer,
    open_services,
    run_pipeline,
)
from api.settings import load_settings
from memory.lead_schedules import LeadScheduler
from memory.leads_metrics import dashboard, pipeline_counts
from memory.leads_models import Lead
from memory.leads_repo import CampaignExistsError, CampaignInfo, CampaignNotFoundError
from tools.inbox import ImapInbox
from tools.leads.campaign import CampaignError, load_campaign
from tools.leads.csv_import import CsvImportError, parse_csv
from tools.leads.explain import explain_lines

leads_app = typer.Typer(help="Lead pipeline: import leads, run the pipeline, status, dashboard, explain a lead.",
                        no_args_is_help=True, add_completion=False)
campaigns_app = typer.Typer(help="Lead campaigns: create one from a YAML file, list them.", no_args_is_help=True,
                            add_completion=False)
console = Console(emoji=False, highlight=False)
err = Console(stderr=True, emoji=False, highlight=False)
EXIT_OK, EXIT_PARTIAL, EXIT_FAILED, EXIT_INVALID = 0, 1, 1, 2
CampaignOpt = Annotated[str, typer.Option("--campaign", "-c", help="Campaign name.")]
TenantOpt = Annotated[str | None, typer.Option("--tenant", help="Tenant (default: AICMO_TENANT).")]


def utcnow() -> datetime:
    """The CLI's clock (the one place a lead command reads the time)."""
    return datetime.now(UTC)


def _services() -> tuple[LeadsServices, str]:
    settings = load_settings()
    return open_services(database_url(settings)), settings.tenant


def _campaign(services: LeadsServices, tenant: str, name: str) -> CampaignInfo:
    try:
        return services.leads.get_campaign(tenant, name)
    except CampaignNotFoundError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(EXIT_INVALID) from None


@campaigns_app.command("create")
def create_campaign(file: Annotated[Path, typer.Argument(help="Campaign YAML file.")],
                    tenant: TenantOpt = None) -> None:
    """Create a campaign: name, offer, tone, icp, limits, sender (see spec/cam.md for the defaults)."""
    services, default_tenant = _services()
    try:
        info = services.leads.create_campaign(tenant or default_tenant, load_campaign(file), utcnow())
    except CampaignError as exc:
        for problem in exc.problems:
            err.print(f"[red]{escape(problem)}[/red]")
        raise typer.Exit(EXIT_INVALID) from None
    except CampaignExistsError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(EXIT_INVALID) from None
    console.print(f"Created campaign {escape(info.name)} (id {info.id}) with sequences "
                  f"{escape(', '.join(info.sequence_ids))}")


@campaigns_app.command("list")
def list_campaigns(tenant: TenantOpt = None) -> None:
    """Show the tenant's campaigns."""
    services, default_tenant = _services()
    table = Table(title="Campaigns")
    for column in ("id", "name", "status", "daily cap", "window"):
        table.add_column(column)
    for info in services.leads.list_campaigns(tenant or default_tenant):
        limits = info.config.limits
        table.add_row(str(info.id), escape(info.name), info.status, str(limits.daily_cap),
                      f"{limits.send_window} {limits.timezone}")
    console.print(table)


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        header, sep, column = pair.partition("=")
        if not sep or not header.strip() or not column.strip():
            err.print(f"[red]--map {escape(pair)}: use 'Header in the file=standard_column'[/red]")
            raise typer.Exit(EXIT_INVALID)
        mapping[header.strip()] = column.strip()
    return mapping


@leads_app.command("import")
def import_leads(file: Annotated[Path, typer.Argument(help="CSV file with a header row.")], campaign: CampaignOpt,
                 map_: Annotated[list[str] | None, typer.Option("--map", help="'Header=column', repeatable.")] = None,
                 tenant: TenantOpt = None) -> None:
    """Import leads from CSV; bad rows are listed with their line and skipped, duplicates are skipped."""
    services, default_tenant = _services()
    info = _campaign(services, tenant or default_tenant, campaign)
    try:
        result = parse_csv(file.read_text(encoding="utf-8-sig"), _mapping(map_ or []))
    except (OSError, UnicodeDecodeError, CsvImportError) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(EXIT_INVALID) from None
    stats = services.leads.import_records(info, result.records, utcnow())
    for error in result.errors:
        err.print(f"line {error.line}, {escape(error.column)}: {escape(error.problem)}")
    console.print(f"Imported {stats.imported} leads into {escape(info.name)}; {stats.duplicates} duplicates and "
                  f"{len({e.line for e in result.errors})} bad rows skipped of {result.rows} rows")
    if result.errors:
        raise typer.Exit(EXIT_PARTIAL)


@leads_app.command("run")
def run(campaign: CampaignOpt, tenant: TenantOpt = None,
        no_send: Annotated[bool, typer.Option("--no-send", help="Write drafts but send nothing.")] = False) -> None:
    """Run the pipeline once: enrich, score, qualify, route, write and send what is due now."""
    settings = load_settings()
    services, default_tenant = open_services(database_url(settings)), settings.tenant
    cfg = LeadsSettings.from_settings(settings)
    info = _campaign(services, tenant or default_tenant, campaign)
    writer, label = nurture_writer(settings)
    mailer = None if no_send else mailer_factory(cfg)
    if mailer is None:
        console.print("Sending is off (" + ("--no-send" if no_send else "AICMO_SMTP_HOST is not set") +
                      "): drafts are written, nothing is sent")
    ctx = build_context(services, cfg, tenant=info.tenant, now=utcnow(), writer=writer, mailer=mailer,
                        enrich=enricher(cfg))
    result = run_pipeline(ctx, info.name)
    table = Table(title=f"Pipeline run: {escape(info.name)} (writer: {escape(label)})")
    table.add_column("stage.outcome")
    table.add_column("count", justify="right")
    for key, value in sorted((result.get("totals") or {}).items()):
        table.add_row(key, str(value))
    console.print(table)
    for error in result.get("errors") or []:
        err.print(f"[red]{escape(error)}[/red]")
    if result.get("errors"):
        raise typer.Exit(EXIT_FAILED)


@leads_app.command("review")
def review(email: Annotated[str, typer.Argument(help="The lead's email address.")], campaign: CampaignOpt,
           approve: Annotated[bool, typer.Option("--approve/--reject", help="Qualify or reject the lead.")],
           tenant: TenantOpt = None) -> None:
    """Decide a lead waiting in the manual review queue."""
    services, default_tenant = _services()
    info = _campaign(services, tenant or default_tenant, campaign)
    found = services.leads.find_leads(info.tenant, email, info.id)
    if not found or found[0].status != "MANUAL_REVIEW":
        err.print(f"[red]{escape(email)} is not waiting for review in {escape(info.name)}[/red]")
        raise typer.Exit(EXIT_INVALID)
    status = services.leads.review(found[0].id, approve, "cli", utcnow())
    console.print(f"{escape(email)}: {status}" + (" (routed on the next run)" if approve else ""))


@leads_app.command("replies")
def poll_replies_once(tenant: TenantOpt = None) -> None:
    """Poll the reply mailbox (AICMO_IMAP_*) once: classify unseen replies and apply them to their leads."""
    settings = load_settings()
    config = imap_config(LeadsSettings.from_settings(settings))
    if config is None:
        err.print("[red]AICMO_IMAP_HOST and AICMO_IMAP_USER are not set: no mailbox to poll[/red]")
        raise typer.Exit(EXIT_INVALID)
    services = open_services(database_url(settings))
    try:
        with ImapInbox(config) as inbox:
            counts = poll_replies(inbox, services.outreach, tenant=tenant or settings.tenant, now=utcnow(),
                                  llm=services.reply_classifier)
    except (imaplib.IMAP4.error, OSError) as exc:
        err.print(f"[red]IMAP {escape(type(exc).__name__)}: {escape(str(exc))}[/red]")
        raise typer.Exit(EXIT_FAILED) from None
    console.print("Replies: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none unseen"))


def _scheduler(services: LeadsServices, tenant: str) -> LeadScheduler:
    settings = load_settings()
    runner = job_runner(services, LeadsSettings.from_settings(settings), settings, tenant)
    return LeadScheduler(services.factory, runner, clock=utcnow)


@leads_app.command("schedule")
def schedule(tenant: TenantOpt = None) -> None:
    """Run the daily jobs (harvest 02:00, score 03:00, qualify 04:00, route 05:00, send 06:00) in the foreground."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    services, default_tenant = _services()
    tenant = tenant or default_tenant
    scopes = [(info.name, info.config.limits.timezone) for info in services.leads.list_campaigns(tenant)]
    if not scopes:
        err.print("[red]no campaigns to schedule: create one with aicmo campaigns create FILE[/red]")
        raise typer.Exit(EXIT_INVALID)
    blocking = BlockingScheduler(timezone="UTC")
    ids = _scheduler(services, tenant).register(blocking, scopes)
    console.print(f"Scheduled {len(ids)} jobs for {len(scopes)} campaigns; Ctrl-C stops")
    blocking.start()


@leads_app.command("health")
def health(tenant: TenantOpt = None) -> None:
    """Each scheduled job's last runs: unhealthy after three failures in a row (exit 1 when any is)."""
    services, default_tenant = _services()
    report = _scheduler(services, tenant or default_tenant).health()
    table = Table(title="Lead jobs")
    for column in ("job", "campaign", "last slot", "last status", "failures in a row", "healthy"):
        table.add_column(column)
    for item in report:
        table.add_row(item.job, escape(item.scope), item.last_scheduled_for.isoformat(), item.last_status,
                      str(item.consecutive_failures), "yes" if item.healthy else "NO")
    console.print(table if report else "No scheduled runs yet")
    if any(not item.healthy for item in report):
        raise typer.Exit(EXIT_FAILED)


@leads_app.command("status")
def status(campaign: CampaignOpt, tenant: TenantOpt = None) -> None:
    """Leads by status, tier and sequence; messages by status."""
    services, default_tenant = _services()
    counts = pipeline_counts(services.factory, _campaign(services, tenant or default_tenant, campaign).id)
    for group in ("by_status", "by_tier", "by_sequence", "messages"):
        table = Table(title=group.replace("_", " "))
        table.add_column("key")
        table.add_column("leads" if group != "messages" else "messages", justify="right")
        for key, value in sorted(counts[group].items()):
            table.add_row(escape(key), str(value))
        console.print(table)


@leads_app.command("dashboard")
def show_dashboard(campaign: CampaignOpt, tenant: TenantOpt = None,
                   as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Funnel, email outcomes, rates and the 7-day trend."""
    services, default_tenant = _services()
    info = _campaign(services, tenant or default_tenant, campaign)
    data = dashboard(services.factory, info.id, utcnow())
    if as_json:
        console.print_json(json.dumps(data, default=str))
        return
    table = Table(title=f"Dashboard: {escape(info.name)}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in data["emails"].items():
        table.add_row(f"emails {key}", str(value))
    for key, value in data["rates"].items():
        table.add_row(f"{key} rate", f"{value:.1%}")
    for key, value in data["channels"]["email"].items():
        table.add_row(f"email {key}", f"{value:.1%}")
    console.print(table)
    trend = Table(title="Last 7 days")
    for column in data["trend_7d"][0]:
        trend.add_column(column)
    for day in data["trend_7d"]:
        trend.add_row(*(str(v) for v in day.values()))
    console.print(trend)


@leads_app.command("explain")
def explain(email: Annotated[str, typer.Argument(help="The lead's email address.")],
            campaign: Annotated[str | None, typer.Option("--campaign", "-c", help="Campaign name.")] = None,
            tenant: TenantOpt = None) -> None:
    """Print a lead's score breakdown, tier, qualification reasons and route."""
    services, default_tenant = _services()
    tenant = tenant or default_tenant
    campaign_id = _campaign(services, tenant, campaign).id if campaign else None
    leads = services.leads.find_leads(tenant, email, campaign_id)
    if not leads:
        err.print(f"[red]no lead {escape(email)}{' in ' + escape(campaign) if campaign else ''}[/red]")
        raise typer.Exit(EXIT_INVALID)
    for lead in leads:
        fields = {column.key: getattr(lead, column.key) for column in Lead.__table__.columns}
        for line in explain_lines(fields):
            console.print(escape(line))
        console.print("")
