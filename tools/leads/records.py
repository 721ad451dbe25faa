"""A lead as imported or enriched: identity, company facts and buying signals (text is data, never instructions)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tools.text import clean_text

SIGNALS = ("recent_job_change", "company_funded_recently", "company_hiring", "recent_activity",
           "is_decision_maker", "has_budget_authority")
Source = Literal["csv", "api", "webhook", "apollo", "manual"]
_SUSPICIOUS = re.compile(r"[\x00-\x1f\x7f-\x9f<>{}\[\]$&%#|\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
MAX_TEXT = 200


def inert(value: str | None, limit: int = MAX_TEXT) -> str | None:
    """Plain single-line text that cannot act as markup, a template or a header; None when empty."""
    if value is None:
        return None
    text = clean_text(value) if _SUSPICIOUS.search(value) else " ".join(value.split())
    return text[:limit] or None


class Enrichment(BaseModel):
    """Company facts and buying signals; an unknown signal counts as false, an unknown fact as unknown."""

    model_config = ConfigDict(extra="forbid")

    company_size: str | None = None
    industry: str | None = None
    annual_revenue: float | None = Field(default=None, ge=0)
    location: str | None = None
    job_level: str | None = None
    recent_job_change: bool = False
    company_funded_recently: bool = False
    company_hiring: bool = False
    recent_activity: bool = False
    is_decision_maker: bool = False
    has_budget_authority: bool = False
    email_verification: str | None = Field(default=None, description="A verifier's verdict, e.g. nominative@pro.")

    @field_validator("company_size", "industry", "location", "job_level", "email_verification", mode="before")
    @classmethod
    def _inert(cls, value: object) -> object:
        return inert(value) if isinstance(value, str) else value

    def signal_count(self) -> int:
        """How many of the six buying signals are true."""
        return sum(bool(getattr(self, name)) for name in SIGNALS)


FACT_DEFAULTS: dict[str, Any] = {name: field.default for name, field in Enrichment.model_fields.items()}


class Facts:
    """Company facts and signals from a stored mapping that was validated on import (treat as read-only).

    A plain object: building it is ~10x cheaper than validating an Enrichment again, which matters when a stage
    reads 100,000 leads.
    """

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self.__dict__.update(FACT_DEFAULTS)
        if values:  # keys come from Enrichment.model_dump: no filtering needed
            self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"Facts has no field '{name}'")


FactsLike = Enrichment | Facts


class LeadRecord(BaseModel):
    """One lead before it is stored: who, where, and what we know about the company."""

    model_config = ConfigDict(extra="forbid")

    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    company: str | None = None
    company_domain: str | None = None
    title: str | None = None
    linkedin_url: str | None = None
    timezone: str | None = Field(default=None, description="IANA zone, e.g. Europe/Berlin; used for send windows.")
    pain_point: str | None = None
    source: Source = "csv"
    tags: list[str] = Field(default_factory=list)
    enrichment: Enrichment = Field(default_factory=Enrichment)

    @field_validator("first_name", "last_name", "name", "company", "company_domain", "title", "linkedin_url",
                     "timezone", "pain_point", mode="before")
    @classmethod
    def _inert(cls, value: object) -> object:
        return inert(value) if isinstance(value, str) else value

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: object) -> object:
        return "".join(value.split()).lower() or None if isinstance(value, str) else value

    @property
    def full_name(self) -> str | None:
        """The name as given, else first and last name joined."""
        joined = " ".join(part for part in (self.first_name, self.last_name) if part)
        return self.name or joined or None

    @property
    def greeting_name(self) -> str | None:
        """The first name, else the first word of the full name."""
        if self.first_name:
            return self.first_name
        full = self.full_name
        return full.split()[0] if full else None
