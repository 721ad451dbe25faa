"""Lead score (spec/cam.md "Score"): every factor, every weight and every tier boundary."""

from __future__ import annotations

import pytest

from tools.leads.campaign import ICP, Rules
from tools.leads.records import Enrichment, LeadRecord
from tools.leads.scoring import (
    industry_fit,
    location_fit,
    revenue_fit,
    score_lead,
    seniority_fit,
    signals_fit,
    size_fit,
    size_rung,
    tier_for,
    title_fit,
)


@pytest.mark.parametrize(("value", "rung"), [
    ("startup", 0), ("small", 1), ("Medium", 2), ("enterprise", 3), ("mid-market", 2), ("large", 3),
    ("9", 0), ("10", 1), ("49", 1), ("50", 2), ("499", 2), ("500", 3), ("1,200", 3), ("11-50", 1), ("51-200", 2),
    ("500+", 3), ("1-10 employees", 0), ("", None), (None, None), ("lots", None),
])
def test_size_ladder_from_names_and_counts(value: str | None, rung: int | None) -> None:
    assert size_rung(value) == rung


@pytest.mark.parametrize(("size", "targets", "value"), [
    ("medium", ["medium"], 1.0),          # exact
    ("small", ["medium"], 0.8),           # 1 step: 1 - 0.2
    ("startup", ["medium"], 0.6),         # 2 steps: 1 - 0.4
    ("startup", ["enterprise"], 0.5),     # 3 steps: 1 - 0.6 = 0.4, floored at 0.5
    ("startup", ["small", "enterprise"], 0.8),  # the nearest target counts
    (None, ["medium"], 0.5),              # unknown size
    ("medium", [], 0.5),                  # no preference
])
def test_size_factor(size: str | None, targets: list[str], value: float) -> None:
    factor = size_fit(size, targets)
    assert (factor.weight, factor.value) == (0.30, value)


@pytest.mark.parametrize(("industry", "targets", "value"), [
    ("SaaS", ["saas"], 1.0), ("B2B SaaS", ["saas"], 0.8), ("saas", ["vertical saas"], 0.8),
    ("Retail", ["saas"], 0.3), (None, ["saas"], 0.5), ("Retail", [], 0.5),
])
def test_industry_factor(industry: str | None, targets: list[str], value: float) -> None:
    factor = industry_fit(industry, targets)
    assert (factor.weight, factor.value) == (0.30, value)


@pytest.mark.parametrize(("revenue", "low", "high", "value"), [
    (1_000_000, 1_000_000, 5_000_000, 1.0),   # lower bound inside
    (5_000_000, 1_000_000, 5_000_000, 1.0),   # upper bound inside
    (500_000, 1_000_000, 5_000_000, 0.5),     # below: revenue / min
    (200_000, 1_000_000, 5_000_000, 0.3),     # below: 0.2 floored at 0.3
    (10_000_000, 1_000_000, 5_000_000, 0.5),  # above: max / revenue
    (50_000_000, 1_000_000, 5_000_000, 0.3),  # above: 0.1 floored at 0.3
    (0, 1_000_000, None, 0.3),
    (7_000_000, 1_000_000, None, 1.0),        # open upper bound
    (None, 1_000_000, 5_000_000, 0.5),        # unknown revenue
    (3_000_000, None, None, 0.5),             # no target range
])
def test_revenue_factor(revenue: float | None, low: float | None, high: float | None, value: float) -> None:
    factor = revenue_fit(revenue, low, high)
    assert (factor.weight, factor.value) == (0.25, value)


@pytest.mark.parametrize(("location", "targets", "value"), [
    ("Germany", ["germany"], 1.0), ("Berlin, Germany", ["germany"], 0.8), ("France", ["germany"], 0.4),
    ("Germany", ["berlin, germany"], 0.4),  # only a target inside the lead's location counts as contained
    (None, ["germany"], 0.5), ("Germany", [], 0.5),
])
def test_location_factor(location: str | None, targets: list[str], value: float) -> None:
    factor = location_fit(location, targets)
    assert (factor.weight, factor.value) == (0.15, value)


@pytest.mark.parametrize(("title", "roles", "value"), [
    ("Head of Sales", ["head of sales"], 1.0), ("Global Head of Sales EMEA", ["head of sales"], 0.8),
    ("CTO", ["head of sales"], 0.3), ("CTO", [], 0.6), (None, ["head of sales"], 0.5), ("", [], 0.5),
])
def test_title_factor(title: str | None, roles: list[str], value: float) -> None:
    factor = title_fit(title, roles)
    assert (factor.weight, factor.value) == (0.35, value)


@pytest.mark.parametrize(("title", "value"), [
    ("CEO", 1.0), ("Chief Revenue Officer", 1.0), ("Co-Founder", 1.0), ("Founder & CTO", 1.0),
    ("VP Marketing", 0.95), ("Vice President, Sales", 0.95), ("President", 0.95), ("Executive Director", 0.95),
    ("Director of Growth", 0.90), ("Head of Sales", 0.90), ("Marketing Manager", 0.70), ("Team Lead", 0.65),
    ("Senior Engineer", 0.60), ("Analyst", 0.5), (None, 0.5),
])
def test_seniority_factor(title: str | None, value: float) -> None:
    factor = seniority_fit(title)
    assert (factor.weight, factor.value) == (0.25, value)


def test_seniority_falls_back_to_the_job_level() -> None:
    assert seniority_fit(None, "director").value == 0.90


@pytest.mark.parametrize(("signals", "value"), [
    ({}, 0.5), ({"recent_job_change": True}, 0.75), ({"company_funded_recently": True}, 0.65),
    ({"company_hiring": True}, 0.6), ({"recent_activity": True}, 0.6), ({"is_decision_maker": True}, 0.65),
    ({"has_budget_authority": True}, 0.6),
    ({"recent_job_change": True, "company_funded_recently": True, "company_hiring": True}, 1.0),
    ({name: True for name in ("recent_job_change", "company_funded_recently", "company_hiring", "recent_activity",
                              "is_decision_maker", "has_budget_authority")}, 1.0),  # 1.35 capped at 1.0
])
def test_signals_factor(signals: dict[str, bool], value: float) -> None:
    factor = signals_fit(Enrichment(**signals))
    assert (factor.weight, factor.value) == (0.40, value)


@pytest.mark.parametrize(("score", "tier"), [
    (1.0, "HOT"), (0.85, "HOT"), (0.8499, "WARM"), (0.65, "WARM"), (0.6499, "COOL"), (0.40, "COOL"),
    (0.3999, "COLD"), (0.0, "COLD"),
])
def test_tier_boundaries(score: float, tier: str) -> None:
    assert tier_for(score) == tier


def test_tiers_follow_the_campaign_rules() -> None:
    assert tier_for(0.8, Rules(hot=0.8)) == "HOT"


def test_score_is_half_icp_half_opportunity_with_the_breakdown_kept() -> None:
    icp = ICP(sizes=["medium"], industries=["saas"], revenue_min=1e6, revenue_max=5e6, locations=["germany"],
              roles=["head of sales"])
    lead = LeadRecord(title="Head of Sales", enrichment=Enrichment(
        company_size="small", industry="SaaS", annual_revenue=500_000, location="Berlin, Germany",
        recent_job_change=True))
    b = score_lead(lead, icp)
    # ICP: 0.30*0.8 + 0.30*1.0 + 0.25*0.5 + 0.15*0.8 = 0.785; opportunity: 0.35*1.0 + 0.25*0.9 + 0.40*0.75 = 0.875
    assert (b.icp_fit, b.opportunity, b.score, b.tier) == (0.785, 0.875, 0.83, "WARM")
    breakdown = b.as_dict()
    assert [f["name"] for f in breakdown["icp_factors"]] == ["size", "industry", "revenue", "location"]
    assert [f["name"] for f in breakdown["opportunity_factors"]] == ["title", "seniority", "signals"]
    assert breakdown["icp_factors"][2]["reason"] == "500,000 below 1,000,000"


def test_an_empty_profile_scores_every_icp_component_as_unknown() -> None:
    b = score_lead(LeadRecord(email="x@y.io"), ICP())
    assert b.icp_fit == 0.5 and all(f.value == 0.5 for f in b.icp_factors)
    assert b.opportunity == round(0.35 * 0.5 + 0.25 * 0.5 + 0.40 * 0.5, 4)


def test_hot_boundary_is_met_exactly() -> None:
    # ICP 1.0 (every component exact); opportunity 0.7 = 0.35*1.0 + 0.25*0.6 + 0.40*0.5 -> score 0.85 -> HOT
    icp = ICP(sizes=["medium"], industries=["saas"], revenue_min=1, revenue_max=10, locations=["germany"],
              roles=["senior engineer"])
    lead = LeadRecord(title="Senior Engineer", enrichment=Enrichment(company_size="medium", industry="saas",
                                                                      annual_revenue=5, location="germany"))
    b = score_lead(lead, icp)
    assert (b.icp_fit, b.opportunity, b.score, b.tier) == (1.0, 0.7, 0.85, "HOT")
