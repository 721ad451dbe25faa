"""Helpers for lead pipeline tests: a real local SMTP server (aiosmtpd), synthetic leads, migrated lead stores."""

from __future__ import annotations

import random
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from api.leads_wiring import LeadsServices, open_services
from graphs.leads_context import LeadsContext
from tools.leads.campaign import Campaign, parse_campaign
from tools.mailer import SmtpConfig, SmtpMailer

CAMPAIGN: dict[str, Any] = {
    "name": "Spring outbound",
    "offer": "A 6-week outbound sprint that books qualified sales meetings, with weekly reporting",
    "offer_url": "https://agency.example/sprint",
    "tone": "friendly",
    "pain_point": "turning marketing spend into qualified pipeline",
    "icp": {"sizes": ["medium", "enterprise"], "industries": ["saas", "fintech"], "revenue_min": 5_000_000,
            "revenue_max": 200_000_000, "locations": ["germany", "united kingdom"],
            "roles": ["head of sales", "vp sales", "cmo"]},
    "limits": {"daily_cap": 400, "warmup_start": 400, "warmup_step": 0, "send_window": "09:00-18:00",
               "timezone": "Europe/London"},
    "sender": {"from_name": "Sam Carter", "from_email": "sam@agency.example"},
    "rules": {"competitor_domains": ["rivalagency.com"]},
}
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "")
TITLES = ("Head of Sales", "VP Sales", "CMO", "Marketing Manager", "Founder", "Senior Engineer", "Sales Lead",
          "Director of Marketing", "Chief Revenue Officer", "")
INDUSTRIES = ("SaaS", "Fintech", "Retail", "B2B SaaS", "Healthcare", "")
SIZES = ("5", "25", "120", "800", "medium", "enterprise", "")
LOCATIONS = ("Germany", "Berlin, Germany", "United Kingdom", "London, United Kingdom", "France", "")
HEADER = ("email,first_name,last_name,company,title,company_size,industry,annual_revenue,location,linkedin_url,"
          "recent_job_change,company_funded_recently,company_hiring,recent_activity,is_decision_maker,"
          "has_budget_authority,timezone")


def campaign(**overrides: Any) -> Campaign:
    """The test campaign, with top-level fields or limits overridden."""
    data = {**CAMPAIGN, **{k: v for k, v in overrides.items() if k != "limits"}}
    data["limits"] = {**CAMPAIGN["limits"], **overrides.get("limits", {})}
    return parse_campaign(data)


def _flag(rng: random.Random) -> str:
    return rng.choice(("yes", "true", "1")) if rng.random() < 0.2 else rng.choice(("no", "false", "0", ""))


def _row(rng: random.Random, email: str, first: str, company: str, strong: bool = False) -> list[str]:
    if strong:
        return [email, first, "Test", company, "Head of Sales", "120", "SaaS", "20000000", "Berlin, Germany", "",
                "yes", "yes", "no", "no", "yes", "yes", "Europe/Berlin"]
    return [email, first, rng.choice(("Smith", "Okafor", "Muller", "")), company, rng.choice(TITLES),
            rng.choice(SIZES), rng.choice(INDUSTRIES), rng.choice(("", "800000", "12000000", "90000000", "3.5M")),
            rng.choice(LOCATIONS), "", *(_flag(rng) for _ in range(6)), rng.choice(ZONES)]


@dataclass
class Synthetic:
    """A generated CSV and what is special about its rows."""

    csv: str
    duplicates: int
    role_accounts: list[str] = field(default_factory=list)
    bots: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)


def synthetic_leads(total: int = 200, seed: int = 7) -> Synthetic:
    """``total`` rows: ordinary leads plus duplicates, role accounts, bots, competitors and to-be-suppressed ones."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    data = Synthetic(csv="", duplicates=10)
    for i, local in enumerate(("info", "sales", "support", "marketing", "hello", "contact", "admin", "team")):
        email = f"{local}@company{i}.io"
        data.role_accounts.append(email)
        rows.append(_row(rng, email, "Team", f"Company{i}", strong=True))
    for i, local in enumerate(("noreply", "mailer-daemon", "test.user", "alerts")):
        data.bots.append(f"{local}@bots{i}.io")
        rows.append(_row(rng, data.bots[-1], "Bot", f"Bots{i}", strong=True))
    for i in range(3):
        data.competitors.append(f"person{i}@rivalagency.com")
        rows.append(_row(rng, data.competitors[-1], f"Rival{i}", "Rival Agency", strong=True))
    for i in range(10):
        data.suppressed.append(f"gone{i}@suppressed{i}.io")
        rows.append(_row(rng, data.suppressed[-1], f"Gone{i}", f"Suppressed{i}", strong=True))
    for i in range(5):  # a perfect fit with almost no buying signal: a human decides
        quiet = _row(rng, f"quiet{i}@calm{i}.io", f"Quiet{i}", f"Calm{i}", strong=True)
        rows.append([*quiet[:10], "no", "no", "no", "yes", "no", "no", quiet[-1]])
    for i in range(20):
        strong = _row(rng, f"strong{i}@fit{i}.io", f"Strong{i}", f"Fit{i}", strong=True)
        rows.append([*strong[:-1], rng.choice(ZONES)])
    while len(rows) < total - data.duplicates:
        i = len(rows)
        rows.append(_row(rng, f"lead{i}@firm{i}.com", f"Lead{i}", f"Firm{i}"))
    for original in rng.sample(rows[25:], data.duplicates):
        rows.append([original[0].upper(), *original[1:]])
    data.csv = "\n".join([HEADER, *(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows)]) + "\n"
    return data


@dataclass
class Inbox:
    """What the SMTP server accepted, and the addresses it refuses."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    reject: set[str] = field(default_factory=set)
    tempfail: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address.lower() in self.reject:
            return "550 5.1.1 mailbox unavailable"
        if address.lower() in self.tempfail:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        """Every envelope recipient, in order."""
        return [rcpt.lower() for _, rcpts in self.envelopes for rcpt in rcpts]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_server(tls_context: ssl.SSLContext | None = None) -> Iterator[tuple[SmtpConfig, Inbox]]:
    """A real SMTP server on localhost (STARTTLS required when a TLS context is given); yields its config."""
    inbox = Inbox()
    port = free_port()
    extra: dict[str, Any] = {"tls_context": tls_context, "require_starttls": True} if tls_context else {}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **extra)
    controller.start()
    try:
        yield SmtpConfig(host="127.0.0.1", port=port, starttls=tls_context is not None, timeout_s=10), inbox
    finally:
        controller.stop()


def smtp_factory(config: SmtpConfig) -> Any:
    """A LeadsContext mailer factory for ``config``."""
    return lambda: SmtpMailer(config)


@contextmanager
def lead_services(url: str, clock: datetime) -> Iterator[LeadsServices]:
    """Migrated stores on ``url`` with a fixed clock; the engine is disposed afterwards."""
    services = open_services(url, clock=lambda: clock)
    try:
        yield services
    finally:
        engine = services.factory.kw["bind"]
        engine.dispose()


def context(services: LeadsServices, now: datetime, **kwargs: Any) -> LeadsContext:
    """A pipeline context on the test stores, tracking links on https://track.example."""
    return LeadsContext(leads=services.leads, outreach=services.outreach, now=now,
                        tracking_base_url="https://track.example", **kwargs)
