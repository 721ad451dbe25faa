"""Creative composers for ads and launches: ad concepts (new, multi-platform) and launch campaign ideas."""

from __future__ import annotations

import re
from typing import Any

from agents.offline.facts import day, join_and, lower_first, money, percent
from agents.offline.sections._creative_util import Ctx, cap, creative_composer
from agents.offline.sections.creative_audience import ranked
from agents.offline.sections.creative_direction import formats_for, value_offer
from tools.markdown import Block, bullets, heading, section, table

_SEARCH = "Google Search"


def concept_channels(ctx: Ctx) -> list[str]:
    """Where concepts run: funded paid channels first, then the brand's own posting channels."""
    paid = [c.channel for c in ctx.paid_channels]
    social = [c.channel for c in ctx.posting_channels
              if c.channel not in paid and (ctx.play(c.channel) or {}).get("social")]
    posting = [c.channel for c in ctx.posting_channels if c.channel not in paid]
    return paid + social or posting or [c.channel for c in ranked(ctx)]


def concept_channel(ctx: Ctx, concept: dict[str, Any], index: int) -> str:
    """The channel a concept suits: search concepts go to search, visual ones to visual channels."""
    pool = concept_channels(ctx)
    if "search" in concept["format"].lower() and _SEARCH in pool:
        return _SEARCH
    visual = [c for c in pool if c != _SEARCH] or pool
    return visual[index % len(visual)]


def channel_label(ctx: Ctx, channel: str) -> str:
    """'Google Search (paid, 29% of budget)' or 'Instagram (organic post)'."""
    alloc = next((c for c in ctx.paid_channels if c.channel == channel), None)
    if alloc:
        return f"{channel} (paid, {percent(alloc.budget_share)} of budget)"
    return f"{channel} (organic post)"


def _concept(ctx: Ctx, index: int, concept: dict[str, Any]) -> Block:
    channel = concept_channel(ctx, concept, index)
    hooks = ctx.kb("hooks")
    fmt = concept["format"]
    if not any(c.channel == channel for c in ctx.paid_channels):
        fmt = re.sub(r"\bad\b", "post", fmt)
    items = [f"Format and channel: {fmt} on {channel_label(ctx, channel)}",
             f"Hook: {ctx.fill(concept['hook'])}",
             f"Visual: {concept['visual']}",
             f"Headline: {ctx.fill(hooks[index % len(hooks)])}",
             f"Call to action: {concept['cta']}"]
    return section(heading(f"Concept {index + 1}: {concept['name']}", 4), bullets(items),
                   optional=index >= 3, priority=2)


def messaging_lines(ctx: Ctx) -> list[str]:
    """The message every concept carries, the proof, the pains answered and must-include lines."""
    f = ctx.f
    lines = [f"Core message: {ctx.big_idea_name}. {ctx.big_idea_line}".strip(),
             f"Proof to show: {ctx.proof or 'a named customer result with a date'}",
             f"Pains answered: {join_and(ctx.pains[:3])}",
             f"Voice: {join_and(ctx.tones[:3])}, written for {f.customer}"]
    lines += [f"Must include: {m}" for m in ctx.must_include[:2]]
    return lines


def _intro(ctx: Ctx, fresh: bool) -> str:
    f = ctx.f
    if ctx.paid_channels:
        spend = join_and([f"{c.channel} ({money(c.budget_amount, ctx.strategy.currency)})"
                          for c in ctx.paid_channels])
        text = (f"These concepts put {ctx.brand_s} paid budget to work on {spend}. "
                f"Each one is built on {ctx.big_idea_name} and aimed at {f.customer}.")
    else:
        text = (f"The brief allows no paid media, so these are organic post concepts, not paid ads. They run "
                f"on {ctx.brand_s} own channels and are built on {ctx.big_idea_name}.")
    if fresh:
        text += (" They replace creative that has stopped earning its keep: each concept tests one new hook "
                 "against the current control.")
    return text


def _why(ctx: Ctx, concepts: list[dict[str, Any]]) -> str:
    """Prose tying each concept to one pain and the proof."""
    pains = ctx.pain_pool
    parts = [f"{concepts[i]['name']} answers {pains[i % len(pains)]}." for i in range(3)]
    versus = (f" Together they give {ctx.audience} a reason to pick {ctx.brand} over {ctx.f.competitor_phrase}."
              if ctx.f.competitors else f" Together they show why {ctx.brand} is worth a first step now.")
    return " ".join(parts) + versus


def _testing(ctx: Ctx) -> list[str]:
    one, two, three = ctx.phases
    first = concept_channels(ctx)[0]
    lines = [f"{one.name} ({one.span}): run concepts 1-3 side by side on {first}",
             f"{two.name} ({two.span}): cut the weakest concept, add a fresh hook every two weeks",
             f"{three.name} ({three.span}): scale the winner and retarget engaged viewers"]
    if ctx.kpis:
        lines.append(f"Decision metric: {ctx.kpi_text(ctx.kpis[0])}")
    return lines


@creative_composer("ad_concepts", "new_ad_concepts")
def ad_concepts(ctx: Ctx) -> list[Block]:
    """Three or four concepts with channel, hook, visual, headline and CTA, then messaging and testing."""
    fresh = ctx.inp.section_id == "new_ad_concepts"
    concepts = ctx.kb("ad_concepts")
    title = "Budget and Testing" if ctx.paid_channels else "Publishing and Testing"
    change = [f"Lead with {lower_first(ctx.pains[0])}, not with product features",
              "Show the product working within the first 2 seconds",
              f"Use real {ctx.audience} and real numbers instead of stock imagery"]
    return [
        section(_intro(ctx, fresh)),
        section(heading("Ad Concepts"), f"Each concept answers one question {ctx.f.customer} ask before acting."),
        *[_concept(ctx, i, c) for i, c in enumerate(concepts[:4])],
        section(heading("Why These Concepts"), _why(ctx, concepts), optional=True, priority=1),
        section(heading("Messaging"), bullets(messaging_lines(ctx))),
        section(heading(title), bullets(_testing(ctx)), optional=True, priority=1),
        section(heading("What Changes From Current Creative"), bullets(change), optional=not fresh, priority=3),
    ]


def _variation(ctx: Ctx, channel: str, concepts: list[dict[str, Any]]) -> Block:
    specs = formats_for(ctx, channel)
    label = channel_label(ctx, channel)
    items = [f"Spec: {specs[0]}" if specs else "Spec: native format of the platform",
             f"Lead concept: {concepts[0]['name']}, cut to the platform's length",
             f"Cadence: {ctx.cadence(channel)}"]
    return section(heading(label, 4), bullets(items))


@creative_composer("ad_concepts_multi_platform")
def ad_concepts_multi_platform(ctx: Ctx) -> list[Block]:
    """Three concepts, then how each platform of the mix gets its own cut, spec and cadence."""
    concepts = ctx.kb("ad_concepts")
    pool = concept_channels(ctx)
    extra = [c.channel for c in [*ctx.posting_channels, *ranked(ctx)] if c.channel not in pool and ctx.play(c.channel)]
    pool = list(dict.fromkeys([*pool, *extra]))
    more = [f"{ch}: {formats_for(ctx, ch)[0]}" for ch in pool[3:6] if formats_for(ctx, ch)]
    rotation = [concepts[i % len(concepts):] + concepts[:i % len(concepts)] for i in range(len(pool))]
    return [
        section(_intro(ctx, False)),
        section(heading("Ad Concepts"), "One idea, three executions; each platform gets a native cut."),
        *[_concept(ctx, i, c) for i, c in enumerate(concepts[:3])],
        section(heading("Platform Variations"),
                f"The same message changes shape per platform, so {ctx.f.customer} never see a resized copy."),
        *[_variation(ctx, ch, rotation[i]) for i, ch in enumerate(pool[:3])],
        section(bullets(more), optional=True, priority=1) if more else section(""),
        section(heading("Messaging"), bullets(messaging_lines(ctx)[:4]), optional=True, priority=1),
        section(_why(ctx, concepts), optional=True, priority=2),
    ]


def _launch_concept(ctx: Ctx, index: int, concept: dict[str, Any]) -> Block:
    acts = [cap(a) for a in concept["activations"][:3]]
    return section(heading(f"Concept {index + 1}: {concept['name']}", 4),
                   f"{cap(ctx.fill(concept['idea']))}.", bullets(acts))


def _activation_lines(ctx: Ctx, concepts: list[dict[str, Any]]) -> list[str]:
    f = ctx.f
    lines = []
    for i, p in enumerate(ctx.phases):
        inside = [e for e in ctx.calendar if p.start <= e.date <= p.end]
        act = lower_first(concepts[i % len(concepts)]["activations"][i % 3])
        if inside:
            e = inside[0]
            lines.append(f"{p.name} ({p.span}): {act}; {e.channel} opens the phase on {day(e.date)} with \"{e.theme}\"")
        else:
            lines.append(f"{p.name} ({p.span}): {act}, led on {ranked(ctx)[i % len(ctx.channels)].channel}")
    if ctx.brief.upcoming_events:
        lines.append(f"Anchor moment: {ctx.brief.upcoming_events.rstrip('.')}")
    lines.append(f"Offer that gives a reason to act: {lower_first(value_offer(ctx))}")
    lines += [f"Say it in every launch asset: {m}" for m in ctx.must_include[:1]]
    lines.append(f"Owner check-in every Monday until {day(f.end)}")
    return lines


def _fit(ctx: Ctx, concepts: list[dict[str, Any]]) -> str:
    """Why the lead concept suits this brief: pain, proof and the competitive frame."""
    proof = f" {cap(ctx.proof)} gives it credibility from day one." if ctx.proof else ""
    rival = (f" It also draws a clear line against {ctx.f.competitor_phrase}." if ctx.f.competitors else "")
    return (f"{concepts[0]['name']} leads because it turns {ctx.pains[0]} into something people can see "
            f"and share.{proof}{rival} The other concepts keep momentum after launch week.")


@creative_composer("launch_campaign_ideas")
def launch_campaign_ideas(ctx: Ctx) -> list[Block]:
    """Three launch concepts, phased activation ideas with dates, a timeline and success measures."""
    f = ctx.f
    concepts = ctx.kb("launch")[:3]
    rows = [[p.name, p.span, cap(c["name"]), ctx.kpi_text(ctx.kpis[i % len(ctx.kpis)]) if ctx.kpis else "-"]
            for i, (p, c) in enumerate(zip(ctx.phases, concepts, strict=False))]
    measures = [cap(ctx.kpi_text(k)) for k in ctx.kpis[:3]]
    return [
        section(f"{f.brand} launches under {ctx.big_idea_name} from {day(f.start)} to {day(f.end)}. "
                f"Every idea below is built to move one number: {lower_first(f.goal)}."),
        section(heading("Campaign Concepts"), f"Three concepts, each sized for {f.customer}{ctx.in_geo}."),
        *[_launch_concept(ctx, i, c) for i, c in enumerate(concepts)],
        section(heading("Activation Ideas"), bullets(_activation_lines(ctx, concepts))),
        section(heading(f"Why It Fits {f.brand}"), _fit(ctx, concepts), optional=True, priority=1),
        section(heading("Launch Timeline"), table(["Phase", "Dates", "Lead concept", "Target"], rows),
                optional=True, priority=1),
        section(heading("Success Measures"), bullets(measures), optional=True, priority=2),
    ]


__all__ = ["ad_concepts", "ad_concepts_multi_platform", "channel_label", "concept_channels",
           "launch_campaign_ideas", "messaging_lines"]
