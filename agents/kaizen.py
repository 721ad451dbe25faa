"""Apply Kaizen context to a strategy core: re-rank the channel mix toward winners, open themes with winning hooks.

Invariants: shares sum to exactly 1, amounts to exactly the budget, no avoided platform is ever added, calendar
dates never move and themes stay unique. Every change is described in a human-readable note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from memory.kaizen import KaizenContext
from tools.knowledge import default_knowledge
from tools.planning.budget import split_amount, split_shares
from tools.planning.channels import ChannelInfo, avoided_channels, channel_catalog, match_channel
from tools.result import CalendarEntry, ChannelAllocation, StrategyCore

HOOK_LEADS = {
    "question": "Open with a question", "statistic": "Lead with a number", "story": "Open with a short story",
    "how-to": "Frame it as a how-to", "contrarian": "Open by busting a myth", "list": "Frame it as a list",
    "testimonial": "Open with a customer's own words", "curiosity": "Open with a curiosity gap",
    "pov": "Open with a point of view", "humour": "Open with a light joke", "challenge": "Frame it as a challenge",
}
_LEAD_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(v) for v in HOOK_LEADS.values()) + r"|Use an? [\w -]+ hook)"
                          r": ", re.I)
MAX_ADDED = 2


def _strategist_formats() -> dict[str, list[str]]:
    from agents.strategist import FORMATS  # imported late: the strategist is heavy and optional here

    return FORMATS


def _catalog() -> dict[str, ChannelInfo]:
    return channel_catalog(default_knowledge().get("channel_catalog"))


def _canonical(names: Sequence[str], catalog: dict[str, ChannelInfo], banned: set[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        canonical = match_channel(name, catalog) or name
        if canonical not in banned and canonical not in out:
            out.append(canonical)
    return out


def _pct(share: float) -> str:
    return f"{share:.0%}"


def _rerank(strategy: StrategyCore, preferred: list[str], weak: list[str], confidence: int,
            catalog: dict[str, ChannelInfo]) -> tuple[list[ChannelAllocation], list[str], list[str]]:
    """New channel mix (winners first), the channels added and notes on what moved."""
    mix = list(strategy.channel_mix)
    present = {c.channel for c in mix}
    added = [p for p in preferred if p not in present and p in catalog and not catalog[p].paid][:MAX_ADDED]
    for name in added:
        info = catalog[name]
        mix.append(ChannelAllocation(channel=name, role=info.role, budget_share=0.0, budget_amount=0.0,
                                     paid=False, stage=info.stage))
    strength = max(confidence, 25) / 100
    top = max((c.budget_share for c in strategy.channel_mix), default=1.0) or 1.0
    weights = []
    for alloc in mix:
        if alloc.channel in preferred:
            weights.append(top * (1 + 0.25 * strength) * (1 - 0.05 * preferred.index(alloc.channel)))
        elif alloc.channel in weak:
            weights.append(alloc.budget_share * (1 - 0.5 * strength))
        else:
            weights.append(alloc.budget_share)
    order = sorted(range(len(mix)), key=lambda i: (-weights[i], i))
    shares = split_shares([weights[i] for i in order])
    amounts = split_amount(strategy.budget_total, shares) if strategy.budget_total > 0 else [0.0] * len(shares)
    new_mix = [mix[i].model_copy(update={"budget_share": s, "budget_amount": a})
               for i, s, a in zip(order, shares, amounts, strict=True)]
    return new_mix, added, _mix_notes(strategy.channel_mix, new_mix, preferred, weak, added)


def _mix_notes(old: list[ChannelAllocation], new: list[ChannelAllocation], preferred: list[str], weak: list[str],
               added: list[str]) -> list[str]:
    before = {c.channel: c for c in old}
    rank = {c.channel: i + 1 for i, c in enumerate(new)}
    notes = []
    for alloc in new:
        was = before.get(alloc.channel)
        if alloc.channel in added:
            notes.append(f"{alloc.channel} added to the channel mix at #{rank[alloc.channel]} with "
                         f"{_pct(alloc.budget_share)} of the budget: it won in past results")
        elif alloc.channel in preferred and was is not None:
            notes.append(f"{alloc.channel} moved to #{rank[alloc.channel]} in the channel mix with "
                         f"{_pct(alloc.budget_share)} of the budget (was {_pct(was.budget_share)}): it won in past "
                         f"results")
        elif alloc.channel in weak and was is not None:
            notes.append(f"{alloc.channel} cut to {_pct(alloc.budget_share)} of the budget (was "
                         f"{_pct(was.budget_share)}): its past posts engaged below 2%")
    return notes


def _move_posts(calendar: list[CalendarEntry], preferred: list[str], weak: list[str], added: list[str],
                formats: dict[str, list[str]], mix: set[str]) -> tuple[list[CalendarEntry], list[str]]:
    """Hand every other post of an underperforming channel, and a share for each added channel, to winners."""
    if not any(p in mix for p in preferred):
        return calendar, []
    entries = list(calendar)
    movable = [i for i, e in enumerate(entries) if e.pillar != "Event"]
    picks = [i for i in movable if entries[i].channel in weak][::2]
    for name in added:
        if not any(entries[i].channel == name for i in picks):
            counts = Counter(entries[i].channel for i in movable
                             if entries[i].channel not in preferred and i not in picks)
            donor = counts.most_common(1)[0][0] if counts else None
            picks += [i for i in movable if entries[i].channel == donor and i not in picks][1::3][:4]
    targets = added + [p for p in preferred if p not in added and p in mix]
    moved: Counter[str] = Counter()
    for n, i in enumerate(sorted(picks)):
        entry, name = entries[i], targets[n % len(targets)]
        options = formats.get(name) or ["Post"]
        theme = entry.theme.replace(entry.channel, name) if entry.channel in entry.theme else entry.theme
        entries[i] = entry.model_copy(update={"channel": name, "format": options[n % len(options)], "theme": theme})
        moved[name] += 1
    notes = [f"{n} calendar post(s) moved to {name}" for name, n in moved.items()]
    return entries, notes


def _hook_themes(calendar: list[CalendarEntry], hooks: list[str]) -> tuple[list[CalendarEntry], list[str]]:
    """Open themes with the winning hook styles: the best one on two posts in three, the others in turn."""
    styles = [h for h in hooks if h != "offer" and h.strip()]
    if not styles:
        return calendar, []
    entries, used = list(calendar), Counter[str]()
    targets = [i for i, e in enumerate(entries) if e.pillar != "Event"]
    for n, i in enumerate(targets):
        style = styles[0] if n % 3 != 2 or len(styles) == 1 else styles[1 + (n // 3) % (len(styles) - 1)]
        lead = HOOK_LEADS.get(style, f"Use a {style} hook")
        base = _LEAD_PREFIX.sub("", entries[i].theme)
        entries[i] = entries[i].model_copy(update={"theme": f"{lead}: {base[:1].lower() + base[1:]}"})
        used[style] += 1
    notes = [f"{n} calendar theme(s) rewritten to use {style} hooks (a best-performing hook style)"
             for style, n in used.most_common()]
    return entries, notes


def _unique_themes(calendar: list[CalendarEntry]) -> list[CalendarEntry]:
    seen: set[str] = set()
    out = []
    for entry in calendar:
        theme, n = entry.theme, 2
        while theme.casefold() in seen:
            theme, n = f"{entry.theme} ({entry.channel}, take {n})", n + 1
        seen.add(theme.casefold())
        out.append(entry if theme == entry.theme else entry.model_copy(update={"theme": theme}))
    return out


def _guidance_notes(kaizen: KaizenContext) -> list[str]:
    notes = []
    if kaizen.recommended_tones:
        notes.append(f"Writers told to favour the tones that won before: {', '.join(kaizen.recommended_tones)}")
    if kaizen.banned_phrases:
        notes.append(f"Writers told to avoid {len(kaizen.banned_phrases)} phrase(s) from underperforming posts")
    if kaizen.similar_winners:
        notes.append(f"{len(kaizen.similar_winners)} similar past winner(s) given to the writers as examples")
    if kaizen.pack_success_rate is not None:
        notes.append(f"Pack quality pass rate so far: {kaizen.pack_success_rate:.0%}")
    return notes


def apply_kaizen(strategy: StrategyCore, kaizen: KaizenContext, avoid: Sequence[str] = (), *,
                 catalog: dict[str, ChannelInfo] | None = None,
                 formats: dict[str, list[str]] | None = None) -> tuple[StrategyCore, list[str]]:
    """The strategy with Kaizen guidance applied and the notes describing it (unchanged when nothing is learned)."""
    hooks = [h for h in kaizen.high_performing_hooks if h.strip()]
    if kaizen.is_empty and not hooks:
        return strategy, []
    catalog = catalog if catalog is not None else _catalog()
    formats = formats if formats is not None else _strategist_formats()
    banned = avoided_channels(list(avoid), catalog) | {match_channel(a, catalog) or a for a in avoid}
    preferred = _canonical(kaizen.preferred_platforms, catalog, banned)
    weak = [w for w in _canonical(kaizen.weak_platforms, catalog, set()) if w not in preferred]
    notes: list[str] = []
    update: dict[str, object] = {}
    calendar = list(strategy.calendar)
    if (preferred or weak) and strategy.channel_mix:
        mix, added, mix_notes = _rerank(strategy, preferred, weak, kaizen.confidence, catalog)
        calendar, move_notes = _move_posts(calendar, preferred, weak, added, formats, {c.channel for c in mix})
        update["channel_mix"] = mix
        notes += [f"Channel mix re-ranked from {kaizen.sample_size} past result(s) (confidence {kaizen.confidence})",
                  *mix_notes, *move_notes]
    calendar, hook_notes = _hook_themes(calendar, hooks)
    notes += hook_notes
    if calendar != strategy.calendar:
        update["calendar"] = _unique_themes(calendar)
    notes += _guidance_notes(kaizen)
    return (strategy.model_copy(update=update) if update else strategy), notes
