"""Campaign YAML: every field validated with its name, spec/cam.md defaults when a field is left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tools.leads.campaign import CampaignError, load_campaign, parse_campaign

MINIMAL: dict[str, Any] = {"name": "Q3", "offer": "An outbound sprint",
                           "sender": {"from_name": "Sam", "from_email": "Sam@Agency.example"}}


def test_defaults_come_from_the_spec() -> None:
    c = parse_campaign(MINIMAL)
    limits = c.limits
    assert (limits.daily_cap, limits.warmup_start, limits.warmup_step, limits.global_daily_cap) == (20, 5, 5, 500)
    assert limits.send_window == "09:00-18:00" and limits.window[0].hour == 9 and limits.follow_up_days == 7
    assert limits.auto_pause is False and c.sender.from_email == "sam@agency.example"
    assert (c.rules.hot, c.rules.warm, c.rules.cool, c.rules.qualify_min_score) == (0.85, 0.65, 0.40, 0.70)
    assert [s.name for s in c.rules.sequences] == ["aggressive_close", "regular_nurture", "long_term_nurture",
                                                   "cold_outreach"]


def test_a_full_file(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("""
name: Spring outbound
offer: A 6-week outbound sprint
tone: formal
icp: {sizes: [medium, enterprise], industries: [saas], revenue_min: 1000000, revenue_max: 50000000,
      locations: [germany], roles: [head of sales]}
limits: {daily_cap: 40, warmup_start: 10, warmup_step: 10, send_window: "08:30-17:00", timezone: Europe/Berlin}
sender: {from_name: Sam Carter, from_email: sam@agency.example}
""", encoding="utf-8")
    c = load_campaign(path)
    assert c.icp.sizes == ["medium", "enterprise"] and c.limits.timezone == "Europe/Berlin" and c.tone == "formal"


@pytest.mark.parametrize(("patch", "field"), [
    ({"name": ""}, "name"),
    ({"sender": {"from_name": "Sam", "from_email": "nope"}}, "sender.from_email"),
    ({"icp": {"sizes": ["huge"]}}, "icp.sizes"),
    ({"icp": {"revenue_min": 10, "revenue_max": 5}}, "icp"),
    ({"limits": {"send_window": "18:00-09:00"}}, "limits.send_window"),
    ({"limits": {"timezone": "Mars/Base"}}, "limits.timezone"),
    ({"limits": {"daily_cap": 0}}, "limits.daily_cap"),
    ({"offer_url": "javascript:alert(1)"}, "offer_url"),
    ({"unknown": 1}, "unknown"),
])
def test_errors_name_the_field(patch: dict[str, Any], field: str) -> None:
    with pytest.raises(CampaignError) as info:
        parse_campaign({**MINIMAL, **patch})
    assert any(problem.startswith(field) for problem in info.value.problems), info.value.problems


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(CampaignError, match="cannot read"):
        load_campaign(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(CampaignError, match="not valid YAML"):
        load_campaign(bad)
    bad.write_text("- a list", encoding="utf-8")
    with pytest.raises(CampaignError, match="mapping"):
        load_campaign(bad)
