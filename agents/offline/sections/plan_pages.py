"""Landing page blueprint and remarketing (or monetisation and upsell) composers."""

from __future__ import annotations

import re

from agents.offline.facts import day, join_and
from agents.offline.sections._plan_blocks import compose, fit_note, guardrails, kpi_phrase
from agents.offline.sections._plan_util import Plan, plan_composer
from tools.markdown import Block, bullets, heading, section, table


def _ctas(plan: Plan) -> list[str]:
    return plan.items("plan_landing", "cta") or ["Get started", "Learn more"]


def _must_include(plan: Plan) -> list[str]:
    return [f"Must-say line: {m.rstrip('.')}." for m in plan.inp.brief.must_include_messages if plan.ok(m)]


@plan_composer("landing_page_blueprint")
def landing_page_blueprint(plan: Plan) -> list[Block]:
    """The landing page block by block: hero, proof, offer, call to action and FAQ."""
    ctas = _ctas(plan)
    proof = plan.items("plan_landing", "proof")[:3]
    benefits = plan.items("plan_landing", "benefits")[:3]
    faq = [(plan.fill(q), plan.fill(a)) for q, a in plan.pick("plan_landing").get("faq", [])][:3]
    traffic = plan.channels_text(plan.ranked_mix, 2)
    structure = [
        ("Hero", "headline, subhead, one button", "state the promise in five seconds"),
        ("Social proof", "reviews and verified results", "make the promise believable"),
        ("Offer & benefits", "the offer and three benefits", "give a reason to act now"),
        ("Call-to-action", f"'{ctas[0]}' button, repeated twice", "one clear next step"),
        ("FAQ", "three objections answered", "remove the last doubts"),
    ]
    kpi = plan.kpis[0] if plan.kpis else None
    goal = f" It serves {kpi_phrase(kpi)}." if kpi else ""
    return [
        section(f"{plan.brand_s} landing page turns traffic from {traffic} into action. It speaks to "
                f"{plan.customer} and answers {plan.pains[0]} in the first screen.{goal}",
                heading("Page Structure"), table(["Block", "What It Shows", "Job"], structure)),
        section(heading("Hero Section"), bullets([
            f"Headline: \"{plan.text('plan_landing', 'hero').rstrip('.')}\".",
            f"Subhead: \"{plan.text('plan_landing', 'subhead').rstrip('.')}\".",
            f"Visual: a real customer using {plan.product}, shot on location, never stock imagery.",
        ])),
        section(heading("Social Proof"), bullets(proof),
                "Proof sits directly under the hero, before any price is shown."),
        section(heading("Offer & Benefits"), f"The offer is {plan.offer}.", bullets(benefits + _must_include(plan))),
        section(heading("Call-to-Action"), bullets([
            f"Primary button: '{ctas[0]}', above the fold and again after the FAQ.",
            f"Secondary link: '{ctas[1] if len(ctas) > 1 else 'Learn more'}', for people not ready to act.",
            f"Confirmation on {plan.owned_channel} within five minutes, with the next step.",
        ])),
        section(heading("FAQ"), bullets(f"**{q}** {a}" for q, a in faq)),
        section(heading("Tracking and Tests"), bullets([
            f"{plan.owner('analytics')} tags every button and form before launch on {day(plan.after(7))}.",
            f"Test 1 from {day(plan.at(0.2))}: the pain-led headline against a proof-led headline.",
            f"Test 2 from {day(plan.at(0.45))}: offer above the fold against offer after proof.",
        ]), optional=True, priority=1),
        section(fit_note(plan, "page"), optional=True, priority=2),
    ]


# ---- remarketing ------------------------------------------------------------------------------------
def _paid_names(plan: Plan) -> list[str]:
    return [c.channel for c in plan.mix if c.paid]


_KNOWN = re.compile(r"customer|buyer|subscriber|member|donor|patient|guest|graduate|owner|client|no-show|"
                    r"attendee|trial user|regular|learner|user|recipient", re.IGNORECASE)


def _reach(plan: Plan, audience: str) -> str:
    paid = _paid_names(plan)
    if _KNOWN.search(audience):
        return f"{plan.owned_channel} (known contacts)"
    if plan.paid_ok and paid:
        return paid[0]
    return "pinned organic posts and community replies"


def _audiences(plan: Plan) -> list[str]:
    out = []
    for name, window, message in plan.pick("plan_remarketing").get("audiences", [])[:4]:
        line = f"**{name}** ({window}): show {plan.fill(message)} via {_reach(plan, name)}."
        if plan.ok(line):
            out.append(line)
    return out


def _audience_block(plan: Plan) -> list[str]:
    return [bullets(_audiences(plan))]


def _strategy(plan: Plan) -> list[str]:
    paid = [c for c in plan.mix if c.paid]
    if plan.paid_ok and paid:
        lines = join_and([f"{c.channel} ({plan.spend(c)})" for c in paid[:2]])
        noun = "line" if len(paid[:2]) == 1 else "lines"
        money = f"Remarketing runs inside the existing {lines} {noun}; it adds no new budget."
    else:
        money = (f"{plan.brand} re-engages people through owned and organic channels only: "
                 f"{plan.owned_channel}, community replies and organic posts. No media budget is needed.")
    steps = plan.items("plan_remarketing_rules", "sequence")[:4]
    return [money, bullets([*steps, "Converters leave the sequence within 24 hours."])]


def _frequency(plan: Plan) -> list[str]:
    caps = plan.items("plan_remarketing_rules", "caps")[:3]
    return [bullets([*caps, f"Rotate creative every 14 days, starting {day(plan.after(14))}."])]


def _creative(plan: Plan) -> list[str]:
    hooks = plan.items("plan_hooks_offers", "hooks")[:3]
    return [bullets(f"Creative {n + 1}: {h}" for n, h in enumerate(hooks))]


def _measure(plan: Plan) -> list[str]:
    kpi = plan.kpis[0] if plan.kpis else None
    lines = ["Hold out 10% of each audience to measure incremental orders, not just clicks.",
             f"{plan.owner('analytics')} reports cost per re-engaged customer every two weeks."]
    if kpi:
        lines.append(f"Remarketing supports {plan.kpi_line(kpi)}.")
    return [bullets(lines)]


def _streams(plan: Plan) -> list[str]:
    labels = ("Primary", "Secondary", "Third")
    streams = plan.items("plan_remarketing", "revenue")[:3]
    return [f"{plan.brand} earns from {len(streams)} streams, in order of priority:",
            bullets(f"**{labels[i]}**: {s}" for i, s in enumerate(streams))]


def _pricing(plan: Plan) -> list[str]:
    return [bullets(plan.items("plan_remarketing", "pricing")[:3]),
            "Price changes are tested on new customers first and announced to existing ones 30 days ahead."]


def _upsell(plan: Plan) -> list[str]:
    moves = plan.items("plan_remarketing", "upsell")[:3]
    owner = plan.owner("crm")
    return [bullets(f"{m.rstrip('.')} (owner: {owner})." for m in moves),
            f"First upsell review on {day(plan.at(0.5))}, using repeat-order data."]


@plan_composer("remarketing_strategy")
def remarketing_strategy(plan: Plan) -> list[Block]:
    """Re-engagement of warm audiences, or monetisation and upsell logic, as the benchmark asks."""
    intro = (f"Most people who engage with {plan.brand} do not buy on the first visit. This plan brings "
             f"warm {plan.customer} back with the right message at the right time.")
    if plan.wants("Revenue Streams") or plan.wants("Pricing"):
        intro = (f"{plan.brand} grows revenue per customer, not only customer count. The logic below keeps "
                 f"value fair for {plan.customer}.")
    common = {"Frequency and Exclusions": _frequency, "Creative Sequence": _creative, "Measurement": _measure,
              "Guardrails": lambda p: [bullets(guardrails(p))]}
    if plan.wants("Revenue Streams") or plan.wants("Pricing"):
        builders = {"Revenue Streams": _streams, "Pricing Logic": _pricing, "Upsell & Cross-sell": _upsell,
                    "Remarketing Audiences": _audience_block, **common}
    elif plan.wants("Retargeting"):
        builders = {"Retargeting Strategy": _strategy, "Audience Segmentation": _audience_block, **common}
    else:
        builders = {"Remarketing Audiences": _audience_block, "Strategy": _strategy, **common}
    return compose(plan, intro, builders, note="plan")
