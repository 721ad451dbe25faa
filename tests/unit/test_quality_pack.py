"""Pack checks: brand mentions, order, length, foreign brands, brief fidelity, numbers and engine disclosure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tools.brief import Brief
from tools.catalog import PackSpec, SectionRules
from tools.quality import check_pack
from tools.quality.pack_checks import mentions, platform_named
from tools.result import (
    CalendarEntry,
    ChannelAllocation,
    Issue,
    KpiTarget,
    Pillar,
    SectionResult,
    StrategyCore,
    Timeline,
)

PACK = PackSpec(key="test_pack", label="Test", tier="basic", benchmark_set="test", sections=("overview", "plan"))
RULES = [SectionRules(section_id=sid, label=sid, words=(20, 400), bullets=(0, 20), headings=(0, 9))
         for sid in PACK.sections]

OVERVIEW = """### Brand
Acme Roasters sells specialty coffee roasting subscriptions.
Primary goal: grow online orders to 1,500 by February.
Primary customer: home baristas in Austin who brew every morning.
Geography: Texas. Every bag is roasted to order by Acme Roasters.
We compete with Blue Bottle on freshness, not price."""

PLAN = """### KPI Targets
| KPI | Target |
|---|---|
| online orders | 1,500 |
Acme Roasters runs Instagram and Email, with a 15% off first-box offer.
- online orders: 1,500 by 2027-02-28"""


def make_brief(**kw: Any) -> Brief:
    """A brief whose pack is OVERVIEW + PLAN."""
    data: dict[str, Any] = {
        "brand_name": "Acme Roasters", "industry": "Specialty coffee roasting",
        "product_service": "Coffee subscription", "primary_goal": "Grow online orders to 1,500",
        "primary_customer": "Home baristas in Austin", "geography": "Texas",
        "budget": {"amount": 1000}, "avoid_platforms": ["TikTok"], "competitors": ["Blue Bottle"],
        "constraints": ["no discounts deeper than 20 percent"],
        "must_include_messages": ["roasted to order"], "must_avoid_messages": ["cheapest coffee"],
    }
    data.update(kw)
    return Brief(**data)


def make_strategy(**kw: Any) -> StrategyCore:
    """A consistent strategy: shares sum to 1, amounts to 1000, dates inside the window."""
    data: dict[str, Any] = {
        "positioning": "p", "big_idea": "b", "pillars": [Pillar(name="Fresh", description="d")],
        "audiences": [],
        "channel_mix": [ChannelAllocation(channel="Instagram", role="r", budget_share=0.6, budget_amount=600),
                        ChannelAllocation(channel="Email", role="r", budget_share=0.4, budget_amount=400)],
        "kpi_targets": [KpiTarget(kpi="online orders", target="1,500", by=date(2027, 2, 28))],
        "calendar": [CalendarEntry(date=date(2026, 12, 1), channel="Instagram", theme="t", stage="Awareness")],
        "timeline": Timeline(start=date(2026, 12, 1), end=date(2027, 2, 28)), "budget_total": 1000.0,
    }
    data.update(kw)
    return StrategyCore(**data)


def run(sections: list[SectionResult] | None = None, brief: Brief | None = None,
        strategy: StrategyCore | None = None, **kw: Any) -> list[Issue]:
    """check_pack over the baseline pack with overrides."""
    args: dict[str, Any] = {
        "pack": PACK, "sections": sections if sections is not None else sections_of(OVERVIEW, PLAN),
        "brief": brief or make_brief(), "strategy": strategy or make_strategy(),
        "other_brands": ["Globex", "Blue Bottle"], "engine": "offline", "llm_used": False, "stub_used": False,
        "rules": RULES,
    }
    args.update(kw)
    return check_pack(**args)


def sections_of(overview: str, plan: str, **kw: Any) -> list[SectionResult]:
    """The two pack sections with the given bodies."""
    return [SectionResult(id="overview", title="Overview", markdown=overview, **kw),
            SectionResult(id="plan", title="Plan", markdown=plan, **kw)]


def codes(issues: list[Issue]) -> set[str]:
    """The set of issue codes."""
    return {i.code for i in issues}


def test_baseline_pack_passes() -> None:
    assert run() == []


def _strategy_kw(**kw: Any) -> Callable[[], dict[str, Any]]:
    return lambda: {"strategy": make_strategy(**kw)}


FAILS: list[tuple[str, str, Callable[[], dict[str, Any]]]] = [
    ("TOO_FEW_BRAND_MENTIONS", "brand named twice",
     lambda: {"sections": sections_of(OVERVIEW.replace("by Acme Roasters", "by us"),
                                      PLAN.replace("Acme Roasters runs", "We run"))}),
    ("SECTION_ORDER", "reversed", lambda: {"sections": sections_of(OVERVIEW, PLAN)[::-1]}),
    ("SECTION_ORDER", "missing", lambda: {"sections": sections_of(OVERVIEW, PLAN)[:1]}),
    ("SECTION_ORDER", "empty", lambda: {"sections": sections_of(OVERVIEW, "  ")}),
    ("PACK_TOO_SHORT", "minimums above total",
     lambda: {"rules": [r.model_copy(update={"words": (200, 400)}) for r in RULES]}),
    ("FOREIGN_BRAND", "another client named",
     lambda: {"sections": sections_of(OVERVIEW + "\nLike Globex, we ship fast.", PLAN)}),
    ("BRIEF_IGNORED", "industry missing",
     lambda: {"sections": sections_of(OVERVIEW.replace("specialty coffee roasting", "bean"), PLAN)}),
    ("BRIEF_IGNORED", "customer missing",
     lambda: {"sections": sections_of(OVERVIEW.replace("home baristas in Austin", "people"), PLAN)}),
    ("BRIEF_IGNORED", "geography missing",
     lambda: {"sections": sections_of(OVERVIEW.replace("Texas", "the region"), PLAN)}),
    ("BRIEF_IGNORED", "avoided platform named",
     lambda: {"sections": sections_of(OVERVIEW, PLAN + "\nShort clips go on TikTok.")}),
    ("BRIEF_IGNORED", "avoided platform alias",
     lambda: {"sections": sections_of(OVERVIEW, PLAN + "\nShort clips go on tik tok.")}),
    ("BRIEF_IGNORED", "must-avoid message",
     lambda: {"sections": sections_of(OVERVIEW + "\nThe cheapest coffee in town.", PLAN)}),
    ("BRIEF_IGNORED", "must-include message missing",
     lambda: {"sections": sections_of(OVERVIEW.replace("roasted to order", "fresh"), PLAN)}),
    ("BRIEF_IGNORED", "discount deeper than cap",
     lambda: {"sections": sections_of(OVERVIEW, PLAN.replace("15% off", "30% off"))}),
    ("BRIEF_IGNORED", "no paid ads but paid channel",
     lambda: {"brief": make_brief(constraints=["no paid ads"]),
              "strategy": make_strategy(channel_mix=[
                  ChannelAllocation(channel="Instagram", role="r", budget_share=0.6, budget_amount=600),
                  ChannelAllocation(channel="Meta Ads", role="r", budget_share=0.4, budget_amount=400,
                                    paid=True)])}),
    ("BRIEF_IGNORED", "zero budget but paid channel",
     lambda: {"brief": make_brief(budget={"amount": 0}),
              "strategy": make_strategy(budget_total=0.0, channel_mix=[
                  ChannelAllocation(channel="Instagram", role="r", budget_share=0.5, budget_amount=0),
                  ChannelAllocation(channel="Google Search", role="r", budget_share=0.5, budget_amount=0)])}),
    ("NUMBERS_INCONSISTENT", "shares sum to 0.9", _strategy_kw(channel_mix=[
        ChannelAllocation(channel="Instagram", role="r", budget_share=0.5, budget_amount=600),
        ChannelAllocation(channel="Email", role="r", budget_share=0.4, budget_amount=400)])),
    ("NUMBERS_INCONSISTENT", "amounts sum to 900", _strategy_kw(channel_mix=[
        ChannelAllocation(channel="Instagram", role="r", budget_share=0.6, budget_amount=500),
        ChannelAllocation(channel="Email", role="r", budget_share=0.4, budget_amount=400)])),
    ("NUMBERS_INCONSISTENT", "avoided channel in mix", _strategy_kw(channel_mix=[
        ChannelAllocation(channel="TikTok", role="r", budget_share=0.6, budget_amount=600),
        ChannelAllocation(channel="Email", role="r", budget_share=0.4, budget_amount=400)])),
    ("NUMBERS_INCONSISTENT", "calendar date outside timeline", _strategy_kw(calendar=[
        CalendarEntry(date=date(2027, 3, 5), channel="Email", theme="t", stage="Retention")])),
    ("NUMBERS_INCONSISTENT", "KPI table row differs",
     lambda: {"sections": sections_of(OVERVIEW, PLAN.replace("| 1,500 |", "| 1,200 |"))}),
    ("NUMBERS_INCONSISTENT", "KPI prose differs",
     lambda: {"sections": sections_of(OVERVIEW, PLAN.replace("online orders: 1,500", "online orders: 1,200"))}),
    ("ENGINE_UNDISCLOSED", "unknown engine", lambda: {"engine": "gpt"}),
    ("ENGINE_UNDISCLOSED", "stub used", lambda: {"stub_used": True}),
    ("ENGINE_UNDISCLOSED", "llm section without model",
     lambda: {"sections": sections_of(OVERVIEW, PLAN, engine="llm", provider="openai"),
              "engine": "llm", "llm_used": True}),
    ("ENGINE_UNDISCLOSED", "llm section in an offline pack",
     lambda: {"sections": sections_of(OVERVIEW, PLAN, engine="llm", provider="openai", model="m")}),
]


@pytest.mark.parametrize(("code", "case", "overrides"), FAILS, ids=[f"{c}-{n}" for c, n, _ in FAILS])
def test_pack_check_fails(code: str, case: str, overrides: Callable[[], dict[str, Any]]) -> None:
    issues = run(**overrides())
    assert code in codes(issues), case
    assert all(i.message for i in issues)


PASSES: list[tuple[str, str, Callable[[], dict[str, Any]]]] = [
    ("FOREIGN_BRAND", "competitor named in this brief", lambda: {}),
    ("BRIEF_IGNORED", "paraphrased industry",
     lambda: {"sections": sections_of(OVERVIEW.replace("specialty coffee roasting subscriptions",
                                                       "subscriptions; we roast specialty coffee"), PLAN)}),
    ("BRIEF_IGNORED", "discount at the cap",
     lambda: {"sections": sections_of(OVERVIEW, PLAN.replace("15% off", "20% off"))}),
    ("BRIEF_IGNORED", "no geography given", lambda: {"brief": make_brief(geography=None)}),
    ("NUMBERS_INCONSISTENT", "zero budget, organic mix",
     lambda: {"brief": make_brief(budget={"amount": 0}), "strategy": make_strategy(budget_total=0.0, channel_mix=[
         ChannelAllocation(channel="Instagram", role="r", budget_share=0.5, budget_amount=0),
         ChannelAllocation(channel="Email", role="r", budget_share=0.5, budget_amount=0)])}),
    ("NUMBERS_INCONSISTENT", "KPI with baseline and target",
     lambda: {"sections": sections_of(OVERVIEW, PLAN + "\n- online orders: from 900 to 1,500.")}),
    ("NUMBERS_INCONSISTENT", "no strategy", lambda: {"strategy": None}),
    ("ENGINE_UNDISCLOSED", "llm sections disclosed",
     lambda: {"sections": sections_of(OVERVIEW, PLAN, engine="llm", provider="openai", model="m"),
              "engine": "llm", "llm_used": True}),
    ("ENGINE_UNDISCLOSED", "offline pack with an LLM critic", lambda: {"llm_used": True}),
]


@pytest.mark.parametrize(("code", "case", "overrides"), PASSES, ids=[f"{c}-{n}" for c, n, _ in PASSES])
def test_pack_check_passes(code: str, case: str, overrides: Callable[[], dict[str, Any]]) -> None:
    issues = run(**overrides())
    assert code not in codes(issues), [i.message for i in issues]


def test_pack_of_a_different_brand_fails() -> None:
    other = [s.model_copy(update={"markdown": s.markdown.replace("Acme Roasters", "Globex")})
             for s in sections_of(OVERVIEW, PLAN)]
    assert {"TOO_FEW_BRAND_MENTIONS", "FOREIGN_BRAND"} <= codes(run(sections=other))


def test_brand_mentions_threshold_scales_with_sections() -> None:
    big = PACK.model_copy(update={"sections": tuple(f"s{i}" for i in range(10))})
    sections = [SectionResult(id=f"s{i}", title="t", markdown=("Acme Roasters " if i < 4 else "") + "text")
                for i in range(10)]
    issues = run(pack=big, sections=sections, rules=[])
    (brand,) = [i for i in issues if i.code == "TOO_FEW_BRAND_MENTIONS"]
    assert "appears 4 times across the pack, min 5" in brand.message


def test_severities_are_errors_from_spec() -> None:
    assert {i.severity for i in run(engine="gpt", stub_used=True)} == {"error"}


@pytest.mark.parametrize(("term", "text", "named"), [
    ("meta", "Write meta descriptions of 150 characters.", False),
    ("meta", "Retarget visitors on Meta next month.", True),
    ("meta", "Meta descriptions stay under 155 characters.", False),
    ("x", "Post threads on X every Friday.", True),
    ("x", "A 3x return and an X-ray view.", False),
    ("TikTok", "Short clips on tiktok.", True),
    ("TikTok", "Short clips on TikToks.", False),
])
def test_platform_named(term: str, text: str, named: bool) -> None:
    assert platform_named(term, text) is named


def test_mentions_rule() -> None:
    assert mentions("Home baristas in Austin", "We serve home baristas in austin daily.")
    assert mentions("Food and beverage subscription", "A beverage subscription for food lovers")
    assert not mentions("Food and beverage subscription", "food here\nbeverage there\nsubscription later")
    assert not mentions("Texas", "Austin")
