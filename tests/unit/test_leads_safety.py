"""Sending safety (spec/cam.md): warm-up and caps, the send window in the lead's zone, suppression, auto-pause."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from tools.leads.campaign import Limits
from tools.leads.safety import (
    day_bounds,
    in_window,
    next_window_open,
    send_budget,
    should_auto_pause,
    suppression_reason,
    warmup_cap,
    zone,
)

DAY0 = date(2026, 3, 2)
WINDOW = (time(9), time(18))


@pytest.mark.parametrize(("days", "cap"), [(None, 5), (0, 5), (1, 10), (2, 15), (3, 20), (10, 20)])
def test_warm_up_from_5_plus_5_a_day_up_to_the_daily_cap(days: int | None, cap: int) -> None:
    first = None if days is None else DAY0
    today = DAY0 if days is None else date.fromordinal(DAY0.toordinal() + days)
    assert warmup_cap(Limits(), first, today) == cap


def test_budget_takes_the_tighter_of_campaign_and_global_caps() -> None:
    limits = Limits(daily_cap=50, warmup_start=50, global_daily_cap=500)
    budget = send_budget(limits, first_send_day=DAY0, today=DAY0, campaign_sent_today=45, global_sent_today=10)
    assert (budget.remaining, budget.binding) == (5, "campaign")
    budget = send_budget(limits, first_send_day=DAY0, today=DAY0, campaign_sent_today=0, global_sent_today=497)
    assert (budget.remaining, budget.binding) == (3, "global")
    assert send_budget(limits, first_send_day=DAY0, today=DAY0, campaign_sent_today=60,
                       global_sent_today=0).remaining == 0


@pytest.mark.parametrize(("utc", "tz", "inside"), [
    ("2026-03-02T08:00", "Europe/Berlin", True),      # 09:00 Berlin: the window opens
    ("2026-03-02T07:59", "Europe/Berlin", False),
    ("2026-03-02T16:59", "Europe/Berlin", True),
    ("2026-03-02T17:00", "Europe/Berlin", False),     # 18:00 Berlin: the window has closed
    ("2026-03-02T10:30", "America/New_York", False),  # 05:30 in New York
    ("2026-03-02T14:30", "America/New_York", True),
    ("2026-07-02T13:30", "America/New_York", True),   # 09:30 EDT in summer
])
def test_window_in_the_leads_zone(utc: str, tz: str, inside: bool) -> None:
    assert in_window(datetime.fromisoformat(utc).replace(tzinfo=UTC), zone(tz), WINDOW) is inside


def test_next_opening_is_now_inside_today_before_and_tomorrow_after() -> None:
    berlin = zone("Europe/Berlin")
    inside = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert next_window_open(inside, berlin, WINDOW) == inside
    assert next_window_open(datetime(2026, 3, 2, 6, 0, tzinfo=UTC), berlin, WINDOW) == datetime(
        2026, 3, 2, 8, 0, tzinfo=UTC)
    assert next_window_open(datetime(2026, 3, 2, 20, 0, tzinfo=UTC), berlin, WINDOW) == datetime(
        2026, 3, 3, 8, 0, tzinfo=UTC)


def test_unknown_zones_fall_back_to_the_campaign_zone() -> None:
    assert zone(None, "Europe/London").key == "Europe/London"
    assert zone("Not/AZone", "Asia/Tokyo").key == "Asia/Tokyo"
    assert zone(None, "").key == "UTC"


def test_day_bounds_follow_the_zone() -> None:
    start, end = day_bounds(DAY0, zone("Asia/Tokyo"))
    assert (start, end) == (datetime(2026, 3, 1, 15, tzinfo=UTC), datetime(2026, 3, 2, 15, tzinfo=UTC))


def test_suppression_by_address_and_blocked_domain() -> None:
    assert suppression_reason("Ana@Acme.io", {"ana@acme.io"}, set()) == "suppressed_email"
    assert suppression_reason("ana@eu.blocked.com", set(), {"blocked.com"}) == "blocked_domain"
    assert suppression_reason("ana@notblocked.com", set(), {"blocked.com"}) is None
    assert suppression_reason(None, {"x"}, {"y"}) is None


@pytest.mark.parametrize(("sent", "replied", "enabled", "pause"), [
    (50, 4, True, True), (50, 5, True, False), (49, 0, True, False), (100, 1, False, False),
])
def test_auto_pause_after_50_sends_below_10_percent_replies(sent: int, replied: int, enabled: bool,
                                                           pause: bool) -> None:
    assert should_auto_pause(sent, replied, enabled) is pause
