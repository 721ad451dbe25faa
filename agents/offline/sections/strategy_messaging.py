"""Strategy composers for what the brand says: the messaging framework and the value proposition map."""

from __future__ import annotations

from agents.offline.facts import cap, day, join_and, lower_first, sentence, unique
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from tools.markdown import Block, bullets, heading, section
from tools.result import Pillar

_DEFAULT_PILLARS = ("Education", "Proof", "Community", "Promo")


def _pillar_lines(ctx: Ctx) -> list[str]:
    """One message per strategy pillar, made specific with brief facts."""
    out: list[str] = []
    pillars = ctx.strategy.pillars or [Pillar(name=n, description=n.lower()) for n in _DEFAULT_PILLARS]
    for p in pillars:
        key = p.name.lower()
        if key == "education":
            msg = f"practical answers to {join_and(ctx.pains[:2])}, written for {ctx.audience}"
        elif key == "proof":
            msg = f"evidence first: {join_and(ctx.proofs[:2])}" if ctx.proofs else (
                f"evidence first: {ctx.kb('proof_formats')[0]}")
        elif key == "community":
            msg = f"{ctx.f.brand} customers tell the story in their own words"
        elif key == "promo":
            msg = _offer_line(ctx)
        else:
            msg = p.description
        out.append(f"{p.name}: {msg}")
    return out


def _offer_line(ctx: Ctx) -> str:
    if ctx.brief.current_offers:
        return f"one clear offer with an end date: {ctx.brief.current_offers}"
    if ctx.discount_cap is not None:
        return f"one clear reason to act now, never deeper than {ctx.discount_cap}% off"
    return "one clear reason to act now, with an end date and no stacked discounts"


def _core_message(ctx: Ctx) -> str:
    return sentence(f"{ctx.f.brand} {ctx.benefit}")


def _must_include(ctx: Ctx) -> str:
    musts = [f'"{m}"' for m in ctx.brief.must_include_messages]
    if not musts:
        return ""
    return f"Lines that appear verbatim in hero assets: {join_and(musts)}."


@strategy_composer("messaging_framework")
def messaging_framework(ctx: Ctx) -> list[Block]:
    """Core message, key themes, audience messages, proof and voice."""
    f = ctx.f
    creative = ctx.kb("creative")
    line = ctx.fill(creative["lines"][0])
    audiences = ctx.strategy.audiences
    aud_lines = [f"{cap(ctx.audience)}: they want to {ctx.kb('motivations')[0]}; show how {f.brand} {ctx.benefit}"]
    if len(audiences) > 1:
        objection = ctx.kb("objections")[0]
        aud_lines.append(f"{audiences[1].name}: answer \"{objection['objection']}\" with "
                         f"{ctx.fill(objection['answer'])}")
    rtb = unique([*ctx.proofs[:3], *ctx.kb("proof_formats")])[:4]
    return [
        section(heading("Core Message"), _core_message(ctx),
                f"Signature line: \"{line.rstrip('.')}\". It speaks to {ctx.audience}{ctx.in_geo} and closes on "
                f"one action that serves the goal: {lower_first(f.goal).rstrip('.')}."),
        section(_must_include(ctx)),
        section(heading("Key Themes"), bullets(_pillar_lines(ctx))),
        section(f"Each theme gets a fixed slot in the calendar, starting {ctx.calendar_first}.",
                optional=True, priority=1),
        section(heading("Messages by Audience"), bullets(aud_lines), optional=True, priority=1),
        section(heading("Reasons to Believe"), bullets(cap(r) for r in rtb), optional=True, priority=2),
        section(heading("Voice"), _voice(ctx), optional=True, priority=2),
        section(heading("Message Tests"), _tests(ctx), optional=True, priority=3),
    ]


def _voice(ctx: Ctx) -> str:
    f = ctx.f
    return " ".join([
        f"{f.brand} sounds {ctx.tones}.",
        f"Use the words {ctx.audience} use for the problem: {join_and(ctx.pains[:3])}.",
        "Lead with the outcome, then the proof, then the ask.",
        "Keep sentences short enough to read on a phone.",
    ])


def _tests(ctx: Ctx) -> str:
    lead = ctx.channels[0].channel if ctx.channels else "the lead channel"
    p1 = ctx.phases[0]
    return " ".join([
        f"Two versions of the core message run on {lead} from {day(p1.start)}.",
        f"The version with the higher click-through by {day(p1.end)} becomes the default.",
        "Losing lines are retired, not recycled.",
    ])


def _benefit_lines(ctx: Ctx) -> list[str]:
    value = ctx.kb("value")
    return [
        *(f"Functional: {ctx.fill(v)}" for v in value["functional"][:3]),
        *(f"Emotional: {ctx.fill(v)}" for v in value["emotional"][:2]),
    ]


def _proof_lines(ctx: Ctx) -> list[str]:
    lines = [f"{cap(p)} (from the brief)" for p in ctx.proofs[:3]]
    build = ctx.kb("proof_formats")
    lines += [f"To build by {day(ctx.phases[0].end)}: {b}" for b in build[: 3 - min(2, len(lines))]]
    return lines


@strategy_composer("value_proposition_map")
def value_proposition_map(ctx: Ctx) -> list[Block]:
    """Positioning, core value, benefits, pillars and proof mapped to the customer's pains."""
    f = ctx.f
    value = ctx.kb("value")
    gains = [ctx.fill(g) for g in value["gains"]]
    pains = [f"{cap(p)}" for p in ctx.pains[:3]]
    return [
        section(heading("Positioning Statement"), f"Positioning Statement: {ctx.strategy.positioning}"),
        section(heading("Core Value Proposition"),
                sentence(f"Core Value Proposition: {f.brand} {ctx.benefit}"),
                f"For {ctx.audience}, that means {join_and(gains)}."),
        section(heading("Customer Pains It Relieves"), bullets(pains), optional=True, priority=1),
        section(heading("Benefits"), bullets(_benefit_lines(ctx))),
        section(f"The benefit that leads every headline and landing page is {ctx.fill(value['functional'][0])}. "
                f"The others support it in proof assets and emails.", optional=True, priority=2),
        section(heading("Messaging Pillars"), bullets(_pillar_lines(ctx))),
        section(heading("Proof Points"), bullets(_proof_lines(ctx))),
        section(_must_include(ctx)),
        section(heading("Value by Channel"),
                bullets(f"{c.channel}: {ctx.channel_move(c)}" for c in ctx.channels[:3]),
                optional=True, priority=3),
        section(_fit_note(ctx), optional=True, priority=2),
        section(heading("Objections the Map Answers"), _objections(ctx), optional=True, priority=2),
    ]


def _objections(ctx: Ctx) -> str:
    """Top objections and the answer the value proposition gives, as prose."""
    parts = [f"Buyers raise the same doubts before they commit to {ctx.f.brand}."]
    for o in ctx.kb("objections")[:3]:
        parts.append(f"\"{o['objection']}\" is answered with {ctx.fill(o['answer'])}.")
    return " ".join(parts)


def _fit_note(ctx: Ctx) -> str:
    comp = ctx.kb("competitor_types")[0]
    rival = ctx.f.competitor_phrase if ctx.f.competitors else comp["type"].lower()
    return " ".join([
        f"Against {rival}, the map wins on specificity.",
        f"{comp['type']} win on {comp['wins']}, but they are exposed on {comp['gap']}.",
        f"{ctx.f.brand} makes that gap the centre of the story.",
    ])
