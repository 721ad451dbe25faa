"""Plan sections pass their benchmark for every pack and brief, stay on-brief, quote the strategy core
and differ in substance by archetype."""

from __future__ import annotations

import difflib
import re
from datetime import date

import pytest

from agents.offline.sections import SectionInput
from agents.offline.sections._plan_util import avoid_terms
from agents.offline.writer import write_offline
from tests.support.sections import section_inputs
from tools.catalog import default_catalog
from tools.planning.channels import paid_allowed
from tools.quality import check_section
from tools.quality.generic_checks import hook_column_values
from tools.quality.pack_checks import brief_fidelity_issues, numbers_issues, platform_named
from tools.result import SectionResult

PLAN_SECTIONS = (
    "detailed_30_day_calendar", "full_30_day_calendar", "weekly_social_calendar", "content_calendar_launch",
    "30_day_recovery_calendar", "execution_roadmap", "launch_phases", "funnel_breakdown", "awareness_strategy",
    "consideration_strategy", "conversion_strategy", "retention_strategy", "customer_journey_map",
    "landing_page_blueprint", "remarketing_strategy", "reputation_recovery_plan", "problem_diagnosis",
    "revamp_strategy",
)
CALENDARS = tuple(s for s in PLAN_SECTIONS if "calendar" in s)
SUBSTANCE_SECTIONS = ("awareness_strategy", "conversion_strategy", "retention_strategy", "landing_page_blueprint",
                      "remarketing_strategy", "full_30_day_calendar", "funnel_breakdown", "execution_roadmap")
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_PAID_WORDS = re.compile(r"\b(retarget\w*|sponsored|bid on|boost the|paid exposure|paid prospecting)\b", re.I)


def _whole(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def _label(inp: SectionInput) -> str:
    return f"{inp.section_id}/{inp.pack_key}/{inp.brief.brand_name}"


@pytest.mark.parametrize("section_id", PLAN_SECTIONS)
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
        for term in avoid_terms(tuple(inp.brief.avoid_platforms)):
            assert not platform_named(term, md), f"{_label(inp)}: names avoided platform alias {term}"
        for message in inp.brief.must_avoid_messages:
            assert message.lower() not in md.lower(), f"{_label(inp)}: contains must-avoid '{message}'"


@pytest.mark.parametrize("section_id", PLAN_SECTIONS)
def test_section_has_no_warnings_on_sample_briefs(section_id: str) -> None:
    for inp in section_inputs(section_id, random_count=0):
        md = write_offline(inp)
        issues = check_section(md, inp.rules, brand=inp.brief.brand_name)
        assert not issues, f"{_label(inp)}: {[(i.code, i.message) for i in issues]}"


@pytest.mark.parametrize("section_id", PLAN_SECTIONS)
def test_numbers_dates_and_constraints_follow_the_brief_and_strategy(section_id: str) -> None:
    config = default_catalog().quality
    for inp in section_inputs(section_id, random_count=12):
        md = write_offline(inp)
        result = SectionResult(id=section_id, title=section_id, markdown=md)
        kpi = [i.message for i in numbers_issues(inp.brief, inp.strategy, [result], config)
               if section_id in i.message]
        assert not kpi, f"{_label(inp)}: {kpi}"
        fidelity = [i.message for i in brief_fidelity_issues(inp.brief, md, inp.strategy, config)
                    if "discount" in i.message or "avoided" in i.message or "must-avoid" in i.message]
        assert not fidelity, f"{_label(inp)}: {fidelity}"
        timeline = inp.strategy.timeline
        for found in _DATE.findall(md):
            assert timeline.start <= date.fromisoformat(found) <= timeline.end, f"{_label(inp)}: {found} outside"
        if not paid_allowed(inp.brief.constraints, inp.strategy.budget_total):
            body = "\n".join(line for line in md.splitlines() if not line.startswith("#"))
            hit = _PAID_WORDS.search(body)
            assert hit is None, f"{_label(inp)}: paid tactic '{hit.group(0) if hit else ''}' in an organic plan"


@pytest.mark.parametrize("section_id", CALENDARS)
def test_calendar_rows_use_strategy_dates_and_unique_hooks(section_id: str) -> None:
    for inp in section_inputs(section_id, random_count=6):
        md = write_offline(inp)
        hooks = hook_column_values(md)
        assert len(hooks) == len(set(hooks)), f"{_label(inp)}: repeated hooks"
        planned = {e.date.isoformat() for e in inp.strategy.calendar}
        rows = [line for line in md.splitlines() if line.startswith("| 20")]
        assert rows or section_id == "weekly_social_calendar", f"{_label(inp)}: no dated rows"
        for row in rows:
            assert row.split("|")[1].strip() in planned, f"{_label(inp)}: row date not from the strategy: {row}"


def _sample(section_id: str, brand: str) -> str:
    inp = next(i for i in section_inputs(section_id, random_count=0) if i.brief.brand_name == brand)
    return write_offline(inp).replace(brand, "")


@pytest.mark.parametrize("section_id", SUBSTANCE_SECTIONS)
def test_b2b_saas_and_coffee_outputs_differ_in_substance(section_id: str) -> None:
    saas = _sample(section_id, "CloudSync")
    coffee = _sample(section_id, "BeanBox Coffee")
    ratio = difflib.SequenceMatcher(None, saas, coffee).ratio()
    assert ratio < 0.6, f"{section_id}: similarity {ratio:.2f}"
