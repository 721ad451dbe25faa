"""Packs for exporter tests: a small hand-built pack whose brand, tables and calendar the tests look for."""

from __future__ import annotations

from datetime import date, timedelta

from tools.result import (
    Audience,
    CalendarEntry,
    ChannelAllocation,
    KpiTarget,
    PackResult,
    Pillar,
    SectionResult,
    StrategyCore,
    Timeline,
)

STAGES = ("Awareness", "Consideration", "Conversion", "Retention")


def _section_markdown(n: int, brand: str) -> str:
    """A body with every block kind the writers use: headings, bullets, numbers, bold and a table."""
    return "\n".join([
        f"### Why {brand} wins, part {n}",
        "",
        f"{brand} leads with **fragrance-free proof** and honest pricing. The plan keeps one budget and one "
        f"calendar so every team quotes the same numbers (section {n}).",
        "",
        f"- **Reach:** grow followers to 25,000 by week 12 for {brand}",
        "- **Orders:** 1,500 online orders at a blended CPA under $12",
        "- Keep the tone warm, science-backed and honest",
        "",
        "### Steps",
        "",
        "1. Launch the creator seeding wave in week 1",
        "2. Retarget engaged viewers with proof-led ads",
        "3. Convert with the free travel-size serum offer",
        "",
        "| Channel | Budget | KPI |",
        "|---|---|---|",
        f"| Instagram | $6,300 | 12,000 followers (section {n}) |",
        "| TikTok | $5,400 | 9,000 followers |",
        "| Email | $1,800 | 22% open rate |",
    ])


def make_strategy(budget: float = 18000.0, weeks: int = 6) -> StrategyCore:
    """A small, consistent strategy core; budget 0 gives organic-only channels."""
    start = date(2026, 11, 23)
    channels = [("Instagram", 0.35), ("TikTok", 0.30), ("Email", 0.20), ("Creators", 0.15)]
    mix = [ChannelAllocation(channel=name, role=f"{name} role", budget_share=share,
                             budget_amount=round(budget * share, 2), paid=budget > 0 and name != "Email",
                             stage=STAGES[i % 4]) for i, (name, share) in enumerate(channels)]
    calendar = [CalendarEntry(date=start + timedelta(days=3 * i), channel=channels[i % 4][0],
                              theme=f"Theme {i}: ingredient truth", stage=STAGES[i % 4], format="Reel",
                              cta="Shop now") for i in range(weeks * 2)]
    end = start + timedelta(days=89)
    return StrategyCore(
        positioning="The honest plant-based skincare for reactive skin.", big_idea="Proof over promises.",
        pillars=[Pillar(name="Ingredient truth", description="Show every ingredient.")],
        audiences=[Audience(name="Label readers", description="Women 24-40 with sensitive skin.")],
        channel_mix=mix, kpi_targets=[KpiTarget(kpi="online orders", target="1,500", by=end)],
        calendar=calendar, timeline=Timeline(start=start, end=end), budget_total=budget, currency="USD")


def make_pack(brand: str = "Café Ñandú", sections: int = 5, budget: float = 18000.0,
              strategy: bool = True) -> PackResult:
    """A PackResult with ``sections`` sections written from fixed markdown quoting ``brand``."""
    items = [SectionResult(id=f"section_{i}", title=f"Section {i}: {brand} plan" if i == 2 else f"Section {i} title",
                           markdown=_section_markdown(i, brand)) for i in range(1, sections + 1)]
    return PackResult(
        pack_key="strategy_campaign_standard", pack_label="Strategy + Campaign Pack (Standard)",
        brief={"brand_name": brand, "industry": "D2C beauty", "product_service": "skincare",
               "primary_goal": "1,500 orders", "primary_customer": "women 24-40"},
        status="PASS", quality_passed=True, thread_id="t-1", run_id="r-1", created_at="2026-11-22T10:00:00Z",
        strategy=make_strategy(budget) if strategy else None, sections=items)

