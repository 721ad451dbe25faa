"""Creative composers about people who carry the brand: influencers, UGC and community, promotions and offers."""

from __future__ import annotations

from typing import Any

from agents.offline.facts import day, join_and, lower_first, money, percent
from agents.offline.sections._creative_util import Ctx, cap, creative_composer
from agents.offline.sections.creative_audience import ranked
from tools.markdown import Block, bullets, heading, numbered, section, table


def _creator_budget(ctx: Ctx) -> str:
    """How creators are paid, quoting the mix's Influencers line when there is one."""
    line = next((c for c in ctx.paid_channels if c.channel == "Influencers"), None)
    if line:
        return (f"Creator fees come from the Influencers line: {percent(line.budget_share)} of the budget, "
                f"{money(line.budget_amount, ctx.strategy.currency)}.")
    if ctx.paid_ok:
        return ("Creators are paid in product, early access and affiliate commission, so the plan adds no "
                "new budget line.")
    return ("The brief allows no paid media, so every partnership is gifted or affiliate-based, with no paid "
            "placements or boosted creator posts.")


@creative_composer("influencer_strategy")
def influencer_strategy(ctx: Ctx) -> list[Block]:
    """Creator tiers, selection rules, dated activation steps, safety and measurement."""
    f, inf = ctx.f, ctx.kb("influencer")
    one, two, three = ctx.phases
    social = [c.channel for c in ctx.posting_channels if (ctx.play(c.channel) or {}).get("social")]
    lead = (social or [c.channel for c in ranked(ctx)])[0]
    tiers = [f"Nano: {inf['nano']}", f"Micro: {inf['micro']}", f"Macro: {inf['macro']}"]
    steps = [f"By {day(one.start + (one.end - one.start) / 3)}: shortlist 20 creators against the fit rules "
             "and send a one-page brief",
             f"{one.name} ({one.span}): {inf['activations'][0]}",
             f"{two.name} ({two.span}): {inf['activations'][1]}",
             f"{three.name} ({three.span}): {inf['activations'][2]}, then reuse the best posts on {lead}"]
    safety = ["Every post carries a clear partnership disclosure",
              "Creators get the brief's off-limits topics in writing before they film",
              f"{f.brand} approves claims, never the creator's own voice"]
    measures = [f"Tracked link or code per creator, reported every two weeks until {day(f.end)}"]
    counts = [k for k in ctx.kpis if "%" not in k.target and "rate" not in k.kpi.lower()]
    measures += [f"Creator-sourced share of {ctx.kpi_text(k)}" for k in counts[:2]]
    brief_pack = [f"Message: {ctx.big_idea_name}", f"Proof to show: {ctx.proof or 'a real customer result'}",
                  f"Problem to name: {ctx.pains[0]}", f"Call to action: {ctx.kb('ad_concepts')[0]['cta']}"]
    brief_pack += [f"Must say: {m}" for m in ctx.must_include[:1]]
    return [
        section(f"{f.brand} works with creators whose audience already includes {f.customer}. Trust is "
                f"borrowed here: people who live with {ctx.pains[0]} believe a peer before a brand. "
                f"{_creator_budget(ctx)}"),
        section(heading("Influencer Tiers"), bullets(tiers),
                "The roster starts with about 12 nano, 6 micro and 1-2 macro creators. Nano creators carry "
                "volume and honesty; macro creators are saved for one anchor moment.",
                f"Fit rules: {'; '.join(inf['fit'])}."),
        section(heading("Activation Strategy"), numbered(steps),
                "Each creator gets one brief, one tracked link and one deadline, so results stay comparable."),
        section(heading("Brand Safety and Disclosure"), bullets(safety), optional=True, priority=1),
        section(heading("Measurement"), bullets(measures), optional=True, priority=1),
        section(heading("Creator Brief"), bullets(brief_pack), optional=True, priority=2),
    ]


@creative_composer("ugc_and_community_plan")
def ugc_and_community_plan(ctx: Ctx) -> list[Block]:
    """UGC prompts per channel, community tactics, rights and moderation, recognition and measurement."""
    f, ugc = ctx.f, ctx.kb("ugc")
    posting = [c.channel for c in ctx.posting_channels] or [c.channel for c in ranked(ctx)]
    prompts = [f"{cap(p)} (collected via {posting[i % len(posting)]})" for i, p in enumerate(ugc["prompts"][:4])]
    tactics = [cap(t) for t in ugc["community"][:4]]
    rights = ["Written permission before any repost, stored with the asset",
              f"Replies to every comment within 24 hours, seven days a week until {day(f.end)}",
              "Clear house rules pinned in every community space"]
    reward = (f"Contributors earn {ugc['reward']}. Rewards recognise people, not volume, so quality stays "
              "high.")
    measures = [f"Monthly count of usable customer posts, starting {day(ctx.phases[0].end)}"]
    measures += [cap(ctx.kpi_text(k)) for k in ctx.kpis[:2]]
    return [
        section(f"Customers tell the {f.brand} story better than ads can. This plan gives them a reason, a "
                f"prompt and a place to do it during {f.window}."),
        section(heading("UGC Strategy"),
                f"Each prompt is easy to answer with a phone and ties back to {ctx.big_idea_name}.",
                bullets(prompts)),
        section(heading("Community Tactics"), bullets(tactics),
                f"These tactics give {f.customer} a reason to come back between purchases.",
                "The community lead owns these spaces and reports on them every two weeks."),
        section(heading("Rights and Moderation"), bullets(rights), optional=True, priority=1),
        section(heading("Recognition"), reward, optional=True, priority=1),
        section(heading("Measurement"), bullets(measures), optional=True, priority=2),
        section(heading("How Customer Content Is Reused"), bullets(_reuse(ctx)), optional=True, priority=1),
    ]


def _reuse(ctx: Ctx) -> list[str]:
    """Where approved customer content goes next."""
    lines = [f"{c.channel}: one approved customer post a week, within the usual cadence ({ctx.cadence(c.channel)})"
             for c in ranked(ctx)[:2]]
    lines.append("Product and landing pages: a rotating wall of approved customer posts")
    if ctx.paid_channels:
        lines.append(f"{ctx.paid_channels[0].channel}: the best posts become paid creative, with permission")
    return lines


def offer_line(ctx: Ctx, offer: dict[str, Any]) -> str | None:
    """'Name: mechanic (up to 15% off). Why', or None when the brief rules the discount out."""
    cut = ctx.discount(int(offer["discount"]))
    if offer["discount"] and not cut:
        return None
    saving = f" (up to {cut}% off)" if cut else ""
    return f"{offer['name']}: {offer['mechanic']}{saving}; {offer['why']}"


def offers(ctx: Ctx) -> list[str]:
    """The archetype's offer types within the brief's discount rules."""
    return [line for line in (offer_line(ctx, o) for o in ctx.kb("offers")) if line]


def _offer_copy(ctx: Ctx, names: list[str]) -> list[str]:
    """Sample lines for the first two offers, in the brand's voice."""
    lines = [f"{names[0]}: \"{ctx.f.brand} takes the risk out of the first step.\" Ends on {day(ctx.phases[0].end)}"]
    if len(names) > 1:
        lines.append(f"{names[1]}: \"Made for people who are done with {ctx.pains[0]}.\" Ends on "
                     f"{day(ctx.phases[1].end)}")
    return lines


def _guardrails(ctx: Ctx) -> list[str]:
    cap_pct = ctx.discount_cap
    if cap_pct == 0:
        lines = ["No price discounts: value comes from added service, access and extras"]
    elif cap_pct is not None:
        lines = [f"No offer goes deeper than {cap_pct}% off, as the brief requires"]
    else:
        lines = ["Discounts stay occasional and dated; value-adds come first"]
    lines += ["Every offer has a start date, an end date and one audience",
              "Full-price moments stay full price, so the brand does not train people to wait"]
    return lines


@creative_composer("promotions_and_offers")
def promotions_and_offers(ctx: Ctx) -> list[Block]:
    """Value-first promotional strategy, offer types within the brief's limits, a dated offer calendar."""
    f = ctx.f
    types = offers(ctx)
    current = f" The current offer stays in place: {ctx.current_offer}." if ctx.current_offer else ""
    if ctx.brief.current_offers and not ctx.current_offer:
        current = f" The current offer is reworked to stay within the {ctx.discount_cap}% limit."
    must = f" Every offer message includes: {'; '.join(ctx.must_include)}." if ctx.must_include else ""
    principles = [f"Lead with value that answers {ctx.pains[0]}, not with price",
                  f"Tie each offer to one KPI: {ctx.kpi_text(ctx.kpis[0])}" if ctx.kpis else
                  "Tie each offer to one measurable result",
                  f"Run offers through {join_and([c.channel for c in ranked(ctx)[:3]])}"]
    order = ranked(ctx)
    names = [t.split(":")[0] for t in types]
    rows = [[p.span, names[i % len(names)], order[i % len(order)].channel,
             "new customers" if i == 0 else ("engaged prospects" if i == 1 else "existing customers")]
            for i, p in enumerate(ctx.phases)]
    return [
        section(heading("Promotional Strategy"),
                f"{f.brand} promotes with value first and price second. For {f.customer}, the deciding factor "
                f"is {ctx.pains[0]}, so each offer removes that risk instead of cutting the price.{current}{must}",
                bullets(principles)),
        section(heading("Offer Types"), bullets(types)),
        section(heading("Offer Messaging"), bullets(_offer_copy(ctx, names)), optional=True, priority=1),
        section(heading("Offer Calendar"), table(["Window", "Offer", "Channel", "Audience"], rows),
                optional=True, priority=1),
        section(heading("Guardrails"), bullets(_guardrails(ctx)), optional=True, priority=1),
        section(heading("Why Value Before Price"),
                f"Price cuts bring in bargain hunters who leave when the offer ends. Value-adds bring in people "
                f"who want what {f.brand} does best, and they stay for the next order. Every offer above is "
                f"sized so the campaign still reaches {lower_first(f.goal)}.", optional=True, priority=1),
        section(heading("Measurement"),
                f"Each offer is judged on incremental results against a holdout group, reviewed on "
                f"{day(ctx.phases[0].end)} and {day(ctx.phases[1].end)}.", optional=True, priority=2),
    ]


__all__ = ["influencer_strategy", "lower_first", "offers", "promotions_and_offers", "ugc_and_community_plan"]
