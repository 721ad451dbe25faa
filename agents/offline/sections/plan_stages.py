"""Stage strategies: awareness, consideration (acquisition), conversion (activation) and retention."""

from __future__ import annotations

from agents.offline.facts import day, join_and
from agents.offline.sections._plan_blocks import (
    audience_lines,
    channel_line,
    compose,
    dated_steps,
    guardrails,
    kpi_phrase,
    measure_builder,
    paired,
    stage_or_first_kpi,
)
from agents.offline.sections._plan_util import Plan, plan_composer
from tools.markdown import Block, bullets, numbered


def _kpi_sentence(plan: Plan, stage: str) -> str:
    kpi = stage_or_first_kpi(plan, stage)
    return f" The number to watch is {kpi_phrase(kpi)}." if kpi else ""


def _must_include(plan: Plan) -> list[str]:
    return [f"Say it plainly in every offer: {m.rstrip('.')}." for m in plan.inp.brief.must_include_messages
            if plan.ok(m)]


def _hooks(plan: Plan) -> list[str]:
    learned = [h for h in plan.inp.kaizen.high_performing_hooks if h.strip() and plan.ok(h)]
    return [*learned[:1], *plan.items("plan_hooks_offers", "hooks")]


def _offers(plan: Plan) -> list[str]:
    return plan.items("plan_hooks_offers", "offers")


# ---- awareness --------------------------------------------------------------------------------------
def _aw_objective(plan: Plan) -> list[str]:
    f = plan.f
    return [f"Make {plan.customer}{f.in_geo} connect {plan.brand} with an answer to {plan.pains[0]}. "
            f"Awareness work leads the calendar from {day(f.start)} to {day(plan.at(0.33))}. "
            f"It feeds the campaign goal: {plan.slots['goal']}.{_kpi_sentence(plan, 'awareness')}"]


def _aw_channels(plan: Plan) -> list[str]:
    chosen = plan.stage_channels("Awareness") + [c for c in plan.mix if c.stage == "Consideration"][:1]
    share = sum(c.budget_share for c in chosen[:4]) * 100
    return [bullets(channel_line(plan, c) for c in chosen[:4]),
            f"Together these channels carry {share:.0f}% of the plan. Each has one job, so results stay readable."]


def _aw_tactics(plan: Plan) -> list[str]:
    tactics = [f"{t.rstrip('.')} (owner: {plan.owner('social')})." for t in
               plan.items("plan_stage_playbook", "awareness")[:4]]
    return [bullets(dated_steps(plan, tactics, 0.0, 0.3)),
            f"Each tactic runs for at least three weeks before {plan.owner('lead')} judges it."]


def _audience(plan: Plan) -> list[str]:
    return [bullets(audience_lines(plan))]


def _guardrails(plan: Plan) -> list[str]:
    return [bullets(guardrails(plan))]


def _aw_hooks(plan: Plan) -> list[str]:
    return [f"Tone: {join_and(plan.f.tones)}. Lead hooks for {plan.brand}:", bullets(_hooks(plan)[:3])]


@plan_composer("awareness_strategy")
def awareness_strategy(plan: Plan) -> list[Block]:
    """Who should notice the brand, where, with which tactics and hooks."""
    intro = (f"{plan.brand} needs {plan.customer} to notice it before they compare options. "
             f"The plan uses {plan.channels_text(plan.stage_channels('Awareness'))} to earn that attention.")
    return compose(plan, intro, {
        "Objective": _aw_objective, "Key Channels": _aw_channels, "Core Tactics": _aw_tactics,
        "Audience Focus": _audience, "Messages and Hooks": _aw_hooks, "Measurement": measure_builder("awareness"),
        "Guardrails": _guardrails,
    }, note="awareness plan")


# ---- consideration ----------------------------------------------------------------------------------
def _co_channels(plan: Plan) -> list[str]:
    ranked = plan.ranked_mix
    chosen = [c for c in ranked if c.stage != "Retention"][:4] or ranked[:4]
    return [f"These channels reach {plan.customer} while they compare options:",
            bullets(channel_line(plan, c) for c in chosen[:4]),
            f"{plan.owner('analytics')} reports cost and volume per channel every Friday from "
            f"{day(plan.after(7))}."]


def _co_offers(plan: Plan) -> list[str]:
    lines = [f"Offer: {o}" for o in _offers(plan)[:2]] + [f"Hook: {h}" for h in _hooks(plan)[:2]]
    return [bullets(lines + _must_include(plan))]


def _co_flow(plan: Plan) -> list[str]:
    entry = plan.channels_text(plan.stage_channels("Awareness", "Consideration"), 2)
    cta = plan.items("plan_landing", "cta")
    return [numbered([
        f"Entry: a post or search result on {entry} carries one hook.",
        f"Landing: the page opens on {plan.pains[0]} and shows {plan.slots['proof']} above the fold.",
        f"Action: one button, '{cta[0] if cta else 'Get started'}', with {plan.offer}.",
        f"Follow-up: {plan.owned_channel} sends the next step within one hour.",
        f"Handover: {plan.owner('sales')} picks up every reply within one business day.",
    ])]


def _co_nurture(plan: Plan) -> list[str]:
    tactics = plan.items("plan_stage_playbook", "consideration")[:4]
    return [f"Nurture turns interest into trust for people who know {plan.brand} but are not ready. "
            f"It runs on {plan.owned_channel} and {plan.lead_channel}, owned by {plan.owner('crm')}.",
            bullets(dated_steps(plan, tactics, 0.1, 0.5)),
            f"Leads who open three messages in 14 days pass to {plan.owner('sales')} the same day."]


def _co_proof(plan: Plan) -> list[str]:
    proofs = plan.proofs or [plan.slots["proof"]]
    return [bullets([f"Show {p} next to every call to action." for p in proofs[:2]]
                    + [f"Compare honestly with {plan.f.competitor_phrase} on price, service and results."])]


@plan_composer("consideration_strategy")
def consideration_strategy(plan: Plan) -> list[Block]:
    """How interested people are acquired and nurtured towards a decision."""
    intro = (f"{plan.customer[0].upper() + plan.customer[1:]} compare {plan.brand} with "
             f"{plan.f.competitor_phrase} before they act. This stage wins that comparison.")
    return compose(plan, intro, {
        "Acquisition Channels": _co_channels, "Offers & Hooks": _co_offers, "Landing Flow": _co_flow,
        "Nurture Strategy": _co_nurture, "Proof Content": _co_proof, "Measurement": measure_builder("consideration"),
        "Audience Focus": _audience, "Guardrails": _guardrails,
    }, note="acquisition plan")


# ---- conversion -------------------------------------------------------------------------------------
def _cv_value(plan: Plan) -> list[str]:
    moment = plan.text("plan_activation", "first_value")
    return [f"For {plan.brand}, the first value moment is {moment}. Every step below shortens the road to it."
            f"{_kpi_sentence(plan, 'conversion')}"]


def _cv_steps(plan: Plan) -> list[str]:
    return [f"{plan.owner('crm')} owns this sequence on {plan.owned_channel}:",
            numbered(plan.items("plan_activation", "steps")[:5])]


def _cv_friction(plan: Plan) -> list[str]:
    return [f"Each friction point has a fix that ships before {day(plan.at(0.3))}:",
            bullets(plan.items("plan_activation", "frictions")[:4])]


def _cv_follow(plan: Plan) -> list[str]:
    return [bullets(dated_steps(plan, plan.items("plan_stage_playbook", "conversion")[:3], 0.3, 0.7))]


def _cv_tactics(plan: Plan) -> list[str]:
    tactics = [f"{t.rstrip('.')} (owner: {plan.owner('sales')})." for t in
               plan.items("plan_stage_playbook", "conversion")[:4]]
    return [f"The offer is {plan.offer}. These tactics turn intent into a first order:",
            bullets(tactics + _must_include(plan))]


@plan_composer("conversion_strategy")
def conversion_strategy(plan: Plan) -> list[Block]:
    """How interest becomes a first purchase and a first real win."""
    intro = (f"Conversion for {plan.brand} means a first purchase that leads to real use. "
             f"{plan.owner('sales')} owns the handover from interest to a first order.")
    return compose(plan, intro, {
        "First Value Moment": _cv_value, "Onboarding Steps": _cv_steps, "Friction Points": _cv_friction,
        "Conversion Tactics": _cv_tactics, "Measurement": measure_builder("conversion"), "Guardrails": _guardrails,
        "Rollout Dates": _cv_follow,
    }, note="conversion plan")


# ---- retention --------------------------------------------------------------------------------------
def _rt_drivers(plan: Plan) -> list[str]:
    drivers = plan.items("plan_retention", "drivers")[:3]
    actions = [f"How {plan.brand} acts: {t[0].lower()}{t[1:]}" for t in
               plan.items("plan_stage_playbook", "retention")[:3]]
    return [f"These drivers keep {plan.customer} with {plan.brand}:", bullets(paired(drivers, actions)),
            f"The main threat is {plan.pains[0]}. {plan.owner('ops')} reviews every complaint about it weekly."]


def _rt_loops(plan: Plan) -> list[str]:
    return [bullets(plan.items("plan_retention", "habit_loops")[:2]),
            f"Each loop runs on {plan.owned_channel} and {plan.owner('crm')} reviews it monthly. "
            f"A loop that loses half its users in a month gets a new trigger."]


_TIMING = ("within 24 hours", "on the day", "7 days ahead", "on the date")
_MESSAGE = ("a thank-you and the next step", "a progress note with one tip", "a personal note from the team",
            "an invitation with a reason to return")


def _rt_moments(plan: Plan) -> list[str]:
    moments = plan.items("plan_retention", "moments")[:4]
    details = [f"{plan.owned_channel}, {_TIMING[i % 4]}: {_MESSAGE[i % 4]}." for i in range(len(moments))]
    return [f"{plan.owner('crm')} owns these moments:", bullets(paired(moments, details))]


def _rt_signals(plan: Plan) -> list[str]:
    return [bullets(plan.items("plan_lifecycle", "at_risk")[:2] + plan.items("plan_lifecycle", "lapsed")[:1])]


def _rt_tactics(plan: Plan) -> list[str]:
    return [bullets(plan.items("plan_stage_playbook", "retention")[:3])]


def _rt_advocacy(plan: Plan) -> list[str]:
    return [bullets(plan.items("plan_stage_playbook", "advocacy")[:3])]


@plan_composer("retention_strategy")
def retention_strategy(plan: Plan) -> list[Block]:
    """What keeps customers coming back: drivers, habit loops and planned engagement moments."""
    intro = (f"Retention decides whether {plan.brand} reaches its goal: {plan.slots['goal']}. "
             f"Keeping a customer costs less than finding a new one.{_kpi_sentence(plan, 'retention')}")
    return compose(plan, intro, {
        "Retention Drivers": _rt_drivers, "Habit Loops": _rt_loops, "Engagement Moments": _rt_moments,
        "Measurement": measure_builder("retention"), "Churn Signals": _rt_signals, "Advocacy Loop": _rt_advocacy,
        "Guardrails": _guardrails,
    }, note="retention plan")
