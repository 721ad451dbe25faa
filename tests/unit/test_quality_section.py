"""Section checks: every quality.yaml section_checks code passes on good text and fires on bad text."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tools.catalog import SectionRules, default_catalog
from tools.quality import check_section, no_benchmark_issue
from tools.quality.metrics import count_bullets, count_table_rows, measure
from tools.quality.section_checks import check_rules, find_phrase


def make_rules(**kw: Any) -> SectionRules:
    """Loose rules for tests; override one field to exercise one check."""
    base: dict[str, Any] = {"section_id": "test_section", "label": "Test", "words": (1, 500),
                            "bullets": (0, 50), "headings": (0, 20)}
    base.update(kw)
    return SectionRules(**base)


TABLE_2 = "| Day | Channel |\n|---|---|\n| Mon | Email |\n| Tue | Instagram |"
TABLE_1 = "| Day | Channel |\n|---|---|\n| Mon | Email |"

CASES = [
    # code, rules overrides, passing markdown, failing markdown
    ("EMPTY", {}, "Some real text here.", "  \n\n "),
    ("TOO_SHORT", {"words": (5, 50)}, "one two three four five", "one two three"),
    ("TOO_LONG", {"words": (1, 5)}, "one two three four five", "one two three four five six"),
    ("TOO_FEW_BULLETS", {"bullets": (2, 10)}, "- a\n* b", "**bold one**\n**bold two**\n- c"),
    ("TOO_MANY_BULLETS", {"bullets": (0, 2)}, "- a\n- b", "- a\n- b\n1. c"),
    ("TOO_FEW_HEADINGS", {"headings": (1, 3)}, "### Plan\ntext", "##### Too deep\ntext"),
    ("TOO_MANY_HEADINGS", {"headings": (0, 1)}, "### One\ntext", "### One\ntext\n#### Two\nmore"),
    ("MISSING_HEADING", {"required_headings": ("Brand",)}, "### Our brand and industry\ntext",
     "Brand is named in prose only."),
    ("MISSING_PHRASE", {"required_phrases": ("Brand:",)}, "Brand: Acme", "brand: Acme"),
    ("FORBIDDEN_PHRASE", {"forbidden_phrases": ("none",)}, "Nonetheless we ship on time.",
     "None of this works."),
    ("FORBIDDEN_PHRASE", {"forbidden_phrases": ("for everyone",)}, "Made for everyday cooks.",
     "Made FOR  everyone."),
    ("FORBIDDEN_PATTERN", {"forbidden_patterns": ("(?i)just wing it",)}, "We plan each week.",
     "We Just Wing It."),
    ("TOO_REPETITIVE", {"max_repeated_line_ratio": 0.3}, "a\nb\nc\nd", "same\nsame\nsame\nother"),
    ("SENTENCES_TOO_LONG", {"max_avg_sentence_words": 5}, "Short one. Another short one.",
     "This sentence keeps going for far too many words to read."),
    ("EXPECTED_TABLE", {"format": "markdown_table"}, TABLE_1, "| Day | Channel |\n|---|---|"),
    ("EXPECTED_TABLE", {"format": "markdown_table"}, TABLE_1, "| Day | Channel |\n| Mon | Email |"),
    ("TOO_FEW_TABLE_ROWS", {"min_table_rows": 2}, TABLE_2, TABLE_1),
]


@pytest.mark.parametrize(("code", "overrides", "good", "bad"), CASES)
def test_section_check_passes_and_fails(code: str, overrides: dict[str, Any], good: str, bad: str) -> None:
    rules = make_rules(**overrides)
    assert code not in {i.code for i in check_rules(good, rules)}
    assert code in {i.code for i in check_rules(bad, rules)}


@pytest.mark.parametrize(("key", "code"), [
    (key, entry["code"]) for key, entry in default_catalog().quality["section_checks"].items()
])
def test_every_spec_code_is_covered(key: str, code: str) -> None:
    assert code in {c[0] for c in CASES} | {"NO_BENCHMARK"}


def test_severities_come_from_spec() -> None:
    rules = make_rules(bullets=(0, 1), headings=(0, 0), max_avg_sentence_words=2)
    issues = {i.code: i.severity for i in check_rules("### H\n- a\n- b\nA long sentence here.", rules)}
    assert issues == {"TOO_MANY_BULLETS": "warning", "TOO_MANY_HEADINGS": "warning",
                      "SENTENCES_TOO_LONG": "warning"}


def test_config_overrides_code_and_severity() -> None:
    config = copy.deepcopy(default_catalog().quality)
    config["section_checks"]["words_below_min"] = {"code": "SHORTY", "severity": "warning"}
    issues = check_rules("one", make_rules(words=(5, 9)), config)
    assert [(i.code, i.severity) for i in issues] == [("SHORTY", "warning")]


def test_messages_are_actionable() -> None:
    long_text = " ".join(["word."] * 412)
    (issue,) = check_rules(long_text, make_rules(words=(100, 380)))
    assert issue.message.startswith("412 words, max 380: cut 32+ words")
    (short,) = check_rules("a b c", make_rules(words=(10, 20)))
    assert "3 words, min 10: add 7+" in short.message


def test_empty_reports_only_empty() -> None:
    assert [i.code for i in check_rules("", make_rules(words=(10, 20), headings=(2, 3)))] == ["EMPTY"]


def test_no_benchmark_issue() -> None:
    issue = no_benchmark_issue("mystery_section")
    assert (issue.code, issue.severity) == ("NO_BENCHMARK", "error")
    assert "mystery_section" in issue.message


def test_metric_edge_cases() -> None:
    assert count_bullets("**Bold**\n- real\n1. numbered\n• dot\n-no space") == 3
    assert count_table_rows(TABLE_2) == 2
    m = measure("### H\n| a | b |\n|---|---|\n| 1 | 2 |\nOne. Two three.")
    assert (m.headings, m.table_rows, m.words) == (1, 1, 16)


def test_whole_word_phrase_match() -> None:
    assert find_phrase("none", "None left")
    assert not find_phrase("none", "nonetheless")
    assert find_phrase("in today's digital age", "In today’s digital age we")
    assert find_phrase("[Brand]", "Hello [brand] team")


HASHTAG_SECTION = """### Brand Hashtags
- #AcmeRoasters for every post that shows our own beans and roastery team
- #AcmeMornings when customers share their first cup of the day
- #RoastedToOrder on posts about freshness and small-batch roasting

### Industry Hashtags
- #SpecialtyCoffee to join the wider community of home brewers
- #PourOver for brew guides and technique clips
- #HomeBarista for espresso setups and latte art attempts

### Campaign Hashtags
- #AcmeWinterBlend for the December launch of the seasonal blend
- #BrewWithAcme for the customer recipe challenge in January
- #AcmeCupping for the live tasting sessions on Instagram

### Usage Guidelines
- Use three to five tags per Instagram post and two on TikTok.
- Put brand tags first and campaign tags second.
- Review tag performance every two weeks and drop tags with low reach.
"""


def test_realistic_hashtag_section_passes_real_rules() -> None:
    rules = default_catalog().rules_for("always_on_content_engine", "hashtag_strategy")
    assert check_section(HASHTAG_SECTION, rules, brand="Acme") == []


def test_check_section_combines_section_and_generic_checks() -> None:
    rules = make_rules(words=(5, 50))
    codes = {i.code for i in check_section("We leverage it.", rules, brand="Acme")}
    assert codes == {"TOO_SHORT", "BLACKLISTED_PHRASE"}
