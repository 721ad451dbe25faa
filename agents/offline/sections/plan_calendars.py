"""Calendar composers: the 30-day social, campaign, content, launch, PR and recovery calendars."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from agents.offline.facts import day
from agents.offline.sections._plan_calendar_parts import (
    channel_roles,
    content_type,
    later_beats,
    pillar_mix,
    week_bullets,
    week_focus,
)
from agents.offline.sections._plan_rows import cta, hooks, span, week_groups, week_number
from agents.offline.sections._plan_util import Plan, plan_composer
from tools.markdown import Block, bullets, heading, section, table

PHASE_NAMES = ("Awareness", "Consideration", "Conversion")


def _intro(plan: Plan) -> str:
    month = plan.month
    posting = sorted(plan.organic or plan.mix, key=lambda c: -c.budget_share)
    return (f"{plan.brand} runs its first month from {day(month[0].date)} to {day(month[-1].date)}. "
            f"Every date, channel and call to action below comes from the strategy calendar. "
            f"The main posting channels are {plan.channels_text(posting)}.")


def _fit(plan: Plan, build: Callable[[int], list[Block]]) -> list[Block]:
    """Build with the longest hooks whose required blocks stay well under the word maximum."""
    limit = plan.inp.rules.words[1] * 0.86
    blocks: list[Block] = []
    for max_words in (10, 9, 8, 7, 6):
        blocks = build(max_words)
        if sum(b.words for b in blocks if not b.optional) <= limit:
            break
    return blocks


def _rows_per_week(plan: Plan) -> int | None:
    """All rows when the benchmark needs 30, else as many as fit the word maximum (at least five a week)."""
    rules = plan.inp.rules
    if (rules.min_table_rows or 0) >= 28:
        return None
    return None if rules.words[1] >= 1000 else 5


def _daily(plan: Plan, max_words: int) -> list[Block]:
    month = plan.month
    names = hooks(plan, month, max_words)
    rows = [(day(e.date), e.channel, content_type(plan, e), names[i], e.format or "Post", cta(e))
            for i, e in enumerate(month)]
    return [
        section(heading(f"Day-by-Day Plan: {day(month[0].date)} to {day(month[-1].date)}"), _intro(plan),
                table(["Date", "Platform", "Type", "Theme", "Format", "CTA"], rows)),
        section(heading("Content Mix: Education, Proof and Promo"), pillar_mix(plan)),
        section(heading("Platform Roles"), bullets(channel_roles(plan))),
        section(heading("Weekly Checkpoints"), bullets(week_bullets(plan, "content")[1::3]), optional=True,
                priority=2),
        section(heading("After Day 30"), bullets(later_beats(plan, 3)), optional=True, priority=3),
    ]


def _phased(plan: Plan, max_words: int) -> list[Block]:
    month = plan.month
    names = hooks(plan, month, max_words)
    size = max(1, -(-len(month) // 3))
    blocks = [section(_intro(plan) + f" The big idea is {plan.inp.strategy.big_idea.rstrip('.')}.")]
    for n in range(3):
        part = month[n * size:(n + 1) * size]
        if not part:
            continue
        first, last = week_number(plan, part[0].date), week_number(plan, part[-1].date)
        weeks = f"Week {first}" if first == last else f"Week {first}-{last}"
        rows = [(day(e.date), week_number(plan, e.date), e.channel, names[n * size + i], e.format or "Post",
                 cta(e)) for i, e in enumerate(part)]
        blocks.append(section(
            heading(f"Phase {n + 1}: {PHASE_NAMES[n]} ({weeks}, {span(part)})"),
            table(["Date", "Week", "Channel", "Theme", "Format", "CTA"], rows),
            bullets(week_bullets(plan, "phase", n)),
        ))
    blocks.append(section(heading("After the First Month"), bullets(later_beats(plan, 4)), optional=True,
                          priority=1))
    blocks.append(section(heading("Channel Roles by Phase"), bullets(channel_roles(plan)), optional=True,
                          priority=2))
    return blocks


def _weekly(plan: Plan, kind: str, per_week: int | None, max_words: int) -> list[Block]:
    groups = week_groups(plan)
    flat = [entry for group in groups for _, entry in group[:per_week]]
    names = iter(hooks(plan, flat, max_words))
    blocks = [section(_intro(plan))]
    bullet_sets = week_bullets(plan, kind)
    for n, group in enumerate(groups):
        entries = [entry for _, entry in group[:per_week]]
        rows = [(day(e.date), e.channel, content_type(plan, e), next(names), cta(e)) for e in entries]
        focus = week_focus(plan, kind, n)
        blocks.append(section(
            heading(f"Week {n + 1}: {focus} ({span(entries)})"),
            table(["Date", "Channel", "Type", "Theme", "CTA"], rows),
            bullets(bullet_sets[n * 3:(n + 1) * 3]),
        ))
    blocks.append(section(heading("How to Run It"), bullets(week_bullets(plan, "run")), optional=True))
    blocks.append(section(heading("Channel Roles"), bullets(channel_roles(plan)), optional=True, priority=1))
    blocks.append(section(heading("After Week 4"), bullets(later_beats(plan, 3)), optional=True, priority=2))
    return blocks


@plan_composer("detailed_30_day_calendar")
def detailed_30_day_calendar(plan: Plan) -> list[Block]:
    """The first month day by day, phased or weekly as the benchmark asks."""
    if plan.wants("Phase 1"):
        return _fit(plan, lambda n: _phased(plan, n))
    if plan.wants("Week 1"):
        return _fit(plan, lambda n: _weekly(plan, "content", _rows_per_week(plan), n))
    return _fit(plan, lambda n: _daily(plan, n))


@plan_composer("full_30_day_calendar")
def full_30_day_calendar(plan: Plan) -> list[Block]:
    """Thirty dated posts in four weekly tables with focus, checkpoint and owner per week."""
    return _fit(plan, lambda n: _weekly(plan, "content", None, n))


@plan_composer("content_calendar_launch")
def content_calendar_launch(plan: Plan) -> list[Block]:
    """Launch (or PR and comms) calendar: four weeks of dated posts with the week's job."""
    kind = "pr" if plan.inp.pack_key.startswith("pr_") else "launch"
    return _fit(plan, lambda n: _weekly(plan, kind, 5, n))


@plan_composer("30_day_recovery_calendar")
def recovery_calendar(plan: Plan) -> list[Block]:
    """Thirty days of recovery: listen, fix, prove and re-invite, one week each."""
    return _fit(plan, lambda n: _weekly(plan, "recovery", 5, n))


@plan_composer("weekly_social_calendar")
def weekly_social_calendar(plan: Plan) -> list[Block]:
    """A repeatable seven-day rhythm plus the daily engagement routine."""
    week = plan.month[:7]
    names = hooks(plan, week, 9)
    seen: set[str] = set()
    rows = []
    for i, entry in enumerate(week):
        weekday = entry.date.strftime("%A")
        if weekday in seen:
            weekday = (plan.f.start + timedelta(days=i)).strftime("%A")
        seen.add(weekday)
        rows.append((weekday, entry.channel, content_type(plan, entry), names[i], cta(entry)))
    intro = (f"{plan.brand} repeats this seven-day rhythm from {day(plan.f.start)}. "
             f"It spreads {len({e.channel for e in week})} channels across the week, so no day is left empty.")
    tasks = plan.items("plan_engagement_tasks")
    return [
        section(heading("Weekly Rhythm"), intro, table(["Day", "Platform", "Content Type", "Theme", "CTA"], rows)),
        section(heading("Daily Engagement Tasks"), bullets(tasks[:4])),
        section(heading("Platform Notes"), bullets(channel_roles(plan)), optional=True, priority=1),
        section(heading("Weekly Review"), bullets(week_bullets(plan, "run")), optional=True, priority=2),
    ]

