"""Roadmap building blocks: pack-specific task lists, milestone rows, operating rhythm and risks."""

from __future__ import annotations

from agents.offline.facts import day, join_and
from agents.offline.sections._plan_util import Plan


def _owned(plan: Plan, items: list[str], owner: str) -> list[str]:
    return [f"{item.rstrip('.')} ({owner})." for item in items]


def _setup(plan: Plan) -> list[str]:
    kpi_names = join_and([k.kpi for k in plan.kpis[:2]]) or "orders, sign-ups and replies"
    return [
        f"Set up tracking and a weekly dashboard for {kpi_names} ({plan.owner('analytics')}).",
        f"Produce the first two weeks of posts for {plan.channels_text(plan.organic or plan.mix)} "
        f"({plan.owner('content')}).",
    ]


def _stage(plan: Plan, stage: str, owner: str, count: int = 2) -> list[str]:
    return _owned(plan, plan.items("plan_stage_playbook", stage)[:count], plan.owner(owner))


def pack_tasks(plan: Plan) -> tuple[list[str], list[str], list[str]]:
    """(early, late, extra) task sentences with owners, shaped by the pack's purpose."""
    pack = plan.inp.pack_key
    if pack.startswith("launch_gtm"):
        early = _setup(plan) + _owned(plan, plan.items("plan_launch", "pre")[:3], plan.owner("content"))
        late = (_owned(plan, plan.items("plan_launch", "launch")[:2], plan.owner("lead"))
                + _owned(plan, plan.items("plan_launch", "post")[:3], plan.owner("crm")))
        return early, late, _stage(plan, "retention", "crm")
    if pack.startswith(("brand_turnaround", "pr_reputation")):
        actions = plan.items("plan_recovery", "actions")
        early = _owned(plan, actions[:3], plan.owner("pr")) + _setup(plan)[:1]
        late = _owned(plan, actions[3:6], plan.owner("lead")) + _stage(plan, "advocacy", "crm", 2)
        return early, late, _stage(plan, "retention", "crm")
    if pack.startswith("retention_crm"):
        crm, owned = plan.owner("crm"), plan.owned_channel
        steps = plan.items("plan_activation", "steps")[:1]
        welcome = steps[0].split(":", 1)[-1].strip().rstrip(".") if steps else "a welcome with the next step"
        early = [
            *_setup(plan)[:1],
            f"Switch on the welcome flow on {owned}, opening with {welcome[:1].lower() + welcome[1:]} ({crm}).",
            f"Build the at-risk trigger on {owned} ({crm}).",
            f"Write the win-back message for lapsed customers ({plan.owner('content')}).",
        ]
        late = [f"Launch the '{m.rstrip('.')}' message on {owned} ({crm})."
                for m in plan.items("plan_retention", "moments")[:3]]
        late += _stage(plan, "advocacy", "crm", 2)
        return early, late, _stage(plan, "retention", "crm")
    if pack.startswith("performance_audit"):
        critical = _owned(plan, plan.items("plan_revamp", "critical"), plan.owner("analytics"))
        high = _owned(plan, plan.items("plan_revamp", "high_impact"), plan.owner("lead"))
        extra = _owned(plan, plan.items("plan_revamp", "medium") + plan.items("plan_revamp", "long_term"),
                       plan.owner("lead"))
        return critical + high[:1], high[1:] + extra[:2], extra[2:]
    early = _setup(plan) + _stage(plan, "awareness", "social") + _stage(plan, "consideration", "content", 1)
    late = _stage(plan, "conversion", "sales") + _stage(plan, "retention", "crm") + _stage(plan, "advocacy", "crm", 1)
    return early, late, _stage(plan, "consideration", "content", 3)[1:]


def milestone_rows(plan: Plan) -> list[tuple[str, str, str, str, str]]:
    """Dated milestones: setup, first-month review and every KPI target quoted from the strategy."""
    f = plan.f
    rows = [(plan.after(7), "Tracking, calendar and offer live", plan.owner("analytics"), "Setup",
             "baseline recorded")]
    rows.append((plan.after(30), "First-month review", plan.owner("lead"), "Content mix",
                 "top three formats kept"))
    for kpi in plan.kpis[:5]:
        label = "Midpoint checkpoint" if kpi.by < f.end else "Campaign close"
        rows.append((kpi.by, label, plan.owner("lead"), kpi.kpi, kpi.target))
    rows.sort(key=lambda r: r[0])
    return [(day(d), m, o, k, t) for d, m, o, k, t in rows]


def rhythm_bullets(plan: Plan) -> list[str]:
    """The weekly operating rhythm with named owners."""
    return [
        f"Monday: {plan.owner('analytics')} shares last week's numbers against target.",
        f"Wednesday: {plan.owner('content')} locks next week's posts and emails.",
        f"Friday: {plan.owner('lead')} decides one change to test the following week.",
        f"Monthly: a 45-minute review with {plan.brand_s} leadership on spend, results and next bets.",
    ]


def risk_bullets(plan: Plan) -> list[str]:
    """Brief-specific risks with a mitigation each."""
    out = [f"Risk: complaints about {plan.pains[0]} resurface in comments. Mitigation: {plan.owner('ops')} "
           "replies within 24 hours with a named fix."]
    if plan.paid_ok:
        out.append("Risk: paid costs run above plan. Mitigation: cap daily spend and move up to 20% of the "
                   "paid budget to the channel with the lowest cost per result.")
    else:
        out.append("Risk: organic reach plateaus. Mitigation: rework the best post each week and ask "
                   "customers to share it.")
    rival = plan.inp.brief.competitors[0] if plan.inp.brief.competitors else "a rival"
    out.append(f"Risk: {rival} answers with a price cut. Mitigation: compete on {plan.slots['proof']}, "
               "not on price.")
    return out

