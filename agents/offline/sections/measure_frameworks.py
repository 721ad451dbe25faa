"""Measurement frameworks: north star, stage KPIs, cadence and attribution, and the KPI quality reset."""

from __future__ import annotations

import re

from agents.offline.facts import day, join_and
from agents.offline.sections._measure_blocks import assemble, bullets, para
from agents.offline.sections._measure_util import Ctx, measure_composer
from tools.markdown import Block, table

STAGES = ("Awareness", "Consideration", "Conversion", "Retention")


def _north_star(ctx: Ctx) -> list[str]:
    life = ctx.life
    first = ctx.main_kpis[0] if ctx.main_kpis else None
    tie = (f"It rolls up into the headline target, {ctx.kpi_text(first)}" if first
           else f"It rolls up into the goal to {ctx.goal}")
    return [para(
        f"North star for {ctx.brand}: {life['north_star']}",
        f"Why this one: {life['north_star_why']}",
        tie,
        "The north star is reported weekly as a trend line, with no target restated beside it",
    )]


def _supporting(ctx: Ctx) -> list[str]:
    items = [ctx.kpi_text(k) for k in ctx.main_kpis]
    cp = ctx.checkpoint
    if cp:
        items.append(f"Checkpoint: {ctx.kpi_text(cp)}")
    return [bullets(items)]


def _stage_cell(ctx: Ctx, metric: str, value: str) -> str:
    k = ctx.conflicts(metric)
    return f"{k.target} by {day(k.by)} (strategy)" if k else f"{value} (benchmark)"


def _stage_kpis(ctx: Ctx) -> list[str]:
    metrics = ctx.kb("measure_funnel_metrics")
    rows, seen = [], set()
    for stage in STAGES:
        channels = join_and([c.channel for c in ctx.mix if c.stage == stage]) or "owned follow-up"
        for metric, value in metrics[stage]:
            k = ctx.conflicts(metric)
            name = k.kpi if k else metric
            if name not in seen:
                seen.add(name)
                rows.append((stage, channels, name, _stage_cell(ctx, metric, value)))
    return [table(["Stage", "Channels", "KPI", "Target"], rows),
            para("Benchmarks are planning assumptions for this archetype until 4 weeks of baseline exist")]


def _cadence(ctx: Ctx) -> list[str]:
    return [bullets([
        f"Weekly, Mondays from {ctx.on(7)}: channel dashboard and the north-star trend, owned by the channel lead",
        f"Monthly, from {ctx.on(30)}: funnel review with conversion between stages, owned by the marketing lead",
        f"{day(ctx.midpoint)}: checkpoint review against the midpoint target, with any shift between channels",
        f"{day(ctx.f.end)}: final read-out against every target, then the post-campaign analysis",
    ])]


def _attribution(ctx: Ctx) -> list[str]:
    return [bullets(ctx.kb("measure_attribution"))]


def _diagnostics(ctx: Ctx) -> list[str]:
    items = []
    for metric, flag, why in ctx.kb("measure_audit")["thresholds"]:
        k = ctx.conflicts(metric)
        if k is None:
            items.append(f"Alert when {metric} is {flag}: likely {why}")
    items = ctx.clean(items)  # a threshold may name an avoided platform's alias ("paid social" for Facebook)
    items.append("Every alert names an owner and gets a written action within 2 working days")
    return [para("Thresholds are planning assumptions, replaced by real baselines after 4 weeks"), bullets(items)]


@measure_composer("measurement_framework")
def measurement_framework(ctx: Ctx) -> list[Block]:
    """North star, supporting and stage KPIs, cadence, attribution and alert rules."""
    lead = para(f"This framework tells {ctx.brand} whether the plan is working, and what to change if not",
                f"It covers {ctx.f.window} and every channel in the mix")
    known = [("North Star Metric", _north_star), ("Supporting KPIs", _supporting),
             ("Stage-Level KPIs", _stage_kpis), ("Reporting Cadence", _cadence),
             ("Attribution Notes", _attribution), ("Diagnostics & Alerts", _diagnostics)]
    return assemble(ctx, known, lead=lead)


# --- KPI reset ----------------------------------------------------------------------------------


def _is_vanity(ctx: Ctx, name: str) -> bool:
    vanity = ctx.kb("measure_kpi_quality")["vanity"]
    return any(re.search(rf"\b{re.escape(v)}\b", name.lower()) for v in vanity)


def _current(ctx: Ctx) -> list[str]:
    given = ctx.inp.brief.kpis
    if not given:
        return [para(f"The brief lists no KPIs of its own, so {ctx.brand} starts from the strategy core's targets",
                     "The first job is to agree definitions before any dashboard is built")]
    items = []
    for name in given:
        k = ctx.conflicts(name)
        if k is not None:
            items.append(f"{name}: keep; the strategy target is {k.target} by {day(k.by)}")
        elif _is_vanity(ctx, name):
            items.append(f"{name}: keep as a diagnostic, not a goal, since it does not prove revenue")
        else:
            items.append(f"{name}: keep, but write down the definition, source and owner")
    return [para(f"The brief tracks {len(given)} KPIs; each gets a verdict"), bullets(items)]


def _missing(ctx: Ctx) -> list[str]:
    given = " ".join(ctx.inp.brief.kpis).lower()
    items = [f"{metric}: {why}" for metric, why in ctx.kb("measure_kpi_quality")["missing"]
             if ctx.conflicts(metric) is None and metric.lower() not in given]
    return [bullets(items[:4] or ["Definitions and owners for every KPI, written in one shared sheet"])]


def _stack(ctx: Ctx) -> list[str]:
    metrics = ctx.kb("measure_funnel_metrics")
    diag = [m for stage in STAGES for m, _ in metrics[stage] if ctx.conflicts(m) is None][:4]
    items = [f"Top tier, the north star: {ctx.life['north_star']}"]
    items += [f"Outcome tier: {ctx.kpi_text(k)}" for k in ctx.main_kpis[:3]]
    items.append(f"Diagnostic tier: {join_and(diag)}")
    return [bullets(items)]


def _hygiene(ctx: Ctx) -> list[str]:
    return [bullets([
        "One UTM naming convention across every channel in the mix",
        "Conversion events fire once per real action; duplicates are removed before reporting",
        f"Baselines are captured by {ctx.on(14)}, before any target is judged",
    ])]


@measure_composer("kpi_reset_plan")
def kpi_reset(ctx: Ctx) -> list[Block]:
    """A KPI quality check: verdicts on current KPIs, missing metrics and a tiered KPI stack."""
    lead = para(f"{ctx.brand_s} KPIs need to prove progress toward one goal: {ctx.goal}",
                "This reset keeps what proves value, demotes what only shows activity, and adds what is missing")
    known = [("Current KPIs", _current), ("Missing Metrics", _missing),
             ("Recommended KPI Stack", _stack)]
    extras = [("Data Hygiene", _hygiene, 1), ("Review Cadence", _cadence, 2)]
    return assemble(ctx, known, lead=lead, extras=extras)
