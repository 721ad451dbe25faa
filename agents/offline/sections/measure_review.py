"""Post-campaign analysis as a results template, and the experiment backlog for the next cycle."""

from __future__ import annotations

from datetime import timedelta

from agents.offline.facts import day, money, percent
from agents.offline.sections._measure_blocks import assemble, bullets, para
from agents.offline.sections._measure_util import Ctx, measure_composer
from tools.markdown import Block, table
from tools.result import KpiTarget

_SOURCES = (
    (("lead", "mql", "demo", "call", "pipeline", "meeting", "opportunit"), "CRM export"),
    (("cost", "cac", "spend", "return on ad"), "ad platforms plus finance ledger"),
    (("order", "sale", "revenue", "purchase", "customer", "value", "conversion"), "order system"),
    (("rating", "review"), "review platforms"),
    (("referral",), "referral program records"),
    (("follow", "engagement", "view", "reach", "impression"), "native channel analytics"),
    (("churn", "retention", "member", "repeat", "lifetime", "skip"), "subscription or membership records"),
    (("booking", "appointment", "enrol", "donor", "application"), "booking or application system"),
)


def _source(k: KpiTarget) -> str:
    name = k.kpi.lower()
    return next((src for words, src in _SOURCES if any(w in name for w in words)), "analytics export")


def _close(ctx: Ctx) -> str:
    return day(ctx.f.end + timedelta(days=7))


def _pca_lead(ctx: Ctx) -> str:
    return para(
        f"{ctx.brand_s} analysis runs on {_close(ctx)}, one week after the window closes on {day(ctx.f.end)}",
        "This is the results template: it fills with actuals at close, never with estimates",
        f"It judges the plan against its goal: {ctx.goal}",
    )


def _results(ctx: Ctx) -> list[str]:
    base = f"captured by {ctx.on(14)}"
    rows = [(k.kpi, k.target, day(k.by), k.baseline or base, _source(k)) for k in ctx.kpis]
    return [
        table(["KPI", "Target", "Deadline", "Baseline", "Source of the actual"], rows),
        para("Status rule: hit means at or above target, near means within 10% of it, miss means below that",
             "Every miss gets one sentence on cause, backed by data rather than opinion"),
    ]


def _learnings(ctx: Ctx) -> list[str]:
    items = [f"Did messages on {p} convert better than product-led messages?" for p in ctx.f.pains[:2]]
    ranked = ctx.f.ranked_channels[:2]
    items += [f"Did {c.channel} earn its {percent(c.budget_share)} share, measured by cost per result?"
              for c in ranked]
    if ctx.f.pillars:
        items.append(f"Which pillar worked hardest: {', '.join(ctx.f.pillars)}?")
    items += ["What should stop next cycle, and what does that free up?",
              "Which result surprised the team, and what would confirm it is real?"]
    return [para("Learnings are written as answers to questions set before launch"), bullets(items)]


def _channel_review(ctx: Ctx) -> list[str]:
    rows = []
    for c in ctx.mix:
        share = (f"{percent(c.budget_share)} ({money(c.budget_amount, ctx.f.currency)})" if ctx.f.has_budget
                 else f"{percent(c.budget_share)} of effort")
        rows.append((c.channel, share, c.stage, "cost per result and share of conversions"))
    return [table(["Channel", "Planned share", "Stage", "Judged on"], rows)]


def _decisions(ctx: Ctx) -> list[str]:
    return [bullets([
        "Scale: lines that hit target at or below planned cost get more budget or hours next cycle",
        "Fix: lines that missed with a clear cause get one more test with that cause removed",
        "Stop: lines that missed twice with no clear cause are cut",
        f"The next plan for {ctx.brand} is drafted within 2 weeks of {_close(ctx)}",
    ])]


@measure_composer("post_campaign_analysis")
def post_campaign(ctx: Ctx) -> list[Block]:
    """A post-campaign results template against the strategy's targets and dates."""
    known = [("Results", _results), ("Learnings", _learnings)]
    extras = [("Channel Review", _channel_review, 1), ("Next-Cycle Decisions", _decisions, 2)]
    return assemble(ctx, known, lead=_pca_lead(ctx), extras=extras)


# --- experiment backlog -------------------------------------------------------------------------


def _opt_lead(ctx: Ctx) -> str:
    return para(
        f"The backlog ranks what {ctx.brand} should test next to {ctx.goal}",
        f"Each experiment targets a known friction for {ctx.f.customer}, starting with {ctx.pain(0)}",
    )


def _experiments(ctx: Ctx) -> list[str]:
    rows = []
    high = ctx.rows((n, ctx.fill(h), m) for n, h, m in ctx.kb("measure_experiments")["high"])
    for i, (name, hypo, metric) in enumerate(high):
        k = ctx.conflicts(metric)
        rows.append((name, hypo, f"{k.kpi} (target {k.target})" if k else metric, ctx.on(14 + 14 * i)))
    return [table(["Experiment", "Hypothesis", "Primary metric", "Start"], rows),
            para("Each test runs at least 14 days with one variable changed and a stop rule set before launch")]


def _quick(ctx: Ctx) -> list[str]:
    items = ctx.fills(ctx.kb("measure_experiments")["quick"])
    return [para(f"Quick wins ship by {ctx.on(10)} without a formal test"), bullets(ctx.clean(items))]


def _long(ctx: Ctx) -> list[str]:
    items = ctx.clean(ctx.fills(ctx.kb("measure_experiments")["long"]))
    return [para(f"Longer-term bets are scoped at the {day(ctx.midpoint)} review and need their own budget"),
            bullets(items)]


def _rules(ctx: Ctx) -> list[str]:
    return [bullets([
        "Score each idea on impact, confidence and ease, 1 to 5, before it enters the queue",
        "Run at most 2 tests per channel at once so results stay readable",
        "Log every result, including losses, in one shared test log",
    ])]


def _why_first(ctx: Ctx) -> list[str]:
    f = ctx.f
    parts = [f"The first experiment attacks {ctx.pain(0)}, the friction most likely to block the "
             f"{ctx.life['conversion']}"]
    if f.proof:
        parts.append(f"Tests that put {ctx.proof(0)} in front of buyers come before new audiences")
    if f.competitors:
        parts.append(f"Buyers compare {ctx.brand} with {f.competitor_phrase}, so comparison tests rank high")
    first = ctx.main_kpis[0] if ctx.main_kpis else None
    if first:
        parts.append(f"Every result is read against {ctx.kpi_text(first)}")
    return [para(*parts)]


def _readouts(ctx: Ctx) -> list[str]:
    high = ctx.rows((n, ctx.fill(h), m) for n, h, m in ctx.kb("measure_experiments")["high"])
    names = [row[0] for row in high]
    return [bullets([f"{name}: read on {ctx.on(28 + 14 * i)}" for i, name in enumerate(names)])]


@measure_composer("optimization_opportunities")
def optimization(ctx: Ctx) -> list[Block]:
    """A ranked experiment backlog: high-impact tests, quick wins and longer-term bets."""
    known = [("High-Impact Experiments", _experiments), ("Quick Wins", _quick),
             ("Longer-Term Bets", _long)]
    extras = [("Why These First", _why_first, 1), ("Test Rules", _rules, 2),
              ("Read-Out Dates", _readouts, 3)]
    return assemble(ctx, known, lead=_opt_lead(ctx), extras=extras)
