"""Calendar math: dated slots inside the timeline and the funnel phase of each slot."""

from __future__ import annotations

from datetime import date, timedelta

PHASES = ("Awareness", "Consideration", "Conversion")


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
