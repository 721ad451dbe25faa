"""Roadmap composers: the execution roadmap (three benchmark shapes) and the launch phases."""

from __future__ import annotations

import re
from datetime import date, timedelta

from agents.offline.facts import day, join_and
from agents.offline.sections._plan_tasks import milestone_rows, pack_tasks, rhythm_bullets, risk_bullets
from agents.offline.sections._plan_util import Plan, plan_composer
from tools.markdown import Block, bullets, heading, section, table

_LAUNCH_WEEKS = re.compile(r"(\d+)\s*weeks?\s+(?:to|until|before)\s+(?:the\s+)?launch", re.IGNORECASE)
_EVENT_WEEK = re.compile(r"\bweek\s+(\d+)\b", re.IGNORECASE)


def _intro(plan: Plan) -> str:
    f = plan.f
    return (f"{plan.brand_s} roadmap runs {f.window}. It turns the goal ({plan.slots['goal']}) into dated "
            f"work with one owner per line. Budget: {f.budget_text}.")


def _dated(plan: Plan, items: list[str], first: date, last: date) -> list[str]:
    """Spread task sentences across a phase with a date on each."""
    if not items:
        return []
    step = max(0, (last - first).days) / max(1, len(items))
    out = []
    for i, item in enumerate(items):
        when = min(plan.f.end, first + timedelta(days=round(step * i)))
        out.append(f"{day(when)}: {item}")
    return out


def _milestones(plan: Plan) -> Block:
    rows = milestone_rows(plan)
    return section(heading("Key Milestones"),
                   table(["Date", "Milestone", "Owner", "KPI", "Target"], rows))


def _phases(plan: Plan) -> list[Block]:
    f = plan.f
    split = plan.after(30) if f.days > 45 else plan.at(0.5)
    p2_start = min(f.end, split + timedelta(days=1))
    early, late, extra = pack_tasks(plan)
    blocks = [
        section(_intro(plan)),
        section(heading(f"Phase 1: Set Up and Launch ({day(f.start)} to {day(split)})"),
                bullets(_dated(plan, early[:5], f.start, split))),
        section(heading(f"Phase 2: Optimise and Scale ({day(p2_start)} to {day(f.end)})"),
                bullets(_dated(plan, late[:5], p2_start, f.end))),
        _milestones(plan),
        section(heading("Weekly Operating Rhythm"), bullets(rhythm_bullets(plan)), optional=True, priority=1),
        section(heading("Risks and Mitigations"), bullets(risk_bullets(plan)), optional=True, priority=2),
    ]
    if extra:
        blocks.insert(3, section(heading("Ongoing Improvements"), bullets(extra[:3]), optional=True,
                                 priority=3))
    return blocks


def _horizon(plan: Plan, start_day: int, end_day: int) -> tuple[date, date] | None:
    f = plan.f
    first = f.start + timedelta(days=start_day - 1)
    if first > f.end:
        return None
    return first, plan.after(end_day)


def _sprints(plan: Plan) -> list[Block]:
    early, late, extra = pack_tasks(plan)
    parts = [("30-Day Sprint", 1, 30, early), ("60-Day Horizon", 31, 60, late),
             ("90-Day Vision", 61, 90, extra or late[3:])]
    blocks = [section(_intro(plan))]
    for name, first_day, last_day, items in parts:
        window = _horizon(plan, first_day, last_day)
        if window:
            title = f"{name} ({day(window[0])} to {day(window[1])})"
            lines = _dated(plan, items[:4], *window)
        else:
            title = f"{name} (after the {day(plan.f.end)} review)"
            lines = [f"Next cycle: {item}" for item in items[:3]]
        blocks.append(section(heading(title), bullets(lines)))
    blocks.append(_milestones(plan))
    blocks.append(section(heading("Weekly Operating Rhythm"), bullets(rhythm_bullets(plan)), optional=True,
                          priority=1))
    blocks.append(section(heading("Risks and Mitigations"), bullets(risk_bullets(plan)), optional=True,
                          priority=2))
    blocks.append(section(heading("Launch Messages"), bullets(plan.items("plan_hooks_offers", "hooks")[:3]),
                          optional=True, priority=3))
    return blocks


def _weeks(plan: Plan) -> list[Block]:
    f = plan.f
    early, late, _ = pack_tasks(plan)
    w1_end, w2_end = plan.after(7), plan.after(14)
    w3_start = min(f.end, w2_end + timedelta(days=1))
    month_end = plan.after(30)
    kpi = plan.kpis[0] if plan.kpis else None
    close = (f"{day(month_end)}: Review results against {plan.kpi_line(kpi)}." if kpi
             else f"{day(month_end)}: Review the month and keep the three best formats.")
    return [
        section(f"{plan.brand} runs this plan from {day(f.start)}, on {join_and(f.top_channels)}."),
        section(heading(f"Week 1: Set Up ({day(f.start)} to {day(w1_end)})"),
                bullets(_dated(plan, early[:3], f.start, w1_end))),
        section(heading(f"Week 2: Publish and Engage (to {day(w2_end)})"),
                bullets(_dated(plan, early[3:5] + late[:1], plan.after(8), w2_end))),
        section(heading(f"Weeks 3-4: Learn and Double Down ({day(w3_start)} to {day(month_end)})"),
                bullets([*_dated(plan, late[1:3], w3_start, month_end), close])),
        section(heading("Weekly Habits"), bullets(rhythm_bullets(plan)[:3]), optional=True, priority=1),
        section(heading("Risks to Watch"), bullets(risk_bullets(plan)), optional=True, priority=2),
    ]


@plan_composer("execution_roadmap")
def execution_roadmap(plan: Plan) -> list[Block]:
    """Dated phases with owners and milestones in the shape the pack's benchmark asks for."""
    if plan.wants("30-Day Sprint"):
        return _sprints(plan)
    if plan.wants("Week 1"):
        return _weeks(plan)
    return _phases(plan)


def launch_date(plan: Plan) -> date:
    """The launch day: from 'N weeks to launch', an event in 'week N', else 45% into the window."""
    brief = plan.inp.brief
    f = plan.f
    timeline = brief.timeline if isinstance(brief.timeline, str) else ""
    found = _LAUNCH_WEEKS.search(timeline or "")
    event = _EVENT_WEEK.search(brief.upcoming_events or "")
    if found:
        when = f.start + timedelta(days=7 * int(found.group(1)) - 1)
    elif event:
        when = f.start + timedelta(days=7 * (int(event.group(1)) - 1))
    else:
        when = plan.at(0.45)
    return max(f.start + timedelta(days=min(7, f.days // 3)), min(f.end, when))


@plan_composer("launch_phases")
def launch_phases(plan: Plan) -> list[Block]:
    """Pre-launch, launch and post-launch with dates, moves, owners and the KPI each phase answers to."""
    f = plan.f
    launch = launch_date(plan)
    pre_end = launch - timedelta(days=1)
    post_start = min(f.end, launch + timedelta(days=7))
    launch_end = max(launch, post_start - timedelta(days=1))
    kpis = plan.kpis
    phases = [
        ("Pre-Launch", f.start, pre_end, "pre", plan.owner("content")),
        ("Launch", launch, launch_end, "launch", plan.owner("lead")),
        ("Post-Launch", post_start, f.end, "post", plan.owner("crm")),
    ]
    blocks = [section(
        f"{plan.brand} launches on {day(launch)}, inside a window of {f.window}. "
        f"The launch is built for {plan.customer}, with {join_and(f.top_channels)} carrying the story.")]
    for n, (name, first, last, key, owner) in enumerate(phases):
        moves = _dated(plan, plan.items("plan_launch", key)[:4], first, max(first, last))
        measure = (f"Measure: {plan.kpi_line(kpis[n % len(kpis)])}." if kpis
                   else "Measure: sign-ups, orders and reviews per day.")
        blocks.append(section(heading(f"{name} ({day(first)} to {day(max(first, last))})"),
                              f"Owner: {owner}. {measure}", bullets(moves)))
    blocks.append(section(heading("Launch-Day Checklist"), bullets([
        f"Tracking tested on every link by {day(max(f.start, launch - timedelta(days=2)))}.",
        f"{plan.owner('ops')} confirms stock, staffing and support hours.",
        f"{plan.owner('pr')} holds answers to the five most likely questions.",
    ]), optional=True, priority=1))
    blocks.append(section(heading("Risks and Mitigations"), bullets(risk_bullets(plan)), optional=True,
                          priority=2))
    blocks.append(section(heading("Launch Messages"), bullets(plan.items("plan_hooks_offers", "hooks")[:3]),
                          optional=True, priority=3))
    return blocks
