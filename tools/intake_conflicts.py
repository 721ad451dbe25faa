"""Merge newly heard brief values into what is known, and question contradictions instead of guessing."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tools.intake_parse import describe_budget, is_no, is_yes, parse_platforms
from tools.intake_slots import LIST_FIELDS, answer_for
from tools.planning.channels import ChannelInfo
from tools.planning.timeline import duration_days, parse_window

CONFLICT_FIELDS = ("brand_name", "budget", "business_type", "timeline")
_FIRST = re.compile(r"^\s*(?:1|one|first|the first(?: one)?|earlier|the earlier one|old|the old one|original|keep"
                    r"(?: it)?|previous|former|option 1)\b", re.I)
_SECOND = re.compile(r"^\s*(?:2|two|second|the second(?: one)?|new|the new one|newer|latest|last|updated|now|latter|"
                     r"change it|option 2)\b", re.I)
_THIRD = re.compile(r"^\s*(?:3|three|third|both|hybrid|option 3)\b", re.I)


def _show(field: str, value: Any) -> str:
    if field == "budget" and isinstance(value, dict):
        return describe_budget(value)
    return str(value)


def _days(fields: dict[str, Any], today: date) -> int | None:
    timeline = fields.get("timeline")
    if isinstance(timeline, str):
        window = parse_window(timeline, today)
        if window:
            return (window[1] - window[0]).days + 1
        return duration_days(timeline)
    return None


def budgets_agree(old: dict[str, Any], new: dict[str, Any], days: int | None = None) -> bool:
    """Same money: same currency (when both name one) and amounts within 2%, a monthly figure times the months."""
    if old.get("currency") and new.get("currency") and old["currency"] != new["currency"]:
        return False
    a, b = float(old.get("amount", 0)), float(new.get("amount", 0))
    if old.get("period", "total") != new.get("period", "total"):
        if not days:
            return False
        months = days / 30.4
        a, b = (a * months, b) if old.get("period") == "monthly" else (a, b * months)
        return abs(a - b) <= 0.1 * max(a, b, 1)
    return abs(a - b) <= 0.02 * max(a, b, 1)


def _same(field: str, old: Any, new: Any, known: dict[str, Any], today: date) -> bool:
    if field == "budget":
        return budgets_agree(old, new, _days(known, today))
    if field == "timeline":
        return old == new or parse_window(str(old), today) == parse_window(str(new), today)
    return str(old).strip().casefold() == str(new).strip().casefold()


def _conflict(field: str, old: Any, new: Any) -> dict[str, Any]:
    a, b = _show(field, old), _show(field, new)
    if field == "business_type":
        question = (f"Earlier I noted {a}, now it sounds like {b}. Which is right: 1) {a}, 2) {b}, "
                    "or 3) both (Hybrid)?")
    else:
        label = {"brand_name": "the brand name", "budget": "a budget of", "timeline": "a timeline of"}[field]
        question = (f"Earlier you gave {label} {a}, now {b}. Which should I use: 1) {a} or 2) {b}? "
                    "You can also type the right value.")
    return {"field": field, "old": old, "new": new, "question": question, "platform": None}


def _platform_conflict(platform: str) -> dict[str, Any]:
    return {"field": "platforms", "old": None, "new": None, "platform": platform,
            "question": f"You asked to use {platform} and also to avoid it. Should the plan use {platform}? "
                        "(yes / no)"}


def _fill_currency(known: dict[str, Any], found: dict[str, Any]) -> None:
    budget = found.get("budget")
    if isinstance(budget, dict) and "currency" not in budget:
        old = known.get("budget") or {}
        budget["currency"] = old.get("currency", "USD")


def _merge_platforms(merged: dict[str, Any], found: dict[str, Any], replace: bool) -> list[dict[str, Any]]:
    new_focus, new_avoid = found.get("focus_platforms", []), found.get("avoid_platforms", [])
    if not new_focus and not new_avoid:
        return []
    old_focus = [] if replace else list(merged.get("focus_platforms", []))
    old_avoid = [] if replace else list(merged.get("avoid_platforms", []))
    focus = list(dict.fromkeys([*old_focus, *new_focus]))
    avoid = list(dict.fromkeys([*old_avoid, *new_avoid]))
    clashes = [p for p in focus if p in avoid]
    # a clashing platform keeps the status it had before this message until the person settles it
    merged["focus_platforms"] = [p for p in focus if p not in clashes or p in old_focus]
    merged["avoid_platforms"] = [p for p in avoid if p not in clashes or p in old_avoid]
    return [_platform_conflict(p) for p in clashes]


def merge_values(known: dict[str, Any], found: dict[str, Any], expecting: str | None, today: date
                 ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Known fields updated with ``found``; contradictions are returned as questions, their new values held back."""
    merged = dict(known)
    found = dict(found)
    _fill_currency(known, found)
    conflicts = _merge_platforms(merged, found, replace=expecting == "platforms")
    for name, value in found.items():
        if name in {"focus_platforms", "avoid_platforms"}:
            continue
        old = merged.get(name)
        if name == expecting or old in (None, "", []):
            merged[name] = value
        elif name in LIST_FIELDS and isinstance(value, list):
            merged[name] = list(dict.fromkeys([*old, *value]))
        elif name in CONFLICT_FIELDS and not _same(name, old, value, merged, today):
            conflicts.append(_conflict(name, old, value))
    return merged, conflicts


def _platform_choice(conflict: dict[str, Any], text: str, catalog: dict[str, ChannelInfo]) -> bool | None:
    platform = conflict["platform"]
    if is_yes(text) or _FIRST.match(text):
        return True
    if is_no(text):
        return False
    named = parse_platforms(text, catalog)
    if platform in named.focus and platform not in named.avoid:
        return True
    if platform in named.avoid and platform not in named.focus:
        return False
    return None


def resolve_conflict(conflict: dict[str, Any], text: str, known: dict[str, Any], today: date,
                     catalog: dict[str, ChannelInfo]) -> dict[str, Any] | None:
    """Known fields with the contradiction settled by ``text``; None when the reply does not settle it."""
    merged = dict(known)
    field = conflict["field"]
    if field == "platforms":
        use = _platform_choice(conflict, text, catalog)
        if use is None:
            return None
        platform = conflict["platform"]
        focus = [p for p in merged.get("focus_platforms", []) if p != platform]
        avoid = [p for p in merged.get("avoid_platforms", []) if p != platform]
        merged["focus_platforms"], merged["avoid_platforms"] = ([*focus, platform], avoid) if use else (
            focus, [*avoid, platform])
        return merged
    if field == "business_type" and _THIRD.match(text):
        merged[field] = "Hybrid"
    elif _SECOND.match(text):
        merged[field] = conflict["new"]
    elif _FIRST.match(text):
        merged[field] = conflict["old"]
    else:
        answer = answer_for(field, text, today, catalog)
        if field not in answer.values or field in answer.vague:
            return None
        value = answer.values[field]
        if field == "budget" and "currency" not in value:
            value = {**value, "currency": (conflict["old"] or {}).get("currency", "USD")}
        merged[field] = value
    return merged
