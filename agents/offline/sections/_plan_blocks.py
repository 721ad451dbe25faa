"""Heading-driven assembly for plan sections: each required heading gets its builder's content."""

from __future__ import annotations

from collections.abc import Callable

from agents.offline.facts import day, join_and
from agents.offline.sections._plan_util import Plan
from tools.markdown import Block, bullets, heading, section
from tools.result import ChannelAllocation, KpiTarget

Builder = Callable[[Plan], list[str]]

STAGE_WORDS = {
    "awareness": ("follow", "reach", "impression", "awareness", "subscriber", "view", "audience"),
    "consideration": ("demo", "lead", "sign-up", "signup", "booking", "appointment", "trial", "enquir",
                      "waitlist", "mql", "qualified", "call"),
    "conversion": ("order", "conversion", "sale", "revenue", "member", "customer", "cac", "cost", "paid",
                   "donor", "enrol", "application"),
    "retention": ("churn", "repeat", "retention", "lifetime", "ltv", "renewal", "rating", "review", "skip"),
}
STAGE_KEYS = {"purchase": "conversion", "advocacy": "advocacy", "awareness": "awareness",
              "consideration": "consideration", "conversion": "conversion", "retention": "retention"}


def compose(plan: Plan, intro: str, builders: dict[str, Builder], note: str | None = None) -> list[Block]:
    """Intro, one block per required heading (in the rules' order), optional extras, then a fit note."""
    blocks = [section(intro)]
    used: set[str] = set()
    for wanted in plan.rules_headings:
        key = _match(wanted, builders)
        if key is None:
            continue
        used.add(key)
        blocks.append(section(heading(wanted), *builders[key](plan)))
    for n, key in enumerate(k for k in builders if k not in used):
        blocks.append(section(heading(key), *builders[key](plan), optional=True, priority=n + 1))
    if note:
        blocks.append(section(fit_note(plan, note), optional=True, priority=len(builders) + 1))
    return blocks


def _match(wanted: str, builders: dict[str, Builder]) -> str | None:
    low = wanted.lower()
    for key in builders:
        if key.lower() == low:
            return key
    return next((key for key in builders if low in key.lower() or key.lower() in low), None)


def channel_line(plan: Plan, channel: ChannelAllocation) -> str:
    """'**LinkedIn** ($13,200, 22%): founder and expert posts that reach buying committees.'"""
    return f"**{channel.channel}** ({plan.spend(channel)}): {channel.role}."


def stage_kpi(plan: Plan, stage: str) -> KpiTarget | None:
    """The strategy KPI that best belongs to a funnel stage (None when nothing fits)."""
    words = STAGE_WORDS.get(STAGE_KEYS.get(stage.lower(), stage.lower()), ())
    for kpi in plan.kpis:
        if any(w in kpi.kpi.lower() for w in words):
            return kpi
    return None


def stage_or_first_kpi(plan: Plan, stage: str) -> KpiTarget | None:
    """The stage's strategy KPI, else the first strategy KPI (None when there are none)."""
    return stage_kpi(plan, stage) or (plan.kpis[0] if plan.kpis else None)


def kpi_phrase(kpi: KpiTarget) -> str:
    """'marketing-qualified leads reaching 500 by 2027-03-31' (same value as the strategy)."""
    base = f" from {kpi.baseline}" if kpi.baseline else ""
    return f"{kpi.kpi} reaching {kpi.target}{base} by {day(kpi.by)}"


def measure_lines(plan: Plan, stage: str) -> list[str]:
    """Bullets naming the stage signal, the strategy KPI it serves and who reviews it."""
    metrics = plan.pick("plan_stage_metrics")
    signal = metrics.get(STAGE_KEYS.get(stage.lower(), stage.lower()), "weekly progress")
    out = [f"Stage signal: {plan.fill(signal)}, reviewed every Friday by {plan.owner('analytics')}."]
    kpi = stage_or_first_kpi(plan, stage)
    if kpi:
        out.append(f"Campaign KPI it feeds: {plan.kpi_line(kpi)}.")
    out.append(f"First read-out on {day(plan.at(0.25))}; budget or effort moves after {day(plan.at(0.4))}.")
    return out


def measure_builder(stage: str) -> Builder:
    """A 'Measurement' builder for a funnel stage: its ``measure_lines`` as bullets."""

    def build(plan: Plan) -> list[str]:
        return [bullets(measure_lines(plan, stage))]

    return build


def audience_lines(plan: Plan) -> list[str]:
    """The strategy's audiences with their descriptions and pains, one bullet each."""
    out = []
    for audience in plan.inp.strategy.audiences[:3]:
        pains = f" Pains: {', '.join(audience.pain_points[:2])}." if audience.pain_points else ""
        name = "Primary buyers" if audience.name.lower() == "primary" else audience.name
        desc = audience.description.rstrip(".")
        if desc.lower().startswith(name.lower()) and len(desc) > len(name) + 3:
            desc = desc[len(name):].lstrip(" ,:-")
        out.append(f"**{name}**: {desc}.{pains}")
    return [line for line in out if plan.ok(line)]


def guardrails(plan: Plan) -> list[str]:
    """Offer and claim guardrails drawn from the brief's constraints and tone."""
    brief = plan.inp.brief
    out = [f"Any saving stays at or under {plan.discount} off; rewards favour access, service and extras.",
           f"Claims quote only verified proof, such as {plan.slots['proof']}."]
    out += [f"Brief constraint honoured: {c.rstrip('.')}." for c in brief.constraints[:2] if plan.ok(c)]
    if not plan.paid_ok:
        out.append("No paid media: every tactic runs on owned and organic channels.")
    out.append(f"Voice: {join_and(plan.f.tones)}.")
    return out


def dated_steps(plan: Plan, items: list[str], start: float = 0.0, end: float = 1.0) -> list[str]:
    """Prefix items with dates spread between two fractions of the timeline."""
    if not items:
        return []
    step = (end - start) / max(1, len(items))
    return [f"{day(plan.at(start + step * i))}: {item}" for i, item in enumerate(items)]


def fit_note(plan: Plan, topic: str) -> str:
    """A short paragraph on why the plan fits this brief: pains, rivals, proof and tone."""
    brief = plan.inp.brief
    pains = join_and(plan.pains[:3])
    rivals = (f" Buyers will compare it with {plan.f.competitor_phrase}, so every claim needs proof."
              if brief.competitors else " Buyers will compare it with their current habit, so claims need proof.")
    noun = "the problem" if len(plan.pains[:3]) == 1 else "the problems"
    source = "the brief names" if plan.has_pains else f"buyers in {plan.industry.lower()} usually report"
    return (f"Why this {topic} fits {plan.brand}: {source} {pains} as {noun} to solve.{rivals} "
            f"The strongest evidence is {plan.slots['proof']}. The voice stays {join_and(plan.f.tones)}.")


def paired(first: list[str], second: list[str]) -> list[str]:
    """'**First item.** Second item.' bullets, pairing two lists by position."""
    out = []
    for i, head in enumerate(first):
        tail = second[i] if i < len(second) else ""
        out.append(f"**{head.rstrip('.')}.** {tail}".strip())
    return out
