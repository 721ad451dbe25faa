"""The strategy core's content plan: four pillars and the dated calendar (a daily first month, then weekly beats)."""

from __future__ import annotations

from datetime import timedelta

from tools.brief import Brief
from tools.knowledge import KnowledgeBase
from tools.planning.calendar import (
    calendar_slots,
    channel_rotation,
    event_date,
    phase_for,
    split_events,
    week_of,
    weekly_beats,
)
from tools.planning.channels import ChannelInfo, avoided_channels, channel_catalog
from tools.planning.slots import join_and, lower_first, short_customer, short_product, slot_variants
from tools.planning.themes import ROLES, angles_by_role, build_pool, leftovers, offer_fits, offers_allowed, pick_themes
from tools.result import CalendarEntry, ChannelAllocation, Pillar, Timeline

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


def plan_pillars(brief: Brief, kb: KnowledgeBase | None = None, archetype: str | None = None) -> list[Pillar]:
    """Four content pillars (teach, prove, belong, act) named for the archetype, described from the brief."""
    names = list(CONTENT_TYPES)
    if kb is not None and archetype is not None:
        names = list(kb.pick("pillar_names", archetype, brief.is_b2b))
    customers = short_customer(brief.primary_customer)
    pains = join_and([lower_first(p) for p in brief.pain_points[:3]]) or "the questions they ask before buying"
    proof = join_and(brief.proof_points[:2]) or "reviews, results and before-and-after stories gathered as it runs"
    offers = brief.current_offers if brief.current_offers and offer_fits(brief.current_offers, brief.constraints) \
        else None
    act = offers or join_and([p.name for p in brief.products[:3]]) or f"trying {short_product(brief)}"
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
