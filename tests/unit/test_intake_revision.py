"""A reviewer's instruction steers the offline engine: platform emphasis and length, from the strategy's numbers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from agents.copywriter import offline_writer
from agents.offline.sections import SectionInput
from agents.reviser import InstructedOfflineWriter
from agents.strategist import plan_strategy
from memory.kaizen import KaizenContext
from tools.brief import load_brief
from tools.catalog import default_catalog, sample_brief_paths
from tools.knowledge import default_knowledge
from tools.planning.channels import channel_catalog
from tools.quality.metrics import measure
from tools.revision import Steer, add_paragraph, lead_with, read_instruction, steer_rules

CATALOG = channel_catalog(default_knowledge().get("channel_catalog"))


def test_reading_instructions() -> None:
    assert read_instruction("make it more Instagram-heavy", CATALOG) == Steer(emphasis=("Instagram",))
    assert read_instruction("Email-led and shorter please", CATALOG) == Steer(emphasis=("Email",), length="shorter")
    assert read_instruction("more detail on LinkedIn, less TikTok", CATALOG) == Steer(emphasis=("LinkedIn",),
                                                                                      length="longer")
    assert read_instruction("make it sound warmer", CATALOG).is_empty


def test_lead_with_moves_undated_bullets_only() -> None:
    text = "Intro\n\n- Email: weekly\n- Instagram: daily\n\n- 2027-01-01: Email launch\n- 2027-01-02: Instagram post\n"
    out = lead_with(text, ("Instagram",))
    assert out.index("- Instagram: daily") < out.index("- Email: weekly")
    assert out.index("2027-01-01") < out.index("2027-01-02"), "dated lists keep their order"


def test_paragraph_goes_after_the_first_plain_paragraph() -> None:
    assert add_paragraph("### H\n\nFirst.\n\n- a\n", "New.") == "### H\n\nFirst.\n\nNew.\n\n- a\n"
    assert add_paragraph("- a\n- b", "New.") == "- a\n- b\n\nNew.\n"


def test_length_wish_narrows_the_word_range() -> None:
    rules = default_catalog().rules_for("quick_social_basic", "final_summary")
    low, high = rules.words
    assert steer_rules(rules, Steer(length="shorter")).words[1] < high
    assert steer_rules(rules, Steer(length="longer")).words[0] > low


def _input(section_id: str, instruction: str | None) -> SectionInput:
    brief = load_brief(next(p for p in sample_brief_paths() if p.stem == "fitfusion_studio"))
    today = date(2026, 11, 22)
    strategy = plan_strategy(brief, default_knowledge(), KaizenContext(), today)
    rules = default_catalog().rules_for("quick_social_basic", section_id)
    return SectionInput(section_id=section_id, pack_key="quick_social_basic", rules=rules, brief=brief,
                        strategy=strategy, kb=default_knowledge(), instruction=instruction, today=today)


def test_instructed_writer_changes_the_text_within_the_benchmark() -> None:
    writer = InstructedOfflineWriter(CATALOG)
    plain = offline_writer(_input("overview", None)).markdown
    steered = writer(_input("overview", "make it more Instagram-heavy")).markdown
    assert steered != plain and "Instagram leads for FitFusion Studio" in steered and "% of the budget" in steered
    rules = default_catalog().rules_for("quick_social_basic", "overview")
    assert rules.words[0] <= measure(steered).words <= rules.words[1]
    assert writer(_input("overview", None)).markdown == plain
    assert writer(replace(_input("overview", "make it warmer"), attempt=2)).markdown == plain
