"""The strategist: turn a brief into the strategy core every section quotes (offline engine)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from memory.kaizen import KaizenContext
from tools.brief import Brief
from tools.knowledge import KnowledgeBase
from tools.planning.budget import campaign_budget, split_amount, split_shares
from tools.planning.calendar import (
    calendar_slots,
    channel_rotation,
    event_date,
    phase_for,
    split_events,
    week_of,
    weekly_beats,
)
from tools.planning.channels import (
    ChannelInfo,
    avoided_channels,
    channel_catalog,
    context_weights,
    is_local,
    paid_allowed,
    platforms_named,
    select_channels,
)
from tools.planning.funnel import KpiPlanInput, engagement_target, kpi_plan, midpoint_checkpoint
from tools.planning.kpis import targets_from_goal
from tools.planning.themes import (
    ROLES,
    angles_by_role,
    build_pool,
    fill,
    leftovers,
    offer_fits,
    offers_allowed,
    pick_themes,
)
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
    "Google Business Profile": ["Google post", "Photo update", "Q&A answer"],
    "SEO & Blog": ["Blog article", "How-to guide", "Comparison page"],
    "SMS": ["Text reminder", "Opt-in alert"],
    "WhatsApp": ["Broadcast message", "Catalogue update"],
    "Webinars": ["Live webinar", "Webinar replay"],
    "Events": ["In-person event", "Open day", "Workshop"],
    "Partnerships": ["Co-branded post", "Partner newsletter feature"],
    "PR": ["Press pitch", "Expert comment"],
    "Referral Program": ["Referral email", "Referral card"],
    "Podcasts": ["Guest episode", "Host read"],
    "Reddit": ["Community answer", "AMA thread"],
    "X (Twitter)": ["Thread", "Reply round-up"],
    "Influencers": ["Creator post", "Creator review"],
    "Amazon": ["Listing update", "A+ content"],
}
_CUSTOMER_CUTS = re.compile(r"\s+(aged|who|with|in|living|within|at|that|for|looking|booking|from)\s+|,\s*|\s+\d",
                            re.I)
_PRODUCT_CUTS = re.compile(r"\s+(for|with|from|that|sold|delivered|made|brewed|built|designed)\s+|,\s*(?=\w+\s)",
                           re.I)


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name ("B2B", "iPhone")."""
    first = text.split()[0] if text.split() else ""
    if not first or (first.isupper() and first not in {"A"}) or any(c.isupper() for c in first[1:]):
        return text
    return text[0].lower() + text[1:]


def short_customer(customer: str) -> str:
    """The head noun phrase of the customer ("Busy professionals aged 25-45 ..." -> "busy professionals")."""
    head = _CUSTOMER_CUTS.split(customer, maxsplit=1)[0].strip()
    return lower_first(head if len(head.split()) >= 1 and len(head) >= 3 else customer)


def short_product(brief: Brief) -> str:
    """A short name for what is sold: the first product's name, else the head of product_service."""
    if brief.products:
        return brief.products[0].name
    head = _PRODUCT_CUTS.split(brief.product_service, maxsplit=1)[0].strip()
    return lower_first(head if len(head) >= 3 else brief.product_service)


_GENERIC_PAIN = "everyday hassle that wastes time and money"


def brief_slots(brief: Brief, full: bool = True, default_pain: str = _GENERIC_PAIN) -> dict[str, str]:
    """Values the knowledge templates may quote; optional fields get neutral wording, never a stand-in.

    With ``full=False`` slots of missing optional fields are left out, so angles that need them are skipped;
    ``default_pain`` (the archetype's typical frustration) stands in when the brief names no pain point.
    """
    pain = brief.pain_points[0] if brief.pain_points else default_pain
    if not full:
        missing = {"pain": not brief.pain_points, "proof": not brief.proof_points,
                   "competitor": not brief.competitors, "geo": not brief.geography}
        return {k: v for k, v in brief_slots(brief).items() if not missing.get(k)}
    return {
        "brand": brief.brand_name,
        "product": lower_first(brief.product_service),
        "offering": brief.products[0].name if brief.products else brief.brand_name,
        "customer": lower_first(brief.primary_customer),
        "customer_short": short_customer(brief.primary_customer),
        "pain": lower_first(pain),
        "proof": brief.proof_points[0] if brief.proof_points else "early customer results",
        "goal": brief.primary_goal,
        "industry": lower_first(brief.industry),
        "geo": brief.geography or "",
        "competitor": brief.competitors[0] if brief.competitors else "the usual alternatives",
    }


def slot_variants(brief: Brief, limit: int = 3) -> list[dict[str, str]]:
    """Slot sets that rotate pain points, proof points and competitors so filled angles differ."""
    base = brief_slots(brief, full=False)
    count = min(limit, max(1, len(brief.pain_points), len(brief.proof_points), len(brief.competitors)))
    variants = []
    for k in range(count):
        variant = dict(base)
        if brief.pain_points:
            variant["pain"] = lower_first(brief.pain_points[k % len(brief.pain_points)])
        if brief.proof_points:
            variant["proof"] = brief.proof_points[k % len(brief.proof_points)]
        if brief.competitors:
            variant["competitor"] = brief.competitors[k % len(brief.competitors)]
        variants.append(variant)
    return variants


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


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def plan_pillars(brief: Brief, kb: KnowledgeBase | None = None, archetype: str | None = None) -> list[Pillar]:
    """Four content pillars (teach, prove, belong, act) named for the archetype, described from the brief."""
    names = list(CONTENT_TYPES)
    if kb is not None and archetype is not None:
        names = list(kb.pick("pillar_names", archetype, brief.is_b2b))
    customers = short_customer(brief.primary_customer)
    pains = _join([lower_first(p) for p in brief.pain_points[:3]]) or "the questions they ask before buying"
    proof = _join(brief.proof_points[:2]) or "reviews, results and before-and-after stories gathered as it runs"
    offers = brief.current_offers if brief.current_offers and offer_fits(brief.current_offers, brief.constraints) \
        else None
    act = offers or _join([p.name for p in brief.products[:3]]) or f"trying {short_product(brief)}"
    return [
        Pillar(name=names[0], description=f"Practical answers for {customers} on what holds them back: {pains}"),
        Pillar(name=names[1], description=f"Evidence that {brand_of(brief)} delivers: {proof}"),
        Pillar(name=names[2], description=f"{customers[:1].upper() + customers[1:]} at the centre: their stories, "
                                          f"questions and routines with {brand_of(brief)}"),
        Pillar(name=names[3], description=f"One clear next step at a time ({act}), each with a date to act by"),
    ]


def brand_of(brief: Brief) -> str:
    """The brand name exactly as the brief spells it."""
    return brief.brand_name


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
        rivals = _join(brief.competitors[:3])
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


def _seeds(brief: Brief) -> dict[str, list[str]]:
    customers = short_customer(brief.primary_customer)
    seeds: dict[str, list[str]] = {role: [] for role in ROLES}
    seeds["teach"] += [f"Explainer for {customers}: {lower_first(p)}" for p in brief.pain_points]
    seeds["prove"] += [f"Proof point: {p}" for p in brief.proof_points]
    seeds["prove"] += [f"{p.name}: {lower_first(p.usp)}" for p in brief.products if p.usp]
    seeds["prove"] += [f"Our promise: {m}" for m in brief.must_include_messages]
    seeds["belong"] += [f"Customer voices on {lower_first(p)}" for p in brief.pain_points[:2]]
    seeds["belong"] += [f"Switch story: from {c} to {brief.brand_name}" for c in brief.competitors[:2]]
    if brief.current_offers and offer_fits(brief.current_offers, brief.constraints):
        seeds["act"].append(f"Offer spotlight: {brief.current_offers}")
    seeds["act"] += [f"Product focus: {p.name}" + (f" ({p.price_note})" if p.price_note else "")
                     for p in brief.products[:3]]
    return seeds


def _reserve_seeds(brief: Brief) -> dict[str, list[str]]:
    """Brief-specific themes that need no optional field; used when the pool would otherwise run dry."""
    brand, customers = brief.brand_name, short_customer(brief.primary_customer)
    offering = brief.products[0].name if brief.products else brand
    people = customers[:1].upper() + customers[1:]
    reserve = {
        "teach": [f"Buyer questions about {offering}, answered", f"How {customers} get started with {brand}",
                  f"What to look for in {lower_first(brief.industry)}, in five points",
                  f"Glossary: five terms {customers} hear before buying", f"Seasonal checklist for {customers}"],
        "prove": [f"{brand} in numbers: what customers can check", f"Behind the scenes: how {brand} tests quality",
                  "What early customers said after their first week", f"Five facts about how {brand} works",
                  f"Reviews round-up: what {customers} say about {brand}"],
        "belong": [f"Meet the team behind {brand}", f"{people} share their routines",
                   "Questions from the inbox, answered live", f"Poll: what should {brand} offer next?",
                   f"Thank-you post for the first {customers} who joined"],
        "act": [f"How to start with {brand} in three steps", "Order-by dates and what happens after you sign up",
                f"Why now: three reasons {customers} start this month", f"FAQ before signing up with {brand}",
                f"Tell a {'colleague' if brief.is_b2b else 'friend'} about {brand}"],
    }
    if brief.tone_of_voice:
        reserve["belong"].append(f"A {lower_first(brief.tone_of_voice[0])} note from the people behind {brand}")
    if brief.geography:
        reserve["act"].append(f"Where to find {brand} in {brief.geography}")
    return reserve


def _banned_words(brief: Brief, catalog: dict[str, ChannelInfo]) -> list[str]:
    banned = avoided_channels(brief.avoid_platforms, catalog)
    words = [*brief.avoid_platforms, *brief.must_avoid_messages, *banned]
    for name in banned:
        words += [a for a in catalog[name].aliases if len(a) > 2]
    return words


def _posting_channels(channels: list[ChannelAllocation], catalog: dict[str, ChannelInfo]) -> list[tuple[str, float,
                                                                                                         int]]:
    organic = [c for c in channels if not c.paid] or channels
    return [(c.channel, max(c.budget_share, 0.05), catalog[c.channel].per_month if c.channel in catalog else 8)
            for c in organic]


def _event_entries(brief: Brief, timeline: Timeline, channels: list[str], role_cta: list[str]) -> list[
        CalendarEntry]:
    entries: list[CalendarEntry] = []
    channel = "Events" if "Events" in channels else channels[0]
    for text in split_events(brief.upcoming_events):
        when = event_date(text, timeline.start, timeline.end)
        if when is None:
            continue
        label = text[:1].upper() + text[1:]
        entries.append(CalendarEntry(date=when, channel=channel, theme=f"{label}: the day itself",
                                     stage="Conversion", format="Event coverage", pillar="Event", cta=role_cta[3]))
        teaser = when - timedelta(days=7)
        if teaser >= timeline.start:
            entries.append(CalendarEntry(date=teaser, channel=channels[0], theme=f"{label}: one-week countdown",
                                         stage="Consideration", format="Teaser", pillar="Event", cta=role_cta[2]))
    return entries


_BEATS = ("scale the best {channel} post of the previous week",
          "answer last week's most asked question on {channel}",
          "repost a customer result on {channel} with a new hook",
          "test a new opening line on the best {channel} format")


def plan_calendar(brief: Brief, kb: KnowledgeBase, archetype: str, timeline: Timeline,
                  channels: list[ChannelAllocation], pillars: list[Pillar] | None = None) -> list[CalendarEntry]:
    """Thirty dated, uniquely themed posts for the first month, events on their dates, then weekly beats."""
    catalog = channel_catalog(kb.get("channel_catalog"))
    angles = angles_by_role(kb.pick("content_angles", archetype, brief.is_b2b))
    general = angles_by_role(kb.pick("content_angles", "general_b2b" if brief.is_b2b else "general_b2c"))
    seeds, reserve = _seeds(brief), _reserve_seeds(brief)
    pool = build_pool(seeds=seeds, angles={r: angles[r] + general[r] for r in ROLES}, reserve=reserve,
                      variants=slot_variants(brief), banned=_banned_words(brief, catalog),
                      allow_offers=offers_allowed(brief.constraints))
    names = [p.name for p in pillars or plan_pillars(brief, kb, archetype)]
    ctas = list(kb.pick("ctas", archetype, brief.is_b2b))
    posting = _posting_channels(channels, catalog)
    if not posting:  # every channel was ruled out by the brief: nothing can be scheduled
        return []
    rotation = channel_rotation(posting, 30)
    days = calendar_slots(timeline.start, timeline.end, 30)
    picked = pick_themes(pool, 30)
    entries: list[CalendarEntry] = []
    for i, (day, channel, (role, theme)) in enumerate(zip(days, rotation, picked, strict=True)):
        formats = FORMATS.get(channel, ["Post", "Article", "Update"])
        k = ROLES.index(role)
        entries.append(CalendarEntry(date=day, channel=channel, theme=theme, stage=phase_for(i, 30),
                                     format=formats[i % len(formats)], pillar=names[k], cta=ctas[k]))
    events = _event_entries(brief, timeline, [name for name, _, _ in posting], ctas)
    first_month_end = days[-1]
    for event in events:
        if event.date <= first_month_end:  # inside the daily month: the event takes over the nearest slot
            nearest = min(range(len(entries)), key=lambda j: (abs((entries[j].date - event.date).days), j))
            entries[nearest] = event.model_copy(update={"date": entries[nearest].date})
    spare = leftovers(pool, [e.theme for e in entries])
    later = [e for e in events if e.date > first_month_end]
    for n, day in enumerate(weekly_beats(timeline.start, timeline.end, first_month_end)):
        name = posting[n % len(posting)][0]
        theme = spare[n] if n < len(spare) else _BEATS[n % len(_BEATS)].format(channel=name)
        entries.append(CalendarEntry(date=day, channel=name, stage="Conversion" if n % 2 else "Retention",
                                     theme=f"Week {week_of(day, timeline.start)}: {lower_first(theme)}",
                                     format=FORMATS.get(name, ["Post"])[0], pillar=names[n % 4],
                                     cta=ctas[n % 4]))
    return sorted(entries + later, key=lambda e: e.date)


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
