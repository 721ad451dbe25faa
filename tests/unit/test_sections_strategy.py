"""Strategy sections pass their benchmark for every pack and brief, stay on-brief and differ by archetype."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

import pytest

from agents.offline.sections import SectionInput
from agents.offline.sections._strategy_util import Ctx, avoided_terms, clean_blocks
from agents.offline.writer import write_offline
from tests.support.sections import section_inputs
from tools.knowledge import ARCHETYPES, default_knowledge
from tools.markdown import Block
from tools.quality import check_section
from tools.quality.pack_checks import platform_named

STRATEGY_SECTIONS = (
    "overview", "campaign_objective", "core_campaign_idea", "messaging_framework", "value_proposition_map",
    "brand_positioning", "product_positioning", "new_positioning", "final_summary", "cxo_summary",
    "strategic_recommendations", "risk_assessment", "market_analysis", "market_landscape",
    "industry_landscape", "competitor_analysis", "competitor_benchmark", "customer_insights", "brand_audit",
)
SUBSTANCE_SECTIONS = ("market_analysis", "customer_insights", "competitor_analysis", "core_campaign_idea",
                      "risk_assessment", "industry_landscape")


def _whole(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def _label(inp: SectionInput) -> str:
    return f"{inp.section_id}/{inp.pack_key}/{inp.brief.brand_name}"


@pytest.mark.parametrize("section_id", STRATEGY_SECTIONS)
def test_section_passes_its_benchmark_for_every_brief(section_id: str) -> None:
    inputs = list(section_inputs(section_id, random_count=12))
    assert inputs, f"{section_id} appears in no pack"
    for inp in inputs:
        md = write_offline(inp)
        errors = [i for i in check_section(md, inp.rules, brand=inp.brief.brand_name) if i.severity == "error"]
        assert not errors, f"{_label(inp)}: {[(i.code, i.message) for i in errors]}\n{md}"
        assert inp.brief.brand_name in md, f"{_label(inp)}: brand missing"
        for platform in inp.brief.avoid_platforms:
            assert not _whole(platform).search(md), f"{_label(inp)}: names avoided platform {platform}"
        for term in avoided_terms(tuple(inp.brief.avoid_platforms)):
            assert not platform_named(term, md), f"{_label(inp)}: names avoided platform alias {term}"
        for message in inp.brief.must_avoid_messages:
            assert message.lower() not in md.lower(), f"{_label(inp)}: contains must-avoid '{message}'"


@pytest.mark.parametrize("section_id", STRATEGY_SECTIONS)
def test_section_has_no_warnings_on_sample_briefs(section_id: str) -> None:
    for inp in section_inputs(section_id, random_count=0):
        md = write_offline(inp)
        issues = check_section(md, inp.rules, brand=inp.brief.brand_name)
        assert not issues, f"{_label(inp)}: {[(i.code, i.message) for i in issues]}"


def _sample(section_id: str, brand: str) -> str:
    inp = next(i for i in section_inputs(section_id, random_count=0) if i.brief.brand_name == brand)
    return write_offline(inp).replace(brand, "")


@pytest.mark.parametrize("section_id", SUBSTANCE_SECTIONS)
def test_b2b_saas_and_coffee_outputs_differ_in_substance(section_id: str) -> None:
    saas = _sample(section_id, "CloudSync")
    coffee = _sample(section_id, "BeanBox Coffee")
    ratio = difflib.SequenceMatcher(None, saas, coffee).ratio()
    assert ratio < 0.6, f"{section_id}: similarity {ratio:.2f}"


def test_quoted_kpis_match_the_strategy_core() -> None:
    for inp in section_inputs("cxo_summary", random_count=6):
        md = write_offline(inp)
        for k in inp.strategy.kpi_targets[:3]:
            if k.kpi in md:
                assert f"{k.kpi}: {k.target}" in md, f"{_label(inp)}: {k.kpi} quoted with another value"


def test_competitor_names_come_only_from_the_brief() -> None:
    others = {"Acme Rivals", "Globex", "Initech", "Umbrella Co", "Dropbox Business", "Egnyte", "Tatcha",
              "Orangetheory", "Vitamix", "Room & Board", "West Elm"}
    for sid in ("competitor_analysis", "competitor_benchmark", "market_analysis"):
        for inp in section_inputs(sid, random_count=8):
            md = write_offline(inp)
            for name in others - set(inp.brief.competitors):
                assert not _whole(name).search(md), f"{_label(inp)}: names {name} not in the brief"


def test_strategy_topics_cover_the_fallbacks_and_most_archetypes() -> None:
    kb = default_knowledge()
    topics = {t: v for t, v in kb.topics.items() if t.startswith("strategy_") and t != "strategy_channel_moves"}
    assert len(topics) >= 15
    for topic, entries in topics.items():
        assert {"general_b2b", "general_b2c"} <= set(entries), topic
        assert set(ARCHETYPES) <= set(entries), f"{topic} misses {set(ARCHETYPES) - set(entries)}"


def test_clean_blocks_drops_lines_naming_avoided_platforms_and_banned_phrases() -> None:
    inp = next(section_inputs("overview", random_count=0))
    brief = inp.brief.model_copy(update={"avoid_platforms": ["Instagram"], "must_avoid_messages": ["cheap deals"]})
    ctx = Ctx(replace(inp, brief=brief))
    block = Block("### Heading\n\nKeep this line.\nShort reels win.\nWe offer cheap deals.\nThis is a game-changer.")
    out = clean_blocks([block], ctx)
    assert out[0].markdown == "### Heading\n\nKeep this line."
