"""Build the lead pipeline from settings: stores, SMTP mailer, nurture writer, adapters, runner for schedules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from agents.nurture_writer import NurtureWriter, write_offline
from api.settings import Settings
from graphs.leads import graph as leads_graph
from graphs.leads_context import STAGES, LeadsContext, MailerFactory
from memory.db import SessionFactory, make_engine, session_factory, sqlite_url
from memory.lead_schedules import JobFailedError
from memory.leads_outreach import OutreachRepo
from memory.leads_repo import LeadRepo
from memory.migrations import upgrade
from tools.inbox import ImapConfig
from tools.mailer import SmtpConfig, SmtpMailer

JOB_STAGES: dict[str, tuple[str, ...]] = {"score": ("enrich", "score"), "qualify": ("qualify",),
                                          "route": ("route",), "send": ("write", "send", "track")}


@dataclass(frozen=True)
class LeadsSettings:
    """The settings the lead pipeline reads (fields of api/settings.py; defaults while they are absent)."""

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    imap_host: str | None = None
    imap_port: int = 993
    imap_user: str | None = None
    imap_password: str | None = None
    imap_ssl: bool = True
    imap_mailbox: str = "INBOX"
    apollo_api_key: str | None = None
    dropcontact_api_key: str | None = None
    tracking_base_url: str = "http://127.0.0.1:8000"
    leads_batch_size: int = 1000

    @classmethod
    def from_settings(cls, settings: Settings) -> LeadsSettings:
        """Pick the lead fields from Settings."""
        names = cls.__dataclass_fields__
        return cls(**{name: getattr(settings, name) for name in names if getattr(settings, name, None) is not None})


@dataclass
class LeadsServices:
    """What routes, the CLI and schedules share: the stores and a clock."""

    factory: SessionFactory
    leads: LeadRepo
    outreach: OutreachRepo
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    reply_classifier: Any = None


def database_url(settings: Settings) -> str:
    """The app database: AICMO_DATABASE_URL, else aicmo.db under AICMO_HOME."""
    return settings.database_url or sqlite_url(settings.home)


def open_services(url: str, *, migrate: bool = True, clock: Callable[[], datetime] | None = None) -> LeadsServices:
    """Stores on the database at ``url`` (migrated to the newest revision first)."""
    if migrate:
        upgrade(url)
    factory = session_factory(make_engine(url))
    services = LeadsServices(factory=factory, leads=LeadRepo(factory), outreach=OutreachRepo(factory))
    if clock is not None:
        services.clock = clock
    return services


def mailer_factory(cfg: LeadsSettings) -> MailerFactory | None:
    """An SMTP connection per batch, or None when AICMO_SMTP_HOST is not set (drafts only)."""
    if not cfg.smtp_host:
        return None
    smtp = SmtpConfig(host=cfg.smtp_host, port=cfg.smtp_port, user=cfg.smtp_user, password=cfg.smtp_password,
                      starttls=cfg.smtp_starttls)
    return lambda: SmtpMailer(smtp)


def imap_config(cfg: LeadsSettings) -> ImapConfig | None:
    """The reply mailbox, or None when AICMO_IMAP_HOST is not set."""
    if not (cfg.imap_host and cfg.imap_user):
        return None
    return ImapConfig(host=cfg.imap_host, port=cfg.imap_port, user=cfg.imap_user, password=cfg.imap_password or "",
                      use_ssl=cfg.imap_ssl, mailbox=cfg.imap_mailbox)


def nurture_writer(settings: Settings) -> tuple[NurtureWriter, str]:
    """The LLM writer when a chain is configured for the nurture role, else the offline writer; and its label."""
    chain_text = settings.chain_for("nurture")
    if not chain_text:
        return write_offline, "offline"
    from agents.models import ModelChain, parse_chain
    from agents.nurture_writer import LLMNurtureWriter
    from api.engine import build_cache, provider_config

    chain = ModelChain.from_specs(parse_chain(chain_text), provider_config(settings, build_cache(settings)))
    return LLMNurtureWriter(chain), f"llm ({', '.join(chain.labels)})"


def enricher(cfg: LeadsSettings) -> Any:
    """Dropcontact enrichment when its key is set, else Apollo's when that key is set, else none."""
    if cfg.dropcontact_api_key:
        from tools.adapters.dropcontact import DropcontactClient

        return DropcontactClient(cfg.dropcontact_api_key).enrich
    if cfg.apollo_api_key:
        from tools.adapters.apollo import ApolloClient

        return ApolloClient(cfg.apollo_api_key, today=datetime.now(UTC).date()).enrich
    return None


def build_context(services: LeadsServices, cfg: LeadsSettings, *, tenant: str, now: datetime,
                  writer: NurtureWriter = write_offline, stages: tuple[str, ...] = STAGES,
                  mailer: MailerFactory | None = None, enrich: Any = None) -> LeadsContext:
    """The runtime context of one pipeline run."""
    return LeadsContext(leads=services.leads, outreach=services.outreach, now=now, tenant=tenant,
                        batch_size=cfg.leads_batch_size, stages=stages, writer=writer, mailer=mailer,
                        enricher=enrich, tracking_base_url=cfg.tracking_base_url)


def run_pipeline(ctx: LeadsContext, campaign: str) -> dict[str, Any]:
    """Invoke the lead graph once for a campaign; the totals, errors and rounds."""
    return dict(leads_graph.invoke({"campaign": campaign}, context=ctx,
                                   config={"recursion_limit": ctx.recursion_limit}))


def job_runner(services: LeadsServices, cfg: LeadsSettings, settings: Settings, tenant: str
               ) -> Callable[[str, str, datetime], dict[str, Any]]:
    """The schedule runner: harvest imports from Apollo, other jobs run their pipeline stages."""
    writer, _ = nurture_writer(settings)

    def run(job: str, scope: str, scheduled_for: datetime) -> dict[str, Any]:
        """Run one job for one campaign; pipeline errors fail the job."""
        if job == "harvest":
            return harvest(services, cfg, tenant, scope, services.clock())
        ctx = build_context(services, cfg, tenant=tenant, now=services.clock(), writer=writer,
                            stages=JOB_STAGES[job], mailer=mailer_factory(cfg), enrich=enricher(cfg))
        result = run_pipeline(ctx, scope)
        if result.get("errors"):
            raise JobFailedError("; ".join(result["errors"]))
        return dict(result.get("totals") or {})

    return run


def harvest(services: LeadsServices, cfg: LeadsSettings, tenant: str, campaign: str, now: datetime
            ) -> dict[str, Any]:
    """Import the campaign's ICP matches from Apollo (nothing to do without an Apollo key)."""
    if not cfg.apollo_api_key:
        return {"skipped": "no AICMO_APOLLO_API_KEY"}
    from tools.adapters.apollo import ApolloClient

    info = services.leads.get_campaign(tenant, campaign)
    records = ApolloClient(cfg.apollo_api_key, today=now.date()).harvest(info.config.icp)
    stats = services.leads.import_records(info, records, now)
    return {"imported": stats.imported, "duplicates": stats.duplicates}
