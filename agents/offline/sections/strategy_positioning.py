"""Strategy composers for where the brand stands: brand, product and new (turnaround) positioning."""

from __future__ import annotations

from agents.offline.facts import cap, day, join_and, lower_first, sentence, unique
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from tools.markdown import Block, bullets, heading, section, table


def _rivals(ctx: Ctx) -> str:
    """Named competitors from the brief, else the archetype's competitor types."""
    if ctx.f.competitors:
        return ctx.f.competitor_phrase
    return join_and([c["type"].lower() for c in ctx.kb("competitor_types")[:2]])


def _differences(ctx: Ctx) -> list[str]:
    value = ctx.kb("value")
    gap = ctx.kb("competitor_types")[0]
    items = [f"Built around {ctx.fill(value['functional'][0])}, where {gap['type'].lower()} "
             f"are weak: {gap['gap']}"]
    items += [f"Proven, not claimed: {p}" for p in ctx.proofs[:2]]
    items.append(f"A {ctx.tones} voice that names {ctx.pains[0]} plainly")
    return unique(items)[:4]


def _parity(ctx: Ctx) -> list[str]:
    return [f"Match the category on {d}" for d in ctx.kb("benchmarks")[:3]]


def _audience_block(ctx: Ctx) -> list[str]:
    auds = ctx.strategy.audiences
    geo = f" ({ctx.geo})" if ctx.f.geography and ctx.customer_geo != ctx.f.customer else ""
    lines = [f"Primary: {ctx.brief.primary_customer}{geo}"]
    if ctx.pains_given:
        lines.append(f"What hurts today: {join_and(ctx.pains[:3])}")
    lines.append(f"What moves them: {join_and(ctx.kb('motivations')[:2])}")
    if len(auds) > 1:
        lines.append(f"Secondary: {auds[1].name}, {lower_first(auds[1].description)}")
    return lines


@strategy_composer("brand_positioning")
def brand_positioning(ctx: Ctx) -> list[Block]:
    """The positioning statement with its frame of reference, differences, parity and tests."""
    f = ctx.f
    comp = ctx.kb("competitor_types")
    return [
        section(heading("Positioning Statement"), f"Positioning Statement: {ctx.strategy.positioning}"),
        section(f"In short: {f.brand} {ctx.benefit}.", optional=True, priority=1),
        section(heading("Frame of Reference"),
                f"{f.brand} competes in {lower_first(f.industry)}{ctx.in_geo}. Buyers compare it with {_rivals(ctx)}. "
                f"{comp[0]['type']} win on {comp[0]['wins']}; {comp[1]['type'].lower()} win on {comp[1]['wins']}."),
        section(heading("Points of Difference"), bullets(_differences(ctx))),
        section(heading("Points of Parity"), bullets(_parity(ctx))),
        section(heading("Target Audience"), bullets(_audience_block(ctx)), optional=True, priority=1),
        section(heading("Positioning Tests"), _tests(ctx), optional=True, priority=2),
        section(_proof_plan(ctx), optional=True, priority=2),
    ]


def _tests(ctx: Ctx) -> str:
    f = ctx.f
    return " ".join([
        "Every headline passes three checks before it runs.",
        f"Could {_rivals(ctx)} say it word for word? Then it is not positioning.",
        f"Does it name a problem {ctx.audience} feel, such as {ctx.pains[0]}?",
        f"Can {f.brand} prove it on request? If not, it waits until the proof exists.",
    ])


def _proof_plan(ctx: Ctx) -> str:
    p1 = ctx.phases[0]
    build = ctx.kb("proof_formats")
    return (f"The positioning earns credibility through {join_and(build[:2])}. "
            f"The first of these ships by {day(p1.end)}, before spend peaks.")


def _product_lines(ctx: Ctx) -> list[str]:
    out: list[str] = []
    for p in ctx.brief.products[:4]:
        detail = "; ".join(x for x in (p.usp, p.price_note) if x)
        out.append(f"{p.name}: {detail}" if detail else p.name)
    if out:
        return [f"Offer: {ctx.brief.product_service}", *out]
    value = ctx.kb("value")
    return [f"Offer: {ctx.brief.product_service}", *(cap(ctx.fill(v)) for v in value["functional"][:3])]


@strategy_composer("product_positioning")
def product_positioning(ctx: Ctx) -> list[Block]:
    """Who the product is for, the positioning statement, what it offers and how it is priced."""
    f = ctx.f
    gap = ctx.kb("competitor_types")[0]
    value = ctx.kb("value")
    statement = (f"For {ctx.audience} who struggle with {ctx.pains[0]}, {f.brand} {ctx.benefit}. "
                 f"Unlike {_rivals(ctx)}, it is built on {ctx.fill(value['functional'][0])}.")
    return [
        section(heading("Target Audience"), bullets(_audience_block(ctx))),
        section(f"The trigger that opens the sale: {ctx.kb('triggers')[0]}.", optional=True, priority=1),
        section(heading("Positioning Statement"), f"Positioning Statement: {statement}"),
        section(f"The strategy core's version, used in every brief: {ctx.strategy.positioning}",
                optional=True, priority=2),
        section(heading("What the Product Offers"), bullets(_product_lines(ctx))),
        section(heading("Competitive Alternatives"),
                bullets(f"{c['type']}: strong on {c['wins']}, weak on {c['gap']}"
                        for c in ctx.kb("competitor_types")[:3])),
        section(f"{f.brand} attacks the weakest point first: {gap['gap']}.", optional=True, priority=1),
        section(heading("Offer and Price Stance"), _price_stance(ctx), optional=True, priority=1),
        section(heading("Launch Proof"), _launch_proof(ctx), optional=True, priority=2),
    ]


def _price_stance(ctx: Ctx) -> str:
    parts = []
    if ctx.brief.current_offers:
        parts.append(sentence(f"Current offer: {ctx.brief.current_offers}"))
    if ctx.discount_cap is not None:
        parts.append(f"No promotion goes deeper than {ctx.discount_cap}% off, so value is argued, not discounted.")
    else:
        parts.append("Value is argued through proof and cost per use, not through deep discounts.")
    objection = ctx.kb("objections")[-1]
    parts.append(f"The price objection \"{objection['objection']}\" is met with {ctx.fill(objection['answer'])}.")
    return " ".join(parts)


def _launch_proof(ctx: Ctx) -> str:
    kpi = ctx.lead_kpi
    proof = join_and(ctx.proofs[:2]) if ctx.proofs else ctx.kb("proof_formats")[0]
    return (f"Launch assets lead with {proof}. Success is read against the strategy core: {kpi}. "
            f"The first read-out is due {day(ctx.phases[0].end)}.")


def _shifts(ctx: Ctx) -> list[tuple[str, str]]:
    audit = ctx.kb("audit")
    pain = ctx.pains[0]
    return [
        (cap(audit["weaknesses"][0]), f"Messages that lead with {ctx.fill(ctx.kb('value')['functional'][0])}"),
        (f"Known for {pain}" if ctx.pains_given else "One of many similar options",
         f"Known for \"{ctx.strategy.big_idea.split(':')[0].strip()}\""),
        (cap(audit["weaknesses"][1]), f"Proof packaged: {join_and(ctx.proofs[:2]) or ctx.kb('proof_formats')[0]}"),
        ("Talking to everybody at once", f"Talking to {ctx.audience} first"),
    ]


@strategy_composer("new_positioning")
def new_positioning(ctx: Ctx) -> list[Block]:
    """The repositioning: where the brand stands, for whom, the new statement and the shifts it needs."""
    f = ctx.f
    audit = ctx.kb("audit")
    return [
        section(heading("Where the Brand Stands Today"),
                f"Working hypothesis from the brief: {lower_first(audit['perception'])} "
                f"The goal sets the bar: {lower_first(f.goal)}."),
        section(heading("Target Audience"), bullets(_audience_block(ctx))),
        section(heading("Positioning Statement"), f"Positioning Statement: {ctx.strategy.positioning}"),
        section(f"The one-line version for headlines: {f.brand} {ctx.benefit}.", optional=True, priority=1),
        section(heading("From and To"), table(("From", "To"), _shifts(ctx))),
        section(heading("What Must Be True"), bullets(_must_be_true(ctx)), optional=True, priority=1),
        section(_rollout(ctx), optional=True, priority=2),
    ]


def _must_be_true(ctx: Ctx) -> list[str]:
    out = [f"Operations can keep every promise in the new line from {day(ctx.f.start)}"]
    out += [f"The brief's message appears in launch assets: \"{m}\"" for m in ctx.brief.must_include_messages[:2]]
    out.append(f"Every team member can explain the shift in one sentence by {day(ctx.phases[0].end)}")
    out.append(f"Progress is tracked against {ctx.lead_kpi}")
    return out


def _rollout(ctx: Ctx) -> str:
    p1, p2, p3 = ctx.phases
    return " ".join([
        "The shift rolls out inside-out.",
        f"Team, website and sales scripts change first ({p1.span}).",
        f"Channels carry the new story next ({p2.span}), led by {ctx.top_channels}.",
        f"Customers then retell it in reviews and referrals ({p3.span}).",
    ])
