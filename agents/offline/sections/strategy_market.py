"""Strategy composers about the market: market analysis, market landscape and industry landscape."""

from __future__ import annotations

from agents.offline.facts import cap, day, join_and, lower_first, sentence, unique
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from tools.markdown import Block, bullets, heading, section, table
from tools.planning.kpis import kpi_kind

STAGES = ("Awareness", "Consideration", "Conversion", "Retention")


def regulated(ctx: Ctx) -> bool:
    """True when the brief's archetype works under advertising or claims regulation."""
    arch = ctx.inp.kb.archetypes.get(ctx.f.archetype)
    return bool(arch and arch.regulated)


def competitor_lines(ctx: Ctx, limit: int = 3) -> list[str]:
    """Named rivals from the brief first, then competitor types with where they win and where they are exposed."""
    types = ctx.kb("competitor_types")
    lines = [f"{name} (named in the brief): competes for the same need; {ctx.f.brand} must out-prove them on "
             f"{ctx.pains[i % len(ctx.pains)]}" for i, name in enumerate(ctx.f.competitors[:2])]
    lines += [f"{t['type']}: win on {t['wins']}; exposed on {t['gap']}" for t in types]
    return lines[:limit]


def _context(ctx: Ctx) -> str:
    f = ctx.f
    return " ".join([
        f"{f.brand} sells {f.product} to {ctx.customer_geo}.",
        f"The category is {lower_first(f.industry)}.",
        sentence(ctx.fill(ctx.kb("why_now"))),
    ])


def _performance(ctx: Ctx) -> list[str]:
    lines = [f"{k.kpi}: {k.baseline} today, target {k.target} by {day(k.by)}"
             for k in ctx.kpis if k.baseline and k.baseline[:1].isdigit()]
    lines += [f"Asset on record: {p}" for p in ctx.proofs[:2]]
    lines.append(f"Budget: {ctx.f.budget_text}")
    return lines


@strategy_composer("market_analysis")
def market_analysis(ctx: Ctx) -> list[Block]:
    """Market context, current performance, the competitive landscape and the key challenges."""
    f = ctx.f
    trends = ctx.kb("market_trends")
    missing = [k.kpi for k in ctx.kpis if not (k.baseline and k.baseline[:1].isdigit())][:3]
    perf_note = (f"The brief gives no baseline for {join_and(missing)}. Week 1, from {day(f.start)}, records them "
                 "before any budget moves.") if missing else "Every target has a baseline from the brief."
    bottlenecks = ctx.kb("funnel_bottlenecks")
    return [
        section(heading("Market Context"), _context(ctx)),
        section(f"Two forces shape demand right now. {trends[0]} {trends[1]}", optional=True, priority=1),
        section(heading("Current Performance"), bullets(_performance(ctx)), perf_note),
        section(sentence(f"The goal sets the gap to close: {lower_first(f.goal)}"), optional=True, priority=1),
        section(heading("Competitive Landscape"), bullets(competitor_lines(ctx, 3))),
        section(f"{f.brand} does not need to beat every rival on every front. It needs to own "
                f"{ctx.fill(ctx.kb('value')['functional'][0])} in the minds of {ctx.audience}.",
                optional=True, priority=2),
        section(heading("Key Challenges"),
                bullets(f"{b['stage']}: {b['bottleneck']}" for b in bottlenecks[:3])),
        section(_challenge_note(ctx), optional=True, priority=2),
        section(heading("Where to Play"), _where_to_play(ctx), optional=True, priority=1),
        section(heading("Planning Assumptions"), _assumptions(ctx), optional=True, priority=3),
        section(heading("Demand Drivers"), _demand(ctx), optional=True, priority=1),
    ]


def _demand(ctx: Ctx) -> str:
    motives = ctx.kb("motivations")
    triggers = ctx.kb("triggers")
    return " ".join([
        f"Demand from {ctx.audience} is driven by two wants: to {motives[0]} and to {motives[1]}.",
        f"It is switched on by moments such as {join_and(triggers[:2])}.",
        f"{ctx.f.brand} times its heaviest pushes to meet those moments.",
    ])


def _challenge_note(ctx: Ctx) -> str:
    parts = [f"The brief adds its own pressure points: {join_and(ctx.pains[:3])}."]
    if ctx.brief.constraints:
        parts.append(sentence(f"The plan also respects the brief's constraints: {join_and(ctx.brief.constraints)}"))
    if regulated(ctx):
        parts.append("Claims in this category are regulated, so every asset passes a compliance review.")
    return " ".join(parts)


def _where_to_play(ctx: Ctx) -> str:
    pr = ctx.kb("priorities")
    lead = ctx.channels[0] if ctx.channels else None
    lead_text = f"{lead.channel} leads with {ctx.channel_share(lead)}" if lead else "Owned channels lead"
    return " ".join([
        f"{f'{lead_text}.'}",
        f"The first play is to {lower_first(pr[0]['name'])}: {pr[0]['action']}.",
        f"The second is to {lower_first(pr[1]['name'])}, because {pr[1]['why']}.",
    ])


def _assumptions(ctx: Ctx) -> str:
    f = ctx.f
    sizing = ctx.kb("sizing")
    return " ".join([
        f"Planning assumption: demand is counted in {sizing['unit']}{ctx.in_geo}.",
        "Planning assumption: every channel contributes to the goal in proportion to its share of effort.",
        f"Both are checked against real data at the midpoint, {day(ctx.phases[1].start)}, for {f.brand}.",
    ])


_STAGE_KINDS = {
    "Awareness": {"reach", "followers", "engagement_rate"},
    "Consideration": {"leads", "conversion", "cost_per_lead"},
    "Conversion": {"customers", "cost_per_customer", "pipeline", "roas"},
    "Retention": {"repeat_rate", "decrease", "value", "rating"},
}


def _stage_metrics(ctx: Ctx) -> str:
    """Which strategy-core target each funnel stage is read against."""
    parts = []
    for stage, kinds in _STAGE_KINDS.items():
        hits = [ctx.kpi_line(k) for k in ctx.kpis if kpi_kind(k.kpi) in kinds][:2]
        if hits:
            parts.append(f"{stage} is read against {join_and(hits)}.")
    if not parts:
        return ""
    return " ".join(["Each stage has its own scoreboard from the strategy core.", *parts])


def _stage_rows(ctx: Ctx) -> list[tuple[str, str, str]]:
    rows = []
    jobs = {"Awareness": f"make {ctx.audience} aware of the problem and the fix",
            "Consideration": "answer the buying questions with proof",
            "Conversion": f"turn intent into {ctx.lead_kpi.split(':')[0]}",
            "Retention": "bring customers back and turn them into referrers"}
    for stage in STAGES:
        chans = [c.channel for c in ctx.channels if c.stage == stage]
        if chans:
            rows.append((stage, join_and(chans), jobs[stage]))
    return rows or [("Awareness", ctx.top_channels, jobs["Awareness"])]


def _funnel_landscape(ctx: Ctx) -> list[Block]:
    f = ctx.f
    bn = ctx.kb("funnel_bottlenecks")
    trends = ctx.kb("market_trends")
    return [
        section(heading("Funnel Stages"), f"How {f.brand}'s channel mix covers the journey:",
                table(("Stage", "Channels", "Job"), _stage_rows(ctx))),
        section(f"The funnel is judged on one outcome: {ctx.lead_kpi}.", optional=True, priority=1),
        section(_stage_metrics(ctx), optional=True, priority=1),
        section(heading("Current Bottlenecks"), bullets(f"{b['stage']}: {b['bottleneck']}" for b in bn[:3])),
        section(f"The brief's own pains sit inside these leaks: {join_and(ctx.pains[:3])}.",
                optional=True, priority=1),
        section(heading("Opportunities"), bullets(f"{b['stage']}: {b['fix']}" for b in bn[:3])),
        section(heading("Market Context"), " ".join(trends[:2]), optional=True, priority=2),
        section(_sequence(ctx), optional=True, priority=2),
        section(_stage_budget(ctx), optional=True, priority=1),
    ]


def _stage_budget(ctx: Ctx) -> str:
    """Effort or budget per funnel stage, summed from the strategy core's channel mix."""
    parts = []
    for stage in STAGES:
        chans = [c for c in ctx.channels if c.stage == stage]
        if not chans:
            continue
        share = sum(c.budget_share for c in chans)
        amount = sum(c.budget_amount for c in chans)
        value = f"{share * 100:.0f}% ({ctx.f.money(amount)})" if ctx.f.has_budget else f"{share * 100:.0f}% of effort"
        parts.append(f"{stage} {value}")
    if not parts:
        return ""
    return (f"Weight by stage, summed from the channel mix: {join_and(parts)}. "
            f"The split is reviewed on {day(ctx.phases[1].start)} against the bottlenecks above.")


def _sequence(ctx: Ctx) -> str:
    p1, p2, p3 = ctx.phases
    return " ".join([
        "Fixes are sequenced by phase.",
        f"Top-of-funnel leaks are fixed from {p1.span}.",
        f"Consideration fixes follow from {p2.span}.",
        f"Conversion and retention fixes land from {p3.span}, when traffic is highest.",
    ])


def _size_lines(ctx: Ctx) -> list[str]:
    sizing = ctx.kb("sizing")
    return [cap(d) for d in sizing["drivers"]]


def _sizing_landscape(ctx: Ctx) -> list[Block]:
    f = ctx.f
    sizing = ctx.kb("sizing")
    trends = ctx.kb("market_trends")
    return [
        section(heading("Market Size"),
                f"The serviceable market for {f.brand} is counted in {sizing['unit']}{ctx.in_geo}. "
                "No outside figure is quoted here; the size is built bottom-up as a planning assumption:",
                bullets(_size_lines(ctx))),
        section(f"Data sources: {join_and(sizing['sources'])}. The campaign's own target, {ctx.lead_kpi}, "
                "is the share of that market this plan must win.", optional=True, priority=1),
        section(heading("Trends"), bullets(trends[:4])),
        section(heading("Opportunities"),
                bullets(f"{p['name']}: {p['action']}" for p in ctx.kb("priorities")[:3])),
        section(heading("Segments"), bullets(_segments(ctx)), optional=True, priority=1),
        section(heading("Threats"), bullets(competitor_lines(ctx, 3)), optional=True, priority=2),
        section(_sizing_next(ctx), optional=True, priority=2),
        section(heading("Timing"), _timing(ctx), optional=True, priority=1),
    ]


def _timing(ctx: Ctx) -> str:
    p1, p2, p3 = ctx.phases
    return " ".join([
        sentence(ctx.fill(ctx.kb("why_now"))),
        f"The campaign enters in {p1.span}, scales in {p2.span} and harvests demand in {p3.span}.",
    ])


def _segments(ctx: Ctx) -> list[str]:
    auds = ctx.strategy.audiences
    out = [f"Core: {ctx.f.customer}"]
    out += [f"{a.name}: {lower_first(a.description)}" for a in auds[1:2]]
    return out


def _sizing_next(ctx: Ctx) -> str:
    return (f"The analyst fills the sizing model by {day(ctx.phases[0].end)}. "
            f"Budget then follows the segments that respond fastest on {ctx.top_channels}.")


@strategy_composer("market_landscape")
def market_landscape(ctx: Ctx) -> list[Block]:
    """Funnel view or market-size view, driven by the headings the benchmark set requires."""
    if "funnel stages" in ctx.heading_set():
        return _funnel_landscape(ctx)
    return _sizing_landscape(ctx)


@strategy_composer("industry_landscape")
def industry_landscape(ctx: Ctx) -> list[Block]:
    """Trends, industry dynamics, competitive forces and what they mean for the brand."""
    f = ctx.f
    implications = [f"{p['name']}: {p['action']}, because {p['why']}" for p in ctx.kb("priorities")[:3]]
    return [
        section(heading("Market Trends"), bullets(ctx.kb("market_trends")[:4])),
        section(f"These trends matter most where {f.brand} meets {ctx.audience}{ctx.in_geo}.",
                optional=True, priority=1),
        section(heading("Industry Dynamics"), bullets(ctx.kb("industry_dynamics")[:4])),
        section(heading("Competitive Forces"), bullets(competitor_lines(ctx, 3)), optional=True, priority=1),
        section(heading(f"Implications for {f.brand}"), bullets(unique(implications))),
        section(heading("Regulation and Claims"), _regulation(ctx), optional=True, priority=2),
        section(heading("Signals to Watch"), _signals(ctx), optional=True, priority=2),
        section(_budget_read(ctx), optional=True, priority=1),
    ]


def _budget_read(ctx: Ctx) -> str:
    """What the dynamics mean for where effort goes, quoting the channel mix."""
    lead = ctx.channels[:2]
    if not lead:
        return ""
    parts = [f"{c.channel} ({ctx.channel_share(c)})" for c in lead]
    return (f"These dynamics explain the channel mix: {join_and(parts)} carry the most weight for {ctx.f.brand}, "
            f"because {lower_first(ctx.kb('industry_dynamics')[0]).rstrip('.')}.")


def _regulation(ctx: Ctx) -> str:
    if regulated(ctx):
        return ("This category is regulated. Every claim, testimonial and offer passes a compliance review "
                f"before it runs, with a 5-day buffer built into the plan from {day(ctx.f.start)}.")
    return (f"Claims stay specific and provable. Reviews, results and comparisons used by {ctx.f.brand} are "
            "kept on file with their source.")


def _signals(ctx: Ctx) -> str:
    p2 = ctx.phases[1]
    return " ".join([
        f"The team reviews three signals monthly, starting {day(p2.start)}:",
        f"rival moves on {ctx.kb('benchmarks')[0]},",
        f"shifts in what {ctx.audience} search for,",
        f"and progress against {ctx.lead_kpi}.",
    ])
