"""The creative group's offline sections pass their gates for every benchmark set and many briefs."""

from __future__ import annotations

import difflib
import re

import pytest

from agents.offline.sections import SectionInput
from agents.offline.writer import write_offline
from agents.strategist import plan_strategy
from memory.kaizen import KaizenContext
from tests.support.sections import TODAY, section_inputs
from tools.brief import parse_brief
from tools.catalog import default_catalog
from tools.knowledge import default_knowledge
from tools.quality import check_section
from tools.quality.pack_checks import platform_named

CREATIVE_SECTIONS = (
    "audience_segments", "persona_cards", "customer_segments", "audience_analysis", "creative_direction",
    "creative_territories", "copy_variants", "ad_concepts", "ad_concepts_multi_platform", "new_ad_concepts",
    "influencer_strategy", "ugc_and_community_plan", "channel_plan", "channel_reset_strategy",
    "platform_guidelines", "content_buckets", "hashtag_strategy", "promotions_and_offers",
    "launch_campaign_ideas",
)
SUBSTANCE_SECTIONS = ("audience_segments", "persona_cards", "creative_direction", "ad_concepts", "channel_plan",
                      "hashtag_strategy", "promotions_and_offers", "influencer_strategy")


def _named(pattern: str, text: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(pattern)}(?!\w)", text, re.IGNORECASE))


def _label(inp: SectionInput) -> str:
    return f"{inp.section_id}/{inp.pack_key}/{inp.brief.brand_name}"


@pytest.mark.parametrize("section_id", CREATIVE_SECTIONS)
def test_section_passes_gates_for_every_brief(section_id: str) -> None:
    inputs = list(section_inputs(section_id, random_count=12))
    assert inputs, f"{section_id} appears in no pack"
    for inp in inputs:
        md = write_offline(inp)
        errors = [i for i in check_section(md, inp.rules, brand=inp.brief.brand_name) if i.severity == "error"]
        assert not errors, f"{_label(inp)}: {errors}\n{md}"
        assert inp.brief.brand_name in md, f"{_label(inp)} never names the brand"
        for platform in inp.brief.avoid_platforms:
            assert not _named(platform, md), f"{_label(inp)} names avoided platform {platform!r}"
        for message in inp.brief.must_avoid_messages:
            assert message.lower() not in md.lower(), f"{_label(inp)} contains must-avoid {message!r}"


def _output(section_id: str, brief_key: str) -> str:
    for inp in section_inputs(section_id, random_count=0):
        if inp.brief.brand_name.replace(" ", "").lower().startswith(brief_key):
            return write_offline(inp).replace(inp.brief.brand_name, "")
    raise AssertionError(f"no {brief_key} input for {section_id}")


@pytest.mark.parametrize("section_id", SUBSTANCE_SECTIONS)
def test_b2b_saas_and_coffee_differ_in_substance(section_id: str) -> None:
    saas, coffee = _output(section_id, "cloudsync"), _output(section_id, "beanbox")
    ratio = difflib.SequenceMatcher(None, saas, coffee).ratio()
    assert ratio < 0.6, f"{section_id}: cloudsync vs beanbox similarity {ratio:.2f}"


def test_no_paid_brief_gets_organic_post_concepts() -> None:
    for inp in section_inputs("ad_concepts", random_count=12):
        if any("no paid" in c.lower() for c in inp.brief.constraints) or inp.strategy.budget_total == 0:
            md = write_offline(inp)
            assert "organic post concepts" in md, _label(inp)
            assert "(paid," not in md, _label(inp)


def test_offers_respect_the_discount_cap() -> None:
    for inp in section_inputs("promotions_and_offers", random_count=12):
        found = [re.search(r"(\d+)\s*percent", c) for c in inp.brief.constraints if "discount" in c.lower()]
        limits = [int(m.group(1)) for m in found if m]
        if not limits:
            continue
        md = write_offline(inp)
        quoted = [int(n) for n in re.findall(r"(\d+)% off", md)]
        assert quoted and max(quoted) <= min(limits), f"{_label(inp)}: {quoted} vs cap {limits}"


def test_channel_plan_quotes_the_mix_exactly() -> None:
    for inp in section_inputs("channel_plan", random_count=12):
        md = write_offline(inp)
        for c in inp.strategy.channel_mix:
            row = next((ln for ln in md.splitlines() if ln.startswith(f"| {c.channel} |")), "")
            assert c.role in row and f"{c.budget_share * 100:.0f}%" in row, f"{_label(inp)}: {c.channel}"


def test_hashtags_are_unicode_safe() -> None:
    for inp in section_inputs("hashtag_strategy", random_count=12):
        md = write_offline(inp)
        if inp.brief.brand_name == "Café Ñandú":
            assert "#CafeNandu" in md
        assert not re.search(r"#\w*[^\x00-\x7f]", md), f"{_label(inp)} has a non-ASCII hashtag"


def _edge_inputs() -> list[SectionInput]:
    """Every creative section for a contradictory brief: offer above its own cap, avoided platform in the goal."""
    brief = parse_brief({
        "brand_name": "Les Délices d'Øre", "industry": "Bakery", "product_service": "Sourdough and pastries",
        "primary_goal": "Double weekday sales and grow Instagram to 5,000", "primary_customer": "Office workers nearby",
        "secondary_customer": "Cafés buying wholesale", "current_offers": "25% off the first box",
        "constraints": ["no discounts deeper than 10 percent", "no paid ads"], "avoid_platforms": ["Instagram", "X"],
        "must_include_messages": ["baked before 6am"], "must_avoid_messages": ["cheap"],
        "budget": {"amount": 0, "currency": "EUR"},
    })
    strategy = plan_strategy(brief, default_knowledge(), KaizenContext(), TODAY)
    catalog = default_catalog()
    out = []
    for sid in CREATIVE_SECTIONS:
        for pack in catalog.packs.values():
            if sid in pack.sections:
                out.append(SectionInput(section_id=sid, pack_key=pack.key, rules=catalog.rules_for(pack.key, sid),
                                        brief=brief, strategy=strategy, kb=default_knowledge(), today=TODAY))
    return out


def test_contradictory_brief_stays_safe() -> None:
    for inp in _edge_inputs():
        md = write_offline(inp)
        errors = [i for i in check_section(md, inp.rules, brand=inp.brief.brand_name) if i.severity == "error"]
        assert not errors, f"{_label(inp)}: {errors}"
        assert inp.brief.brand_name in md, _label(inp)
        assert not any(platform_named(p, md) for p in ("Instagram", "X", "Meta Ads", "reels")), _label(inp)
        assert not [n for n in re.findall(r"(\d+)% off", md) if int(n) > 10], _label(inp)
        assert "(paid," not in md and not _named("cheap", md), _label(inp)
