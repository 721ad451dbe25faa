"""KPI and budget sections: the strategy core's split and targets quoted exactly, plus KPI frameworks."""

from __future__ import annotations

from agents.offline.facts import day, join_and, lower_first, money, percent
from agents.offline.sections._measure_blocks import assemble, bullets, para
from agents.offline.sections._measure_util import Ctx, measure_composer
from tools.markdown import Block, table
from tools.result import ChannelAllocation


def _money(ctx: Ctx, amount: float) -> str:
    return money(amount, ctx.f.currency)


def _plan_lead(ctx: Ctx) -> str:
    f = ctx.f
    parts = [f"{ctx.brand_s} plan runs {f.window} toward one goal: {ctx.goal}"]
    budget = ctx.inp.brief.budget
    if not f.has_budget:
        parts.append("This is an organic-only plan with no paid media budget")
        parts.append("The shares below are shares of team effort, not money")
    elif budget is not None and budget.period == "monthly":
        parts.append(f"The brief sets {_money(ctx, budget.amount)} a month, {_money(ctx, f.budget_total)} "
                     "over the whole window")
    else:
        parts.append(f"The budget is {_money(ctx, f.budget_total)} over the whole window")
    parts.append("Every share, amount and target below is quoted from the strategy core")
    return para(*parts)


def _line(ctx: Ctx, c: ChannelAllocation) -> str:
    kind = "paid media" if c.paid else "owned or earned"
    if ctx.f.has_budget:
        return f"{c.channel}: {percent(c.budget_share)} ({_money(ctx, c.budget_amount)}), {c.stage} stage, {kind}"
    return f"{c.channel}: {percent(c.budget_share)} of team effort, {c.stage} stage"


def _split(ctx: Ctx) -> list[str]:
    items = [_line(ctx, c) for c in ctx.mix]
    note = (f"The amounts add up to {_money(ctx, ctx.f.budget_total)}; for owned and earned channels they fund "
            "content, tools and people rather than media" if ctx.f.has_budget
            else "Effort shares guide the weekly hours of the team; no line buys media")
    return [bullets(items), para(note)]


def _groups(ctx: Ctx) -> tuple[list[ChannelAllocation], list[ChannelAllocation]]:
    ranked = ctx.f.ranked_channels
    always: list[ChannelAllocation] = []
    for c in ranked:
        if sum(a.budget_share for a in always) >= 0.6:
            break
        always.append(c)
    return always, [c for c in ranked if c not in always]


def _group_text(ctx: Ctx, label: str, group: list[ChannelAllocation]) -> str:
    share = percent(sum(c.budget_share for c in group))
    names = join_and([c.channel for c in group])
    if ctx.f.has_budget:
        return f"{label}: {names}, {share} combined ({_money(ctx, sum(c.budget_amount for c in group))})"
    return f"{label}: {names}, {share} of team effort combined"


def _testing(ctx: Ctx) -> list[str]:
    always, testing = _groups(ctx)
    items = [_group_text(ctx, "Always-on", always)]
    if testing:
        items.append(_group_text(ctx, "Testing", testing))
    items += [
        "Each test changes one variable, runs at least 14 days and has a stop rule written before launch",
        f"Testing lines that beat the always-on cost per result by {day(ctx.midpoint)} graduate to always-on",
    ]
    return [bullets(items)]


def _guardrails(ctx: Ctx) -> list[str]:
    items = []
    cost = ctx.kpi_for("cost", "cac", "acquisition")
    if cost:
        items.append(f"Cost ceiling: {ctx.kpi_text(cost)}; a line 25% above it for 2 weeks gets no new tests")
    if ctx.paid_channels:
        items.append("Pacing: a paid line more than 15% over its pro-rata spend in a month is paused for review")
    else:
        items.append("No paid media runs in this plan; a paid test would need a new budget approval first")
    items.append(f"Shares change only at the {day(ctx.midpoint)} review, with the plan owner's sign-off")
    items += [f"Brief constraint respected: {c}" for c in ctx.inp.brief.constraints]
    return [bullets(items)]


def _kpi_list(ctx: Ctx) -> list[str]:
    rows = [(k.kpi, k.target, day(k.by), k.baseline or "set in week 1") for k in ctx.kpis]
    return [para(f"The budget has to buy these results; {ctx.brand} reports them exactly as set in the strategy"),
            table(["KPI", "Target", "By", "Baseline"], rows)]


def _review(ctx: Ctx) -> list[str]:
    return [bullets([
        f"Weekly on Mondays from {ctx.on(7)}: spend or effort against plan, and cost per result",
        f"{day(ctx.midpoint)}: checkpoint review and any agreed shift between lines",
        f"{day(ctx.f.end)}: final read-out against every target",
    ])]


def _why_split(ctx: Ctx) -> list[str]:
    ranked = ctx.f.ranked_channels[:2]
    lines = [f"{c.channel} leads because it covers {lower_first(c.role)}" for c in ranked]
    lines.append(f"The mix fits a {lower_first(ctx.f.industry)} brand selling to {ctx.f.customer}")
    return [para(*ctx.clean(lines))]


@measure_composer("kpi_and_budget_plan")
def kpi_and_budget(ctx: Ctx) -> list[Block]:
    """The strategy core's channel split and KPI targets, with testing rules and guardrails."""
    known = [("KPIs", _kpi_list), ("Budget Allocation", _split),
             ("Budget Split by Channel", _split), ("Testing vs Always-On", _testing),
             ("Guardrails", _guardrails)]
    req = ctx.inp.rules.required_headings
    if any("Budget Split" in h for h in req):
        known = [k for k in known if k[0] != "Budget Allocation"]
    else:
        known = [k for k in known if k[0] != "Budget Split by Channel"]
    extras = [("Why This Split", _why_split, 1), ("Review Cadence", _review, 2)]
    return assemble(ctx, known, lead=_plan_lead(ctx), extras=extras, always=("KPIs",))


# --- light KPI plan -----------------------------------------------------------------------------

_REACH_WORDS = ("follow", "reach", "impression", "view", "subscriber", "audience")


def _stage_metrics(ctx: Ctx, stage: str) -> list[str]:
    return [ctx.benchmark(m, v) for m, v in ctx.kb("measure_funnel_metrics")[stage]]


def _reach(ctx: Ctx) -> list[str]:
    channels = [c.channel for c in ctx.mix if c.stage == "Awareness"] or [c.channel for c in ctx.mix[:2]]
    items = [f"{ch}: weekly reach and follower growth, logged every Monday" for ch in channels[:3]]
    items += [f"Target: {ctx.kpi_text(k)}" for k in ctx.main_kpis if any(w in k.kpi.lower() for w in _REACH_WORDS)]
    items += _stage_metrics(ctx, "Awareness")
    intro = para(f"Reach shows whether {ctx.f.customer} see {ctx.brand} at all",
                 f"In this plan {join_and(channels[:3])} {'carries' if len(channels[:3]) == 1 else 'carry'} it")
    return [intro, bullets(items)]


def _engagement(ctx: Ctx) -> list[str]:
    items = [f"Target: {ctx.kpi_text(k)}" for k in ctx.main_kpis if "engagement" in k.kpi.lower()]
    items += _stage_metrics(ctx, "Consideration")
    items += ["Saves and shares per post, the clearest sign content is worth keeping",
              "Comments answered within 24 hours, tracked as a service metric"]
    intro = para(f"Engagement shows whether posts about {ctx.pain(0)} earn attention, not just impressions")
    return [intro, bullets(items)]


def _conversion(ctx: Ctx) -> list[str]:
    skip = (*_REACH_WORDS, "engagement")
    items = [ctx.kpi_text(k) for k in ctx.main_kpis if not any(w in k.kpi.lower() for w in skip)][:4]
    items += _stage_metrics(ctx, "Conversion")[:1]
    intro = para("These are the strategy's own targets; they decide whether the plan worked")
    return [intro, bullets(items)]


def _rhythm(ctx: Ctx) -> list[str]:
    return [bullets([
        f"Mondays from {ctx.on(7)}: native analytics export into one sheet",
        "Every link carries UTM tags so site visits map to posts",
        f"{day(ctx.midpoint)}: drop the weakest format and double the strongest",
    ])]


def _why_light(ctx: Ctx) -> str:
    life = ctx.life
    return para(
        f"Reach and engagement are leading signals; the business result is the {life['conversion']}",
        f"For a {lower_first(ctx.f.industry)} brand, the number that matters most over time is {life['north_star']}",
        "A metric that does not change a decision within 2 weeks leaves the report",
    )


@measure_composer("kpi_plan_light")
def kpi_plan_light(ctx: Ctx) -> list[Block]:
    """A light KPI plan: reach, engagement and conversion metrics with targets from the strategy."""
    lead = para(f"{ctx.brand} tracks a short list of numbers from {ctx.f.window}",
                f"Each one links back to the goal: {ctx.goal}")
    known = [("Reach", _reach), ("Engagement", _engagement),
             ("Conversion", _conversion)]
    extras = [("Why These Numbers", lambda c: [_why_light(c)], 1), ("Tracking Rhythm", _rhythm, 2)]
    return assemble(ctx, known, lead=lead, extras=extras, always=("Conversion",))


# --- retention KPIs -----------------------------------------------------------------------------


def _core_retention(ctx: Ctx) -> list[str]:
    rows = []
    for metric, definition, bench in ctx.kb("measure_retention_metrics")["core"]:
        k = ctx.conflicts(metric)
        target = f"{k.target} by {day(k.by)} (strategy)" if k else f"{bench} (benchmark)"
        rows.append((k.kpi if k else metric, definition, target))
    return [table(["Metric", "Definition", "Target"], rows),
            para("Benchmarks are planning assumptions until the first 8 weeks of baseline are in")]


def _leading(ctx: Ctx) -> list[str]:
    items = ctx.kb("measure_retention_metrics")["leading"]
    return [para(f"Leading indicators move weeks before {ctx.life['value_metric']} does"), bullets(items)]


def _alerts(ctx: Ctx) -> list[str]:
    items = ctx.clean(f"Alert: {a}" for a in ctx.kb("measure_retention_metrics")["alerts"])
    items += [
        f"One dashboard with cohorts by month of {ctx.life['conversion']}, refreshed every Monday",
        "Each alert names an owner who replies with an action within 2 working days",
    ]
    return [bullets(items)]


def _retention_targets(ctx: Ctx) -> list[str]:
    return [bullets([f"Strategy target: {ctx.kpi_text(k)}" for k in ctx.main_kpis[:4]])]


def _cohort_method(ctx: Ctx) -> list[str]:
    return [para(
        f"Retention is read by cohort, never as one blended number for all {ctx.life['units']}",
        f"Each cohort starts at {ctx.life['conversion']} and is followed month by month",
        f"The first full read-out is due on {day(ctx.midpoint)} and the final one on {day(ctx.f.end)}",
    )]


@measure_composer("kpi_plan_retention")
def kpi_plan_retention(ctx: Ctx) -> list[Block]:
    """Retention KPIs, leading indicators and alert rules for this brief's business model."""
    lead = para(f"{ctx.brand} measures retention by the behaviour that predicts value: {ctx.life['north_star']}",
                f"The numbers below serve the goal to {ctx.goal}")
    known = [("Core Retention Metrics", _core_retention), ("Leading Indicators", _leading),
             ("Dashboard & Alerts", _alerts)]
    extras = [("Strategy Targets", _retention_targets, 1),
              ("Cohort Method", _cohort_method, 2)]
    return assemble(ctx, known, lead=lead, extras=extras)
