"""Resolve a brief's timeline ("90 days", "Q1 2027", "12 weeks to launch plus 4 weeks after", dates)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tools.brief import Brief, DateRange
from tools.result import Timeline

DEFAULT_DAYS = 90
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(day|week|month|quarter|year)s?\b", re.IGNORECASE)
_QUARTER = re.compile(r"\bQ([1-4])\s*(?:FY)?\s*'?(\d{2,4})?\b", re.IGNORECASE)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
                 "nine": 9, "ten": 10, "twelve": 12, "a": 1, "an": 1}


def quarter_window(text: str, today: date | None = None) -> tuple[date, date] | None:
    """The calendar quarter a text names ("Q1 2027"), rolled to next year when a yearless one has passed."""
    today = today or date.today()
    match = _QUARTER.search(text)
    if not match:
        return None
    quarter = int(match.group(1))
    year = int(match.group(2)) if match.group(2) else today.year
    year = year + 2000 if year < 100 else year
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end_month_start = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    if start < today and (not match.group(2)):
        start, end_month_start = date(year + 1, start.month, 1), date(year + 1 + (quarter == 4),
                                                                        end_month_start.month, 1)
    return start, end_month_start - timedelta(days=1)


def duration_days(text: str) -> int | None:
    """Total days in a free-text duration, summing every '<n> <unit>' it mentions."""
    lowered = text.lower()
    for word, number in _WORD_NUMBERS.items():
        lowered = re.sub(rf"\b{word}\s+(day|week|month|quarter|year)", rf"{number} \1", lowered)
    total = sum(float(n) * _UNIT_DAYS[u.lower()] for n, u in _AMOUNT.findall(lowered))
    return round(total) or None


def resolve_timeline(brief: Brief, today: date) -> Timeline:
    """Concrete start and end dates; open-ended text starts tomorrow (default 90 days)."""
    value = brief.timeline
    if isinstance(value, DateRange):
        return Timeline(start=value.start, end=value.end)
    start = today + timedelta(days=1)
    if isinstance(value, str):
        quarter = quarter_window(value, today)
        if quarter and not _AMOUNT.search(value):
            return Timeline(start=max(quarter[0], start), end=quarter[1])
        days = duration_days(value)
        if days:
            return Timeline(start=start, end=start + timedelta(days=days - 1))
    return Timeline(start=start, end=start + timedelta(days=DEFAULT_DAYS - 1))
