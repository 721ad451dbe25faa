"""Issue 7's effect test at the function level: tenant A's outcomes change A's next strategy, never B's."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from agents.kaizen import apply_kaizen
from agents.strategist import plan_strategy
from api.learning import winner_item
from memory.kaizen import KaizenContext
from memory.kaizen_builder import KaizenBuilder
from memory.performance import channel_namer, parse_csv
from memory.performance_store import PerformanceStore
from tests.support.learning import days, migrated_sessions, sqlite_file_url, winners_store
from tools.brief import Brief, parse_brief
from tools.knowledge import default_knowledge
from tools.planning.channels import channel_catalog
from tools.result import StrategyCore

TODAY = date(2026, 2, 2)
A_SECRETS = ("Acme Roast", "Midnight Velvet", "acme", "velvet")
HEADER = "content_id,date,platform,content_type,hook,tone,text,impressions,clicks,engagements,conversions,cost,revenue"


def _tenant_a_csv() -> str:
    lines = [HEADER + ",industry"]
    for i, day in enumerate(days(12)):
        lines.append(f"tt{i},{day},tiktok,reel,question,playful,Ever tasted Midnight Velvet by Acme Roast? "
                     f"Take {i},{2000 + i * 10},90,{260 + i * 5},12,20,300,Specialty coffee roaster")
    for i, day in enumerate(days(10)):
        lines.append(f"li{i},{day},LinkedIn,post,announcement,formal,Acme Roast is pleased to announce "
                     f"quarterly update {i},{3000},4,{12 + i},0,15,0,Specialty coffee roaster")
    return "\n".join(lines) + "\n"


def _brief() -> Brief:
    return parse_brief({
        "brand_name": "Northwind Roasters", "industry": "Specialty coffee roaster",
        "product_service": "Specialty coffee beans and barista training for cafés",
        "primary_goal": "Win 40 new wholesale café accounts within 6 months",
        "primary_customer": "Independent café owners in the UK", "business_type": "B2B",
        "geography": "United Kingdom", "timeline": "6 months",
        "budget": {"amount": 5000, "currency": "GBP", "period": "monthly"},
        "pain_points": ["inconsistent beans", "no barista training"], "proof_points": ["120 cafés supplied"],
    })


def _strategy(brief: Brief, kaizen: KaizenContext) -> tuple[StrategyCore, list[str]]:
    core = plan_strategy(brief, default_knowledge(), kaizen, TODAY)
    return apply_kaizen(core, kaizen, brief.avoid_platforms)


def _rank(strategy: StrategyCore, channel: str) -> int:
    names = [c.channel for c in strategy.channel_mix]
    return names.index(channel) if channel in names else len(names)


def test_tenant_a_learns_and_tenant_b_is_untouched(tmp_path: Path) -> None:
    brief = _brief()
    baseline, _ = _strategy(brief, KaizenContext())
    assert _rank(baseline, "LinkedIn") < _rank(baseline, "TikTok")  # before learning LinkedIn outranks TikTok
    parsed = parse_csv(_tenant_a_csv(), channel_namer())
    assert not parsed.errors
    winners = winners_store(tmp_path / "chroma")
    with migrated_sessions(sqlite_file_url(tmp_path)) as sessions:
        report = PerformanceStore(sessions).import_rows("tenant-a", parsed)
        winners.add([winner_item("tenant-a", row) for row in report.winners])
        platforms = channel_catalog(default_knowledge().get("channel_catalog"))
        builder = KaizenBuilder(sessions, winners, known_platforms=platforms)
        kaizen_a, kaizen_b = builder("tenant-a", brief.industry), builder("tenant-b", brief.industry)

    assert kaizen_a.confidence == 80 and kaizen_a.sample_size == 22
    strategy_a, applied_a = _strategy(brief, kaizen_a)
    assert _rank(strategy_a, "TikTok") < _rank(strategy_a, "LinkedIn")
    shares = {c.channel: c.budget_share for c in strategy_a.channel_mix}
    assert shares["TikTok"] > shares.get("LinkedIn", 0.0)
    themes = [e.theme for e in strategy_a.calendar if e.pillar != "Event"]
    question_share = sum(t.startswith("Open with a question") for t in themes) / len(themes)
    assert question_share > 0.6
    assert any("TikTok" in note for note in applied_a) and any("question hooks" in note for note in applied_a)
    assert any("LinkedIn" in note for note in applied_a)

    assert kaizen_b == KaizenContext()
    strategy_b, applied_b = _strategy(brief, kaizen_b)
    assert applied_b == [] and strategy_b == baseline
    leaked = json.dumps([strategy_b.model_dump(mode="json"), kaizen_b.model_dump(), applied_b]).lower()
    assert not any(secret.lower() in leaked for secret in A_SECRETS)
    assert not any(secret.lower() in json.dumps(strategy_a.model_dump(mode="json")).lower()
                   for secret in ("midnight velvet",))  # A's own copy guides writers, it is not pasted into themes
