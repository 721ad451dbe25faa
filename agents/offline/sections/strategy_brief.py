"""Strategy composers that frame the brief: overview, campaign objective and the core campaign idea."""

from __future__ import annotations

from agents.offline.facts import cap, day, join_and, lower_first, sentence, unique
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from tools.markdown import Block, bullets, heading, section
from tools.planning.kpis import kpi_kind

_KPI_ROLE = {
    "leads": "the volume that feeds the primary target",
    "customers": "the volume that proves the offer converts",
    "cost_per_lead": "keeps each lead affordable as spend scales",
    "cost_per_customer": "keeps growth profitable, not just bigger",
    "conversion": "shows whether the traffic is the right traffic",
    "engagement_rate": "an early signal that the message lands",
    "repeat_rate": "proves the first purchase turns into a habit",
    "pipeline": "translates activity into revenue the finance team trusts",
    "value": "shows each customer is worth more over time",
    "rating": "the trust signal that lifts every later conversion",
    "decrease": "the leak the plan has to close",
    "reach": "the top-of-funnel signal that feeds everything else",
}


@strategy_composer("overview")
def overview(ctx: Ctx) -> list[Block]:
    """Brand, industry, goal and the campaign frame in one page."""
    f, b = ctx.f, ctx.brief
    facts = [f"Brand: {f.brand}", f"Industry: {f.industry}", f"Offer: {b.product_service}",
             f"Primary customer: {b.primary_customer}"]
    if f.geography:
        facts.append(f"Market: {f.geography}")
    goal_lines = [ctx.kpi_line(k) for k in ctx.goal_kpis[:3]]
    frame = [f"Window: {f.window}", f"Budget: {f.budget_text}",
             f"Lead channels: {ctx.top_channels}", f"Big idea: {ctx.strategy.big_idea}"]
    blocks = [
        section(heading("Brand and Industry"), "\n".join(facts)),
        section(sentence(ctx.fill(ctx.kb("why_now"))), optional=True, priority=2),
        section(heading("Primary Goal"), sentence(f"Primary Goal: {f.goal}"),
                f"The strategy core turns this into dated targets for {f.brand}:", bullets(goal_lines)),
        section(sentence(ctx.fill(ctx.kb("objective_logic"))), optional=True, priority=3),
        section(heading("Campaign Frame"), bullets(frame), optional=True, priority=1),
    ]
    musts = [f'"{m}"' for m in b.must_include_messages]
    if musts:
        blocks.append(section(f"Messages {f.brand} carries in every section: {join_and(musts)}."))
    notes = []
    if b.constraints:
        notes.append(f"Constraints honoured throughout: {join_and(b.constraints)}.")
    notes.append(f"Voice: {ctx.tones}.")
    if b.upcoming_events:
        notes.append(sentence(f"Date to build around: {b.upcoming_events}"))
    if b.current_offers:
        notes.append(sentence(f"Current offer: {b.current_offers}"))
    blocks.append(section(" ".join(notes), optional=True, priority=1))
    return blocks


def _secondary_lines(ctx: Ctx, limit: int) -> list[str]:
    lines = [f"{ctx.kpi_line(k)}, {_KPI_ROLE.get(kpi_kind(k.kpi), 'a supporting signal for the goal')}"
             for k in ctx.support_kpis[:limit]]
    proof = ctx.kb("proof_formats")[0]
    lines.append(f"Proof base: publish {proof} by {day(ctx.phases[0].end)}, so later asks carry evidence")
    return lines


@strategy_composer("campaign_objective")
def campaign_objective(ctx: Ctx) -> list[Block]:
    """The primary objective, its supporting objectives and the time horizon, quoted from the core."""
    f = ctx.f
    goal_lines = [ctx.kpi_line(k) for k in ctx.goal_kpis[:3]]
    max_b = ctx.rules.bullets[1]
    room = max(1, max_b - len(goal_lines) - 3 - 1)
    phases = [f"{p.name} ({p.span}): {p.job}" for p in ctx.phases]
    blocks = [
        section(heading("Primary Objective"), sentence(f"{f.brand} will {lower_first(f.goal)}"),
                sentence(ctx.fill(ctx.kb("objective_logic"))),
                "The targets below come straight from the strategy core:", bullets(goal_lines)),
        section(f"Every activity in this plan is judged by whether it moves these numbers for "
                f"{ctx.customer_geo}.", optional=True, priority=1),
        section(heading("Secondary Objectives"),
                "Supporting objectives keep the primary target honest and show early whether it is on track:",
                bullets(_secondary_lines(ctx, min(3, room)))),
        section(heading("Time Horizon"),
                sentence(f"The campaign runs {f.window}, in three phases"), bullets(phases)),
    ]
    checks = [f"{day(k.by)}: {k.kpi} at {k.target}" for k in ctx.checkpoints]
    if checks:
        blocks.append(section(f"Midpoint review on {checks[0]}. Below 80% of that pace, the team reallocates "
                              f"{ctx.spend} before Phase 3 rather than after it.", optional=True, priority=1))
    blocks.append(section(heading("Measurement Rules"), _rules_text(ctx), optional=True, priority=2))
    return blocks


def _rules_text(ctx: Ctx) -> str:
    f = ctx.f
    lines = [
        f"Baselines for every KPI are recorded in week 1, starting {day(f.start)}.",
        "The marketing lead reports progress every Monday against the targets above.",
        f"A channel that misses its share of the goal for 3 straight weeks loses budget to {ctx.top_channels}.",
        f"Results are judged on {lower_first(f.goal)}, not on reach or likes alone.",
    ]
    return " ".join(lines)


@strategy_composer("core_campaign_idea")
def core_campaign_idea(ctx: Ctx) -> list[Block]:
    """The big idea, its creative territory, how it runs by channel and why it works for this brief."""
    f = ctx.f
    creative = ctx.kb("creative")
    pain = ctx.pains[0]
    lines = [f'"{line.rstrip(".")}"' for line in unique(ctx.fills(creative["lines"]))[:3]]
    why = unique([
        f"It starts from a tension {ctx.audience} already feel: {pain}.",
        _proof_reason(ctx),
        f"It is built for the channels that carry the plan: {ctx.top_channels}.",
        f"It ladders to one number the business cares about: {ctx.lead_kpi}.",
    ])
    return [
        section(heading("Big Idea"), sentence(f"Big Idea: {ctx.strategy.big_idea}"),
                f"The idea gives {f.brand} one story to tell for {f.days} days. "
                f"Every asset shows life after {pain}, in a {ctx.tones} voice."),
        section(f"Campaign lines to test in week 1: {join_and(lines)}. The winner is the line with the best "
                f"click-through on {ctx.channels[0].channel if ctx.channels else 'the lead channel'} "
                f"by {day(ctx.phases[0].start + (ctx.phases[0].end - ctx.phases[0].start) / 2)}.",
                optional=True, priority=1),
        section(heading("Creative Territory"), creative["territory"],
                f"Hero assets {f.brand} produces before {day(ctx.phases[0].end)}:",
                bullets(cap(a) for a in creative["assets"])),
        section(_guardrails(ctx), optional=True, priority=2),
        section(heading("How It Runs Across Channels"),
                bullets(f"{c.channel} ({ctx.channel_share(c)}): {ctx.channel_move(c)}" for c in ctx.channels[:4]),
                optional=True, priority=1),
        section(_story_arc(ctx), optional=True, priority=1),
        section(heading("Why It Works"), bullets(why)),
        section(_first_month(ctx), optional=True, priority=3),
    ]


def _story_arc(ctx: Ctx) -> str:
    p1, p2, p3 = ctx.phases
    return " ".join([
        "The story unfolds in three acts.",
        f"From {day(p1.start)}, {ctx.f.brand} names the problem and shows the fix in action.",
        f"From {day(p2.start)}, customers carry the story with their own results.",
        f"From {day(p3.start)}, every asset ends in one clear ask tied to {ctx.lead_kpi}.",
    ])


def _guardrails(ctx: Ctx) -> str:
    rules = [
        "Guardrails keep the idea credible.",
        f"It never mocks {ctx.audience} for living with {ctx.pains[0]}.",
        f"Every claim links to evidence {ctx.f.brand} can show on request.",
    ]
    if ctx.brief.constraints:
        limits = join_and(ctx.brief.constraints)
        rules.append(sentence(f"Constraints stay visible in every brief to creators: {limits}"))
    if ctx.brief.must_include_messages:
        rules.append(f"The line {join_and([repr(m) for m in ctx.brief.must_include_messages])} appears in "
                     "every hero asset.")
    return " ".join(rules)


def _proof_reason(ctx: Ctx) -> str:
    if ctx.proofs:
        return f"It rests on proof the brand already owns: {join_and(ctx.proofs[:2])}."
    return f"It turns {ctx.kb('proof_formats')[0]} into the campaign's evidence."


def _first_month(ctx: Ctx) -> str:
    cal = ctx.strategy.calendar[:3]
    if not cal:
        return ""
    items = [f"{day(e.date)} on {e.channel}: {e.theme}" for e in cal]
    return "\n\n".join([f"{heading('First Moves', 4)}", bullets(items)])
