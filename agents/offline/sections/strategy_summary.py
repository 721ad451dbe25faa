"""Strategy composers that close or open a pack for leaders: the final summary and the CXO summary."""

from __future__ import annotations

from agents.offline.facts import day, join_and, lower_first, sentence
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from tools.markdown import Block, bullets, heading, numbered, section


def _channel_phrase(ctx: Ctx, limit: int = 3) -> str:
    return join_and([f"{c.channel} ({ctx.channel_share(c)})" for c in ctx.channels[:limit]]) or "owned channels"


def _takeaways(ctx: Ctx) -> list[str]:
    proof = join_and(ctx.proofs[:2]) if ctx.proofs else ctx.kb("proof_formats")[0]
    return [
        f"Goal in one line — {ctx.lead_kpi}",
        f"The idea is {ctx.strategy.big_idea.split(':')[0].strip()}, built on {ctx.pains[0]}",
        f"The weight sits on {_channel_phrase(ctx)}",
        f"The proof that carries it: {proof}",
        f"The first dated move: {ctx.calendar_first}",
    ]


def _next_steps(ctx: Ctx) -> list[str]:
    f = ctx.f
    p1 = ctx.phases[0]
    approve = "the budget and channel split" if f.has_budget else "the channel plan and owners"
    return [
        f"Before {day(f.start)}: {f.brand} signs off {approve}",
        "Week 1: baselines recorded for every KPI and the hero assets briefed",
        f"By {day(p1.end)}: the first read-out decides where Phase 2 effort goes",
    ]


@strategy_composer("final_summary")
def final_summary(ctx: Ctx) -> list[Block]:
    """The pack in one page: takeaways, next steps and what success looks like."""
    f = ctx.f
    return [
        section(f"This plan gives {f.brand} one goal, one idea and one rhythm for the next {f.days} days{ctx.in_geo}."),
        section(heading("Key Takeaways"), bullets(_takeaways(ctx))),
        section(f"It speaks to {ctx.audience} in a {ctx.tones} voice, and it is built on the brief's own facts.",
                optional=True, priority=1),
        section(heading("Next Steps"), numbered(_next_steps(ctx)), optional=True, priority=1),
        section(_success(ctx), optional=True, priority=2),
        section(_guard(ctx), optional=True, priority=3),
        section(_why(ctx), optional=True, priority=1),
    ]


def _why(ctx: Ctx) -> str:
    risk = ctx.kb("risks")[0]
    return " ".join([
        f"Why it will work: it starts from {ctx.pains[0]}, the problem {ctx.audience} already feel.",
        sentence(ctx.fill(ctx.kb("objective_logic"))),
        f"The main risk to watch: {lower_first(risk['risk'])}. The answer is ready: {risk['mitigation']}.",
    ])


def _success(ctx: Ctx) -> str:
    f = ctx.f
    support = [ctx.kpi_line(k) for k in ctx.support_kpis[:2]]
    text = f"Success on {day(f.end)} means {lower_first(f.goal).rstrip('.')}."
    if support:
        text += f" Along the way, the plan tracks {join_and(support)}."
    return text


def _guard(ctx: Ctx) -> str:
    parts = [f"Every section of this pack quotes the same numbers, dates and budget, so {ctx.f.brand} "
             "can act on any page without cross-checking."]
    if ctx.brief.constraints:
        parts.append(sentence(f"It respects the brief's constraints: {join_and(ctx.brief.constraints)}"))
    return " ".join(parts)


def _outcomes(ctx: Ctx) -> list[str]:
    return [ctx.kpi_line(k) for k in ctx.kpis[:4]] or [ctx.f.goal]


@strategy_composer("cxo_summary")
def cxo_summary(ctx: Ctx) -> list[Block]:
    """Context, core strategy and expected outcomes for a leadership reader."""
    f = ctx.f
    comp = ctx.kb("competitor_types")[0]
    rivals = f.competitor_phrase if f.competitors else comp["type"].lower()
    strategy_points = [
        f"Where to play: {ctx.audience}{ctx.in_geo}",
        f"How to win: {f.brand} {ctx.benefit}",
        f"Where the effort goes: {_channel_phrase(ctx)}",
    ]
    return [
        section(heading("Context"),
                f"Context: {f.brand} operates in {lower_first(f.industry)}{ctx.in_geo} and sells {f.product}. "
                f"The brief sets one goal: {lower_first(f.goal).rstrip('.')}. "
                f"Buyers compare it with {rivals}, and {ctx.pains[0]} is the pain that opens the door."),
        section(sentence(ctx.fill(ctx.kb("why_now"))), optional=True, priority=1),
        section(heading("Core Strategy"),
                f"Core Strategy: {ctx.strategy.big_idea}. The plan runs {f.window} with {f.budget_text}.",
                bullets(strategy_points)),
        section(_phases(ctx), optional=True, priority=1),
        section(heading("Expected Outcomes"),
                "Expected Outcomes: the strategy core commits to these dated targets.", bullets(_outcomes(ctx))),
        section(heading("Decisions Needed"), _decisions(ctx), optional=True, priority=1),
    ]


def _phases(ctx: Ctx) -> str:
    p1, p2, p3 = ctx.phases
    return (f"It moves in three phases: launch and learn ({p1.span}), scale what works ({p2.span}), "
            f"then convert and keep ({p3.span}).")


def _decisions(ctx: Ctx) -> str:
    f = ctx.f
    parts = [f"Leadership approves {f.budget_text if f.has_budget else 'the organic plan'} "
             f"and a single owner before {day(f.start)}."]
    if not ctx.proofs:
        parts.append(f"It also unlocks customer evidence by {day(ctx.phases[0].end)}, because the plan has no "
                     "published proof yet.")
    else:
        parts.append(f"It confirms the proof points can be used publicly: {join_and(ctx.proofs[:2])}.")
    parts.append(f"The first progress review is on {day(ctx.phases[0].end)}.")
    return " ".join(parts)
