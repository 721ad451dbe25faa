"""Creative composers about people: audience segments, persona cards, CRM segments and the audience audit."""

from __future__ import annotations

from agents.offline.facts import day, join_and, lower_first, percent
from agents.offline.sections._creative_util import Ctx, cap, creative_composer, unique
from tools.markdown import Block, bullets, heading, section, table
from tools.result import ChannelAllocation


def ranked(ctx: Ctx) -> list[ChannelAllocation]:
    """The channel mix, largest share first."""
    return ctx.f.ranked_channels


def stage_channel(ctx: Ctx, stages: tuple[str, ...]) -> ChannelAllocation:
    """The biggest channel serving one of ``stages``, else the biggest channel."""
    order = ranked(ctx)
    return next((c for c in order if c.stage in stages), order[0])


def kpi_line(ctx: Ctx, index: int) -> str:
    """The KPI target at ``index`` (wrapping), phrased as a success measure."""
    k = ctx.kpis[index % len(ctx.kpis)]
    return ctx.kpi_text(k)


def _primary_block(ctx: Ctx) -> Block:
    f, segs = ctx.f, ctx.kb("segments")
    top = ", ".join(c.channel for c in ranked(ctx)[:3])
    pains = join_and(ctx.pains[:3])
    items = [
        f"Core pain: {pains}" + ("" if ctx.pains_given else " (typical for the category; confirm in interviews)"),
        f"Buying trigger: {segs[0]['trigger']}",
        f"What they want: {ctx.persona['motivations'][0]}",
        f"Where {f.brand} reaches them: {top}",
        f"Success measure: {kpi_line(ctx, 0)}",
    ]
    intro = (f"{cap(f.customer)}{ctx.in_geo}. Their sharpest pain is {ctx.pains[0]}, and they compare options "
             "quietly before they talk to a sales team." if ctx.b2b else
             f"{cap(f.customer)}{ctx.in_geo}. Their sharpest pain is {ctx.pains[0]}, and they read reviews "
             "before they try something new.")
    return section(heading("Primary Audience"), intro, bullets(items))


def _secondary_block(ctx: Ctx) -> Block:
    name, desc = ctx.secondary
    p = ctx.persona
    channel = stage_channel(ctx, ("Retention", "Consideration"))
    items = [
        f"What they need to hear: {p['secondary_motivations'][0]}; {p['secondary_motivations'][1]}",
        f"Objection to answer early: {p['secondary_objections'][0]}",
        f"Channel: {channel.channel}, in its {channel.stage.lower()} role",
    ]
    if len(ctx.kpis) > 1:
        items.append(f"Success measure: {kpi_line(ctx, 1)}")
    return section(heading(f"Secondary Audience: {name}"), f"{cap(desc)}.", bullets(items))


@creative_composer("audience_segments")
def audience_segments(ctx: Ctx) -> list[Block]:
    """Primary and secondary audiences with pains, triggers, channels and the number each must move."""
    f, segs = ctx.f, ctx.kb("segments")
    intro = (f"{f.brand} has one goal for {f.window}: {lower_first(f.goal)}. "
             "Two audiences get there, each with its own message, channel and number.")
    micro = [f"{s['name']}: {s['who']}; hook: {s['hook']}" for s in segs[:3]]
    lead = ranked(ctx)[0]
    order = (f"The primary audience gets first call on {lead.channel}, the largest line at "
             f"{percent(lead.budget_share)} of the mix. The secondary audience is reached through owned "
             f"follow-up once the first {ctx.phases[0].span} phase has built a retargeting pool.")
    return [
        section(intro),
        _primary_block(ctx),
        _secondary_block(ctx),
        section(heading("Micro-Segments to Test"), bullets(micro), optional=True, priority=1),
        section(heading("Priority and Sequencing"), order, optional=True, priority=2),
    ]


def _persona_cards(ctx: Ctx) -> tuple[Block, Block]:
    f, p = ctx.f, ctx.persona
    first, second = p["names"][0], p["names"][1]
    name2, desc2 = ctx.secondary
    top = ranked(ctx)[0].channel
    primary = section(
        heading(f"Primary Persona: {first}, {p['primary_role']}"),
        f"{first} is an illustrative persona for {f.customer}{ctx.in_geo}. {p['day']} What {first} needs "
        f"from {f.brand} is simple: {p['motivations'][1]}.",
        bullets([f"Goal: {p['motivations'][0]}", f"Where {first} looks: {join_and(p['media'])}",
                 f"Buying trigger: {ctx.kb('segments')[0]['trigger']}",
                 f"First touch with {f.brand}: {top}"]),
    )
    secondary = section(
        heading(f"Secondary Persona: {second}, {p['secondary_role']}"),
        f"{second} stands for the {lower_first(name2)} group: {desc2}. {p['secondary_day']}",
        bullets([f"Goal: {p['secondary_motivations'][0]}", f"Deal-breaker: {p['secondary_objections'][0]}",
                 f"What wins {second} over: {p['secondary_motivations'][1]}"]),
    )
    return primary, secondary


@creative_composer("persona_cards")
def persona_cards(ctx: Ctx) -> list[Block]:
    """Two named, clearly illustrative personas with their pains, motivations and how the brand wins them."""
    f, p = ctx.f, ctx.persona
    first, second = p["names"][0], p["names"][1]
    primary, secondary = _persona_cards(ctx)
    pains = [f"{first}: {pain}" for pain in ctx.pains[:3]]
    pains += [f"{second}: {o}" for o in p["secondary_objections"][:2]]
    motives = [f"{first}: {m}" for m in p["motivations"][:3]] + [f"{second}: {m}" for m in
                                                                  p["secondary_motivations"][:2]]
    proof = ctx.proof or f"a named customer result from {f.brand}"
    wins = [
        f"{first} meets the {ctx.big_idea_name} campaign first on {ranked(ctx)[0].channel}, backed by {proof}",
        f"{second} gets the facts that close the deal: {p['secondary_motivations'][2]}",
        f"Both hear one promise in a {join_and(ctx.tones[:2])} voice, so the story holds across channels",
    ]
    quotes = (f"In {first}'s words: \"I will switch when someone fixes {ctx.pains[0]} without "
              f"creating a new problem.\" In {second}'s words: \"Show me the risk before you show me the "
              "features.\"")
    return [
        section(f"Two personas guide every {f.brand} asset. Names are invented for clarity; the traits "
                "come from the brief's customer description and pains."),
        primary, secondary,
        section(heading("Pain Points"), bullets(pains),
                "Pains come from the brief." if ctx.pains_given else
                "These pains are typical for the category; five customer interviews confirm them in week one."),
        section(heading("Motivations"), bullets(motives),
                f"Creative that speaks to these motivations beats creative that lists features of {f.product}."),
        section(heading(f"How {f.brand} Wins Them"), bullets(wins), optional=True, priority=1),
        section(heading("In Their Words"), quotes, optional=True, priority=2),
    ]


@creative_composer("customer_segments")
def customer_segments(ctx: Ctx) -> list[Block]:
    """The CRM data sources, segment rules, profiles and the action each segment triggers."""
    f, crm = ctx.f, ctx.kb("crm")
    segs = crm["segments"]
    owned = [c.channel for c in ctx.channels if c.stage == "Retention"] or [ranked(ctx)[0].channel]
    activation = [f"{s['name']}: {s['action']} via {owned[i % len(owned)]}, live by {day(ctx.phases[0].end)}"
                  for i, s in enumerate(segs[:3])]
    measures = [kpi_line(ctx, i) for i in range(min(3, len(ctx.kpis)))]
    hygiene = ["Deduplicate contacts weekly and merge by email or account ID",
               "Keep opt-in status and source on every record",
               f"Review segment sizes every two weeks until {day(f.end)}"]
    return [
        section(f"{ctx.brand_s} segmentation model turns existing records into {len(segs)} segments. Each has "
                f"a rule, a profile and one next action. Together they serve the goal: {lower_first(f.goal)}."),
        section(heading("Data Sources"), bullets(cap(s) for s in crm["sources"]),
                "Records are joined on one customer ID and refreshed nightly, so segment rules run on "
                "current behaviour."),
        section(heading("Key Segments"),
                table(["Segment", "Rule", "Next action"], [[s["name"], s["rule"], s["action"]] for s in segs])),
        section(heading("Segment Profiles"),
                bullets(f"{s['name']}: {s['profile']}" for s in segs)),
        section(heading("Activation by Segment"), bullets(activation), optional=True, priority=1),
        section(heading("Measurement"), bullets(cap(m) for m in measures), optional=True, priority=1),
        section(heading("Data Hygiene Rules"), bullets(hygiene), optional=True, priority=2),
    ]


def _benchmark_rows(ctx: Ctx) -> list[list[str]]:
    segs = ctx.kb("segments")
    bench = ctx.kb("benchmarks")
    names = ["Core buyers", ctx.secondary[0], *[s["name"] for s in segs[:2]]]
    rows: list[list[str]] = []
    kpi_words = " ".join(k.kpi.lower() for k in ctx.kpis)
    for i, name in enumerate(names):
        b = bench[i % len(bench)]
        metric = b["metric"]
        clash = any(word in kpi_words for word in metric.lower().split() if len(word) > 5)
        if clash and ctx.kpis:
            k = ctx.kpis[i % len(ctx.kpis)]
            rows.append([name, k.kpi, f"target {k.target} by {day(k.by)}", "keep if on pace at midpoint"])
        else:
            rows.append([name, metric, f"benchmark {b['range']}", "scale above range, fix below it"])
    return rows


@creative_composer("audience_analysis")
def audience_analysis(ctx: Ctx) -> list[Block]:
    """Who the brand reaches today, how each segment should perform, the gaps and the reallocation moves."""
    f, segs = ctx.f, ctx.kb("segments")
    name2, desc2 = ctx.secondary
    current = [f"Core buyers: {f.customer}{ctx.in_geo}", f"{name2}: {desc2}"]
    current += [f"{s['name']}: {s['who']}" for s in segs[:3]]
    order = ranked(ctx)
    gaps = [
        f"Messages rarely name {ctx.pains[0]}, the pain that starts most searches",
        f"{name2} get the same content as core buyers, with no proof built for them",
        f"Reporting stops at clicks; no segment is tied to {ctx.kpis[0].kpi}" if ctx.kpis else
        "Reporting stops at clicks, not outcomes",
    ]
    moves = [f"{c.channel}: {percent(c.budget_share)} of the mix, {c.stage.lower()} role, judged on "
             f"{(ctx.play(c.channel) or {}).get('metric', 'conversions')}" for c in order[:4]]
    jobs = ["confirm tracking per segment and record baselines", "compare each segment with its benchmark "
            "row and move effort toward the leaders", "keep only segments at or above target for the next plan"]
    checks = [f"{p.name} phase ends {day(p.end)}: {job}" for p, job in zip(ctx.phases, jobs, strict=True)]
    return [
        section(f"This audit looks at who {f.brand} reaches today and which segments earn the plan's "
                f"effort during {f.window}. Segments are judged on outcomes, not reach."),
        section(heading("Current Audiences"), bullets(cap(c) for c in current)),
        section(heading("Performance by Segment"),
                table(["Segment", "Signal", "Benchmark or target", "Decision"], _benchmark_rows(ctx)),
                "Benchmarks are typical category ranges; they are replaced by the account's own numbers "
                "after the first full month."),
        section(heading("Gaps and Risks"), bullets(gaps)),
        section(heading("Reallocation Moves"), bullets(moves), optional=True, priority=1),
        section(heading("Audit Checkpoints"), bullets(checks), optional=True, priority=2),
    ]


__all__ = ["audience_analysis", "audience_segments", "customer_segments", "persona_cards", "ranked",
           "stage_channel", "unique"]
