"""Template slots: the brief values (and short forms) our knowledge templates quote, inserted as data only."""

from __future__ import annotations

import re
from collections.abc import Mapping

from tools.brief import Brief


class Slots(dict[str, str]):
    """Template values; an unknown slot reads as an empty string, never as a brace."""

    def __missing__(self, key: str) -> str:
        return ""


def fill_slots(template: str, values: Mapping[str, str]) -> str:
    """Fill one of OUR templates with brief values and fold its white space."""
    slots = values if isinstance(values, Slots) else Slots(values)
    return " ".join(template.format_map(slots).split())


def join_and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_CUSTOMER_CUTS = re.compile(r"\s+(aged|who|with|in|living|within|at|that|for|looking|booking|from)\s+|,\s*|\s+\d",
                            re.I)
_PRODUCT_CUTS = re.compile(r"\s+(for|with|from|that|sold|delivered|made|brewed|built|designed)\s+|,\s*(?=\w+\s)",
                           re.I)


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name ("B2B", "iPhone"); 'A' is lowered."""
    first = text.split()[0] if text.split() else ""
    if not first or (first.isupper() and first not in {"A"}) or any(c.isupper() for c in first[1:]):
        return text
    return text[0].lower() + text[1:]


def short_customer(customer: str) -> str:
    """The head noun phrase of the customer ("Busy professionals aged 25-45 ..." -> "busy professionals")."""
    head = _CUSTOMER_CUTS.split(customer, maxsplit=1)[0].strip()
    return lower_first(head if len(head.split()) >= 1 and len(head) >= 3 else customer)


def short_product(brief: Brief) -> str:
    """A short name for what is sold: the first product's name, else the head of product_service."""
    if brief.products:
        return brief.products[0].name
    head = _PRODUCT_CUTS.split(brief.product_service, maxsplit=1)[0].strip()
    return lower_first(head if len(head) >= 3 else brief.product_service)


_GENERIC_PAIN = "everyday hassle that wastes time and money"


def brief_slots(brief: Brief, full: bool = True, default_pain: str = _GENERIC_PAIN) -> dict[str, str]:
    """Values the knowledge templates may quote; optional fields get neutral wording, never a stand-in.

    With ``full=False`` slots of missing optional fields are left out, so angles that need them are skipped;
    ``default_pain`` (the archetype's typical frustration) stands in when the brief names no pain point.
    """
    pain = brief.pain_points[0] if brief.pain_points else default_pain
    if not full:
        missing = {"pain": not brief.pain_points, "proof": not brief.proof_points,
                   "competitor": not brief.competitors, "geo": not brief.geography}
        return {k: v for k, v in brief_slots(brief).items() if not missing.get(k)}
    return {
        "brand": brief.brand_name,
        "product": lower_first(brief.product_service),
        "offering": brief.products[0].name if brief.products else brief.brand_name,
        "customer": lower_first(brief.primary_customer),
        "customer_short": short_customer(brief.primary_customer),
        "pain": lower_first(pain),
        "proof": brief.proof_points[0] if brief.proof_points else "early customer results",
        "goal": brief.primary_goal,
        "industry": lower_first(brief.industry),
        "geo": brief.geography or "",
        "competitor": brief.competitors[0] if brief.competitors else "the usual alternatives",
    }


def slot_variants(brief: Brief, limit: int = 3) -> list[dict[str, str]]:
    """Slot sets that rotate pain points, proof points and competitors so filled angles differ."""
    base = brief_slots(brief, full=False)
    count = min(limit, max(1, len(brief.pain_points), len(brief.proof_points), len(brief.competitors)))
    variants = []
    for k in range(count):
        variant = dict(base)
        if brief.pain_points:
            variant["pain"] = lower_first(brief.pain_points[k % len(brief.pain_points)])
        if brief.proof_points:
            variant["proof"] = brief.proof_points[k % len(brief.proof_points)]
        if brief.competitors:
            variant["competitor"] = brief.competitors[k % len(brief.competitors)]
        variants.append(variant)
    return variants
