"""Calendar rows for the plan group: short unique hooks from the strategy calendar, grouped by week."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from agents.offline.facts import day
from agents.offline.sections._plan_util import Plan, clip_words
from tools.result import CalendarEntry

_ANGLE = re.compile(r"^(?P<base>.*?)\s*\((?P<kind>[\w-]+) angle:\s*(?P<detail>.*)\)\s*$")
_WEEK_SUFFIX = re.compile(r",\s*week \d+$", re.IGNORECASE)


def _shorten(plan: Plan, text: str) -> str:
    brief = plan.inp.brief
    swaps = [(brief.product_service, plan.brand), (brief.primary_customer, plan.customer),
             (brief.primary_customer.split(",")[0], plan.customer), (brief.industry, plan.industry)]
    if brief.current_offers:
        swaps.append((brief.current_offers, "the current offer"))
    for long, short in swaps:
        if long and long != short:
            text = re.sub(re.escape(long), short, text, flags=re.IGNORECASE)
    return " ".join(text.split())


def _candidates(plan: Plan, entry: CalendarEntry, max_words: int) -> list[str]:
    theme = _WEEK_SUFFIX.sub("", entry.theme.strip())
    match = _ANGLE.match(theme)
    full = _shorten(plan, match.group("base") if match else theme)
    base = clip_words(full, max_words, slack=3)
    detail = clip_words(_shorten(plan, match.group("detail")), max(3, max_words // 2), slack=1) if match else ""
    options = [base]
    if detail and detail.lower() not in full.lower():
        options.append(f"{base} ({detail})")
    options.append(f"{base} ({entry.pillar or entry.stage})")
    options.append(f"{base} ({entry.channel})")
    return [o[0].upper() + o[1:] for o in options if o]


def hooks(plan: Plan, entries: Sequence[CalendarEntry], max_words: int = 10) -> list[str]:
    """One short hook per entry, unique across the list (the DUPLICATE_HOOKS gate)."""
    seen: set[str] = set()
    out: list[str] = []
    for i, entry in enumerate(entries):
        options = _candidates(plan, entry, max_words)
        chosen = next((o for o in options if _key(o) not in seen), f"{options[0]} (day {i + 1})")
        if not plan.ok(chosen):
            chosen = f"{entry.pillar or entry.stage} post for {plan.customer} (day {i + 1})"
        seen.add(_key(chosen))
        out.append(chosen)
    return out


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def week_groups(plan: Plan, count: int = 4) -> list[list[tuple[int, CalendarEntry]]]:
    """The first month split into ``count`` weeks by position (the last week takes the remainder)."""
    month = plan.month
    groups: list[list[tuple[int, CalendarEntry]]] = [[] for _ in range(count)]
    for i, entry in enumerate(month):
        groups[min(count - 1, i // 7)].append((i, entry))
    return [g for g in groups if g]


def span(entries: Sequence[CalendarEntry]) -> str:
    """'2027-01-04 to 2027-01-10' for a group of entries (one date when they share a day)."""
    first, last = entries[0].date, entries[-1].date
    return day(first) if first == last else f"{day(first)} to {day(last)}"


def week_number(plan: Plan, when: date) -> int:
    """1-based campaign week of a date."""
    return (when - plan.f.start).days // 7 + 1


def cta(entry: CalendarEntry) -> str:
    """The entry's call to action, never empty."""
    return entry.cta or "Reply with a question"
