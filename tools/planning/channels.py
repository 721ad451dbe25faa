"""Choose the channel mix: archetype fit, business type, geography, focus/avoid platforms, paid-media rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_NO_PAID = re.compile(
    r"\b(no|zero|without|avoid|not?\s+(?:use|run|buy))\s+(?:any\s+)?(paid|ads?\b|advertising|paid media|ad spend|"
    r"sponsored)",
    re.I,
)
_ORGANIC = re.compile(r"\borganic[- ]only\b|\bonly organic\b|\bno budget for ads\b", re.I)
# words that say how a platform is used, not which platform it is
_USAGE_WORDS = {"ads", "ad", "advertising", "paid", "organic", "marketing", "page", "pages", "account",
                "channel", "profile", "posts", "content", "campaigns", "campaign", "sponsored", "the", "and"}
_NON_WORD = re.compile(r"[^a-z0-9&+ ]")
_PAID_WORDS = {"ads", "ad", "advertising", "paid", "sponsored"}
# avoiding a company's name rules out every platform it runs
_COMPANY_FAMILY = {"meta": ("Meta Ads", "Facebook", "Instagram"), "twitter": ("X (Twitter)",),
                   "x": ("X (Twitter)",), "alphabet": ("Google Search", "Google Business Profile", "YouTube")}
_LOCAL_HINTS = re.compile(r"\b(within \d+\s*(km|miles?|mi)|near(by)?|local|neighbou?rhood|walking distance|"
                          r"in-store|studio|showroom|clinic|café|cafe|restaurant|salon|shop)\b", re.I)
_CITY = re.compile(r"^[A-Z][\w .'-]+,\s*[A-Z][\w .'-]+$")
_WIDE = re.compile(r"\b(and|countries|global|worldwide|international|europe|america|emea|apac|nationwide)\b",
                   re.I)


@dataclass(frozen=True)
class ChannelInfo:
    """One catalog channel."""

    name: str
    paid: bool
    stage: str
    role: str
    aliases: tuple[str, ...]
    per_month: int = 30
    organic_twin: str | None = None
    social: bool = False


_CATALOGS: dict[int, tuple[dict[str, Any], dict[str, ChannelInfo]]] = {}


def channel_catalog(raw: dict[str, Any]) -> dict[str, ChannelInfo]:
    """Build the catalog from the knowledge topic ``channel_catalog`` (built once per loaded topic)."""
    cached = _CATALOGS.get(id(raw))
    if cached is not None and cached[0] is raw:
        return dict(cached[1])
    catalog = _build_catalog(raw)
    _CATALOGS[id(raw)] = (raw, catalog)
    return dict(catalog)


def _build_catalog(raw: dict[str, Any]) -> dict[str, ChannelInfo]:
    return {
        name: ChannelInfo(name=name, paid=bool(v.get("paid")), stage=v.get("stage", "Awareness"),
                          role=v.get("role", ""), aliases=tuple(a.lower() for a in v.get("aliases", ())),
                          per_month=int(v.get("per_month", 30)), organic_twin=v.get("organic_twin"),
                          social=bool(v.get("social", False)))
        for name, v in raw.items()
    }


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


@lru_cache(maxsize=4096)
def _tokens(text: str) -> frozenset[str]:
    return frozenset(_norm(text).split())


def match_channel(name: str, catalog: dict[str, ChannelInfo]) -> str | None:
    """Canonical channel for a platform named in a brief, or None when unknown."""
    wanted = _norm(name)
    if not wanted:
        return None
    for info in catalog.values():
        if wanted == _norm(info.name) or wanted in info.aliases:
            return info.name
    words = _tokens(name) - _USAGE_WORDS
    best, best_overlap = None, 0
    for info in catalog.values():
        for form in (info.name, *info.aliases):
            form_words = _tokens(form) - _USAGE_WORDS
            if form_words and (form_words <= words or (words and words <= form_words)):
                overlap = len(form_words & words) * 2 - len(form_words ^ words)
                if best is None or overlap > best_overlap:
                    best, best_overlap = info.name, overlap
    return best


def avoided_channels(avoid: list[str], catalog: dict[str, ChannelInfo]) -> set[str]:
    """Canonical channels excluded by the brief: the named one, its aliases, and paid/organic siblings."""
    out: set[str] = set()
    for name in avoid:
        canonical = match_channel(name, catalog)
        if canonical:
            out.add(canonical)
        tokens = _tokens(name)
        words = tokens - _USAGE_WORDS
        ads_only = bool(tokens & _PAID_WORDS)
        if not ads_only:
            for word in words:
                out.update(c for c in _COMPANY_FAMILY.get(word, ()) if c in catalog)
        if not words:
            continue
        for info in catalog.values():
            forms = (info.name, *info.aliases)
            if (info.paid or not ads_only) and any(words <= _tokens(form) for form in forms):
                out.add(info.name)
    return out


def platforms_named(text: str, catalog: dict[str, ChannelInfo]) -> list[str]:
    """Catalog channels a free text names outright ("Grow Instagram following to 400" -> Instagram)."""
    found: list[str] = []
    for info in catalog.values():
        forms = [info.name, *(a for a in info.aliases if len(a) > 3)]
        if any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.I) for form in forms):
            found.append(info.name)
    return found


def paid_allowed(constraints: list[str], budget_amount: float) -> bool:
    """Paid media is out when the budget is 0 or a constraint rules ads out."""
    if budget_amount <= 0:
        return False
    return not any(_NO_PAID.search(c) or _ORGANIC.search(c) for c in constraints)


def is_local(geography: str | None, customer: str, product: str = "") -> bool:
    """True when the business serves people near a place (a city, a radius, a venue)."""
    if geography and _WIDE.search(geography):
        return False
    if geography and _CITY.match(geography.strip()):
        return True
    return bool(_LOCAL_HINTS.search(f"{customer} {product}"))


def context_weights(weights: dict[str, float], *, b2b: bool, hybrid: bool, local: bool,
                    catalog: dict[str, ChannelInfo]) -> dict[str, float]:
    """Adjust archetype weights for business type and geography."""
    out = {name: float(w) for name, w in weights.items() if name in catalog}
    if b2b:
        out["LinkedIn"] = max(out.get("LinkedIn", 0.0), 3.0 if not hybrid else 2.5)
        out["Email"] = out.get("Email", 3.0) + 0.5
    if hybrid or not b2b:
        out["Instagram"] = max(out.get("Instagram", 0.0), 2.5 if b2b else 3.0)
    if local:
        out["Google Business Profile"] = out.get("Google Business Profile", 2.0) + 1.5
        out["Events"] = out.get("Events", 1.0) + 0.5
    elif "Google Business Profile" in out:
        out["Google Business Profile"] *= 0.5
    return out


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

    def usable(name: str) -> str | None:
        info = catalog.get(name)
        if info is None or name in banned:
            return None
        if info.paid and not allow_paid:
            twin = info.organic_twin
            return twin if twin and twin in catalog and twin not in banned else None
        return name

    scores: dict[str, float] = {}
    for name, weight in weights.items():
        target = usable(name)
        if target:
            scores[target] = max(scores.get(target, 0.0), float(weight))
    for rank, name in enumerate(preferred or []):
        target = usable(match_channel(name, catalog) or "")
        if target:
            scores[target] = scores.get(target, 2.0) + max(0.5, 1.5 - 0.3 * rank)
    focus_set: list[str] = []
    for name in focus:
        target = usable(match_channel(name, catalog) or "")
        if target and target not in focus_set:
            focus_set.append(target)
            scores[target] = max(scores.get(target, 0.0), 4.0) + 3.0
    if len(scores) < 2:  # the brief ruled out the archetype's channels: any usable catalog channel will do
        for name in catalog:
            target = usable(name)
            if target and target not in scores:
                scores[target] = 1.0
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen = ranked[:max(size, len(focus_set) + 2)]  # focus platforms plus at least two archetype fits
    if "Email" in scores and all(name != "Email" for name, _ in chosen):
        chosen.append(("Email", scores["Email"]))  # an owned channel keeps the funnel closed
    return chosen
