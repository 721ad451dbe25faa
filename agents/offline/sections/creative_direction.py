"""Creative composers about the look and the words: creative direction, territories and copy variants."""

from __future__ import annotations

from typing import Any

from agents.offline.facts import day, join_and, lower_first
from agents.offline.sections._creative_util import Ctx, cap, creative_composer, unique
from agents.offline.sections.creative_audience import ranked
from tools.markdown import Block, bullets, heading, section


def tone_lines(ctx: Ctx) -> list[str]:
    """One line per brief tone: how the tone shows up in copy."""
    guide = ctx.kb("tone_guide")
    return [f"{cap(t)}: {guide.get(t.lower(), guide['default'])}" for t in ctx.tones[:3]]


def value_offer(ctx: Ctx) -> str:
    """The offer copy may name: the brief's current offer, else the archetype's first value-add offer."""
    if ctx.current_offer:
        return ctx.current_offer
    offer = next((o for o in ctx.kb("offers") if not o["discount"]), ctx.kb("offers")[0])
    return cap(offer["mechanic"])


def formats_for(ctx: Ctx, channel: str) -> list[str]:
    """The playbook format specs of a channel."""
    return list((ctx.play(channel) or {}).get("formats", []))


@creative_composer("creative_direction")
def creative_direction(ctx: Ctx) -> list[Block]:
    """Visual style, tone of voice, the message hierarchy and the do/don't list for every asset."""
    f, v = ctx.f, ctx.kb("visual")
    visual = [f"Imagery: {v['imagery']}", f"Palette: {v['palette']}", f"Typography: {v['typography']}",
              f"Motion: {v['motion']}"]
    voice = tone_lines(ctx)
    sample = f"In practice it sounds like \"{v['say'][0]}\" and \"{v['say'][1]}\""
    hierarchy = [f"Lead idea: {ctx.big_idea_name}",
                 f"Proof: {ctx.proof or 'named customer results, with dates'}",
                 f"Pillars: {join_and(f.pillars[:4])}"]
    hierarchy += [f"Always include: {m}" for m in ctx.must_include[:2]]
    assets = [f"{c.channel}: {formats_for(ctx, c.channel)[0]}" for c in ranked(ctx)[:4]
              if formats_for(ctx, c.channel)]
    return [
        section(f"One campaign idea runs through every {f.brand} asset: {ctx.big_idea_name}. {ctx.big_idea_line} "
                f"The look and the voice are built for {f.customer}, not for awards."),
        section(heading("Visual Style"), bullets(visual)),
        section(heading("Tone of Voice"),
                f"{f.brand} sounds {join_and(ctx.tones)}. Each tone has a job in the copy.", bullets(voice),
                sample),
        section(heading("Message Hierarchy"), bullets(hierarchy)),
        section(heading("What We Avoid"), bullets(cap(a) for a in v["avoid"]), optional=True, priority=1),
        section(heading("Asset Checklist"), bullets(assets),
                f"Every asset is reviewed against this page before it ships, starting {day(f.start)}.",
                optional=True, priority=2),
        section(heading("Accessibility"), bullets(ACCESSIBILITY), optional=True, priority=3),
    ]


ACCESSIBILITY = ("Captions on every video, burned in for feeds that autoplay muted",
                 "Alt text on every image, written to describe the point, not the pixels",
                 "Text contrast of at least 4.5:1 and body copy no smaller than 16px")


def _territory(ctx: Ctx, index: int, terr: dict[str, Any]) -> Block:
    order = ranked(ctx)
    channel = order[index % len(order)].channel
    hooks = ctx.kb("hooks")
    pain = ctx.pain_pool[index % len(ctx.pain_pool)]
    items = [f"Sample headline: {ctx.fill(hooks[index % len(hooks)])}", f"Lead channel: {channel}"]
    executions = f"Executions: {join_and([lower_first(e) for e in terr['executions'][:3]])}."
    return section(heading(f"Territory {index + 1}: {terr['name']}", 4),
                   f"{cap(ctx.fill(terr['idea']))}. It speaks to {pain}. {executions}", bullets(items))


@creative_composer("creative_territories")
def creative_territories(ctx: Ctx) -> list[Block]:
    """Three creative territories with executions, a recommendation and how they are tested."""
    f = ctx.f
    terrs = ctx.kb("territories")[:3]
    first = ranked(ctx)[0]
    rec = (f"Lead with {terrs[0]['name']}. It answers {ctx.pains[0]} head-on and carries "
           f"{ctx.big_idea_name} without extra explanation. The other two rotate in as challengers.")
    tests = [f"Run all three territories on {first.channel} from {day(ctx.phases[0].start)}",
             f"Judge on {(ctx.play(first.channel) or {}).get('metric', 'conversions')}, not likes",
             f"Pick the winner on {day(ctx.phases[0].end)} and move 70% of new assets to it"]
    guard = [f"Every territory uses the {join_and(ctx.tones[:2])} voice and the same visual system",
             f"Claims stay inside what {f.brand} can prove" + (f", such as {ctx.proof}" if ctx.proof else ""),
             "No territory borrows a competitor's look, line or colour"]
    return [
        section(f"These territories give {f.brand} room to say one thing many ways. Each starts from "
                f"what {f.customer} already feel."),
        section(heading("Creative Themes"),
                f"Three themes, each strong enough to carry {f.days} days of content."),
        *[_territory(ctx, i, t) for i, t in enumerate(terrs)],
        section(heading("Recommended Territory"), rec, optional=True, priority=1),
        section(heading("How We Test"), bullets(tests), optional=True, priority=1),
        section(heading("Guardrails"), bullets(guard), optional=True, priority=2),
    ]


def _variant(ctx: Ctx, letter: str, angle: str, hook: str, body: str, cta: str, channel: str, *,
             optional: bool = False) -> Block:
    spec = formats_for(ctx, channel)
    items = [f"Headline: {hook}", f"Body: {body}", f"Call to action: {cta}",
             f"Placement: {channel}" + (f", {spec[-1]}" if spec else "")]
    return section(heading(f"Variant {letter}: {angle}", 4), bullets(items), optional=optional, priority=2)


@creative_composer("copy_variants")
def copy_variants(ctx: Ctx) -> list[Block]:
    """Three copy angles (pain, proof, offer) with headline, body, CTA and placement, plus a test plan."""
    f = ctx.f
    hooks = [ctx.fill(h) for h in ctx.kb("hooks")]
    ctas = unique(c["cta"] for c in ctx.kb("ad_concepts"))
    order = ranked(ctx)
    chan = [order[i % len(order)].channel for i in range(4)]
    proof = (f"{cap(ctx.proof)}. See how it works before you decide." if ctx.proof else
             f"Real {ctx.audience} explain what changed after they chose {f.brand}.")
    must = f" {cap(ctx.must_include[0])}." if ctx.must_include else ""
    variants = [
        _variant(ctx, "A", "Pain-led", hooks[0],
                 f"Tired of {ctx.pains[0]}? {f.brand} takes it off the list.", ctas[0],
                 chan[0]),
        _variant(ctx, "B", "Proof-led", hooks[3], proof,
                 ctas[1 % len(ctas)], chan[1]),
        _variant(ctx, "C", "Offer-led", hooks[1], f"{value_offer(ctx)}.{must}", ctas[2 % len(ctas)], chan[2]),
    ]
    adapt = [f"{c.channel}: {(ctx.play(c.channel) or {}).get('formats', ['one idea per post'])[-1]}"
             for c in order[:4]]
    tests = [f"Test A against B on {chan[0]} from {day(ctx.phases[0].start)} for 14 days",
             f"Keep the winner as control; challenge it with C until {day(ctx.phases[1].end)}",
             f"Judge on {ctx.kpis[0].kpi} and cost per result, never on likes alone" if ctx.kpis else
             "Judge on cost per result, never on likes alone"]
    return [
        section(f"Each variant tells the {f.brand} story from a different door. Tone stays "
                f"{join_and(ctx.tones[:3])}; the angle changes."),
        section(heading("Copy Variations"),
                f"Variants are written for {f.customer}. Each one names a single benefit."),
        *variants,
        _variant(ctx, "D", "Curiosity-led", hooks[2], f"{cap(ctx.kb('segments')[1]['hook'])}.",
                 ctas[3 % len(ctas)], chan[3], optional=True),
        section(heading("Channel Adaptations"), bullets(adapt), optional=True, priority=1),
        section(heading("Testing Plan"), bullets(tests), optional=True, priority=1),
    ]


__all__ = ["copy_variants", "creative_direction", "creative_territories", "formats_for", "tone_lines",
           "value_offer"]
