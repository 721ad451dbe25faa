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
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?\s*(?:'|’)?(\d{4})?",
                    re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(20\d\d)-(\d{1,2})-(\d{1,2})\b")
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


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def _months(text: str, today: date) -> list[tuple[int, int]]:
    """(year, month) of every month name in the text; a yearless month is the next one from today."""
    found: list[tuple[int, int]] = []
    for name, year_text in _MONTH.findall(text):
        if name.lower() == "may" and name != "May" and not year_text:
            continue  # the verb "may", not the month
        month = _MONTH_NAMES.index(name[:3].lower()) + 1
        year = int(year_text) if year_text else today.year + (month < today.month)
        if found and not year_text and (year, month) < found[-1]:
            year += 1
        found.append((year, month))
    return found


def parse_window(text: str, today: date) -> tuple[date, date] | None:
    """Start and end a free-text timeline names: ISO dates, a quarter, months, or a duration from a start."""
    tomorrow = today + timedelta(days=1)
    dates = [date(int(y), int(m), int(d)) for y, m, d in _ISO_DATE.findall(text) if 1 <= int(m) <= 12]
    days = duration_days(text)
    if len(dates) >= 2 and dates[1] > dates[0]:
        return dates[0], dates[1]
    if dates and days:
        return dates[0], dates[0] + timedelta(days=days - 1)
    relative = re.search(r"\b(this|next)\s+quarter\b", text, re.I)
    if relative and not days:
        index = (today.month - 1) // 3 + (relative.group(1).lower() == "next")
        year, index = today.year + index // 4, index % 4
        return max(date(year, 3 * index + 1, 1), tomorrow), _month_end(year, 3 * index + 3)
    quarter = quarter_window(text, today)
    if quarter and not days and quarter[1] >= tomorrow:
        return max(quarter[0], tomorrow), quarter[1]
    months = _months(text, today)
    if months and not days:
        first, last = months[0], months[-1]
        start = date(first[0], first[1], 1) if len(months) > 1 else tomorrow
        end = _month_end(*last)
        if end > max(start, tomorrow):
            return max(start, tomorrow), end
    if days:
        start = dates[0] if dates else tomorrow
        return start, start + timedelta(days=days - 1)
    return None


def resolve_timeline(brief: Brief, today: date) -> Timeline:
    """Concrete start and end dates; open-ended text starts tomorrow (default 90 days)."""
    value = brief.timeline
    if isinstance(value, DateRange):
        return Timeline(start=value.start, end=value.end)
    window = parse_window(value, today) if isinstance(value, str) else None
    if window is not None:
        return Timeline(start=window[0], end=window[1])
    start = today + timedelta(days=1)
    return Timeline(start=start, end=start + timedelta(days=DEFAULT_DAYS - 1))
