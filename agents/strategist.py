"""The strategist: turn a brief into the strategy core every section quotes (offline engine)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from agents.strategist_calendar import CONTENT_TYPES, FORMATS, plan_calendar, plan_pillars
from memory.kaizen import KaizenContext
from tools.brief import Brief
from tools.knowledge import KnowledgeBase
from tools.planning.budget import campaign_budget, split_amount, split_shares
from tools.planning.channels import (
    channel_catalog,
    context_weights,
    is_local,
    paid_allowed,
    platforms_named,
    select_channels,
)
from tools.planning.funnel import KpiPlanInput, engagement_target, kpi_plan, midpoint_checkpoint
from tools.planning.kpis import targets_from_goal
from tools.planning.slots import brief_slots, join_and, lower_first, short_customer
from tools.planning.themes import fill
from tools.planning.timeline import resolve_timeline
from tools.result import Audience, ChannelAllocation, KpiTarget, StrategyCore, Timeline

# the content plan moved to agents.strategist_calendar; its names stay importable from here
__all__ = ["CONTENT_TYPES", "FORMATS", "kpi_benchmarks", "plan_audiences", "plan_calendar", "plan_channels",
           "plan_kpis", "plan_pillars", "plan_positioning", "plan_strategy"]


def plan_channels(brief: Brief, kb: KnowledgeBase, archetype: str, kaizen: KaizenContext,
                  budget_total: float) -> list[ChannelAllocation]:
    """The channel mix with budget shares summing to 1 and amounts summing to the budget."""
    catalog = channel_catalog(kb.get("channel_catalog"))
    allow_paid = paid_allowed(brief.constraints, budget_total)
    weights = context_weights(kb.pick("channel_weights", archetype, brief.is_b2b), b2b=brief.is_b2b,
                              hybrid=brief.business_type == "Hybrid", catalog=catalog,
                              local=is_local(brief.geography, brief.primary_customer, brief.product_service))
    size = 4 if budget_total < 5000 else 5 if budget_total < 50000 else 6
    focus = [*brief.focus_platforms, *platforms_named(brief.primary_goal, catalog)]
    ranked = select_channels(weights=weights, catalog=catalog, focus=focus,
                             avoid=brief.avoid_platforms, allow_paid=allow_paid,
                             preferred=kaizen.preferred_platforms, size=size)
    shares = split_shares([w * (1.3 if catalog[n].paid else 1.0) for n, w in ranked])
    amounts = split_amount(budget_total, shares) if budget_total > 0 else [0.0] * len(shares)
    return [
        ChannelAllocation(channel=name, role=catalog[name].role, budget_share=share, budget_amount=amount,
                          paid=catalog[name].paid, stage=catalog[name].stage)
        for (name, _), share, amount in zip(ranked, shares, amounts, strict=True)
    ]


def kpi_benchmarks(kb: KnowledgeBase, archetype: str, b2b: bool) -> dict[str, Any]:
    """Benchmarks for an archetype: the general B2B/B2C defaults overridden key by key."""
    general = kb.pick("kpi_benchmarks", "general_b2b" if b2b else "general_b2c", b2b)
    return {**general, **kb.pick("kpi_benchmarks", archetype, b2b)}


def plan_kpis(brief: Brief, kb: KnowledgeBase, archetype: str, timeline: Timeline,
              budget_total: float, currency: str,
              channels: list[ChannelAllocation] | None = None) -> list[KpiTarget]:
    """Goal targets, the client's own KPIs, then supporting KPIs derived from volumes, budget, benchmarks."""
    goal = targets_from_goal(brief.primary_goal)
    bench = kpi_benchmarks(kb, archetype, brief.is_b2b)
    fx = kb.get("fx_to_usd").get(currency)
    factors_by_channel = kb.get("channel_engagement")
    factors = [factors_by_channel[c.channel] for c in channels or [] if c.channel in factors_by_channel]
    rows = kpi_plan(KpiPlanInput(
        goal=goal, client_kpis=brief.kpis, bench=bench, budget=budget_total,
        budget_usd=budget_total * fx if fx else 0.0, currency=currency, days=timeline.days,
        supporting=[(str(n), str(k)) for n, k in kb.pick("supporting_kpis", archetype, brief.is_b2b)],
        engagement=engagement_target(bench, factors, timeline.days)))
    targets = [KpiTarget(kpi=name, target=value, baseline=baseline, by=timeline.end)
               for name, value, baseline in rows]
    checkpoint = midpoint_checkpoint(goal)
    if checkpoint and timeline.days >= 14:
        targets.append(KpiTarget(kpi=checkpoint[0], target=checkpoint[1],
                                 by=timeline.start + timedelta(days=timeline.days // 2)))
    return targets


def plan_audiences(brief: Brief, kb: KnowledgeBase, archetype: str) -> list[Audience]:
    """Primary customer, the secondary audience (brief's, else the archetype's) and competitor switchers."""
    primary_name = short_customer(brief.primary_customer)
    audiences = [Audience(name=primary_name[:1].upper() + primary_name[1:], description=brief.primary_customer,
                          pain_points=brief.pain_points[:3])]
    secondary = kb.pick("secondary_audience", archetype, brief.is_b2b)
    if brief.secondary_customer:
        name = short_customer(brief.secondary_customer)
        name = name[:1].upper() + name[1:]
        text = brief.secondary_customer
        description = text if text.lower() != name.lower() else f"{text}, the secondary buyers named in the brief"
        audiences.append(Audience(name=name, description=description))
    else:
        audiences.append(Audience(name=secondary["name"], description=secondary["description"]))
    if brief.competitors:
        rivals = join_and(brief.competitors[:3])
        audiences.append(Audience(
            name=f"Switchers from {brief.competitors[0]}",
            description=f"{primary_name[:1].upper() + primary_name[1:]} who use {rivals} today and are open to "
                        f"a better option",
            pain_points=brief.pain_points[:2]))
    return audiences


def plan_positioning(brief: Brief, kb: KnowledgeBase, archetype: str) -> str:
    """One-sentence positioning: for whom, what category, which benefit, backed by which proof."""
    slots = brief_slots(brief, default_pain=str(kb.pick("default_pain", archetype, brief.is_b2b)))
    benefit = fill(kb.pick("positioning_benefit", archetype, brief.is_b2b), slots)
    proof = f" (proof: {brief.proof_points[0]})" if brief.proof_points else ""
    return (f"For {lower_first(brief.primary_customer)}, {brief.brand_name} is the {lower_first(brief.industry)} "
            f"choice that {lower_first(benefit)}{proof}.")


def plan_strategy(brief: Brief, kb: KnowledgeBase, kaizen: KaizenContext, today: date) -> StrategyCore:
    """Build the strategy core deterministically from the brief, the knowledge base and Kaizen context."""
    archetype = kb.archetype_for(brief.industry, brief.product_service, brief.is_b2b)
    timeline = resolve_timeline(brief, today)
    currency = brief.budget.currency if brief.budget else "USD"
    budget_total = (campaign_budget(brief.budget.amount, brief.budget.period, timeline.days)
                    if brief.budget else 0.0)
    channels = plan_channels(brief, kb, archetype, kaizen, budget_total)
    pillars = plan_pillars(brief, kb, archetype)
    return StrategyCore(
        positioning=plan_positioning(brief, kb, archetype),
        big_idea=fill(kb.pick("big_idea", archetype, brief.is_b2b),
                      brief_slots(brief, default_pain=str(kb.pick("default_pain", archetype, brief.is_b2b)))),
        pillars=pillars,
        audiences=plan_audiences(brief, kb, archetype),
        channel_mix=channels,
        kpi_targets=plan_kpis(brief, kb, archetype, timeline, budget_total, currency, channels),
        calendar=plan_calendar(brief, kb, archetype, timeline, channels, pillars),
        timeline=timeline,
        budget_total=budget_total,
        currency=currency,
        archetype=archetype,
    )
