"""Per-run knobs of the lead pipeline, passed as the runtime context: stores, clock, writer, mailer, enricher."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from agents.nurture_writer import NurtureWriter, write_offline
from memory.leads_outreach import OutreachRepo
from memory.leads_repo import LeadRepo
from tools.leads.records import LeadRecord
from tools.mailer import Delivery, OutgoingEmail

STAGES = ("enrich", "score", "qualify", "route", "write", "send", "track")


class Mailer(Protocol):
    """Anything that sends one email and reports the server's answer (tools.mailer.SmtpMailer)."""

    def send(self, email: OutgoingEmail) -> Delivery:
        """Send one email."""
        ...


MailerFactory = Callable[[], AbstractContextManager[Mailer]]
Enricher = Callable[[list[LeadRecord]], list[dict[str, Any] | None]]


def new_token() -> str:
    """An unguessable tracking token."""
    return secrets.token_urlsafe(16)


@dataclass(kw_only=True)
class LeadsContext:
    """Run-scoped configuration of the lead pipeline (never read from the environment here)."""

    leads: LeadRepo = field(metadata={"description": "Campaigns, leads and suppression."})
    outreach: OutreachRepo = field(metadata={"description": "Messages and engagement."})
    now: datetime = field(metadata={"description": "The run's clock (timezone-aware); nothing reads the time."})
    tenant: str = field(default="default", metadata={"description": "Whose campaigns and leads."})
    batch_size: int = field(default=1000, metadata={"description": "Leads per stage per round."})
    max_rounds: int = field(default=500, metadata={"description": "Rounds before the run stops."})
    stages: tuple[str, ...] = field(default=STAGES, metadata={"description": "Stages this run executes."})
    writer: NurtureWriter = field(default=write_offline, metadata={
        "description": "Writes one email; the offline writer unless an LLM chain is configured."})
    mailer: MailerFactory | None = field(default=None, metadata={
        "description": "Opens an SMTP connection; None means drafts are written but nothing is sent."})
    enricher: Enricher | None = field(default=None, metadata={"description": "Fills company facts and signals."})
    tracking_base_url: str = field(default="http://127.0.0.1:8000", metadata={
        "description": "Public base URL of the API serving /t/o, /t/c and /u."})
    token_factory: Callable[[], str] = field(default=new_token, metadata={"description": "Tracking tokens."})
    retry_after: timedelta = field(default=timedelta(minutes=15), metadata={
        "description": "Wait before retrying a temporarily refused recipient."})

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("LeadsContext.now must be timezone-aware")
        unknown = set(self.stages) - set(STAGES)
        if unknown:
            raise ValueError(f"unknown stages {sorted(unknown)}; stages are {', '.join(STAGES)}")

    @property
    def recursion_limit(self) -> int:
        """Graph steps needed for ``max_rounds`` rounds of every stage."""
        return (len(STAGES) + 1) * (self.max_rounds + 1) + 4
