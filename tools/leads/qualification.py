"""Qualify a scored lead, in order: score, email quality, intent (spec/cam.md "Qualify")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from tools.leads.campaign import Rules
from tools.leads.records import FactsLike

Verdict = Literal["QUALIFIED", "REJECTED", "MANUAL_REVIEW"]
_FORMAT = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
BOT_MARKERS = ("bot", "spam", "mailer", "daemon", "noreply", "verify", "confirm", "alert", "notification")
BOT_PREFIXES = ("test", "demo", "bounce")
ROLE_ACCOUNTS = frozenset({
    "info", "support", "sales", "marketing", "admin", "administrator", "hello", "contact", "office", "team",
    "help", "billing", "accounts", "accounting", "careers", "jobs", "hr", "press", "media", "pr", "webmaster",
    "postmaster", "hostmaster", "abuse", "enquiries", "inquiries", "enquiry", "service", "customerservice",
    "feedback", "partners", "partnerships", "legal", "privacy", "security", "orders", "general", "mail",
    "newsletter", "events", "invoices", "finance", "reception", "studio", "hi",
})
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com", "hotmail.co.uk",
    "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me",
    "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.com", "yandex.ru",
    "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com",
})
INTENT_WEIGHTS = (("recent_job_change", 0.25), ("company_funded_recently", 0.20), ("company_hiring", 0.20),
                  ("recent_activity", 0.15), ("is_decision_maker", 0.10), ("has_budget_authority", 0.10))
INVALID_VERIFICATIONS = frozenset({"invalid", "undeliverable", "bounced"})


@dataclass(frozen=True)
class EmailCheck:
    """Whether an address may be contacted, and the reason code when not."""

    ok: bool
    reason: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Qualification:
    """The verdict, the reason codes behind it and the intent that decided it."""

    verdict: Verdict
    reasons: list[str]
    intent: float
    email: EmailCheck
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for the lead's record."""
        return {"verdict": self.verdict, "reasons": list(self.reasons), "intent": self.intent,
                "email": {"ok": self.email.ok, "reason": self.email.reason, "detail": self.email.detail},
                "details": dict(self.details)}


def split_email(email: str) -> tuple[str, str]:
    """(local part without a +tag, domain), lower-cased."""
    local, _, domain = email.lower().rpartition("@")
    return local.split("+", 1)[0], domain


def check_email(email: str | None, rules: Rules | None = None, verification: str | None = None) -> EmailCheck:
    """Format, bot/system addresses, role accounts, competitor domains, optional free-mail; first failure wins."""
    rules = rules or Rules()
    if not email or not _FORMAT.match(email.lower()):
        return EmailCheck(False, "invalid_email_format", f"'{email or ''}' is not a valid address")
    if verification and verification.lower() in INVALID_VERIFICATIONS:
        return EmailCheck(False, "invalid_email_format", f"verifier says {verification}")
    local, domain = split_email(email)
    squashed = re.sub(r"[._-]", "", local)
    marker = next((m for m in BOT_MARKERS if m in squashed), None)
    if marker or local.startswith(BOT_PREFIXES):
        return EmailCheck(False, "bot_or_system_address", f"local part '{local}' looks automated")
    if local in ROLE_ACCOUNTS or squashed in ROLE_ACCOUNTS:
        return EmailCheck(False, "role_account", f"'{local}@' is a shared role account")
    if any(domain == d or domain.endswith("." + d) for d in rules.competitor_domains):
        return EmailCheck(False, "competitor_domain", f"{domain} is a competitor")
    if rules.block_free_mail and domain in FREE_MAIL:
        return EmailCheck(False, "free_mail", f"{domain} is a free-mail provider")
    return EmailCheck(True)


def intent_score(enrichment: FactsLike) -> float:
    """0.25 job change + 0.20 funded + 0.20 hiring + 0.15 activity + 0.10 decision maker + 0.10 budget."""
    return round(sum(w for name, w in INTENT_WEIGHTS if getattr(enrichment, name)), 4)


def qualify(score: float, email: str | None, enrichment: FactsLike, rules: Rules | None = None) -> Qualification:
    """Score gate, then email quality, then intent (below the minimum and no decision maker -> manual review)."""
    rules = rules or Rules()
    intent = intent_score(enrichment)
    check = check_email(email, rules, enrichment.email_verification)
    details = {"score": score, "min_score": rules.qualify_min_score, "intent": intent, "min_intent": rules.min_intent}
    if score < rules.qualify_min_score:
        return Qualification("REJECTED", ["low_icp_fit"], intent, check, details)
    if not check.ok:
        return Qualification("REJECTED", [str(check.reason)], intent, check, details | {"email": check.detail})
    if intent < rules.min_intent and not enrichment.is_decision_maker:
        return Qualification("MANUAL_REVIEW", ["low_intent"], intent, check, details)
    reasons = ["score_ok", "email_ok", "decision_maker" if intent < rules.min_intent else "intent_ok"]
    return Qualification("QUALIFIED", reasons, intent, check, details)
