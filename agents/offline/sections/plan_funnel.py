"""Funnel composers: funnel breakdown (map or drop-off audit) and the customer journey / lifecycle map."""

from __future__ import annotations

import re

from agents.offline.facts import day
from agents.offline.sections._plan_blocks import dated_steps, fit_note, kpi_phrase, stage_kpi
from agents.offline.sections._plan_util import Plan, plan_composer
from tools.markdown import Block, bullets, heading, numbered, section, table

FUNNEL = ("Awareness", "Consideration", "Conversion", "Retention", "Advocacy")
JOURNEY = ("Awareness", "Consideration", "Purchase", "Retention", "Advocacy")
LIFECYCLE = ("Pre-Purchase", "Onboarding", "Active", "At-Risk", "Lapsed")
_TRIGGER = re.compile(r"Trigger:\s*(?P<t>[^.]+)\.\s*Message:\s*(?P<m>[^.]+)\.?", re.IGNORECASE)
_KEYS = {"purchase": "conversion", "pre-purchase": "pre_purchase", "at-risk": "at_risk"}


def _key(stage: str) -> str:
    low = stage.lower()
    return _KEYS.get(low, low)


def _jobs(plan: Plan) -> dict[str, str]:
    return {
        "awareness": f"notice the answer to {plan.pains[0]}",
        "consideration": f"trust {plan.brand} over {plan.rival}",
        "conversion": "make a first purchase and get value fast",
        "retention": "come back and use it more",
        "advocacy": "recommend it to a peer or friend",
    }


def _stage_channels(plan: Plan, stage: str) -> list[str]:
    if stage == "advocacy":
        names = [c.channel for c in plan.mix if c.stage == "Retention"]
        return names[:2] or [plan.owned_channel]
    return [c.channel for c in plan.stage_channels(stage.capitalize())][:2]


def _ordered(plan: Plan, stages: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Stages to write, flagged required when the rules ask for them."""
    return [(s, plan.wants(s)) for s in stages]


def _funnel_map(plan: Plan) -> list[Block]:
    metrics = plan.pick("plan_stage_metrics")
    jobs = _jobs(plan)
    stages = _ordered(plan, FUNNEL)
    rows = [(s, jobs[_key(s)], ", ".join(_stage_channels(plan, _key(s))), plan.fill(metrics.get(_key(s), "")))
            for s, _ in stages]
    blocks = [section(
        f"{plan.brand_s} funnel takes {plan.customer} from first contact to referral. "
        f"Each stage has one job, named channels and one signal to watch.",
        heading("Stage Summary"), table(["Stage", "Job", "Channels", "Signal"], rows))]
    for n, (stage, required) in enumerate(stages):
        key = _key(stage)
        tactics = plan.items("plan_stage_playbook", key)[:2]
        kpi = stage_kpi(plan, key)
        owner = plan.owner(("social", "content", "sales", "crm", "crm")[n])
        lead = f"Target: {kpi_phrase(kpi)}." if kpi else f"Owner: {owner}."
        blocks.append(section(heading(stage), lead, bullets(tactics), optional=not required, priority=1))
    leaks = [f"**{s}**: {plan.fill(leak)}. Alert threshold: {plan.fill(check)}." for s, leak, check, *_ in
             plan.pick("plan_leaks")[:3]]
    blocks.append(section(heading("Where the Funnel Leaks"), bullets(leaks), optional=True, priority=2))
    blocks.append(section(fit_note(plan, "funnel"), optional=True, priority=3))
    return blocks


def _hypotheses(plan: Plan) -> list[str]:
    out = []
    for i, (stage, leak, _check, *fix) in enumerate(plan.pick("plan_leaks")[:4]):
        action = plan.fill(fix[0]) if fix else "remove the main friction at this step"
        start = plan.at(0.1 + 0.15 * i)
        out.append(f"If we {action}, the {stage.lower()} step improves, because {plan.fill(leak)} stops. "
                   f"Test from {day(start)} for two weeks.")
    return out


def _drop_off(plan: Plan) -> list[Block]:
    leaks = plan.pick("plan_leaks")
    stages = [f"**{s}**: {plan.fill(leak)}. Alert threshold: {plan.fill(check)}." for s, leak, check, *_ in
              leaks[:4]]
    pains = plan.pains
    worst = leaks[0][0].lower() if leaks else "first step"
    kpi = plan.kpis[0] if plan.kpis else None
    goal = f" Closing it matters most for {kpi_phrase(kpi)}." if kpi else ""
    major = [
        f"{'The brief names' if plan.has_pains else 'Expect'} {pains[0]} as the first complaint. "
        f"It usually costs the most at the {worst} step.{goal}",
        bullets([
            f"Leak 1: {pains[0]}, visible in reviews, replies and support tickets.",
            f"Leak 2: {pains[1] if len(pains) > 1 else 'slow follow-up after first contact'}, "
            f"which stalls people who are ready to act.",
            f"Leak 3: proof such as {plan.slots['proof']} is missing at the moment of decision.",
        ]),
    ]
    analyst = plan.owner("analytics")
    return [
        section(f"This audit maps where {plan.customer} drop out of {plan.brand_s} funnel. The thresholds are "
                f"planning benchmarks until {analyst} connects account data by {day(plan.after(14))}."),
        section(heading("Drop-Off Stages"), bullets(stages)),
        section(heading("Major Leaks"), *major),
        section(heading("Hypotheses"), numbered(_hypotheses(plan))),
        section(heading("Data to Collect"), bullets([
            f"Step-by-step conversion rates for the last 90 days, pulled by {analyst}.",
            "Top ten reasons in reviews, replies and support tickets, tagged by stage.",
            f"Time from first enquiry to first reply, by channel, from {day(plan.f.start)}.",
        ]), optional=True, priority=1),
        section(fit_note(plan, "diagnosis"), optional=True, priority=2),
    ]


@plan_composer("funnel_breakdown")
def funnel_breakdown(plan: Plan) -> list[Block]:
    """The funnel map by stage, or a drop-off audit with leaks and hypotheses."""
    if plan.wants("Drop-Off") or plan.wants("Leaks"):
        return _drop_off(plan)
    return _funnel_map(plan)


def _split_trigger(text: str) -> tuple[str, str]:
    match = _TRIGGER.search(text)
    if not match:
        return text, ""
    return match.group("t").strip(), match.group("m").strip()


def _lifecycle(plan: Plan) -> list[Block]:
    owners = ("content", "crm", "crm", "ops", "crm")
    rows, blocks = [], []
    for n, (stage, required) in enumerate(_ordered(plan, LIFECYCLE)):
        items = plan.items("plan_lifecycle", _key(stage))[:2]
        trigger, message = _split_trigger(items[0]) if items else ("a stage change", "the next step")
        channel = plan.owned_channel if n else plan.lead_channel
        rows.append((stage, trigger, message, channel, plan.owner(owners[n])))
        lines = [f"{t.rstrip('.')}." if not m else f"Trigger: {t}. Send: {m}." for t, m in map(_split_trigger, items)]
        blocks.append(section(heading(stage), bullets(lines), optional=not required, priority=1))
    intro = section(
        f"{plan.brand} treats every customer as moving through five lifecycle stages. Each has a trigger, "
        f"a message and an owner, starting {day(plan.f.start)}.",
        heading("Lifecycle Overview"), table(["Stage", "Trigger", "Message", "Channel", "Owner"], rows))
    extra = section(heading("Lifecycle Rules"), bullets([
        "One customer gets at most three marketing messages a week across all channels.",
        f"At-risk triggers pause promotional sends until {plan.owner('ops')} has replied.",
        f"{plan.owner('analytics')} reviews stage movement every month from {day(plan.after(30))}.",
    ]), optional=True, priority=2)
    return [intro, *blocks, extra, section(fit_note(plan, "lifecycle map"), optional=True, priority=3)]


def _journey(plan: Plan) -> list[Block]:
    questions = plan.pick("plan_journey_questions")
    rows, blocks = [], []
    for stage, required in _ordered(plan, JOURNEY):
        key = _key(stage)
        question = plan.fill(questions.get(stage.lower(), questions.get(key, "")))
        tactics = plan.items("plan_stage_playbook", key)
        touch = ", ".join(_stage_channels(plan, key))
        rows.append((stage, question, touch, tactics[0] if tactics else ""))
        blocks.append(section(heading(stage), f"The customer asks: \"{question}\"", bullets(tactics[1:3]),
                              optional=not required, priority=1))
    intro = section(
        f"This map follows {plan.customer} from first contact with {plan.brand} to recommending it. "
        f"Each stage pairs the customer's question with a planned move.",
        heading("Journey Overview"), table(["Stage", "Customer Question", "Touchpoints", "Our Move"], rows))
    moments = dated_steps(plan, [f"Review the {s.lower()} stage with live data." for s in JOURNEY[:3]], 0.2, 0.8)
    return [intro, *blocks, section(heading("Review Points"), bullets(moments), optional=True, priority=2),
            section(fit_note(plan, "journey"), optional=True, priority=3)]


@plan_composer("customer_journey_map")
def customer_journey_map(plan: Plan) -> list[Block]:
    """A journey map by funnel stage, or a lifecycle map (pre-purchase to lapsed) for CRM packs."""
    if plan.wants("Lapsed") or plan.wants("At-Risk") or plan.wants("Onboarding"):
        return _lifecycle(plan)
    return _journey(plan)
