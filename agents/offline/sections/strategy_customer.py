"""Strategy composers about people and perception: customer insights and the brand audit."""

from __future__ import annotations

import re

from agents.offline.facts import cap, day, join_and, lower_first, sentence, unique
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from tools.markdown import Block, bullets, heading, section, table

_TURNAROUND = re.compile(r"\b(rebuild|restore|recover|regain|trust|reputation|back to|turn ?around)\b", re.I)


def _who(ctx: Ctx) -> str:
    f = ctx.f
    auds = ctx.strategy.audiences
    text = f"The primary customer is {ctx.customer_geo}."
    if len(auds) > 1:
        text += f" Around them sit {lower_first(auds[1].name)}: {auds[1].description}."
    if f.b2b:
        text += " Decisions are made by a small committee, so each message names the role it is for."
    else:
        text += " Decisions are personal and fast, so the first impression has to carry proof."
    return text


def _pain_lines(ctx: Ctx) -> list[str]:
    source = "named in the brief" if ctx.pains_given else "typical for the category, to confirm in interviews"
    return [f"{cap(p)} ({source})" for p in ctx.pains[:3]]


@strategy_composer("customer_insights")
def customer_insights(ctx: Ctx) -> list[Block]:
    """Who the customer is, what hurts, what motivates, what triggers a purchase and the core insight."""
    f = ctx.f
    objections = ctx.kb("objections")
    return [
        section(heading("Who We Are Talking To"), _who(ctx)),
        section(heading("Customer Pain Points"), bullets(_pain_lines(ctx))),
        section(f"The sharpest pain is {ctx.pains[0]}: it is the reason {ctx.audience} start comparing "
                f"options, and it is where {f.brand} opens every conversation.", optional=True, priority=1),
        section(heading("Motivations"), bullets(cap(m) for m in ctx.kb("motivations")[:4])),
        section(heading("Purchase Triggers"), bullets(cap(t) for t in ctx.kb("triggers")[:3]),
                optional=True, priority=1),
        section(heading("Core Insight"), _insight(ctx), optional=True, priority=1),
        section(heading("Objections and Answers"),
                bullets(f"\"{o['objection']}\": {ctx.fill(o['answer'])}" for o in objections[:3]),
                optional=True, priority=2),
        section(_validation(ctx), optional=True, priority=2),
        section(heading("Where They Look for Answers"), _journey(ctx), optional=True, priority=1),
    ]


def _journey(ctx: Ctx) -> str:
    """Where the customer meets the brand at each stage, from the channel mix."""
    parts = []
    for stage in ("Awareness", "Consideration", "Conversion", "Retention"):
        names = [c.channel for c in ctx.channels if c.stage == stage]
        if names:
            parts.append(f"In the {stage.lower()} stage they meet {ctx.f.brand} through {join_and(names)}.")
    parts.append(f"The first dated touchpoint is {ctx.calendar_first}.")
    return " ".join(parts)


def _insight(ctx: Ctx) -> str:
    f = ctx.f
    motive = ctx.kb("motivations")[0]
    return " ".join([
        f"{cap(ctx.audience)} are not comparing {lower_first(f.industry)} options for their own sake.",
        f"They want to {motive}, and the obstacle is {ctx.pains[0]}.",
        f"{f.brand} wins by showing that path clearly, then proving it with evidence.",
    ])


def _validation(ctx: Ctx) -> str:
    sources = ctx.kb("audit")["sources"]
    p1 = ctx.phases[0]
    return " ".join([
        f"These insights are validated by {day(p1.end)}.",
        f"The team runs 5 customer interviews and reviews {join_and(sources[:2])}.",
        "Anything that does not hold up is rewritten before Phase 2 spend begins.",
    ])


def _strengths(ctx: Ctx) -> list[str]:
    audit = ctx.kb("audit")
    items = [f"Proof on record: {p}" for p in ctx.proofs[:3]]
    items += [f"Named products: {join_and(ctx.product_names[:3])}"] if ctx.product_names else []
    items += [cap(s) for s in audit["strengths"]]
    return unique(items)[:5]


def _weaknesses(ctx: Ctx) -> list[str]:
    audit = ctx.kb("audit")
    items = [cap(w) for w in audit["weaknesses"]]
    if _TURNAROUND.search(ctx.f.goal):
        items.insert(0, f"Trust is the open issue the goal names: {lower_first(ctx.f.goal)}")
        if ctx.pains_given:
            items.append(f"Customers link the brand with {join_and(ctx.pains[:2])}")
    if not ctx.proofs:
        items.append("No published proof points yet, so claims rest on the brand's word")
    if not ctx.f.competitors:
        items.append("The competitive set is not mapped, so differences are asserted, not shown")
    return unique(items)[:5]


def _scorecard(ctx: Ctx) -> list[tuple[str, str, str, str]]:
    f = ctx.f
    p1 = day(ctx.phases[0].end)
    proof = f"{len(ctx.proofs)} proof point(s) in the brief" if ctx.proofs else "not documented"
    comp = f"{len(f.competitors)} named rival(s)" if f.competitors else "not mapped"
    tone = ctx.tones if ctx.brief.tone_of_voice else "not defined in the brief"
    return [
        ("Proof and credibility", proof, "Strong" if len(ctx.proofs) > 1 else "Gap", f"Package proof by {p1}"),
        ("Competitive clarity", comp, "Verify" if f.competitors else "Gap", f"Benchmark rivals by {p1}"),
        ("Voice", tone, "Strong" if ctx.brief.tone_of_voice else "Gap", "Write a one-page voice guide"),
        ("Channel presence", f"{len(ctx.channels)} channels in the plan", "Verify",
         f"Audit {ctx.top_channels} profiles"),
        ("Goal tracking", f"{len(ctx.kpis)} dated targets", "Strong" if ctx.kpis else "Gap",
         f"Baselines in week 1 from {day(f.start)}"),
    ]


@strategy_composer("brand_audit")
def brand_audit(ctx: Ctx) -> list[Block]:
    """Perception hypothesis, strengths, weaknesses and an evidence scorecard from the brief."""
    f = ctx.f
    audit = ctx.kb("audit")
    return [
        section(heading("Current Brand Perception"),
                f"Working hypothesis for {f.brand}: {lower_first(audit['perception'])}",
                sentence(f"The audit tests it against {join_and(audit['sources'])}")),
        section(f"What the brand wants to be known for: {f.brand} {ctx.benefit}.", optional=True, priority=1),
        section(heading("Brand Strengths"), bullets(_strengths(ctx))),
        section(heading("Brand Weaknesses"), bullets(_weaknesses(ctx))),
        section(heading("Audit Scorecard"),
                table(("Dimension", "Evidence today", "Status", "Next step"), _scorecard(ctx)),
                optional=True, priority=1),
        section(heading("What the Audit Changes"), bullets(_changes(ctx)), optional=True, priority=2),
        section(_owner_note(ctx), optional=True, priority=2),
        section(heading("Perception by Audience"), _by_audience(ctx), optional=True, priority=1),
    ]


def _by_audience(ctx: Ctx) -> str:
    """How each audience likely sees the brand today, framed as hypotheses."""
    auds = ctx.strategy.audiences
    comp = ctx.kb("competitor_types")[0]
    parts = [f"{cap(ctx.audience)} likely judge {ctx.f.brand} against {comp['type'].lower()}, "
             f"which win on {comp['wins']}."]
    if len(auds) > 1:
        parts.append(f"{auds[1].name} look for different evidence: {ctx.kb('proof_formats')[1]}.")
    parts.append("Both views are hypotheses until the interviews and review mining are done.")
    return " ".join(parts)


def _changes(ctx: Ctx) -> list[str]:
    pr = ctx.kb("priorities")
    return [f"{p['name']}: {p['action']}" for p in pr[:3]]


def _owner_note(ctx: Ctx) -> str:
    return (f"The brand lead owns the audit and presents findings on {day(ctx.phases[0].end)}. "
            f"The read-out compares perception with the goal: {lower_first(ctx.f.goal).rstrip('.')}.")
