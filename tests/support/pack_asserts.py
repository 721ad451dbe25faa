"""The acceptance contract of a written pack, asserted from pack.json alone."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from tools.catalog import default_catalog
from tools.knowledge import default_knowledge
from tools.planning.channels import avoided_channels, channel_catalog


def _mentions(text: str, name: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE))


def assert_pack_contract(pack: dict[str, Any], other_brands: list[str]) -> None:
    """quality_passed, catalog order, brand mentions, no foreign brand, exact budget, dates, avoided platforms."""
    key = pack["pack_key"]
    brief = pack["brief"]
    issues = [(s["id"], i["code"], i["message"]) for s in pack["sections"] for i in s["issues"]
              if i["severity"] == "error"] + [("pack", i["code"], i["message"]) for i in pack["pack_issues"]
                                               if i["severity"] == "error"]
    assert pack["quality_passed"] is True, f"{key} for {brief['brand_name']}: {issues[:8]}"
    assert pack["error_type"] is None and pack["stub_used"] is False
    ids = [s["id"] for s in pack["sections"]]
    assert ids == list(default_catalog().pack(key).sections), f"{key}: sections out of catalog order"
    text = "\n".join(s["markdown"] for s in pack["sections"])
    brand = brief["brand_name"]
    need = max(3, math.ceil(len(ids) / 2))
    assert _mentions(text, brand) >= need, f"{key}: brand mentioned {_mentions(text, brand)} < {need}"
    own_text = " ".join(str(v) for v in brief.values())
    for other in other_brands:
        if other.casefold() != brand.casefold() and other.casefold() not in own_text.casefold():
            assert _mentions(text, other) == 0, f"{key}: foreign brand {other!r} appears"
    strategy = pack["strategy"]
    shares = [c["budget_share"] for c in strategy["channel_mix"]]
    assert abs(sum(shares) - 1) <= 0.01, f"{key}: shares sum to {sum(shares)}"
    budget = strategy["budget_total"]
    amounts = sum(c["budget_amount"] for c in strategy["channel_mix"])
    assert abs(amounts - budget) < 0.01, f"{key}: amounts {amounts} != budget {budget}"
    if brief.get("budget") and brief["budget"].get("period", "total") == "total":
        assert budget == brief["budget"]["amount"]
    if budget == 0:
        assert not any(c["paid"] for c in strategy["channel_mix"]), f"{key}: paid channel with a 0 budget"
    start, end = date.fromisoformat(strategy["timeline"]["start"]), date.fromisoformat(strategy["timeline"]["end"])
    for entry in strategy["calendar"]:
        assert start <= date.fromisoformat(entry["date"]) <= end, f"{key}: {entry['date']} outside the timeline"
    for target in strategy["kpi_targets"]:
        assert start <= date.fromisoformat(target["by"]) <= end
    banned = avoided_channels(brief.get("avoid_platforms", []), channel_catalog(default_knowledge().get(
        "channel_catalog")))
    mix = {c["channel"] for c in strategy["channel_mix"]}
    assert not (mix & banned), f"{key}: avoided platform in the mix: {mix & banned}"
    for name in brief.get("avoid_platforms", []):
        if len(name) > 2:
            assert _mentions(text, name) == 0, f"{key}: avoided platform {name!r} named in the text"
    for raw in ("<script", "{{", "[INSERT", "{%"):
        assert raw.lower() not in text.lower(), f"{key}: raw markup {raw!r} reached the pack"
