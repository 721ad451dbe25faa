"""Email, SMS and WhatsApp lifecycle flows: triggers, day offsets, product-specific subject lines, KPIs."""

from __future__ import annotations

import re

from agents.offline.facts import day, join_and, lower_first
from agents.offline.sections._measure_blocks import assemble, bullets, para, pick_heading
from agents.offline.sections._measure_util import Ctx, measure_composer
from tools.markdown import Block, table


def _email_lead(ctx: Ctx) -> str:
    f = ctx.f
    email = ctx.channel("Email")
    role = (f"Email holds {ctx.share_text(email)} in the channel mix" if email
            else "Email runs on the owned list, outside the paid channel mix")
    return para(
        f"{ctx.brand} uses email to move {f.customer} from {ctx.life['conversion']} to {ctx.life['repeat']}",
        role,
        f"Every flow serves one goal: {ctx.goal}",
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _welcome(ctx: Ctx) -> list[str]:
    rows = [(f"Day {d}", _cap(ctx.fill(subject)), ctx.fill(job), cta)
            for d, subject, job, cta in ctx.kb("measure_email_welcome")]
    first = next((e for e in ctx.inp.strategy.calendar if e.channel == "Email"), None)
    tail = (f"The first scheduled send in the calendar lands on {day(first.date)}: '{first.theme}'" if first
            else f"The series goes live by {ctx.on(7)} and runs for every new contact")
    return [
        para(f"Trigger: a new {ctx.life['unit']} signs up or reaches {ctx.life['conversion']}",
             "Exit rule: the contact leaves the series once they complete the CTA of the current email"),
        table(["Day", "Subject line", "Job of the email", "CTA"], rows),
        para(tail),
    ]


def _nurture(ctx: Ctx) -> list[str]:
    items = [f"**{name}**: trigger is {trig}; timing: {timing}; goal: {goal}"
             for name, trig, timing, goal in ctx.kb("measure_email_nurture")]
    return [bullets(ctx.clean(items))]


def _reactivation(ctx: Ctx) -> list[str]:
    items = [f"**{name}**: starts when {ctx.fill(trig)}; {ctx.fill(steps)}"
             for name, trig, steps in ctx.kb("measure_email_reactivation")]
    items.append("Sunset rule: contacts with no open or click after the last step leave marketing sends")
    return [bullets(items)]


def _transactional(ctx: Ctx) -> list[str]:
    items = [f"**{event}**: add {ctx.fill(add)}" for event, add in ctx.kb("measure_email_transactional")]
    return [para("Receipts and confirmations get the highest opens, so each one carries a single useful extra"),
            bullets(items)]


def _segments(ctx: Ctx) -> list[str]:
    f = ctx.f
    auds = ctx.inp.strategy.audiences
    items = [f"Primary segment: {f.customer}"]
    if len(auds) > 1:
        items.append(f"Secondary segment: {lower_first(auds[1].name)}, with its own welcome email")
    if f.pains:
        items.append(f"Tag each contact by the problem they came for: {join_and(f.pains)}")
    items.append(f"Voice: {join_and(f.tones)}, written by one named sender from {ctx.brand}")
    return [bullets(items)]


def _flow_kpis(ctx: Ctx) -> list[str]:
    items = [ctx.benchmark(m, v) for m, v in ctx.kb("measure_email_benchmarks")]
    items += [f"Feeds the strategy target {ctx.kpi_text(k)}" for k in ctx.main_kpis[:2]]
    return [bullets(items)]


def _cadence(ctx: Ctx) -> list[str]:
    return [bullets([
        "At most 3 marketing emails per contact per week; flow emails pause the newsletter for that contact",
        "Suppress contacts in an active sales conversation or an open support ticket",
        "Send in the recipient's local morning and test one variable per send",
        f"The CRM owner reviews flow results every Monday from {ctx.on(7)}",
    ])]


def _timeline(ctx: Ctx) -> list[str]:
    return [bullets([
        f"{ctx.on(0)}: tracking, consent fields and segments set up",
        f"{ctx.on(7)}: welcome series live",
        f"{ctx.on(14)}: nurture and transactional updates live",
        f"{day(ctx.midpoint)}: midpoint review of flow conversion against the plan",
        f"{day(ctx.f.end)}: final read-out and next-cycle changes",
    ])]


@measure_composer("email_and_crm_flows", "email_automation_flows")
def email_flows(ctx: Ctx) -> list[Block]:
    """Welcome, nurture, re-activation and transactional email flows for this brief."""
    known = [("Welcome Series", _welcome), ("Nurture Flows", _nurture),
             ("Re-Activation Sequences", _reactivation),
             ("Transactional Triggers", _transactional)]
    extras = [("Flow KPIs", _flow_kpis, 1), ("Segments and Voice", _segments, 2),
              ("Build Timeline", _timeline, 3), ("Cadence Rules", _cadence, 4)]
    return assemble(ctx, known, lead=_email_lead(ctx), extras=extras)


# --- SMS and WhatsApp ---------------------------------------------------------------------------


def _consent_rules(ctx: Ctx) -> list[str]:
    geo = (ctx.f.geography or "").lower()
    rules = [rule for pattern, rule in ctx.kb("measure_consent_rules") if geo and re.search(pattern, geo)]
    return list(dict.fromkeys(rules)) or ["explicit opt-in recorded with date, source and wording in every market"]


def _messaging_lead(ctx: Ctx) -> str:
    sms, wa = ctx.channel("SMS"), ctx.channel("WhatsApp")
    parts = [f"{ctx.brand} treats messaging as an opt-in service layer for {ctx.f.customer}"]
    if sms or wa:
        held = [f"{c.channel} holds {ctx.share_text(c)}" for c in (sms, wa) if c]
        parts.append(f"In the channel mix, {join_and(held)}")
    else:
        parts.append("SMS and WhatsApp are not budget lines in the channel mix, so they start small")
        parts.append("They reach only people who opt in, and the list is sized before any campaign")
    parts.append(f"Messages support the goal: {ctx.goal}")
    return para(*parts)


def _consent(ctx: Ctx) -> list[str]:
    bench = ctx.kb("measure_sms_benchmarks")
    opt_in = next((v for m, v in bench if "opt-in" in m), "10-20%")
    items = [f"Consent: {r}" for r in _consent_rules(ctx)]
    items += [
        "Every message names the sender and ends with a STOP or opt-out instruction",
        f"Sizing: plan on an opt-in rate of {opt_in} of contacts asked (benchmark), then recount at {ctx.on(30)}",
        ("Opt-in points: demo booking, event registration and account settings, never a pre-ticked box"
         if ctx.b2b else "Opt-in points: checkout, account settings and the welcome email, never a pre-ticked box"),
    ]
    return [bullets(items)]


def _sms(ctx: Ctx) -> list[str]:
    plays = ctx.kb("measure_sms_plays")
    items = [f"**{name}**: {trig}; sent {timing}" for name, trig, timing, _ in plays]
    samples = " ".join(f"Sample for {name.lower()}: \"{ctx.fill(text)}\"" for name, _, _, text in plays[:2])
    return [bullets(ctx.clean(items)), samples]


def _whatsapp(ctx: Ctx) -> list[str]:
    items = [f"**{name}**: {trig}; {ctx.fill(use)}" for name, trig, use in ctx.kb("measure_whatsapp_plays")]
    return [
        para("WhatsApp carries two-way conversations, so every thread has a named owner and a reply time",
             "Outbound messages use pre-approved templates only"),
        bullets(ctx.clean(items)),
    ]


def _frequency(ctx: Ctx) -> list[str]:
    return [bullets([
        "Marketing texts: 4 per subscriber per month at most; service messages do not count",
        "Quiet hours: nothing before 9:00 or after 20:00 in the recipient's time zone",
        "One message per trigger; no retries on the same offer",
    ])]


def _msg_kpis(ctx: Ctx) -> list[str]:
    items = [ctx.benchmark(m, v) for m, v in ctx.kb("measure_sms_benchmarks")]
    items += [f"Contributes to {ctx.kpi_text(k)}" for k in ctx.main_kpis[:1]]
    return [bullets(items)]


def _msg_steps(ctx: Ctx) -> list[str]:
    return [bullets([
        f"{ctx.on(0)}: consent wording, opt-in points and STOP handling tested",
        f"{ctx.on(10)}: first service flow live for opted-in contacts",
        f"{day(ctx.midpoint)}: review opt-in volume and opt-out rate before adding any promotional send",
    ])]


@measure_composer("sms_and_whatsapp_strategy", "sms_and_whatsapp_flows")
def messaging(ctx: Ctx) -> list[Block]:
    """Opt-in SMS and WhatsApp flows with consent, sizing and frequency limits."""
    known = [("Consent and Sizing", _consent),
             (pick_heading(ctx, "SMS", "SMS Strategy"), _sms),
             (pick_heading(ctx, "WhatsApp", "WhatsApp Strategy"), _whatsapp)]
    extras = [("Messaging KPIs", _msg_kpis, 1), ("Frequency and Quiet Hours", _frequency, 2),
              ("Launch Steps", _msg_steps, 3)]
    return assemble(ctx, known, lead=_messaging_lead(ctx), extras=extras, always=("Consent and Sizing",))
