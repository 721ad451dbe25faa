"""Turnaround composers: problem diagnosis, reputation recovery plan and the prioritised revamp."""

from __future__ import annotations

from datetime import timedelta

from agents.offline.facts import day, join_and
from agents.offline.sections._plan_blocks import compose, fit_note, kpi_phrase
from agents.offline.sections._plan_util import Plan, plan_composer
from tools.markdown import Block, bullets, heading, numbered, section, table
from tools.result import KpiTarget


def _kpi(plan: Plan, *words: str) -> KpiTarget | None:
    return plan.kpi_for(*words) or (plan.kpis[0] if plan.kpis else None)


# ---- problem diagnosis ------------------------------------------------------------------------------
def _root_causes(plan: Plan) -> list[str]:
    causes = plan.items("plan_diagnosis", "root_causes")[:4]
    extra = ([f"Brief signal: the client itself lists {p} as a problem." for p in plan.pains[1:3]]
             if plan.has_pains else [])
    return [f"These causes explain most of the gap between {plan.brand_s} product and its results:",
            bullets(causes + extra)]


def _impact(plan: Plan) -> list[str]:
    kpi = _kpi(plan, "churn", "repeat", "sales", "order", "lead", "member", "customer")
    lines = []
    if kpi:
        lines.append(f"The goal depends on it: {plan.kpi_line(kpi)}.")
    lines += [
        f"Each unresolved complaint about {plan.pains[0]} is public and shapes the next buyer's choice.",
        f"Acquisition spend ({plan.f.budget_text}) works harder once these leaks close.",
        f"{'Competitors such as ' + plan.rival if plan.inp.brief.competitors else 'Rivals'} gain every "
        f"customer {plan.brand} loses here.",
    ]
    return [bullets(lines)]


def _diagnosis(plan: Plan) -> list[str]:
    verdict = plan.text("plan_diagnosis", "diagnosis")
    return [f"Verdict: {plan.brand} has {verdict}. Fix the experience behind {plan.pains[0]} first, then prove "
            f"the fix with {plan.slots['proof']}. Only then scale reach on {plan.lead_channel}. "
            f"{plan.owner('lead')} owns the fix list from {day(plan.f.start)}."]


def _evidence(plan: Plan) -> list[str]:
    return [bullets([
        f"Last 90 days of reviews and replies, tagged by theme, by {day(plan.after(10))}.",
        "Conversion by step for the same period, from the analytics account.",
        f"Five customer calls with recent buyers and five with people who left, by {day(plan.after(21))}.",
    ])]


def _working(plan: Plan) -> list[str]:
    lines = ([f"Keep and feature: {p}." for p in plan.proofs[:2]]
             or [f"Start collecting proof now: {plan.slots['proof']}."])
    return [bullets([*lines,
                     f"Keep {plan.lead_channel} as the lead channel; it already carries the plan."])]


@plan_composer("problem_diagnosis")
def problem_diagnosis(plan: Plan) -> list[Block]:
    """What is broken, why, what it costs and the verdict on what to fix first."""
    intro = (f"{plan.brand} sells {plan.product} to {plan.customer}. Results lag the goal: "
             f"{plan.slots['goal']}. This diagnosis names the causes, their cost and the fix order.")
    return compose(plan, intro, {
        "Root Causes": _root_causes, "Impact": _impact, "Diagnosis": _diagnosis,
        "Evidence to Collect": _evidence, "What Is Working": _working,
    }, note="diagnosis")


# ---- reputation recovery ----------------------------------------------------------------------------
def _actions(plan: Plan) -> list[str]:
    owners = ("lead", "pr", "ops", "pr", "crm", "ops")
    actions = plan.items("plan_recovery", "actions")[:6]
    lines = [f"{a.rstrip('.')} (owner: {plan.owner(owners[i % 6])})." for i, a in enumerate(actions)]
    lines += [f"Repeat the commitment in every reply: {m.rstrip('.')}." for m in plan.inp.brief.must_include_messages
              if plan.ok(m)]
    return [bullets(lines)]


def _timeline(plan: Plan) -> list[str]:
    f = plan.f
    steps = [
        (f.start, f.start + timedelta(days=1), "acknowledge publicly and brief every front-line team"),
        (f.start + timedelta(days=2), plan.after(7), "contact affected customers and publish the fix plan"),
        (plan.after(8), plan.after(30), "weekly progress updates and review replies within 48 hours"),
        (plan.after(31), plan.at(0.7), "customer proof: reviews, photos and stories about the fix"),
        (plan.at(0.7) + timedelta(days=1), f.end, f"re-invite lapsed customers and report results on {day(f.end)}"),
    ]
    return [bullets(f"{day(min(a, f.end))} to {day(min(max(a, b), f.end))}: {text}." for a, b, text in steps)]


def _protocol(plan: Plan) -> list[str]:
    return [numbered(plan.items("plan_recovery", "protocol")[:5]),
            f"Spokesperson: {plan.owner('lead')}. Approvals: {plan.owner('pr')} within two hours."]


def _metrics(plan: Plan) -> list[str]:
    kpi = _kpi(plan, "rating", "review", "sales", "order")
    lines = ["Median public reply time under 48 hours from week 2.",
             "Share of negative mentions falling month on month.",
             "Review volume back to the pre-issue level by the end of the window."]
    if kpi:
        lines.append(f"Business result: {kpi_phrase(kpi)}.")
    return [bullets(lines)]


@plan_composer("reputation_recovery_plan")
def reputation_recovery_plan(plan: Plan) -> list[Block]:
    """Recovery actions with owners, a dated timeline and the crisis response protocol."""
    intro = (f"{plan.brand_s} reputation problem centres on {join_and(plan.pains[:2])}. The plan admits it, "
             f"fixes it in public and lets customers carry the proof. The goal: {plan.slots['goal']}.")
    return compose(plan, intro, {
        "Recovery Actions": _actions, "Timeline": _timeline, "Crisis Response Protocol": _protocol,
        "Recovery Metrics": _metrics,
    }, note="recovery plan")


# ---- revamp -----------------------------------------------------------------------------------------
_TIERS = (("Critical Fixes", "critical", 0.15, "lead"), ("High-Impact Opportunities", "high_impact", 0.4, "lead"),
          ("Medium-Term Improvements", "medium", 0.7, "content"), ("Long-Term Bets", "long_term", 1.0, "lead"))


@plan_composer("revamp_strategy")
def revamp_strategy(plan: Plan) -> list[Block]:
    """Prioritised recommendations: critical fixes, high-impact moves, medium-term work and long bets."""
    rows, blocks = [], []
    for rank, (name, key, due_at, owner_role) in enumerate(_TIERS):
        items = plan.items("plan_revamp", key)[:3]
        due = day(plan.at(due_at))
        owner = plan.owner("analytics" if key == "critical" else owner_role)
        if items:
            rows.append((rank + 1, items[0].rstrip("."), owner, due))
        lines = [f"{item.rstrip('.')} (owner: {owner}, due {due})." for item in items]
        blocks.append(section(heading(name), bullets(lines)))
    intro = section(
        f"These recommendations put {plan.brand_s} fixes in order of impact and effort. Critical fixes protect "
        f"every later gain, so they ship first, by {day(plan.at(0.15))}.",
        heading("Priority Matrix"), table(["Rank", "Action", "Owner", "Due"], rows))
    return [intro, *blocks, section(heading("How We Will Judge Progress"), bullets([
        f"{plan.owner('analytics')} reports each fix's effect two weeks after it ships.",
        f"Budget or effort moves only after two weeks of data, starting {day(plan.at(0.3))}.",
        *(f"Anchor KPI: {plan.kpi_line(k)}." for k in plan.kpis[:1]),
    ]), optional=True, priority=1), section(fit_note(plan, "revamp"), optional=True, priority=2)]
