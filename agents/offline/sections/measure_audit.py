"""Audit plans (no account data is invented): account, channel, creative and conversion audits."""

from __future__ import annotations

from agents.offline.facts import day, join_and, lower_first, money, percent
from agents.offline.sections._measure_blocks import assemble, bullets, para, voice_para
from agents.offline.sections._measure_util import Ctx, measure_composer
from tools.markdown import Block, table

_DEFAULT_CHECK = ("reach, clicks, conversions and cost by campaign for 90 days", "cost per result 50% above the plan")
STAGES = ("Awareness", "Consideration", "Conversion", "Retention")
_ORGANIC_STRUCTURE = (
    "profiles complete, with one naming convention and UTM-tagged links",
    "analytics goals set for sign-ups, bookings and purchases, not page views",
    "one publishing log with date, channel, format and pillar for every post",
)
_ORGANIC_BASELINE = ("organic conversion rate", "below 1% of sessions", "content reaches people who are not ready")


def _label(ctx: Ctx) -> str:
    arch = ctx.inp.kb.archetypes.get(ctx.f.archetype)
    return lower_first(arch.label) if arch else "this category"


def _audit_lead(ctx: Ctx, what: str) -> str:
    return para(
        f"No account exports came with the brief, so this is an audit plan for {ctx.brand_s} {what}, not a verdict",
        "Each check names the data to pull, the flag that marks a problem and the hypothesis it tests",
        f"Flags are planning benchmarks for {_label(ctx)}, replaced by real baselines once data is in",
    )


def _check(ctx: Ctx, channel: str) -> tuple[str, str]:
    checks = ctx.kb("measure_channel_checks")
    pull, flag = checks.get(channel, _DEFAULT_CHECK)
    return str(pull), str(flag)


def _share(ctx: Ctx, share: float, amount: float) -> str:
    if ctx.f.has_budget:
        return f"{percent(share)} ({money(amount, ctx.f.currency)})"
    return f"{percent(share)} of effort"


def _hypotheses(ctx: Ctx) -> list[str]:
    pains = ctx.f.pains[:3] or [ctx.pain(0)]
    forms = ("Hypothesis: messages that answer {p} outperform generic product messages",
             "Hypothesis: {p} is the objection that stalls most buyers between click and {e}",
             "Hypothesis: proof aimed at {p} lowers cost per result more than a new audience would")
    e = ctx.life["conversion"]
    items = [forms[i % len(forms)].format(p=p, e=e) for i, p in enumerate(pains)]
    items.append(f"Hypothesis: the {ctx.life['conversion']} step loses more people than any targeting problem does")
    return [bullets(items)]


def _timeline(ctx: Ctx) -> list[str]:
    return [bullets([
        f"{ctx.on(0)}: access to every account and analytics property confirmed",
        f"{ctx.on(7)}: data pulled and flags marked",
        f"{ctx.on(14)}: findings confirmed with the team and fixes ranked",
    ])]


# --- account audit ------------------------------------------------------------------------------


def _structure(ctx: Ctx) -> list[str]:
    audit = ctx.kb("measure_audit")
    items = [f"Check: {s}" for s in ctx.clean(audit["structure"])] or [f"Check: {s}" for s in _ORGANIC_STRUCTURE]
    items += [f"{c.channel}: pull {_check(ctx, c.channel)[0]}" for c in ctx.mix[:3]]
    return [bullets(ctx.clean(items))]


def _spend(ctx: Ctx) -> list[str]:
    rows = [(c.channel, _share(ctx, c.budget_share, c.budget_amount),
             "spend gap above 5 points" if c.paid else "output below 80% of planned posts or sends")
            for c in ctx.mix]
    intro = (para("Actual spend per channel is compared with the planned split") if ctx.f.has_budget
             else para("This is an organic-only plan, so the audit compares team effort and output with plan"))
    flags = [f"Flag: {s}" for s in ctx.kb("measure_audit")["spend"]] if ctx.paid_channels else [
        "Flag: publishing volume below 80% of the plan in any week",
        "Flag: more than half of the hours going to one channel",
    ]
    return [intro, table(["Channel", "Planned share", "Flag"], rows), bullets(flags)]


def _baseline(ctx: Ctx) -> list[str]:
    rows = ctx.rows((metric, flag, why) for metric, flag, why in ctx.kb("measure_audit")["thresholds"]
                    if ctx.conflicts(metric) is None) or [_ORGANIC_BASELINE]
    first = ctx.main_kpis[0] if ctx.main_kpis else None
    tail = (f"The baseline covers the 90 days before {day(ctx.f.start)}; the plan then judges progress toward "
            f"{ctx.kpi_text(first)}" if first else f"The baseline covers the 90 days before {day(ctx.f.start)}")
    return [table(["Metric", "Flag when", "Likely cause"], rows), para(tail)]


@measure_composer("account_audit")
def account_audit(ctx: Ctx) -> list[Block]:
    """An account audit plan: structure checks, spend against plan and baseline flags."""
    known = [("Account Structure", _structure), ("Budget & Spend Patterns", _spend),
             ("Performance Baseline", _baseline)]
    extras = [("Hypotheses to Confirm", _hypotheses, 1), ("Audit Timeline", _timeline, 2)]
    return assemble(ctx, known, lead=_audit_lead(ctx, "accounts"), extras=extras)


# --- channel-by-channel review ------------------------------------------------------------------


def _channel_table(ctx: Ctx) -> list[str]:
    rows = []
    for c in ctx.mix:
        pull, flag = _check(ctx, c.channel)
        rows.append((c.channel, _share(ctx, c.budget_share, c.budget_amount), pull, ctx.kpi_safe(flag)))
    return [table(["Channel", "Plan share", "What to pull", "Flag if"], rows)]


def _wins_losses(ctx: Ctx) -> list[str]:
    cost = ctx.kpi_for("cost", "cac", "acquisition")
    bar = f"the strategy's cost target ({cost.kpi}: {cost.target})" if cost else "the plan's average cost per result"
    return [
        para("No results are claimed here: each campaign is sorted by these rules once the data is pulled"),
        bullets([
            f"Win: cost per result at or below {bar}, with volume on pace",
            "Loss: cost per result 50% above that bar for 2 weeks, or no conversions after 30 days",
            "Learning: a loss with a clear cause, such as a weak hook or a wrong audience, kept for the next test",
            "Scale rule: winners get budget or hours from losses only at the review date",
        ]),
    ]


def _gaps(ctx: Ctx) -> list[str]:
    stages = {c.stage for c in ctx.mix}
    items = [f"No channel in the mix owns the {s} stage: check who covers it" for s in STAGES if s not in stages]
    weights = ctx.inp.kb.get("channel_weights").get(ctx.f.archetype, {})
    missing = [ch for ch in list(weights)[:5] if ctx.channel(ch) is None and not ctx.avoided(ch)]
    if missing:
        items.append(f"Strong fits for {_label(ctx)} not in the mix: {join_and(missing[:2])}; confirm the reason")
    items += [
        "Tracking gap check: every conversion event maps to one channel and one campaign",
        f"Message gap check: at least one live campaign answers {ctx.pain(0)}",
    ]
    if ctx.f.proof:
        items.append(f"Proof gap check: {ctx.proof(0)} appears in active ads or posts")
    return [bullets(ctx.clean(items))]


@measure_composer("campaign_level_findings")
def campaign_findings(ctx: Ctx) -> list[Block]:
    """A channel-by-channel review plan with win/loss rules and gap checks."""
    known = [("Channel Performance", _channel_table), ("Wins & Losses", _wins_losses),
             ("Gaps", _gaps)]
    extras = [(f"Hypotheses for {ctx.brand}", _hypotheses, 1),
              ("Review Timeline", _timeline, 2)]
    return assemble(ctx, known, lead=_audit_lead(ctx, "channels"), extras=extras, always=("Channel Performance",))


# --- creative audit -----------------------------------------------------------------------------


def _top(ctx: Ctx) -> list[str]:
    patterns = ctx.clean(f"Pattern to look for: {p}" for p in ctx.fills(ctx.kb("measure_creative")["patterns"]))
    return [
        para("Top creatives are chosen by rule: the best 10% by cost per result with at least 1,000 impressions"),
        bullets(patterns),
    ]


def _under(ctx: Ctx) -> list[str]:
    items = ctx.clean(f"Flag: {m} {flag}" for m, flag in ctx.kb("measure_creative")["flags"]
                      if ctx.conflicts(m) is None)
    items += ["Fatigue: results falling 30% from the first week while reach keeps rising",
              "Each flagged asset gets a named fix: new hook, new proof or new format, never a blind swap"]
    return [bullets(items)]


def _creative_gaps(ctx: Ctx) -> list[str]:
    items = ctx.fills(ctx.kb("measure_creative")["gaps"])
    pillars = ctx.f.pillars
    if pillars:
        items.append(f"Coverage check: each pillar ({join_and(pillars)}) has at least 2 live assets")
    return [bullets(ctx.clean(items))]


def _creative_tests(ctx: Ctx) -> list[str]:
    return [bullets([
        f"{ctx.on(14)}: 3 concepts with 2 hooks each go live in the strongest channel",
        f"{ctx.on(28)}: the weakest half is cut and the budget or hours move to the best hook",
        f"Tone check on every asset: {join_and(ctx.f.tones)}",
    ])]


@measure_composer("creative_performance_analysis")
def creative_audit(ctx: Ctx) -> list[Block]:
    """A creative and messaging audit plan: rules for top and weak assets and the gaps to fill."""
    known = [("Top Creatives", _top), ("Underperformers", _under),
             ("Creative Gaps", _creative_gaps)]
    extras = [("Test Plan", _creative_tests, 1),
              ("Messaging Check", lambda c: [voice_para(c, "Every asset", 1)], 2),
              ("Hypotheses to Confirm", _hypotheses, 3)]
    return assemble(ctx, known, lead=_audit_lead(ctx, "creative"), extras=extras)


# --- conversion audit ---------------------------------------------------------------------------


def _landing(ctx: Ctx) -> list[str]:
    items = ctx.clean(f"Check: {x}" for x in ctx.fills(ctx.kb("measure_conversion")["landing"]))
    return [para(f"The audit walks the path {ctx.f.customer} take on mobile first"), bullets(items)]


def _ctas(ctx: Ctx) -> list[str]:
    ctas = list(dict.fromkeys(e.cta for e in ctx.inp.strategy.calendar if e.cta))[:3]
    forms = ("'{c}': click rate per placement, flagged when it trails the page average by half",
             "'{c}': clicks that reach the next step, flagged below 60% of clicks",
             "'{c}': share of conversions it starts, compared across pages")
    items = [forms[i % len(forms)].format(c=c) for i, c in enumerate(ctas)]
    items += ctx.clean(f"Check: {x}" for x in ctx.fills(ctx.kb("measure_conversion")["cta"]))
    return [bullets(items)]


def _forms(ctx: Ctx) -> list[str]:
    items = ctx.clean(f"Check: {x}" for x in ctx.fills(ctx.kb("measure_conversion")["forms"]))
    items += ctx.clean(f"Flag: {m} {v}" for m, v in ctx.kb("measure_conversion_thresholds")
                       if ctx.conflicts(m) is None)
    return [bullets(items)]


def _fix_order(ctx: Ctx) -> list[str]:
    return [para(
        "Fixes are ranked by traffic on the page times the size of the drop-off",
        f"The first fixes ship by {ctx.on(21)} and are read after 14 days of traffic",
        f"Success means more {ctx.life['conversion']} actions per visit, not more clicks",
    )]


@measure_composer("conversion_audit")
def conversion_audit(ctx: Ctx) -> list[Block]:
    """A conversion experience audit plan: landing friction, CTA checks and form or checkout issues."""
    known = [("Landing Page Friction", _landing), ("CTA Performance", _ctas),
             ("Form & Checkout Issues", _forms)]
    extras = [("Fix Priority", _fix_order, 1), ("Hypotheses to Confirm", _hypotheses, 2)]
    return assemble(ctx, known, lead=_audit_lead(ctx, "conversion path"), extras=extras)
