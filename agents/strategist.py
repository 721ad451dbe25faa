"""The strategist: turn a brief into the strategy core every section quotes (offline engine)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from memory.kaizen import KaizenContext
from tools.brief import Brief
from tools.knowledge import KnowledgeBase
from tools.planning.budget import campaign_budget, split_amount, split_shares
from tools.planning.calendar import calendar_slots, phase_for, weekly_beats
from tools.planning.channels import channel_catalog, paid_allowed, select_channels
from tools.planning.funnel import (
    RATE_KINDS,
    build_funnel,
    covered,
    derive_target,
    engagement_target,
    improvement,
    nice,
    spec_kind,
    target_kind,
)
from tools.planning.kpis import format_count, kpi_kind, targets_from_goal, volume_of
from tools.planning.timeline import resolve_timeline
from tools.result import (
    Audience,
    CalendarEntry,
    ChannelAllocation,
    KpiTarget,
    Pillar,
    StrategyCore,
    Timeline,
)

CONTENT_TYPES = ("Education", "Proof", "Community", "Promo")
FORMATS = {
    "Instagram": ["Reel", "Carousel", "Story poll", "Static post"],
    "TikTok": ["Short video", "Duet/stitch", "Live"],
    "LinkedIn": ["Text post", "Document carousel", "Short video"],
    "YouTube": ["Tutorial video", "Short", "Review video"],
    "Email": ["Newsletter", "Automated email", "Plain-text note"],
    "Facebook": ["Group post", "Event", "Video"],
    "Pinterest": ["Idea pin", "Board update"],
}


class _Slots(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, values: dict[str, str]) -> str:
    return " ".join(template.format_map(_Slots(values)).split())


def brief_slots(brief: Brief) -> dict[str, str]:
    """Values the knowledge templates may quote; optional fields get neutral wording, never a placeholder."""
    pain = brief.pain_points[0] if brief.pain_points else "wasted time and money"
    return {
        "brand": brief.brand_name,
        "product": brief.product_service[0].lower() + brief.product_service[1:],
        "customer": brief.primary_customer,
        "pain": pain.lower() if not pain.isupper() else pain,
        "proof": brief.proof_points[0] if brief.proof_points else "early customer results",
        "goal": brief.primary_goal,
        "industry": brief.industry,
        "geo": brief.geography or "",
        "competitor": brief.competitors[0] if brief.competitors else "the usual alternatives",
    }


def plan_channels(brief: Brief, kb: KnowledgeBase, archetype: str, kaizen: KaizenContext,
                  budget_total: float) -> list[ChannelAllocation]:
    """The channel mix with budget shares summing to 1 and amounts summing to the budget."""
    catalog = channel_catalog(kb.get("channel_catalog"))
    allow_paid = paid_allowed(brief.constraints, budget_total)
    ranked = select_channels(
        weights=kb.pick("channel_weights", archetype, brief.is_b2b), catalog=catalog,
        focus=brief.focus_platforms, avoid=brief.avoid_platforms, allow_paid=allow_paid,
        preferred=kaizen.preferred_platforms, size=5 if budget_total > 0 else 4,
    )
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
    targets = [KpiTarget(kpi=t.kpi, target=t.target, baseline=t.baseline, by=timeline.end) for t in goal]
    bench = kpi_benchmarks(kb, archetype, brief.is_b2b)
    fx = kb.get("fx_to_usd").get(currency)
    funnel = build_funnel(goal, bench, budget_total * fx if fx else 0.0)
    engagement_factors = kb.get("channel_engagement")
    factors = [engagement_factors[c.channel] for c in channels or [] if c.channel in engagement_factors]
    engagement = engagement_target(bench, factors, timeline.days)
    kinds = {target_kind(t) for t in goal
             if volume_of(t.target) is not None or target_kind(t) not in {"leads", "customers"}}

    def add(name: str, kind: str) -> None:
        if covered(name, [t.kpi for t in targets]):
            return
        if kind in _ONE_PER_KIND and kind in kinds:
            return
        value = derive_target(kind, funnel, bench, budget_total, currency, timeline.days, engagement)
        if value is None:
            return
        baseline = "pre-campaign baseline" if "baseline" in value else None
        targets.append(KpiTarget(kpi=name, target=value, baseline=baseline, by=timeline.end))
        kinds.add(kind)

    for name in brief.kpis:
        add(name, kpi_kind(name))
    for name, kind in kb.pick("supporting_kpis", archetype, brief.is_b2b):
        add(name, spec_kind(name, kind))
    if not goal:
        lift = round(improvement(timeline.days) * 100)
        targets.insert(0, KpiTarget(kpi="primary goal progress", by=timeline.end,
                                    target=f"+{lift}% vs the pre-campaign baseline",
                                    baseline="pre-campaign baseline"))
    first = next((t for t in goal if volume_of(t.target)), None)
    if first is not None and timeline.days >= 14:
        midpoint = timeline.start + timedelta(days=timeline.days // 2)
        targets.append(KpiTarget(kpi=f"{first.kpi} (midpoint checkpoint)", by=midpoint,
                                 target=format_count(nice((volume_of(first.target) or 0) * 0.4))))
    return targets


_ONE_PER_KIND = {"leads", "customers", "conversion", "cost_per_lead", "cost_per_customer", "pipeline",
                 "engagement_rate", "rating", "roas", "followers", "decrease", "value", *RATE_KINDS}


def plan_pillars(brief: Brief) -> list[Pillar]:
    """Four content pillars named for the brand: Education, Proof, Community, Promo."""
    pain = brief.pain_points[0] if brief.pain_points else "the problem customers feel most"
    proof = brief.proof_points[0] if brief.proof_points else "customer results"
    return [
        Pillar(name="Education", description=f"teach {brief.primary_customer} how to solve {pain}"),
        Pillar(name="Proof", description=f"show evidence: {proof}"),
        Pillar(name="Community", description=f"put customers of {brief.brand_name} at the centre"),
        Pillar(name="Promo", description="clear offers with a reason to act now and an end date"),
    ]


def plan_calendar(brief: Brief, kb: KnowledgeBase, archetype: str, timeline: Timeline,
                  channels: list[ChannelAllocation]) -> list[CalendarEntry]:
    """Thirty dated, uniquely themed posts for the first month, then one beat a week to the end."""
    slots = brief_slots(brief)
    angles = [_fill(a, slots) for a in kb.pick("content_angles", archetype, brief.is_b2b)]
    pains = brief.pain_points or ["the biggest everyday frustration"]
    proofs = brief.proof_points or ["a customer result"]
    posting = [c.channel for c in channels if not c.paid] or [c.channel for c in channels]
    days = calendar_slots(timeline.start, timeline.end, 30)
    entries: list[CalendarEntry] = []
    seen: set[str] = set()
    for i, day in enumerate(days):
        content_type = CONTENT_TYPES[i % len(CONTENT_TYPES)]
        angle = angles[i % len(angles)]
        detail = {
            "Education": pains[(i // 4) % len(pains)],
            "Proof": proofs[(i // 4) % len(proofs)],
            "Community": brief.primary_customer.split(",")[0],
            "Promo": brief.current_offers or brief.product_service,
        }[content_type]
        theme = angle[0].upper() + angle[1:]
        if theme.lower() in seen:
            theme = f"{theme} ({content_type.lower()} angle: {detail})"
        if theme.lower() in seen:
            theme = f"{theme}, week {i // 7 + 1}"
        seen.add(theme.lower())
        channel = posting[i % len(posting)]
        formats = FORMATS.get(channel, ["Post", "Article", "Update"])
        entries.append(CalendarEntry(date=day, channel=channel, theme=theme, stage=phase_for(i, 30),
                                     format=formats[i % len(formats)], pillar=content_type,
                                     cta=_cta(content_type, brief)))
    for n, day in enumerate(weekly_beats(timeline.start, timeline.end, days[-1])):
        channel = posting[n % len(posting)]
        entries.append(CalendarEntry(date=day, channel=channel, stage="Conversion" if n % 2 else "Retention",
                                     theme=f"Week {(day - timeline.start).days // 7 + 1}: scale the best "
                                     f"{channel} post of the previous week", format="Review + repost",
                                     pillar="Proof", cta=_cta("Proof", brief)))
    return entries


def _cta(content_type: str, brief: Brief) -> str:
    if brief.is_b2b:
        return {"Education": "Download the guide", "Proof": "Read the case study",
                "Community": "Join the live session", "Promo": "Book a demo"}[content_type]
    return {"Education": "Save this post", "Proof": "Read the reviews", "Community": "Share yours",
            "Promo": "Shop now"}[content_type]


def plan_strategy(brief: Brief, kb: KnowledgeBase, kaizen: KaizenContext, today: date) -> StrategyCore:
    """Build the strategy core deterministically from the brief, the knowledge base and Kaizen context."""
    archetype = kb.archetype_for(brief.industry, brief.product_service, brief.is_b2b)
    timeline = resolve_timeline(brief, today)
    currency = brief.budget.currency if brief.budget else "USD"
    budget_total = (campaign_budget(brief.budget.amount, brief.budget.period, timeline.days)
                    if brief.budget else 0.0)
    slots = brief_slots(brief)
    channels = plan_channels(brief, kb, archetype, kaizen, budget_total)
    secondary = kb.pick("secondary_audience", archetype, brief.is_b2b)
    audiences = [
        Audience(name="Primary", description=brief.primary_customer, pain_points=brief.pain_points[:3]),
        Audience(name=secondary["name"], description=brief.secondary_customer or secondary["description"]),
    ]
    benefit = _fill(kb.pick("positioning_benefit", archetype, brief.is_b2b), slots)
    positioning = (f"For {brief.primary_customer}, {brief.brand_name} is the {brief.industry} choice that "
                   f"{benefit}.")
    return StrategyCore(
        positioning=positioning,
        big_idea=_fill(kb.pick("big_idea", archetype, brief.is_b2b), slots),
        pillars=plan_pillars(brief),
        audiences=audiences,
        channel_mix=channels,
        kpi_targets=plan_kpis(brief, kb, archetype, timeline, budget_total, currency, channels),
        calendar=plan_calendar(brief, kb, archetype, timeline, channels),
        timeline=timeline,
        budget_total=budget_total,
        currency=currency,
        archetype=archetype,
    )
