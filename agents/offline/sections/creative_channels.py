"""Creative composers about channels: the channel plan, the channel reset and per-platform guidelines."""

from __future__ import annotations

from datetime import timedelta

from agents.offline.facts import day, join_and, lower_first, money, percent
from agents.offline.sections._creative_util import Ctx, cap, creative_composer
from agents.offline.sections.creative_audience import ranked
from tools.markdown import Block, bullets, heading, section, table
from tools.result import ChannelAllocation


def mix_table(ctx: Ctx) -> str:
    """The strategy core's channel mix, quoted exactly: channel, role, share, amount, stage."""
    cur = ctx.strategy.currency
    rows = [[c.channel, c.role, percent(c.budget_share), money(c.budget_amount, cur), c.stage]
            for c in ranked(ctx)]
    return table(["Channel", "Role", "Share", "Amount", "Stage"], rows)


def metric(ctx: Ctx, channel: str) -> str:
    """The playbook metric that judges a channel."""
    return str((ctx.play(channel) or {}).get("metric", "conversions"))


def owner(ctx: Ctx, channel: str) -> str:
    """Who runs a channel day to day."""
    return str((ctx.play(channel) or {}).get("owner", "marketing lead"))


def _strategy_lines(ctx: Ctx) -> list[str]:
    return [f"{c.channel} ({c.stage.lower()}): {ctx.tactic(c.channel)}" for c in ranked(ctx)]


def _tactic_lines(ctx: Ctx) -> list[str]:
    return [f"{c.channel}: {ctx.cadence(c.channel)}; judged on {metric(ctx, c.channel)}" for c in ranked(ctx)]


def _budget_focus(ctx: Ctx) -> str:
    f = ctx.f
    top = ranked(ctx)[0]
    text = (f"The plan spends {f.budget_text}. The largest line is {top.channel} at "
            f"{percent(top.budget_share)} ({money(top.budget_amount, ctx.strategy.currency)}), because its "
            f"{top.stage.lower()} role sits closest to the goal.")
    if ctx.paid_channels:
        text += (f" Paid media is limited to {join_and([c.channel for c in ctx.paid_channels])}; owned channels "
                 "get production time rather than media spend.")
    else:
        text += " No line buys media: every amount funds content production, tools and team time."
    return text + f" Shares are reviewed on {day(ctx.phases[0].end)} and moved toward the best cost per result."


def _sequence(ctx: Ctx) -> list[str]:
    order = ranked(ctx)
    by_stage: dict[str, list[str]] = {}
    for c in order:
        by_stage.setdefault(c.stage, []).append(c.channel)
    plan = [("Awareness", "Consideration"), ("Consideration", "Conversion"), ("Conversion", "Retention")]
    lines = []
    for p, stages in zip(ctx.phases, plan, strict=True):
        chans = [ch for s in stages for ch in by_stage.get(s, [])] or [order[0].channel]
        lines.append(f"{p.name} ({p.span}): weight toward {join_and(chans[:3])}")
    return lines


@creative_composer("channel_plan")
def channel_plan(ctx: Ctx) -> list[Block]:
    """The channel mix quoted from the strategy core, each channel's role, tactics, budget focus and KPIs."""
    f = ctx.f
    primary = ctx.head(["Primary Channels", "Priority Channels"], "Primary Channels")
    roles = ctx.head(["Role of Each Channel", "Channel Strategy"], "Channel Strategy")
    kpis = [cap(ctx.kpi_text(k)) for k in ctx.kpis[:3]]
    return [
        section(f"{f.brand} concentrates on {len(ctx.channels)} channels chosen for {f.customer}{ctx.in_geo}. "
                f"Each has one job in the funnel and one number to move."),
        section(heading(primary), mix_table(ctx)),
        section(heading(roles), bullets(_strategy_lines(ctx))),
        section(heading("Key Tactics"), bullets(_tactic_lines(ctx)), optional=not ctx.requires("Key Tactics"),
                priority=1),
        section(heading("Budget Focus"), _budget_focus(ctx), optional=not ctx.requires("Budget Focus"),
                priority=1),
        section(heading("Sequencing"), bullets(_sequence(ctx)), optional=True, priority=2),
        section(heading("Channel KPIs"), bullets(kpis), optional=True, priority=2),
        section(heading("Handoffs Between Channels"), _handoffs(ctx), optional=True, priority=3),
    ]


def _handoffs(ctx: Ctx) -> str:
    """How people move from one channel to the next, with who owns each step."""
    order = ["Awareness", "Consideration", "Conversion", "Retention"]
    steps = sorted(ranked(ctx), key=lambda c: order.index(c.stage) if c.stage in order else 9)
    parts = [f"{c.channel} ({owner(ctx, c.channel)}) handles {c.stage.lower()}" for c in steps]
    return (f"People move through the mix in one direction: {'; '.join(parts)}. Every handoff carries a "
            "tracked link, so the team can see where each customer came from. Channels outside this mix stay "
            "off the plan until a small test earns them a place.")


def _reset_step(ctx: Ctx, offset: int, text: str) -> str:
    when = min(ctx.f.start + timedelta(days=7 * offset), ctx.f.end)
    return f"By {day(when)}: {text}"


@creative_composer("channel_reset_strategy")
def channel_reset_strategy(ctx: Ctx) -> list[Block]:
    """The reset mix from the strategy core, then dated stop / fix / start actions, milestones and owners."""
    reset = ctx.kb("reset")
    pains = join_and(ctx.pains[:2])
    rows = [[p.name, p.span, cap(ctx.kpi_text(ctx.kpis[i % len(ctx.kpis)])) if ctx.kpis else "-"]
            for i, p in enumerate(ctx.phases)]
    owners = [f"{c.channel}: {owner(ctx, c.channel)}" for c in ranked(ctx)[:5]]
    return [
        section(f"{ctx.brand_s} channels need a reset, not more volume. {cap(pains)} shaped how people see the "
                f"brand, so every channel now earns its place with proof."),
        section(heading("Channel Strategy"), mix_table(ctx),
                f"{ranked(ctx)[0].channel} leads the reset; every other channel supports it with one clear role."),
        section(heading("Reset Actions"),
                "Actions run in three waves: stop what hurts trust, fix the basics, then start what rebuilds it."),
        section(heading("Stop", 4), bullets(_reset_step(ctx, 1 + i // 2, f"stop {lower_first(x)}")
                                            for i, x in enumerate(reset["stop"][:3]))),
        section(heading("Fix", 4), bullets(_reset_step(ctx, 3 + i, lower_first(x))
                                           for i, x in enumerate(reset["fix"][:3]))),
        section(heading("Start", 4), bullets(_reset_step(ctx, 6 + i, f"launch {lower_first(x)}")
                                             for i, x in enumerate(reset["start"][:3]))),
        section(heading("Reset Milestones"), table(["Phase", "Dates", "Target"], rows), optional=True, priority=1),
        section(heading("Owners"), bullets(owners), optional=True, priority=2),
    ]


def guideline_channels(ctx: Ctx) -> list[ChannelAllocation]:
    """Channels that get a guideline: posting platforms of the mix, topped up with other known channels."""
    chosen = list(ctx.posting_channels)
    for c in ranked(ctx):
        if len(chosen) >= 3:
            break
        if c not in chosen and ctx.play(c.channel):
            chosen.append(c)
    return chosen[:5]


def _platform(ctx: Ctx, c: ChannelAllocation) -> Block:
    entry = ctx.play(c.channel) or {}
    items = [cap(x) for x in entry.get("formats", [])[:3]] + [f"Avoid: {entry.get('avoid', 'generic reposts')}"]
    return section(heading(c.channel, 4), bullets(items))


@creative_composer("platform_guidelines")
def platform_guidelines(ctx: Ctx) -> list[Block]:
    """Posting cadence per platform of the mix, then format specs (sizes, lengths) and what to avoid."""
    f = ctx.f
    chans = guideline_channels(ctx)
    rows = [[c.channel, ctx.cadence(c.channel), (ctx.play(c.channel) or {}).get("slot", "weekdays"),
             owner(ctx, c.channel)] for c in chans]
    adapt = ["Rewrite the first line for each platform; never paste the same caption twice",
             f"Keep the {join_and(ctx.tones[:2])} voice and the brand colours on every platform",
             "Export natively per platform so nothing arrives cropped or watermarked"]
    access = ["Captions on every video", "Alt text on every image", "Text contrast of at least 4.5:1"]
    return [
        section(f"These guidelines turn {ctx.brand_s} channel plan into daily practice from {day(f.start)}. "
                f"Each platform gets its own cadence and its own cut of the story."),
        section(heading("Posting Cadence"), table(["Platform", "Cadence", "Best slot", "Owner"], rows)),
        section(heading("Format Specs"), "Sizes and lengths below are the house standard for every asset."),
        *[_platform(ctx, c) for c in chans],
        section(heading("Adaptation Rules"), bullets(adapt), optional=True, priority=1),
        section(heading("Accessibility"), bullets(access), optional=True, priority=2),
    ]


__all__ = ["channel_plan", "channel_reset_strategy", "guideline_channels", "mix_table", "platform_guidelines"]
