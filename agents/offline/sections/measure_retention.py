"""Retention sections: loyalty concepts, win-back, post-purchase experience and churn diagnosis."""

from __future__ import annotations

from agents.offline.facts import day, join_and
from agents.offline.sections._measure_blocks import a_an, assemble, bullets, para, voice_para
from agents.offline.sections._measure_util import Ctx, measure_composer
from tools.markdown import Block, table


def _retention_kpis(ctx: Ctx, n: int = 2) -> list[str]:
    """Retention-flavoured strategy targets, quoted exactly (falls back to the first main targets)."""
    words = ("churn", "repeat", "retention", "lifetime", "renewal", "member", "recurring", "activation")
    picked = [k for k in ctx.main_kpis if any(w in k.kpi.lower() for w in words)][:n] or ctx.main_kpis[:n]
    return [ctx.kpi_text(k) for k in picked]


def _sms_ok(ctx: Ctx) -> bool:
    return ctx.channel("SMS") is not None and not ctx.avoided("SMS")


# --- loyalty ------------------------------------------------------------------------------------


def _loyalty_lead(ctx: Ctx) -> str:
    return para(
        f"{ctx.brand} needs reasons for {ctx.life['units']} to stay that do not give margin away",
        f"The goal is to {ctx.goal}",
        f"Each concept rewards the behaviour that predicts retention: {ctx.life['north_star']}",
    )


def _concepts(ctx: Ctx) -> list[str]:
    rows = [(name, ctx.fill(mech), ctx.fill(who), ctx.fill(why)) for name, mech, who, why
            in ctx.kb("measure_loyalty_concepts")]
    return [table(["Concept", "Mechanic", "Who it targets", "Why it fits"], rows)]


def _loyalty_offers(ctx: Ctx) -> list[str]:
    items = []
    for trigger, template, pct in ctx.kb("measure_loyalty_offers"):
        offer = ctx.offer(template, int(pct))
        if offer:
            items.append(f"When {ctx.fill(trigger)}: {offer}")
    items += ctx.brief_offers
    return [bullets(items)]


def _outcomes(ctx: Ctx) -> list[str]:
    items = [f"Strategy target: {t}" for t in _retention_kpis(ctx)]
    items += [
        "Each concept is read against a 10% holdout that gets no perks, so the lift is real",
        f"Planning assumption: members of a concept show a higher {ctx.life['repeat']} rate than the holdout",
        f"Read-outs at {day(ctx.midpoint)} and {day(ctx.f.end)}; concepts without lift by then are retired",
    ]
    return [bullets(items)]


def _loyalty_guardrails(ctx: Ctx) -> list[str]:
    cap = ctx.discount_cap
    disc = f"no reward deeper than {cap}% off" if cap else "no percentage discounts at all"
    return [bullets([
        f"Margin: value-adds first, {disc}",
        "One active perk per customer at a time, so offers never stack",
        f"Perks never go to {ctx.life['units']} who were already about to buy: suppress anyone who bought in 7 days",
    ])]


def _loyalty_launch(ctx: Ctx) -> list[str]:
    return [bullets([
        f"{ctx.on(7)}: perks, tracking and holdout group set up",
        f"{ctx.on(14)}: first concept live for the best-fit segment",
        f"{day(ctx.midpoint)}: second concept added if the first shows lift",
    ])]


@measure_composer("loyalty_program_concepts")
def loyalty(ctx: Ctx) -> list[Block]:
    """Re-engagement and loyalty concepts with triggers, offers and expected outcomes."""
    known = [("Campaign Concepts", _concepts), ("Offers & Triggers", _loyalty_offers),
             ("Expected Outcomes", _outcomes)]
    extras = [("Guardrails", _loyalty_guardrails, 1), ("Launch Plan", _loyalty_launch, 2),
              ("Message Tone", lambda c: [voice_para(c, "Loyalty messaging", 1)], 3)]
    return assemble(ctx, known, lead=_loyalty_lead(ctx), extras=extras)


# --- win-back -----------------------------------------------------------------------------------


def _winback_lead(ctx: Ctx) -> str:
    life = ctx.life
    return para(
        f"For {ctx.brand}, {a_an(str(life['unit']))} counts as lapsed after {life['lapse_days']} days "
        "of inactivity",
        "The sequence leads with value and service, and only then with an incentive",
        f"It serves the goal to {ctx.goal}",
    )


def _winback_triggers(ctx: Ctx) -> list[str]:
    return [bullets(ctx.clean(ctx.fills(ctx.kb("measure_winback")["triggers"])))]


def _winback_steps(ctx: Ctx) -> list[str]:
    steps = ctx.kb("measure_winback")["steps"]
    rows = []
    for i, (offset, message) in enumerate(steps):
        channel = "SMS (opted-in only)" if i == 2 and _sms_ok(ctx) else "Email"
        rows.append((f"Day {offset}", channel, ctx.fill(message)))
    return [table(["Step", "Channel", "Message"], rows),
            para("Any purchase, reply or booking ends the sequence at once")]


def _winback_offers(ctx: Ctx) -> list[str]:
    items = [o for t, pct in ctx.kb("measure_winback")["incentives"] if (o := ctx.offer(t, int(pct)))]
    cap = ctx.discount_cap
    items.append(f"Ceiling: {cap}% off at most, used once per {ctx.life['unit']} a year" if cap
                 else "No discounts: incentives stay value-adds")
    items += ctx.brief_offers
    return [bullets(items)]


def _winback_measure(ctx: Ctx) -> list[str]:
    items = [
        f"Reactivation rate: share of lapsed {ctx.life['units']} who return within 30 days of step 1",
        "A 10% holdout gets no sequence, so the lift is measured, not assumed",
        "Incentive cost per reactivated customer is tracked next to the reactivation rate",
    ]
    items += [f"Contributes to {t}" for t in _retention_kpis(ctx, 1)]
    return [bullets(items)]


def _winback_rules(ctx: Ctx) -> list[str]:
    return [bullets([
        "Contacts with an open complaint get a personal reply first, never an automated offer",
        "After the last step, inactive contacts move to a quarterly list or are suppressed",
        f"The first lapsed cohort enters on {ctx.on(14)}; results are reviewed on {day(ctx.midpoint)}",
    ])]


@measure_composer("winback_sequence")
def winback(ctx: Ctx) -> list[Block]:
    """Win-back triggers, day-by-day steps and capped incentives."""
    known = [("Win-Back Triggers", _winback_triggers), ("Sequence Steps", _winback_steps),
             ("Offers & Incentives", _winback_offers)]
    extras = [("Measurement", _winback_measure, 1),
              ("Message Tone", lambda c: [voice_para(c, "Win-back copy")], 2),
              ("Suppression Rules", _winback_rules, 3)]
    return assemble(ctx, known, lead=_winback_lead(ctx), extras=extras)


# --- post-purchase ------------------------------------------------------------------------------


def _pp_lead(ctx: Ctx) -> str:
    return para(
        f"What happens after the sale decides whether {ctx.f.customer} stay and buy again",
        f"{ctx.brand} plans each moment so the {ctx.life['repeat']} feels like the obvious next step",
    )


def _moments(ctx: Ctx) -> list[str]:
    rows = [(f"Day {d}", moment, ctx.fill(action)) for d, moment, action in ctx.kb("measure_post_purchase")]
    return [table(["When", "Moment", "What happens"], rows)]


def _touchpoints(ctx: Ctx) -> list[str]:
    items = [f"{name}: {purpose}" for name, purpose in ctx.kb("measure_touchpoints")]
    if not _sms_ok(ctx):
        items = [i for i in items if "text messages" not in i]
    items += ctx.brief_offers[1:] if ctx.inp.brief.current_offers else ctx.brief_offers
    return [bullets(ctx.clean(items))]


def _recovery(ctx: Ctx) -> list[str]:
    pains = ctx.f.pains[:3] or [ctx.pain(0)]
    items = [f"When a customer raises {p}: a named owner replies within 24 hours with a fix and a date"
             for p in pains]
    items.append("Every recovery ends with a short check that the customer is satisfied")
    return [bullets(items)]


def _pp_measure(ctx: Ctx) -> list[str]:
    items = [
        "Onboarding satisfaction after kickoff, 9 out of 10 or better (benchmark)",
        "Accounts that agree to a reference or case study, per 10 onboarded",
    ] if ctx.b2b else [
        "Satisfaction score after the first delivery or session, 4.5 out of 5 or better (benchmark)",
        "Review rate per 100 orders and the share of reviews with photos",
    ]
    items += [
        f"Time to the {ctx.life['repeat']}, tracked by monthly cohort",
    ]
    items += [f"Strategy target: {t}" for t in _retention_kpis(ctx, 1)]
    return [bullets(items)]


@measure_composer("post_purchase_experience")
def post_purchase(ctx: Ctx) -> list[Block]:
    """Post-purchase key moments, touchpoints and service recovery."""
    known = [("Key Moments", _moments), ("Touchpoints", _touchpoints)]
    extras = [("Service Recovery", _recovery, 1), ("Measurement", _pp_measure, 2),
              ("Voice After the Sale", lambda c: [voice_para(c, "Every post-purchase message", 2)], 3)]
    return assemble(ctx, known, lead=_pp_lead(ctx), extras=extras)


# --- churn --------------------------------------------------------------------------------------


def _churn_lead(ctx: Ctx) -> str:
    return para(
        f"This is a diagnosis plan for {ctx.brand}: the signals and causes below are hypotheses to confirm",
        "They are checked against the client's own data before any fix is funded",
        f"The target stays the goal: {ctx.goal}",
    )


def _signals(ctx: Ctx) -> list[str]:
    items = ctx.clean(f"Watch: {s}" for s in ctx.fills(ctx.kb("measure_churn")["signals"]))
    return [para("Thresholds are planning assumptions until two months of baseline exist"), bullets(items)]


def _causes(ctx: Ctx) -> list[str]:
    items = [f"Hypothesis from the brief: trouble with {p} is a reason {ctx.life['units']} leave"
             for p in ctx.f.pains[:2]]
    items += [f"Hypothesis: {c}" for c in ctx.fills(ctx.kb("measure_churn")["causes"])[:3]]
    items.append("Confirm each one with exit-survey tags, support logs and cohort curves")
    return [bullets(items)]


def _levers(ctx: Ctx) -> list[str]:
    rows = [(ctx.fill(lever), owner, metric) for lever, owner, metric in ctx.kb("measure_churn")["levers"]]
    return [table(["Lever", "Owner", "Metric it moves"], rows),
            para(f"Levers are funded in order of the causes confirmed first, starting {ctx.on(21)}")]


def _churn_data(ctx: Ctx) -> list[str]:
    channels = join_and([c.channel for c in ctx.mix][:4])
    return [bullets([
        f"Cancellations and lapses by month of {ctx.life['conversion']}, for the last 12 months",
        "Exit-survey answers and support tickets tagged by reason",
        f"Acquisition source of churned {ctx.life['units']}, split by {channels}",
    ])]


def _churn_timeline(ctx: Ctx) -> list[str]:
    items = [f"{ctx.on(7)}: data pulled and cohort curves built",
             f"{ctx.on(21)}: top 3 causes confirmed or rejected",
             f"{day(ctx.midpoint)}: first levers read against a holdout"]
    items += [f"Target: {t}" for t in _retention_kpis(ctx, 1)]
    return [bullets(items)]


def _confirm(ctx: Ctx) -> str:
    life = ctx.life
    return para(
        "A cause counts as confirmed when it shows up in two sources: exit reasons and behaviour before leaving",
        f"Each monthly cohort of {life['units']} is followed from {life['conversion']} to its {life['repeat']}",
        "The month where the curve drops most tells the team which moment to fix first",
        f"The north-star check for {ctx.brand} stays the same throughout: {life['north_star']}",
    )


@measure_composer("churn_diagnosis")
def churn(ctx: Ctx) -> list[Block]:
    """Churn signals, root-cause hypotheses and retention levers with owners."""
    known = [("Churn Signals", _signals), ("Root Causes", _causes),
             ("Retention Levers", _levers)]
    extras = [("Data to Pull", _churn_data, 1), ("Diagnosis Timeline", _churn_timeline, 2),
              ("How a Cause Is Confirmed", lambda c: [_confirm(c)], 3)]
    return assemble(ctx, known, lead=_churn_lead(ctx), extras=extras)
