"""The measure group's offline composers pass their benchmarks for every pack and brief they appear in."""

from __future__ import annotations

import difflib
import re

import pytest

from agents.offline.sections._measure_util import Ctx
from agents.offline.writer import write_offline
from tests.support.sections import section_inputs
from tools.knowledge import default_knowledge
from tools.quality import check_section
from tools.quality.metrics import parse_tables

MEASURE_SECTIONS = (
    "email_and_crm_flows", "email_automation_flows", "sms_and_whatsapp_strategy", "sms_and_whatsapp_flows",
    "loyalty_program_concepts", "winback_sequence", "post_purchase_experience", "churn_diagnosis",
    "kpi_and_budget_plan", "kpi_plan_light", "kpi_plan_retention", "kpi_reset_plan", "measurement_framework",
    "post_campaign_analysis", "optimization_opportunities", "account_audit", "campaign_level_findings",
    "creative_performance_analysis", "conversion_audit",
)
_PCT_OFF = re.compile(r"(\d+)% off", re.IGNORECASE)


def _names(text: str, platform: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(platform)}(?!\w)", text, re.IGNORECASE))


@pytest.mark.parametrize("section_id", MEASURE_SECTIONS)
def test_section_passes_gates_for_every_brief(section_id: str) -> None:
    for inp in section_inputs(section_id, random_count=12):
        md = write_offline(inp)
        brief = inp.brief
        where = f"{section_id} / {inp.pack_key} / {brief.brand_name}"
        errors = [i for i in check_section(md, inp.rules, brand=brief.brand_name) if i.severity == "error"]
        assert not errors, f"{where}: {errors}"
        assert brief.brand_name in md, f"{where}: brand missing"
        for platform in brief.avoid_platforms:
            assert not _names(md, platform), f"{where}: names avoided platform {platform}"
        for message in brief.must_avoid_messages:
            assert message.lower() not in md.lower(), f"{where}: contains must-avoid message {message}"
        cap = Ctx(inp).discount_cap
        assert all(int(n) <= cap for n in _PCT_OFF.findall(md)), f"{where}: discount above {cap}%"


@pytest.mark.parametrize("section_id", ["kpi_and_budget_plan", "measurement_framework", "post_campaign_analysis"])
def test_kpi_targets_are_quoted_exactly(section_id: str) -> None:
    for inp in section_inputs(section_id, random_count=4):
        md = write_offline(inp)
        for k in Ctx(inp).kpis:
            if "(midpoint checkpoint)" in k.kpi and section_id != "post_campaign_analysis":
                continue
            assert k.target in md, f"{section_id} / {inp.brief.brand_name}: target {k.target} of {k.kpi} missing"


def test_budget_plan_quotes_the_channel_mix() -> None:
    from agents.offline.facts import money, percent

    for inp in section_inputs("kpi_and_budget_plan", random_count=12):
        md = write_offline(inp)
        s = inp.strategy
        for c in s.channel_mix:
            assert f"{c.channel}: {percent(c.budget_share)}" in md
            if s.budget_total > 0:
                assert money(c.budget_amount, s.currency) in md
        if s.budget_total <= 0:
            assert "organic-only plan" in md and "effort" in md


def test_post_campaign_analysis_is_a_template_with_strategy_dates() -> None:
    for inp in section_inputs("post_campaign_analysis", random_count=4):
        md = write_offline(inp)
        rows = [r for t in parse_tables(md) if t.header[0] == "KPI" for r in t.rows]
        kpis = Ctx(inp).kpis
        assert len(rows) == len(kpis)
        for row, k in zip(rows, kpis, strict=True):
            assert row[1] == k.target and row[2] == k.by.isoformat()


def _without_brand(inp_md: tuple[str, str]) -> str:
    brand, md = inp_md
    return md.replace(brand, "")


def _sample(section_id: str, stem: str) -> tuple[str, str]:
    inp = next(i for i in section_inputs(section_id, random_count=0) if i.brief.brand_name.lower().startswith(stem))
    return inp.brief.brand_name, write_offline(inp)


@pytest.mark.parametrize("section_id", [
    "email_and_crm_flows", "churn_diagnosis", "winback_sequence", "optimization_opportunities",
    "creative_performance_analysis", "conversion_audit", "measurement_framework", "loyalty_program_concepts",
])
def test_b2b_saas_and_food_outputs_differ_in_substance(section_id: str) -> None:
    saas = _without_brand(_sample(section_id, "cloudsync"))
    food = _without_brand(_sample(section_id, "beanbox"))
    ratio = difflib.SequenceMatcher(None, saas, food).ratio()
    assert ratio < 0.6, f"{section_id}: similarity {ratio:.2f}"


def test_measure_topics_cover_fallbacks_and_stay_platform_neutral() -> None:
    kb = default_knowledge()
    topics = {t: v for t, v in kb.topics.items() if t.startswith("measure_")}
    assert len(topics) >= 20
    named = re.compile(r"\b(TikTok|Facebook|Snapchat|Instagram|LinkedIn|YouTube|Pinterest|Twitter)\b")
    for topic, entries in topics.items():
        assert {"general_b2b", "general_b2c"} <= set(entries), topic
        if topic != "measure_channel_checks":
            assert not named.search(str(entries)), f"{topic} names a platform"
