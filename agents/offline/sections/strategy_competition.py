"""Strategy composers about rivals: competitor analysis and competitor benchmark (no invented figures)."""

from __future__ import annotations

from agents.offline.facts import cap, day, join_and, lower_first, unique
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from tools.markdown import Block, bullets, heading, section, table


def _set_text(ctx: Ctx) -> str:
    f = ctx.f
    types = [t["type"].lower() for t in ctx.kb("competitor_types")]
    if f.competitors:
        noun = "the alternatives" if len(f.competitors) > 1 else "the alternative"
        return (f"The brief names {f.competitor_phrase} as {noun} {ctx.audience} weigh against "
                f"{f.brand}. Around them sit {join_and(types[:2])}, plus the option of changing nothing.")
    return (f"The brief names no rival brands, so this analysis works with competitor types. "
            f"{ctx.audience.capitalize()} weigh {f.brand} against {join_and(types)}.")


def _profile_rows(ctx: Ctx) -> list[tuple[str, str, str, str]]:
    dims = ctx.kb("benchmarks")
    rows = [(name, "named by the client as a direct alternative", f"to score in the week-1 audit on {dims[i % 2]}",
             f"out-prove them on {ctx.pains[i % len(ctx.pains)]}")
            for i, name in enumerate(ctx.f.competitors[:3])]
    rows += [(t["type"], t["wins"], t["gap"], f"make {t['gap'].split(' and ')[0]} the comparison point")
             for t in ctx.kb("competitor_types")[: 5 - len(rows)]]
    return rows


def _wins(ctx: Ctx) -> list[str]:
    value = ctx.kb("value")
    items = [f"{cap(p)} (proof on record)" for p in ctx.proofs[:2]]
    items += [cap(ctx.fill(v)) for v in value["functional"][:2]]
    items.append(f"A {ctx.tones} voice that sounds unlike the category")
    return unique(items)[:4]


def _exposed(ctx: Ctx) -> list[str]:
    items = [cap(w) for w in ctx.kb("audit")["weaknesses"]]
    if not ctx.f.has_budget:
        items.append("No paid budget, so reach depends on owned channels and referrals")
    elif not ctx.paid_ok:
        items.append("No paid media, so reach grows through owned channels and partners")
    return items[:3]


@strategy_composer("competitor_analysis")
def competitor_analysis(ctx: Ctx) -> list[Block]:
    """The competitive set, profiles, where the brand wins or is exposed, and the moves that follow."""
    f = ctx.f
    moves = [f"{p['name']}: {p['action']}" for p in ctx.kb("priorities")[:3]]
    return [
        section(heading("Competitive Set"), _set_text(ctx)),
        section(heading("Competitor Profiles"),
                table(("Competitor", "Where they win", "Where they are exposed", f"{f.brand} response"),
                      _profile_rows(ctx))),
        section(heading(f"Where {f.brand} Wins"), bullets(_wins(ctx))),
        section(heading(f"Where {f.brand} Is Exposed"), bullets(_exposed(ctx))),
        section(heading("Competitive Moves"), bullets(moves)),
        section(_moves_note(ctx), optional=True, priority=1),
        section(heading("Monitoring"), _monitoring(ctx), optional=True, priority=1),
        section(heading("Buyer View"), _buyer_view(ctx), optional=True, priority=2),
    ]


def _moves_note(ctx: Ctx) -> str:
    lead = ctx.channels[0] if ctx.channels else None
    where = f" on {lead.channel} ({ctx.channel_share(lead)})" if lead else ""
    return (f"The moves concentrate{where}, where {ctx.audience} compare options most. "
            f"Each one is judged against {ctx.lead_kpi}.")


def _monitoring(ctx: Ctx) -> str:
    dims = ctx.kb("benchmarks")
    return " ".join([
        f"A monthly rival check starts {day(ctx.f.start)}.",
        f"It tracks {join_and(dims[:3])}.",
        "Any rival move that threatens the goal triggers a response within 5 working days.",
    ])


def _buyer_view(ctx: Ctx) -> str:
    o = ctx.kb("objections")[0]
    return (f"From the buyer's side, the comparison comes down to one doubt: \"{o['objection']}\". "
            f"{ctx.f.brand} answers it with {ctx.fill(o['answer'])}.")


def _perf_rows(ctx: Ctx) -> list[tuple[str, str, str, str]]:
    dims = ctx.kb("benchmarks")
    rows = [(name, "client-named rival", f"{dims[i % len(dims)]}", f"{day(ctx.phases[0].end)}")
            for i, name in enumerate(ctx.f.competitors[:3])]
    rows += [(t["type"], t["wins"], t["gap"], f"{day(ctx.phases[0].end)}")
             for t in ctx.kb("competitor_types")[: 5 - len(rows)]]
    return rows


@strategy_composer("competitor_benchmark")
def competitor_benchmark(ctx: Ctx) -> list[Block]:
    """Benchmark method, competitor performance, the brand's position and targets to close gaps."""
    f = ctx.f
    dims = ctx.kb("benchmarks")
    targets = [ctx.kpi_line(k) for k in ctx.kpis[:3]]
    return [
        section(heading("Benchmark Method"),
                f"Scores come from a week-1 audit of public signals, starting {day(f.start)}: websites, reviews, "
                "listings and offers. No competitor figure is assumed before that audit."),
        section(heading("Competitor Performance"),
                table(("Competitor", "Strength to respect", "Gap or focus to score", "Scored by"), _perf_rows(ctx))),
        section(heading("Benchmark Dimensions"), bullets(cap(d) for d in dims[:5])),
        section(heading("Our Position"), bullets([*(f"Ahead: {lower_first(w)}" for w in _wins(ctx)[:3]),
                                                  *(f"Behind: {lower_first(w)}" for w in _exposed(ctx)[:2])])),
        section(f"Reading the table: where a rival is strong, {f.brand} matches the category norm. Where a rival "
                f"is exposed, {f.brand} leads the message, starting with {ctx.pains[0]}.", optional=True, priority=1),
        section(f"{f.brand} is benchmarked on the same dimensions, so the gaps are like for like.",
                optional=True, priority=1),
        section(heading("Targets That Close the Gap"), bullets(targets), optional=True, priority=1),
        section(heading("Review Cadence"), _cadence(ctx), optional=True, priority=2),
        section(_position_note(ctx), optional=True, priority=1),
    ]


def _cadence(ctx: Ctx) -> str:
    p1, p2, p3 = ctx.phases
    return " ".join([
        f"The benchmark is rerun three times: {day(p1.end)}, {day(p2.end)} and {day(p3.end)}.",
        "Each rerun compares the same dimensions and records what changed.",
        f"The marketing lead shares the result with the {ctx.f.brand} leadership team within a week.",
    ])


def _position_note(ctx: Ctx) -> str:
    comp = ctx.kb("competitor_types")[0]
    return (f"The most attackable gap in the category is {comp['gap']}. "
            f"{ctx.f.brand} claims it first, then holds it with proof that {lower_first(comp['type'])} cannot match.")
