"""Choose the channel mix: archetype fit, focus/avoid platforms, paid-media constraints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NO_PAID = re.compile(r"\b(no|zero|without|avoid)\s+(paid|ads?\b|advertising|paid media|ad spend)", re.I)
_ORGANIC = re.compile(r"\borganic[- ]only\b", re.I)


@dataclass(frozen=True)
class ChannelInfo:
    """One catalog channel."""

    name: str
    paid: bool
    stage: str
    role: str
    aliases: tuple[str, ...]


def channel_catalog(raw: dict[str, Any]) -> dict[str, ChannelInfo]:
    """Build the catalog from the knowledge topic ``channel_catalog``."""
    return {
        name: ChannelInfo(name=name, paid=bool(v.get("paid")), stage=v.get("stage", "Awareness"),
                          role=v.get("role", ""), aliases=tuple(a.lower() for a in v.get("aliases", ())))
        for name, v in raw.items()
    }


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9&+ ]", "", text.lower()).strip()


def match_channel(name: str, catalog: dict[str, ChannelInfo]) -> str | None:
    """Canonical channel for a platform named in a brief, or None when unknown."""
    wanted = _norm(name)
    for info in catalog.values():
        if wanted == _norm(info.name) or wanted in info.aliases:
            return info.name
    for info in catalog.values():
        if wanted and (wanted in _norm(info.name) or _norm(info.name) in wanted):
            return info.name
    return None


def avoided_channels(avoid: list[str], catalog: dict[str, ChannelInfo]) -> set[str]:
    """Canonical channels excluded by the brief, including their paid/organic siblings."""
    out: set[str] = set()
    for name in avoid:
        canonical = match_channel(name, catalog)
        if canonical:
            out.add(canonical)
        low = _norm(name)
        for info in catalog.values():
            if low and (low in _norm(info.name) or low in info.aliases):
                out.add(info.name)
        if low in {"facebook", "meta", "instagram"}:
            out.add("Meta Ads")
        if low in {"linkedin"}:
            out.add("LinkedIn Ads")
    return out


def paid_allowed(constraints: list[str], budget_amount: float) -> bool:
    """Paid media is out when the budget is 0 or a constraint rules ads out."""
    if budget_amount <= 0:
        return False
    return not any(_NO_PAID.search(c) or _ORGANIC.search(c) for c in constraints)


def select_channels(
    *,
    weights: dict[str, float],
    catalog: dict[str, ChannelInfo],
    focus: list[str],
    avoid: list[str],
    allow_paid: bool,
    preferred: list[str] | None = None,
    size: int = 5,
) -> list[tuple[str, float]]:
    """Ranked (channel, weight) pairs: focus platforms first, then the archetype's best fits."""
    banned = avoided_channels(avoid, catalog)
    scores: dict[str, float] = {}
    for name, weight in weights.items():
        scores[name] = float(weight)
    for rank, name in enumerate(preferred or []):
        canonical = match_channel(name, catalog)
        if canonical:
            scores[canonical] = scores.get(canonical, 2.0) + max(0.5, 1.5 - 0.3 * rank)
    focus_set: list[str] = []
    for name in focus:
        canonical = match_channel(name, catalog)
        if canonical and canonical not in focus_set:
            focus_set.append(canonical)
            scores[canonical] = max(scores.get(canonical, 0.0), 4.0) + 3.0
    allowed = {n: s for n, s in scores.items()
               if n in catalog and n not in banned and (allow_paid or not catalog[n].paid)}
    ranked = sorted(allowed.items(), key=lambda kv: (-kv[1], kv[0]))
    size = max(size, len([f for f in focus_set if f in allowed]))
    chosen = ranked[:size]
    if not any(name == "Email" for name, _ in chosen) and "Email" in allowed and len(chosen) < size + 1:
        chosen.append(("Email", allowed["Email"]))  # an owned channel keeps the funnel closed
    return chosen
