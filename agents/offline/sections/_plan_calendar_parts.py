"""Bullet and prose parts the calendar composers share: channel roles, pillar mix, weekly jobs."""

from __future__ import annotations

from collections import Counter

from agents.offline.facts import day, join_and
from agents.offline.sections._plan_rows import week_groups
from agents.offline.sections._plan_util import Plan, clip_words
from tools.result import CalendarEntry

CONTENT_TYPES = ("Education", "Proof", "Community", "Promo")

LAUNCH_FOCUS = ("Warm-up", "Build anticipation", "Launch push", "Proof and follow-up")
PR_FOCUS = ("Acknowledge and brief", "Tell the story", "Show the proof", "Sustain the conversation")


def channel_roles(plan: Plan) -> list[str]:
    """One bullet per channel: spend, role and how many of the first 30 posts it carries."""
    counts = Counter(e.channel for e in plan.month)
    out = []
    for c in plan.mix:
        posts = counts.get(c.channel, 0)
        load = f"{posts} of the first {len(plan.month)} posts" if posts else "paid support for the best posts"
        out.append(f"**{c.channel}** ({plan.spend(c)}): {c.role}; {load}.")
    return out


def content_type(plan: Plan, entry: CalendarEntry) -> str:
    """Education, Proof, Community or Promo for a calendar entry (by its pillar's place in the strategy)."""
    names = [p.name for p in plan.inp.strategy.pillars]
    if entry.pillar in names and names.index(entry.pillar) < len(CONTENT_TYPES):
        return CONTENT_TYPES[names.index(entry.pillar)]
    return entry.pillar or entry.stage


def pillar_mix(plan: Plan) -> str:
    """Prose naming the content types (Education, Proof, Community, Promo) with pillars and counts."""
    counts = Counter(content_type(plan, e) for e in plan.month)
    names = [p.name for p in plan.inp.strategy.pillars] + list(CONTENT_TYPES)
    jobs = (f"teach {plan.customer} how to handle {plan.pains[0]}", f"show {plan.slots['proof']}",
            f"put {plan.brand} customers at the centre", f"carry {plan.offer} with a clear end date")
    parts = []
    for i, kind in enumerate(CONTENT_TYPES):
        label = f"{names[i]}, " if names[i].lower() != kind.lower() else ""
        parts.append(f"{kind} posts ({label}{counts.get(kind, 0)}) {jobs[i]}.")
    return " ".join(parts)


def later_beats(plan: Plan, limit: int) -> list[str]:
    """Weekly beats after the first month, or closing checkpoints when the window is short."""
    out = [f"{day(e.date)}, {e.channel}: {clip_words(e.theme[0].lower() + e.theme[1:], 14)}."
           for e in plan.later[:limit] if plan.ok(e.theme)]
    if out:
        return out
    kpis = plan.kpis[:limit] or []
    return [f"Final review on {day(plan.f.end)} against {plan.kpi_line(k)}." for k in kpis] or [
        f"Final review on {day(plan.f.end)}: keep the three best formats and drop the weakest."]


def week_focus(plan: Plan, kind: str, n: int) -> str:
    """The job of week ``n`` (0-based) for the calendar kind."""
    if kind == "launch":
        return LAUNCH_FOCUS[min(n, 3)]
    if kind == "pr":
        return PR_FOCUS[min(n, 3)]
    if kind == "recovery":
        weeks = plan.pick("plan_recovery_weeks")
        return str(weeks[min(n, len(weeks) - 1)][0])
    groups = week_groups(plan)
    stage = groups[min(n, len(groups) - 1)][0][1].stage
    return f"{stage} focus"


def _checkpoint(plan: Plan, n: int, when: str) -> str:
    kpis = plan.kpis
    if not kpis:
        return f"Checkpoint {when}: keep the top three posts by saves and replies."
    return f"Checkpoint {when}, pacing against {plan.kpi_line(kpis[n % len(kpis)])}."


def _week_three(plan: Plan, kind: str, n: int, entries: list) -> list[str]:
    when = day(entries[-1].date)
    channels = join_and(sorted({e.channel for e in entries})[:3])
    owner = plan.owner("content")
    if kind == "launch":
        pool = plan.items("plan_launch", ("pre", "pre", "launch", "post")[min(n, 3)])
        first = pool[(n % 2) * 2 % max(1, len(pool))] if pool else f"Prepare the launch on {channels}."
        sign_off = f"Owner: {owner} publishes; {plan.owner('lead')} signs off by {when}."
        return [first, _checkpoint(plan, n, when), sign_off]
    if kind == "pr":
        pool = plan.items("plan_pr_weeks")
        first = pool[n % len(pool)] if pool else "Brief the spokesperson."
        return [first, _checkpoint(plan, n, when), f"Owner: {plan.owner('pr')} leads; {owner} supports until {when}."]
    if kind == "recovery":
        weeks = plan.pick("plan_recovery_weeks")
        task = plan.fill(str(weeks[min(n, len(weeks) - 1)][1]))
        owners = f"Owner: {plan.owner('lead')} with {plan.owner('ops')}, sign-off on {when}."
        return [task, _checkpoint(plan, n, when), owners]
    focus = (f"make {plan.customer} notice the answer to {plan.pains[0]}",
             f"show {plan.slots['proof']} and invite replies",
             f"move readers to {entries[0].cta.lower() or 'the next step'}",
             "convert warm readers and collect first reviews")[min(n, 3)]
    return [f"Focus: {focus}.", _checkpoint(plan, n, when), f"Owner: {owner}; sign-off by {plan.owner('lead')}."]


def _phase_three(plan: Plan, n: int) -> list[str]:
    month = plan.month
    size = max(1, -(-len(month) // 3))
    part = month[n * size:(n + 1) * size] or month[-1:]
    when = day(part[-1].date)
    objective = (f"make {plan.customer} notice {plan.brand} and its answer to {plan.pains[0]}",
                 f"turn interest into trust with {plan.slots['proof']}",
                 f"convert with {plan.offer}")[min(n, 2)]
    return [f"Objective: {objective}.", _checkpoint(plan, n, when),
            f"Owner: {plan.owner(('social', 'content', 'sales')[min(n, 2)])}; review on {when}."]


def week_bullets(plan: Plan, kind: str, n: int | None = None) -> list[str]:
    """Bullets for a calendar: three per week (or phase), or the run-it rhythm for kind 'run'."""
    if kind == "phase":
        return _phase_three(plan, n or 0)
    if kind == "run":
        return [
            f"Every Friday, {plan.owner('analytics')} ranks the week's posts by saves, replies and clicks.",
            "The best post of each week is reworked for the next channel in the mix.",
            f"Each week ends with a short note to {plan.owner('lead')}: what worked, what changes.",
        ]
    out: list[str] = []
    for i, group in enumerate(week_groups(plan)):
        out.extend(_week_three(plan, kind, i, [entry for _, entry in group]))
    return out
