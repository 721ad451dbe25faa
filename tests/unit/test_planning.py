"""Planning math: goal parsing, funnel-derived KPIs, budget splits, channel choice, calendar dates, themes."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from tools.brief import parse_brief
from tools.knowledge import default_knowledge
from tools.planning.budget import campaign_budget, campaign_months, split_amount, split_shares
from tools.planning.calendar import (
    calendar_slots,
    channel_rotation,
    event_date,
    phase_for,
    split_events,
    weekly_beats,
)
from tools.planning.channels import (
    avoided_channels,
    channel_catalog,
    is_local,
    match_channel,
    paid_allowed,
    select_channels,
)
from tools.planning.funnel import (
    Funnel,
    build_funnel,
    covered,
    derive_target,
    engagement_target,
    improvement,
    money,
    percent,
)
from tools.planning.kpis import GoalTarget, kpi_kind, targets_from_goal, volume_of
from tools.planning.themes import (
    angles_by_role,
    build_pool,
    discount_cap,
    fill,
    offer_fits,
    offers_allowed,
    pick_themes,
)
from tools.planning.timeline import duration_days, parse_window, quarter_window, resolve_timeline

TODAY = date(2026, 11, 22)
CATALOG = channel_catalog(default_knowledge().get("channel_catalog"))
BENCH: dict[str, Any] = {"conversion": 10, "cac": [40, 60], "engagement_rate": 3.0, "repeat_rate": 30,
                         "pipeline_multiple": 5, "roas": 3.0, "review_rating": 4.6}


# --- goal parsing -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        ("Sign up 200 new members in 90 days", [("new members", "200", None)]),
        ("Generate 500 marketing-qualified leads and 50 paid conversions in Q1",
         [("marketing-qualified leads", "500", None), ("paid conversions", "50", None)]),
        ("Grow Instagram and TikTok following to 25,000 and reach 1,500 online orders in 90 days",
         [("Instagram and TikTok following", "25,000", None), ("online orders", "1,500", None)]),
        ("Cut monthly churn from 12% to 7% and raise customer lifetime value by 30% within 6 months",
         [("monthly churn", "7%", "12%"), ("customer lifetime value", "+30%", None)]),
        ("10,000 pre-orders before the launch date and 4.5-star average launch reviews",
         [("pre-orders", "10,000", None), ("average review rating", "4.5 stars", None)]),
        ("Reach 2500 email subscribers and 300 orders in 90 days",
         [("email subscribers", "2,500", None), ("orders", "300", None)]),
        ("Book 120 qualified demos this quarter", [("qualified demos", "120", None)]),
        ("Hit $50k in revenue and 2k signups by March", [("revenue", "$50k", None), ("signups", "2,000", None)]),
        ("Raise 25,000 EUR in donations by December", [("donations", "25,000 EUR", None)]),
        ("Rebuild trust after a year of delivery delays and lift online sales back to 2024 levels within 4 months",
         [("online sales", "back to the 2024 level", "current level")]),
        ("more sales", []),
    ],
)
def test_targets_from_goal(goal: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(t.kpi, t.target, t.baseline) for t in targets_from_goal(goal)] == expected


def test_time_spans_and_years_are_not_targets() -> None:
    assert targets_from_goal("Grow in 2027 over 6 months") == []


@pytest.mark.parametrize(("text", "value"), [("1,500", 1500), ("2k", 2000), ("1.5M", 1_500_000), ("7%", None),
                                             ("$50k", None), ("4.5 stars", None)])
def test_volume_of(text: str, value: float | None) -> None:
    assert volume_of(text) == value


@pytest.mark.parametrize(("name", "kind"), [
    ("MQLs", "leads"), ("marketing-qualified leads", "leads"), ("paid conversions", "customers"),
    ("trial-to-paid conversion rate", "conversion"), ("CAC", "cost_per_customer"), ("cost per lead", "cost_per_lead"),
    ("engagement rate", "engagement_rate"), ("monthly churn", "decrease"), ("LTV", "value"),
    ("follower growth", "followers"), ("email sign-ups", "leads"), ("new members", "customers"),
    ("average review rating", "rating"), ("website traffic", "reach"), ("repeat purchase rate", "repeat_rate"),
])
def test_kpi_kind(name: str, kind: str) -> None:
    assert kpi_kind(name) == kind


# --- funnel-derived targets -----------------------------------------------------------------------

def test_funnel_uses_stated_volumes_and_their_ratio() -> None:
    goal = [GoalTarget("marketing-qualified leads", "500"), GoalTarget("paid conversions", "50")]
    funnel = build_funnel(goal, BENCH, 60000)
    assert (funnel.leads, funnel.customers, funnel.conversion) == (500, 50, 10)


def test_funnel_derives_missing_volumes_from_benchmarks_and_budget() -> None:
    only_customers = build_funnel([GoalTarget("new members", "200")], BENCH, 6000)
    assert only_customers.leads == 2000
    from_budget = build_funnel([], BENCH, 10000)
    assert from_budget.customers == 200  # 10,000 / mid CAC 50
    assert build_funnel([], BENCH, 0).customers is None


def test_cost_kpis_divide_the_budget_by_the_matching_volume() -> None:
    funnel = Funnel(leads=12000, customers=1500, conversion=12.5)
    assert derive_target("cost_per_customer", funnel, BENCH, 18000, "USD", 90, 4.0) == "$12.00"
    assert derive_target("cost_per_lead", funnel, BENCH, 18000, "USD", 90, 4.0) == "$1.50"
    assert derive_target("cost_per_customer", funnel, BENCH, 0, "USD", 90, 4.0) is None
    assert derive_target("pipeline", funnel, BENCH, 0, "USD", 90, 4.0) is None
    assert derive_target("roas", funnel, BENCH, 0, "USD", 90, 4.0) is None


def test_rates_come_from_benchmarks_and_differ_by_kind() -> None:
    funnel = Funnel(leads=500, customers=50, conversion=10)
    values = {kind: derive_target(kind, funnel, BENCH, 1000, "USD", 90, engagement_target(BENCH, [1.35], 90))
              for kind in ("conversion", "engagement_rate", "repeat_rate")}
    assert len(set(values.values())) == 3
    assert values["conversion"] == "10%"
    assert values["engagement_rate"] == "4.3%"  # 3.0 x TikTok 1.35 x (1 + 6% / 2)


def test_formatting_and_lift() -> None:
    assert money(1200, "USD") == "$1,200" and money(12.5, "EUR") == "€12.50" and money(3400, "SEK") == "3,400 SEK"
    assert percent(39.2) == "39%" and percent(3.84) == "3.8%" and percent(2.0) == "2%"
    assert improvement(7) == 0.05 and improvement(365) == 0.30


def test_covered_matches_aliases_and_same_kind_only() -> None:
    assert covered("MQLs", ["marketing-qualified leads"])
    assert covered("LTV", ["customer lifetime value"])
    assert covered("follower growth", ["Instagram and TikTok following"])
    assert not covered("new customers", ["customer lifetime value"])
    assert not covered("skip rate", ["monthly churn"])


# --- budget ---------------------------------------------------------------------------------------

def test_shares_and_amounts_are_exact() -> None:
    rng = random.Random(7)
    for _ in range(500):
        n = rng.randint(1, 8)
        shares = split_shares([rng.uniform(0.1, 9) for _ in range(n)])
        total = round(rng.choice([0.05, 3, 99.99, 1234.56, 6000, 18000, 250000]) * rng.uniform(0.5, 2), 2)
        amounts = split_amount(total, shares)
        assert round(sum(shares), 9) == 1.0
        assert all(round(s, 2) == s for s in shares)
        assert round(sum(amounts), 2) == total
        assert min(amounts) >= 0


@pytest.mark.parametrize(("period", "days", "expected"), [
    ("monthly", 181, 24000), ("monthly", 90, 12000), ("monthly", 365, 48000), ("monthly", 14, 1866.67),
    ("monthly", 45, 6000), ("total", 14, 4000),
])
def test_campaign_budget(period: str, days: int, expected: float) -> None:
    assert campaign_budget(4000, period, days) == expected
    assert campaign_months(7) == pytest.approx(7 / 30)


# --- channels -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("avoid", "banned"), [
    ("X", {"X (Twitter)"}), ("Twitter", {"X (Twitter)"}), ("Facebook", {"Facebook", "Meta Ads"}),
    ("Meta Ads", {"Meta Ads"}), ("Facebook Ads", {"Meta Ads"}), ("Meta", {"Meta Ads", "Facebook", "Instagram"}),
    ("Instagram", {"Instagram", "Meta Ads"}), ("LinkedIn", {"LinkedIn", "LinkedIn Ads"}),
    ("Google Ads", {"Google Search"}), ("TikTok", {"TikTok"}), ("Snapchat", set()),
])
def test_avoided_channel_aliases(avoid: str, banned: set[str]) -> None:
    assert avoided_channels([avoid], CATALOG) == banned


@pytest.mark.parametrize(("name", "canonical"), [
    ("IG", "Instagram"), ("LinkedIn Ads", "LinkedIn Ads"), ("LinkedIn organic", "LinkedIn"),
    ("newsletter", "Email"), ("YouTube Shorts", "YouTube"), ("Threads", None), ("Box", None),
])
def test_match_channel(name: str, canonical: str | None) -> None:
    assert match_channel(name, CATALOG) == canonical


def test_paid_allowed() -> None:
    assert paid_allowed([], 100)
    assert not paid_allowed([], 0)
    for constraint in ("no paid ads", "No advertising", "organic only", "without paid media", "no sponsored posts"):
        assert not paid_allowed([constraint], 5000), constraint
    assert paid_allowed(["no discounts deeper than 20 percent"], 5000)


def test_select_channels_honours_focus_avoid_paid_and_kaizen() -> None:
    weights = {"Instagram": 5, "Meta Ads": 4, "Email": 4, "TikTok": 3, "Google Search": 3}
    chosen = select_channels(weights=weights, catalog=CATALOG, focus=["Pinterest", "Snapchat"],
                             avoid=["TikTok"], allow_paid=False, size=4)
    names = [n for n, _ in chosen]
    assert names[0] == "Pinterest" and "TikTok" not in names
    assert not any(CATALOG[n].paid for n in names)
    assert "SEO & Blog" in names  # Google Search's organic twin when paid media is out
    boosted = select_channels(weights=weights, catalog=CATALOG, focus=[], avoid=[], allow_paid=True,
                              preferred=["Google Search"], size=5)
    plain = select_channels(weights=weights, catalog=CATALOG, focus=[], avoid=[], allow_paid=True, size=5)
    rank = [n for n, _ in boosted].index("Google Search")
    assert rank < [n for n, _ in plain].index("Google Search")


def test_is_local() -> None:
    assert is_local("Austin, Texas", "busy professionals")
    assert is_local(None, "people within 5 km of the studio")
    assert not is_local("United States and Canada", "home cooks")


# --- timeline and calendar ------------------------------------------------------------------------

@pytest.mark.parametrize(("timeline", "start", "end"), [
    ("Q1 2027", date(2027, 1, 1), date(2027, 3, 31)),
    ("14 days", date(2026, 11, 23), date(2026, 12, 6)),
    ("12 months", date(2026, 11, 23), date(2027, 11, 17)),
    ("12 weeks to launch plus 4 weeks after", date(2026, 11, 23), date(2027, 3, 14)),
    ({"start": "2027-01-04", "end": "2027-01-10"}, date(2027, 1, 4), date(2027, 1, 10)),
    (None, date(2026, 11, 23), date(2027, 2, 20)),
])
def test_resolve_timeline(timeline: Any, start: date, end: date) -> None:
    data = {"brand_name": "B", "industry": "Retail", "product_service": "Shoes", "primary_goal": "100 orders",
            "primary_customer": "Runners in Leeds"}
    if timeline is not None:
        data["timeline"] = timeline
    resolved = resolve_timeline(parse_brief(data), TODAY)
    assert (resolved.start, resolved.end) == (start, end)


def test_duration_and_quarter_helpers() -> None:
    assert duration_days("six weeks") == 42
    assert quarter_window("Q3", date(2026, 11, 22)) == (date(2027, 7, 1), date(2027, 9, 30))


@pytest.mark.parametrize("days", [1, 7, 14, 20, 30, 90, 365])
def test_calendar_slots_stay_inside(days: int) -> None:
    start = date(2027, 1, 1)
    end = start + timedelta(days=days - 1)
    slots = calendar_slots(start, end, 30)
    assert len(slots) == 30 and all(start <= d <= end for d in slots)
    assert slots == sorted(slots)
    assert all(start < d <= end for d in weekly_beats(start, end, slots[-1]))
    assert [phase_for(i, 30) for i in (0, 15, 29)] == ["Awareness", "Consideration", "Conversion"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Studio anniversary open day in week 6", date(2027, 2, 5)),
    ("Launch livestream at week 12", date(2027, 3, 19)),
    ("Founder talk on day 10", date(2027, 1, 10)),
    ("Valentine's pop-up", date(2027, 2, 14)),
    ("Summer pop-up on 14 February", date(2027, 2, 14)),
    ("Warehouse sale on 2027-03-02", date(2027, 3, 2)),
    ("Anniversary party mid-campaign", date(2027, 2, 14)),
    ("Launch at week 40", None),
    ("Sometime soon", None),
])
def test_event_date(text: str, expected: date | None) -> None:
    assert event_date(text, date(2027, 1, 1), date(2027, 3, 31)) == expected


def test_black_friday_and_split_events() -> None:
    assert event_date("Black Friday sale", date(2026, 11, 1), date(2026, 12, 31)) == date(2026, 11, 27)
    assert split_events("Open day in week 6; Black Friday sale") == ["Open day in week 6", "Black Friday sale"]


def test_channel_rotation_respects_caps_and_includes_every_channel() -> None:
    rotation = channel_rotation([("Instagram", 0.4, 12), ("TikTok", 0.3, 12), ("Email", 0.2, 5), ("SMS", 0.1, 2)])
    assert len(rotation) == 30
    assert rotation.count("Email") <= 5 and rotation.count("SMS") <= 2
    assert set(rotation) == {"Instagram", "TikTok", "Email", "SMS"}
    stretched = channel_rotation([("Email", 1, 5), ("Events", 1, 2)])
    assert len(stretched) == 30 and set(stretched) == {"Email", "Events"}


# --- themes -----------------------------------------------------------------------------------------

def test_themes_are_unique_filtered_and_role_rotated() -> None:
    angles = angles_by_role(["teach: myth vs fact: {pain}", "prove: the numbers: {proof}", "belong: poll",
                             "act: limited offer this week", "act: book a visit to {brand}"])
    variants = [{"pain": "no time", "proof": "4.9 stars", "brand": "Café Ñandú"},
                {"pain": "high prices", "proof": "1,200 customers", "brand": "Café Ñandú"}]
    pool = build_pool(seeds={"teach": ["Myth vs fact: no time"]}, angles=angles, variants=variants,
                      banned=["TikTok"], allow_offers=False)
    assert pool["teach"] == ["Myth vs fact: no time", "Myth vs fact: high prices"]
    assert pool["act"] == ["Book a visit to Café Ñandú"]
    picked = pick_themes(pool, 12)
    themes = [t for _, t in picked]
    assert len(themes) == 12 and len(set(themes)) == 12
    assert picked[0][0] == "teach" and picked[1][0] == "prove"


def test_fill_treats_values_as_data() -> None:
    assert fill("for {customer}", {"customer": "{brand} fans {0}"}) == "For {brand} fans {0}"
    assert fill("{missing} works", {}) == "Works"


def test_offers_allowed() -> None:
    assert offers_allowed(["no discounts deeper than 20 percent"])
    assert not offers_allowed(["no discounts"])
    assert discount_cap(["no discounts deeper than 15 percent"]) == 15
    assert not offer_fits("First month at half price", ["no discounts deeper than 15 percent"])
    assert not offer_fits("30% off your first box", ["no discounts greater than 20%"])
    assert offer_fits("10% off your first box", ["no discounts deeper than 20 percent"])
    assert offer_fits("Free travel-size serum with first order over $45", [])
    assert not offer_fits("Free consultation", ["no offers"])


@pytest.mark.parametrize(("text", "window"), [
    ("Q1 2027", (date(2027, 1, 1), date(2027, 3, 31))),
    ("Q1 2025", None),
    ("until March 2027", (date(2026, 11, 23), date(2027, 3, 31))),
    ("January to March 2027", (date(2027, 1, 1), date(2027, 3, 31))),
    ("Jan-Mar", (date(2027, 1, 1), date(2027, 3, 31))),
    ("2027-01-04 to 2027-03-31", (date(2027, 1, 4), date(2027, 3, 31))),
    ("6 weeks starting 2027-02-01", (date(2027, 2, 1), date(2027, 3, 14))),
    ("next quarter", (date(2027, 1, 1), date(2027, 3, 31))),
    ("this quarter", (date(2026, 11, 23), date(2026, 12, 31))),
    ("asap", None),
    ("whatever may happen", None),
])
def test_parse_window(text: str, window: tuple[date, date] | None) -> None:
    assert parse_window(text, TODAY) == window
