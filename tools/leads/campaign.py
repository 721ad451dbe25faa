"""A lead campaign as YAML: ICP, offer, tone, sending limits, sender, and the rules' numbers (spec/cam.md defaults)."""

from __future__ import annotations

import re
from datetime import time
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tools.leads.scoring import SIZE_LADDER

EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_WINDOW = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ICP(_Strict):
    """Who the campaign wants: an empty list means "no preference" (that score component is unknown, 0.5)."""

    sizes: list[str] = Field(default_factory=list, description=f"Any of {', '.join(SIZE_LADDER)}.")
    industries: list[str] = Field(default_factory=list)
    revenue_min: float | None = Field(default=None, ge=0)
    revenue_max: float | None = Field(default=None, ge=0)
    locations: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)

    @field_validator("sizes")
    @classmethod
    def _sizes(cls, value: list[str]) -> list[str]:
        sizes = [s.strip().lower() for s in value]
        unknown = [s for s in sizes if s not in SIZE_LADDER]
        if unknown:
            raise ValueError(f"unknown size {unknown}: use {', '.join(SIZE_LADDER)}")
        return sizes

    @model_validator(mode="after")
    def _range(self) -> ICP:
        if self.revenue_min is not None and self.revenue_max is not None and self.revenue_min > self.revenue_max:
            raise ValueError("revenue_min is above revenue_max")
        return self


class Limits(_Strict):
    """Sending safety: caps, warm-up, the send window and its default time zone."""

    daily_cap: int = Field(default=20, ge=1)
    warmup_start: int = Field(default=5, ge=1)
    warmup_step: int = Field(default=5, ge=0)
    send_window: str = Field(default="09:00-18:00", description="HH:MM-HH:MM in the lead's time zone.")
    timezone: str = Field(default="UTC", description="Used when a lead's own time zone is unknown.")
    global_daily_cap: int = Field(default=500, ge=1)
    follow_up_days: int = Field(default=7, ge=1, description="Days without a reply after the last step.")
    auto_pause: bool = Field(default=False, description="Pause after >= 50 sends with a reply rate < 10%.")

    @field_validator("send_window")
    @classmethod
    def _window(cls, value: str) -> str:
        match = _WINDOW.match(value.replace(" ", ""))
        if not match or (match[1], match[2]) >= (match[3], match[4]):
            raise ValueError("send_window must be HH:MM-HH:MM with the start before the end, e.g. 09:00-18:00")
        return value.replace(" ", "")

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}': use an IANA name such as Europe/London") from None
        return value

    @property
    def window(self) -> tuple[time, time]:
        """The send window as (start, end) local times."""
        start, end = self.send_window.split("-")
        return time.fromisoformat(start), time.fromisoformat(end)


class Sender(_Strict):
    """Who the emails come from."""

    from_name: str = Field(min_length=1, max_length=120)
    from_email: str
    postal_address: str | None = Field(default=None, description="Printed in the footer when given.")

    @field_validator("from_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not EMAIL.match(value.strip()):
            raise ValueError(f"'{value}' is not an email address")
        return value.strip().lower()

    @field_validator("from_name")
    @classmethod
    def _name(cls, value: str) -> str:
        return " ".join(value.split())


class SequenceSpec(_Strict):
    """A nurture sequence: the lowest effective score it takes, and the day offset of each email."""

    name: str
    min_score: float = Field(ge=0, le=1)
    offsets: list[int] = Field(min_length=1)
    goal: str

    @field_validator("offsets")
    @classmethod
    def _increasing(cls, value: list[int]) -> list[int]:
        if value[0] != 0 or any(b <= a for a, b in pairwise(value)):
            raise ValueError("offsets start at 0 and increase")
        return value


DEFAULT_SEQUENCES = (
    SequenceSpec(name="aggressive_close", min_score=0.85, offsets=[0, 2, 5], goal="meeting within 7 days"),
    SequenceSpec(name="regular_nurture", min_score=0.70, offsets=[0, 3, 7, 10],
                 goal="establish interest, qualify need"),
    SequenceSpec(name="long_term_nurture", min_score=0.50, offsets=[0, 5, 10, 15, 20, 25],
                 goal="value and relationship"),
    SequenceSpec(name="cold_outreach", min_score=0.0, offsets=[0, 7, 14, 21, 28, 35, 42, 49],
                 goal="introduce and build credibility"),
)


class Rules(_Strict):
    """The numbers behind every decision (defaults from spec/cam.md)."""

    hot: float = 0.85
    warm: float = 0.65
    cool: float = 0.40
    qualify_min_score: float = 0.70
    min_intent: float = 0.2
    intent_share_boost_at: float = 0.5
    intent_boost: float = 0.15
    block_free_mail: bool = False
    competitor_domains: list[str] = Field(default_factory=list)
    blocked_domains: list[str] = Field(default_factory=list)
    sequences: list[SequenceSpec] = Field(default_factory=lambda: list(DEFAULT_SEQUENCES))

    @field_validator("competitor_domains", "blocked_domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in value if d.strip()]

    @field_validator("sequences")
    @classmethod
    def _ladder(cls, value: list[SequenceSpec]) -> list[SequenceSpec]:
        ordered = sorted(value, key=lambda s: s.min_score, reverse=True)
        if not ordered or ordered[-1].min_score != 0:
            raise ValueError("one sequence must take every score (min_score 0)")
        return ordered


class Campaign(_Strict):
    """Everything a campaign decides: who to reach, what to offer, how to sound, how fast to send."""

    name: str = Field(min_length=1, max_length=120)
    offer: str = Field(min_length=3, max_length=400)
    offer_url: str | None = Field(default=None, description="Where the call to action points (click-tracked).")
    tone: str = Field(default="friendly", max_length=60)
    pain_point: str = Field(default="turning marketing spend into qualified pipeline", max_length=200)
    icp: ICP = Field(default_factory=ICP)
    limits: Limits = Field(default_factory=Limits)
    sender: Sender
    rules: Rules = Field(default_factory=Rules)

    @field_validator("name", "offer", "tone", "pain_point")
    @classmethod
    def _single_line(cls, value: str) -> str:
        return " ".join(value.split())

    @field_validator("offer_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s<>\"']+$", value):
            raise ValueError("offer_url must be an http(s) URL without spaces or quotes")
        return value


class CampaignError(ValueError):
    """A campaign file is wrong; ``problems`` lists every field and what is wrong with it."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def parse_campaign(data: Any) -> Campaign:
    """Validate a campaign mapping; raises CampaignError naming every bad field."""
    if not isinstance(data, dict):
        raise CampaignError(["campaign: expected a mapping of fields"])
    try:
        return Campaign.model_validate(data)
    except ValidationError as exc:
        raise CampaignError([f"{'.'.join(str(p) for p in e['loc']) or 'campaign'}: {e['msg']}"
                             for e in exc.errors()]) from None


def load_campaign(path: Path) -> Campaign:
    """Read and validate a campaign YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CampaignError([f"file: cannot read {path}: {exc.strerror}"]) from None
    except yaml.YAMLError as exc:
        raise CampaignError([f"file: {path.name} is not valid YAML: {exc}"]) from None
    return parse_campaign(data)
