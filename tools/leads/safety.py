"""Sending safety (spec/cam.md): daily caps, warm-up, the send window in the lead's time zone, suppression."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tools.leads.campaign import Limits


@lru_cache(maxsize=512)
def zone(name: str | None, fallback: str = "UTC") -> ZoneInfo:
    """The lead's zone when known and valid, else the campaign's."""
    for candidate in (name, fallback):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a local calendar day, in UTC."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start.astimezone(UTC), datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def warmup_cap(limits: Limits, first_send_day: date | None, today: date) -> int:
    """Warm-up allowance: warmup_start on the first sending day, + warmup_step each day after, up to daily_cap."""
    days = 0 if first_send_day is None else max(0, (today - first_send_day).days)
    return min(limits.daily_cap, limits.warmup_start + limits.warmup_step * days)


@dataclass(frozen=True)
class SendBudget:
    """How many emails may still go out today, and which limit binds."""

    remaining: int
    campaign_cap: int
    campaign_sent: int
    global_cap: int
    global_sent: int

    @property
    def binding(self) -> str:
        """'campaign' or 'global': the limit that sets ``remaining``."""
        return "global" if self.global_cap - self.global_sent < self.campaign_cap - self.campaign_sent else "campaign"


def send_budget(limits: Limits, *, first_send_day: date | None, today: date, campaign_sent_today: int,
                global_sent_today: int) -> SendBudget:
    """Remaining sends today under the warm-up/campaign cap and the global cap."""
    cap = warmup_cap(limits, first_send_day, today)
    remaining = max(0, min(cap - campaign_sent_today, limits.global_daily_cap - global_sent_today))
    return SendBudget(remaining=remaining, campaign_cap=cap, campaign_sent=campaign_sent_today,
                      global_cap=limits.global_daily_cap, global_sent=global_sent_today)


def in_window(now: datetime, tz: ZoneInfo, window: tuple[time, time]) -> bool:
    """True when the local time is inside [start, end)."""
    local = now.astimezone(tz).time()
    return window[0] <= local < window[1]


def next_window_open(when: datetime, tz: ZoneInfo, window: tuple[time, time]) -> datetime:
    """``when`` itself inside the window, else the next opening (today's start or tomorrow's), in UTC."""
    local = when.astimezone(tz)
    if window[0] <= local.time() < window[1]:
        return when.astimezone(UTC)
    day = local.date() if local.time() < window[0] else local.date() + timedelta(days=1)
    return datetime.combine(day, window[0], tzinfo=tz).astimezone(UTC)


def domain_of(email: str) -> str:
    """The lower-cased domain of an address."""
    return email.rpartition("@")[2].lower()


def suppression_reason(email: str | None, suppressed_emails: set[str], blocked_domains: set[str]) -> str | None:
    """'suppressed_email' or 'blocked_domain' when the address must not be contacted, else None."""
    if not email:
        return None
    address = email.lower()
    if address in suppressed_emails:
        return "suppressed_email"
    domain = domain_of(address)
    if any(domain == d or domain.endswith("." + d) for d in blocked_domains):
        return "blocked_domain"
    return None


def should_auto_pause(sent: int, replied: int, enabled: bool, *, min_sends: int = 50, min_rate: float = 0.10) -> bool:
    """Pause when enabled, at least ``min_sends`` sent and the reply rate is below ``min_rate``."""
    return enabled and sent >= min_sends and replied / sent < min_rate
