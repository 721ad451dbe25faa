"""Strategy composers that turn analysis into decisions: strategic recommendations and the risk assessment."""

from __future__ import annotations

from agents.offline.facts import cap, day, join_and, lower_first, sentence
from agents.offline.sections._strategy_util import Ctx, strategy_composer
from agents.offline.sections.strategy_market import regulated
from tools.markdown import Block, bullets, heading, numbered, section


def _priorities(ctx: Ctx) -> list[str]:
    return [f"{p['name']}: {p['action']}, because {p['why']}" for p in ctx.kb("priorities")[:4]]


def _channel_recs(ctx: Ctx) -> list[str]:
    return [f"{c.channel} ({ctx.channel_share(c)}): {ctx.channel_move(c)}" for c in ctx.channels[:5]]


def _message_recs(ctx: Ctx) -> list[str]:
    f = ctx.f
    proof = join_and(ctx.proofs[:2]) if ctx.proofs else ctx.kb("proof_formats")[0]
    out = [f"Lead every asset with the outcome: {f.brand} {ctx.benefit}",
           f"Put proof next to every call to action: {proof}"]
    out += [f"Carry the client's line verbatim: \"{m}\"" for m in ctx.brief.must_include_messages[:2]]
    out.append(f"Keep the voice {ctx.tones}")
    return out[:4]


def _first_month(ctx: Ctx) -> list[str]:
    cal = ctx.strategy.calendar
    picks = [cal[i] for i in (0, 7, 14) if i < len(cal)]
    out = [f"{day(e.date)}: {e.theme} on {e.channel}" for e in picks]
    return out or [f"{day(ctx.f.start)}: launch the hero assets"]


def _stop_list(ctx: Ctx) -> list[str]:
    out = ["Stop spreading effort across channels outside the plan's mix"]
    if ctx.discount_cap is not None:
        out.append(f"Stop any promotion deeper than {ctx.discount_cap}% off")
    else:
        out.append("Stop leading with price cuts; lead with proof")
    if not ctx.paid_ok:
        out.append("Keep growth organic: owned channels, partners and referrals carry reach")
    out.append("Stop reporting reach without its effect on the goal")
    return out


@strategy_composer("strategic_recommendations")
def strategic_recommendations(ctx: Ctx) -> list[Block]:
    """Priorities, channel, message and measurement recommendations with owners and dates."""
    f = ctx.f
    measures = [ctx.kpi_line(k) for k in ctx.kpis[:3]]
    return [
        section(heading("Strategic Priorities"),
                f"Four priorities give {f.brand} the best odds of reaching the goal: "
                f"{lower_first(f.goal).rstrip('.')}.",
                numbered(_priorities(ctx))),
        section(heading("Channel Recommendations"), bullets(_channel_recs(ctx))),
        section(f"{'Budget' if f.has_budget else 'Effort'} moves to the two best-performing channels at the midpoint, "
                f"{day(ctx.phases[1].start)}, if the data supports it.", optional=True, priority=1),
        section(heading("Messaging Recommendations"), bullets(_message_recs(ctx))),
        section(heading("Measurement Recommendations"), bullets(measures),
                "Baselines are recorded in week 1 and the numbers are reviewed every Monday."),
        section(heading("First 30 Days"), bullets(_first_month(ctx)), optional=True, priority=1),
        section(heading("What to Stop"), bullets(_stop_list(ctx)), optional=True, priority=2),
        section(heading("Owners and Cadence"), _owners(ctx), optional=True, priority=2),
        section(_why_these(ctx), optional=True, priority=1),
    ]


def _owners(ctx: Ctx) -> str:
    p1, p2, _ = ctx.phases
    return " ".join([
        "The marketing lead owns the plan and the weekly numbers.",
        f"A content owner ships the hero assets by {day(p1.end)}.",
        f"{'Sales' if ctx.f.b2b else 'The customer team'} owns follow-up on every lead or order within 48 hours.",
        f"Leadership reviews progress at {day(p2.start)} and {day(p2.end)}.",
    ])


def _why_these(ctx: Ctx) -> str:
    return (f"These choices follow the brief, not a template. They answer {join_and(ctx.pains[:2])}, "
            f"they play to {ctx.top_channels}, and they protect the target: {ctx.lead_kpi}.")


def _risks(ctx: Ctx) -> list[str]:
    out = [f"{r['risk']}: {r['mitigation']}" for r in ctx.kb("risks")[:3]]
    if ctx.pains_given:
        out.insert(0, f"The campaign promises relief from {ctx.pains[0]}, but the experience still shows it: "
                      "fix or disclose it before spend peaks")
    if regulated(ctx):
        out.append("Claims breach category rules: compliance review of every asset before it runs")
    if not ctx.paid_ok:
        out.append("Organic reach grows slower than paid: front-load owned channels and referral asks")
    elif ctx.f.days < 45:
        out.append(f"A {ctx.f.days}-day window leaves little time to learn: decide on week-2 data")
    if ctx.f.competitors:
        out.append(f"{ctx.f.competitors[0]} responds with a price move: answer with proof, not a deeper cut")
    return out[:5]


def _assumptions(ctx: Ctx) -> list[str]:
    f = ctx.f
    out = [f"The goal is reachable in {f.days} days with {f.budget_text}",
           f"{cap(ctx.audience)} are reachable on {ctx.top_channels}",
           *(cap(a) for a in ctx.kb("assumptions")[:2])]
    if ctx.proofs:
        out.append(f"Proof can be used publicly: {join_and(ctx.proofs[:2])}")
    else:
        out.append(f"Customer evidence can be gathered by {day(ctx.phases[0].end)}")
    missing = [k.kpi for k in ctx.kpis if not k.baseline][:2]
    if missing:
        out.append(f"Baselines for {join_and(missing)} can be measured in week 1")
    return out[:4]


def _dependencies(ctx: Ctx) -> list[str]:
    f = ctx.f
    out = [f"Sign-off on the plan and budget before {day(f.start)}",
           *(cap(d) for d in ctx.kb("dependencies")[:2]),
           "Tracking for every KPI live in week 1"]
    if ctx.brief.upcoming_events:
        out.append(sentence(f"The date the plan builds around holds: {ctx.brief.upcoming_events}").rstrip("."))
    else:
        out.append(f"{'Sales' if f.b2b else 'Operations'} capacity to handle extra demand")
    return out[:4]


@strategy_composer("risk_assessment")
def risk_assessment(ctx: Ctx) -> list[Block]:
    """Key risks with mitigations, the core assumptions and the dependencies of the plan."""
    f = ctx.f
    return [
        section(heading("Key Risks"),
                f"Each risk below comes with its mitigation for {f.brand}.", bullets(_risks(ctx))),
        section(heading("Core Assumptions"), bullets(_assumptions(ctx))),
        section(heading("Dependencies"), bullets(_dependencies(ctx))),
        section(heading("Early Warning Signals"), _signals(ctx), optional=True, priority=1),
        section(heading("Risk Owners"), _risk_owners(ctx), optional=True, priority=2),
        section(_contingency(ctx), optional=True, priority=1),
    ]


def _signals(ctx: Ctx) -> str:
    checks = ctx.checkpoints
    if checks:
        k = checks[0]
        first = f"The midpoint check on {day(k.by)} expects {k.kpi.split(' (')[0]} at {k.target}."
    else:
        first = f"The midpoint review on {day(ctx.phases[1].start)} compares progress with {ctx.lead_kpi}."
    return " ".join([first, "Falling below 80% of that pace triggers the contingency plan.",
                     "Two weeks of flat results on any channel trigger a creative refresh."])


def _risk_owners(ctx: Ctx) -> str:
    return (f"The marketing lead owns the risk log and reviews it every Monday. "
            f"{'Sales' if ctx.f.b2b else 'Operations'} owns capacity risks. "
            f"Leadership owns budget decisions at each phase gate.")


def _contingency(ctx: Ctx) -> str:
    lead = ctx.channels[0].channel if ctx.channels else "the lead channel"
    return (f"Contingency: if {lead} underperforms for 3 weeks, effort shifts to the next best channel in the mix. "
            f"No new channels are added mid-flight, so the plan stays inside its {f'{ctx.f.days}-day'} window.")
