"""Calendar themes: brief-specific seeds plus archetype angles, filled safely and never repeated."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tools.planning.slots import fill_slots

ROLES = ("teach", "prove", "belong", "act")
_ROLE_PREFIX = re.compile(r"^\s*(teach|prove|belong|act)\s*:\s*", re.I)
_KEY = re.compile(r"[^a-z0-9]+")
_SLOT = re.compile(r"\{(\w+)\}")
_OFFER_WORDS = re.compile(r"\b(offer|discount|deal|sale|coupon|promo\w*|% off)\b", re.I)
_NO_OFFERS = re.compile(r"\bno\s+(discounts?|offers?|promotions?|sales?|coupons?)\b"
                        r"(?!\s+(deeper|greater|bigger|larger|higher|more|over|above|beyond))", re.I)


def fill(template: str, values: dict[str, str]) -> str:
    """Fill one of OUR templates with brief values (values are inserted as data, never re-formatted)."""
    text = fill_slots(template, values)
    return text[:1].upper() + text[1:]


def _has_slots(template: str, values: dict[str, str]) -> bool:
    """True when every slot the template names has a value (no angle about a missing pain or proof)."""
    return all(values.get(key) for key in _SLOT.findall(template))


def _varies(template: str) -> bool:
    """True when a second fill of the template changes its subject (a different pain or proof point)."""
    return "{pain}" in template or "{proof}" in template


def angles_by_role(raw: Iterable[str]) -> dict[str, list[str]]:
    """Split "role: template" angles by role; untagged angles are dealt round the roles in turn."""
    return {role: list(items) for role, items in _split_roles(tuple(raw)).items()}


@lru_cache(maxsize=64)
def _split_roles(raw: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {role: [] for role in ROLES}
    for i, angle in enumerate(raw):
        match = _ROLE_PREFIX.match(angle)
        role = match.group(1).lower() if match else ROLES[i % len(ROLES)]
        out[role].append(angle[match.end():] if match else angle)
    return out


_CAP = re.compile(r"discounts?\s+(?:deeper|greater|bigger|larger|higher|more|over|above|beyond)\s+(?:than\s+)?"
                  r"(\d{1,2})\s*(?:%|percent)", re.I)
_DEPTH = re.compile(r"(\d{1,2})\s*(?:%|percent)\s*off|\b(half)[- ]price|\b(bogo|buy one,? get one)\b", re.I)


def discount_cap(constraints: list[str]) -> int | None:
    """The deepest discount the constraints allow, in percent ("no discounts deeper than 20 percent" -> 20)."""
    caps = [int(m.group(1)) for c in constraints for m in _CAP.finditer(c)]
    return min(caps) if caps else None


def offer_fits(offer: str, constraints: list[str]) -> bool:
    """True when an offer respects the brief's discount rules (no offers at all, or a maximum depth)."""
    if not offers_allowed(constraints):
        return False
    cap = discount_cap(constraints)
    match = _DEPTH.search(offer)
    if cap is None or match is None:
        return True
    depth = int(match.group(1)) if match.group(1) else 50
    return depth <= cap


def offers_allowed(constraints: list[str]) -> bool:
    """False when a constraint rules out offers or discounts altogether (a depth cap still allows them)."""
    return not any(_NO_OFFERS.search(c) for c in constraints)


def _blocked(theme: str, banned_words: list[re.Pattern[str]], allow_offers: bool) -> bool:
    if not allow_offers and _OFFER_WORDS.search(theme):
        return True
    return any(p.search(theme) for p in banned_words)


def build_pool(
    *,
    seeds: dict[str, list[str]],
    angles: dict[str, list[str]],
    variants: list[dict[str, str]],
    banned: Iterable[str] = (),
    allow_offers: bool = True,
    reserve: dict[str, list[str]] | None = None,
) -> dict[str, list[str]]:
    """Unique themes per role: seeds first, then angles filled with the slot variants, then the reserve."""
    words = sorted({b.strip() for b in banned if b.strip()}, key=len, reverse=True)
    patterns = [re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.I)] if words else []
    seen: set[str] = set()
    pool: dict[str, list[str]] = {role: [] for role in ROLES}
    for role in ROLES:
        candidates = list(seeds.get(role, []))
        for k, variant in enumerate(variants[:2]):  # a template is filled at most twice
            candidates += [fill(t, variant) for t in angles.get(role, [])
                           if _has_slots(t, variant) and (k == 0 or _varies(t))]
        candidates += (reserve or {}).get(role, [])
        for theme in candidates:
            theme = theme.strip().rstrip(".")
            key = _KEY.sub(" ", theme.lower()).strip()
            if not key or key in seen or _blocked(theme, patterns, allow_offers):
                continue
            seen.add(key)
            pool[role].append(theme[:1].upper() + theme[1:])
    return pool


def pick_themes(pool: dict[str, list[str]], count: int) -> list[tuple[str, str]]:
    """``count`` (role, theme) pairs, rotating roles and never repeating a theme."""
    queues = {role: list(themes) for role, themes in pool.items()}
    picked: list[tuple[str, str]] = []
    i = 0
    while len(picked) < count:
        role = ROLES[i % len(ROLES)]
        i += 1
        if not queues[role]:
            role = max(ROLES, key=lambda r: len(queues[r]))
            if not queues[role]:
                break
        picked.append((role, queues[role].pop(0)))
    first = list(picked)
    n = 0
    while len(picked) < count:  # only with an almost empty pool: follow up earlier posts, in order
        role, theme = first[n % len(first)] if first else (ROLES[n % len(ROLES)], "the first post")
        round_no = n // max(1, len(first)) + 1
        suffix = "" if round_no == 1 else f" (round {round_no})"
        picked.append((role, f"Follow-up to \"{theme}\": answers to your replies{suffix}"))
        n += 1
    return picked


def leftovers(pool: dict[str, list[str]], used: Iterable[str]) -> list[str]:
    """Themes of the pool that the first month did not use, in role rotation."""
    taken = set(used)
    queues = [[t for t in pool[r] if t not in taken] for r in ROLES]
    out: list[str] = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out
