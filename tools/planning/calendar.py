"""Calendar math: dated slots inside the timeline, funnel phases, channel rotation and event dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

PHASES = ("Awareness", "Consideration", "Conversion")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEK = re.compile(r"\bweek\s*(\d{1,2})\b", re.I)
_DAY = re.compile(r"\bday\s*(\d{1,3})\b", re.I)
_MONTH_N = re.compile(r"\bmonth\s*(\d{1,2})\b", re.I)
_ISO = re.compile(r"\b(20\d\d)-(\d{1,2})-(\d{1,2})\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}", re.I)
_MIDDLE = re.compile(r"\b(mid-?campaign|halfway|midpoint|middle of the campaign)\b", re.I)
_FINAL = re.compile(r"\b(final week|last week|end of (?:the )?campaign|closing week)\b", re.I)
_FIRST = re.compile(r"\b(first week|kick-?off|opening week|at launch of the campaign)\b", re.I)
_HOLIDAYS = {"christmas": (12, 25), "valentine": (2, 14), "new year": (1, 1), "halloween": (10, 31),
             "boxing day": (12, 26), "independence day": (7, 4), "earth day": (4, 22)}


def calendar_slots(start: date, end: date, count: int = 30) -> list[date]:
    """``count`` dates from ``start``, one a day, sharing days when the window is shorter than count."""
    days = max(1, (end - start).days + 1)
    span = min(days, count)
    return [start + timedelta(days=(i * span) // count) for i in range(count)]


def phase_for(index: int, count: int) -> str:
    """Awareness for the first third of the slots, Consideration for the second, Conversion last."""
    return PHASES[min(2, (index * 3) // max(1, count))]


def weekly_beats(start: date, end: date, after: date) -> list[date]:
    """One date a week from ``after`` to ``end`` (the rhythm after the detailed first month)."""
    beats: list[date] = []
    current = after + timedelta(days=7)
    while current <= end:
        beats.append(current)
        current += timedelta(days=7)
    return beats


def week_of(day: date, start: date) -> int:
    """1-based campaign week of a date."""
    return (day - start).days // 7 + 1


def channel_rotation(channels: list[tuple[str, float, int]], count: int = 30) -> list[str]:
    """Spread ``count`` slots over (channel, weight, monthly cap) so each channel gets its share, evenly spaced."""
    if not channels:
        return []
    total = sum(max(w, 0.01) for _, w, _ in channels)
    caps = [max(1, cap) for _, _, cap in channels]
    if sum(caps) < count:  # too few slots allowed: stretch every cap in proportion
        caps = [max(1, -(-cap * count // sum(caps))) for cap in caps]
    quotas = [min(cap, max(1, round(count * max(w, 0.01) / total))) for (_, w, _), cap in zip(channels, caps,
                                                                                             strict=True)]
    order = sorted(range(len(channels)), key=lambda i: -channels[i][1])
    while sum(quotas) < count:
        grew = False
        for i in order:
            if sum(quotas) < count and quotas[i] < caps[i]:
                quotas[i] += 1
                grew = True
        if not grew:
            break
    while sum(quotas) > count:
        i = max(order, key=lambda k: (quotas[k], -order.index(k)))
        quotas[i] -= 1
    marks = sorted(((k + 0.5) / q, order.index(i), channels[i][0])
                   for i, q in enumerate(quotas) for k in range(q))
    names = [name for _, _, name in marks]
    while len(names) < count:
        names.append(names[len(names) % max(1, len(marks))])
    return names[:count]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _named_days(text: str, start: date, end: date) -> list[date]:
    lowered = text.lower()
    found: list[date] = []
    for year in range(start.year, end.year + 1):
        for name, (month, day) in _HOLIDAYS.items():
            if name in lowered:
                found.append(date(year, month, day))
        if "black friday" in lowered or "cyber monday" in lowered:
            thanksgiving = _nth_weekday(year, 11, 3, 4)
            found.append(thanksgiving + timedelta(days=1 if "black friday" in lowered else 4))
        if "mother's day" in lowered or "mothers day" in lowered:
            found.append(_nth_weekday(year, 5, 6, 2))
        for month_name, day_text in _MONTH_DAY.findall(text):
            found.append(_safe_date(year, _MONTHS.index(month_name[:3].lower()) + 1, int(day_text)))
        for day_text, month_name in _DAY_MONTH.findall(text):
            found.append(_safe_date(year, _MONTHS.index(month_name[:3].lower()) + 1, int(day_text)))
    return [d for d in found if d != date.min]


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date.min


def event_date(text: str, start: date, end: date) -> date | None:
    """The date an event description points at ("week 6", "day 30", "14 February", "2027-03-01"), if inside."""
    candidates: list[date] = []
    if match := _WEEK.search(text):
        candidates.append(start + timedelta(days=7 * (int(match.group(1)) - 1)))
    elif match := _DAY.search(text):
        candidates.append(start + timedelta(days=int(match.group(1)) - 1))
    elif match := _MONTH_N.search(text):
        candidates.append(start + timedelta(days=30 * (int(match.group(1)) - 1)))
    if match := _ISO.search(text):
        candidates.append(_safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3))))
    candidates += _named_days(text, start, end)
    if _MIDDLE.search(text):
        candidates.append(start + timedelta(days=(end - start).days // 2))
    if _FINAL.search(text):
        candidates.append(max(start, end - timedelta(days=3)))
    if _FIRST.search(text):
        candidates.append(min(end, start + timedelta(days=2)))
    inside = [d for d in candidates if start <= d <= end]
    return inside[0] if inside else None


def split_events(text: str | None) -> list[str]:
    """Separate event mentions written in one field ("Open day in week 6; Black Friday sale")."""
    if not text:
        return []
    parts = re.split(r";|\n|\.\s+|,\s+(?=[A-Z])", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]
