"""Generic checks: blacklist, genericity score, placeholders, duplicate hooks, hashtags and specificity."""

from __future__ import annotations

import pytest

from tools.catalog import default_catalog
from tools.quality import check_generic, genericity_score
from tools.quality.generic_checks import content_tokens, has_specifics, repetition_share


def codes(markdown: str, section_id: str = "overview", brand: str = "Acme") -> set[str]:
    """Issue codes from the generic checks only."""
    return {i.code for i in check_generic(section_id, markdown, brand=brand)}


CASES = [
    # code, passing markdown, failing markdown
    ("BLACKLISTED_PHRASE", "Our roaster leveraged a new grinder.", "We leverage our roastery."),
    ("BLACKLISTED_PHRASE", "Content drives trust for Acme.", "In today’s digital age, content is king."),
    ("TOO_GENERIC", "Fresh beans ship within 48 hours of roasting.",
     "Don't miss this limited time flash offer."),
    ("TEMPLATE_PLACEHOLDER", "Acme ships on Monday.", "{{ brand }} ships on Monday."),
    ("INSERT_PLACEHOLDER", "Founder quote from Maya Lin.", "Founder quote from [Insert founder name]."),
    ("BRACKET_PLACEHOLDER", "Read the [Brand story] post.", "Welcome to [BRAND] coffee."),
    ("UNFILLED_DEFAULT", "Launch date is 2 March.", "Launch date is TBD for your audience."),
]


@pytest.mark.parametrize(("code", "good", "bad"), CASES)
def test_generic_check_passes_and_fails(code: str, good: str, bad: str) -> None:
    assert code not in codes(good)
    assert code in codes(bad)


def test_blacklist_severity_from_spec() -> None:
    (issue,) = check_generic("overview", "We leverage beans.", brand="Acme")
    assert issue.severity == default_catalog().quality["generic_checks"]["blacklist"]["severity"]
    assert "'leverage'" in issue.message


def test_genericity_score_formula() -> None:
    text = "Don't miss the window. Limited time only. Quick tip inside."
    score, hits, repetition = genericity_score(text, "Acme")
    assert hits == 3
    assert repetition == 0.0
    assert score == pytest.approx(0.7)


def test_repetition_share_excludes_stop_words_and_brand() -> None:
    assert repetition_share("coffee coffee coffee beans", "Acme") == pytest.approx(0.75)
    assert repetition_share("Acme Acme Acme beans", "Acme") == 0.0
    assert repetition_share("the the the the beans", "Acme") == 0.0
    assert content_tokens("We go to big Acme roasts", "Acme") == ["big", "roasts"]


def test_one_generic_hit_fails_only_with_heavy_repetition() -> None:
    heavy = "Quick tip: beans beans beans roast roast roast grind grind grind."
    light = "Quick tip: grind fresh beans right before you brew a pour over."
    score_heavy, _, _ = genericity_score(heavy, "Acme")
    score_light, _, _ = genericity_score(light, "Acme")
    assert score_heavy >= 0.35 > score_light
    assert "TOO_GENERIC" in codes(heavy)
    assert "TOO_GENERIC" not in codes(light)


def _calendar(values: list[str], column: str = "Hook") -> str:
    rows = "\n".join(f"| 2026-12-{i + 1:02d} | Instagram | {v} |" for i, v in enumerate(values))
    return f"### Week 1\n| Date | Channel | {column} |\n|---|---|---|\n{rows}"


UNIQUE = [f"Hook number {w}" for w in "abcdefghij"]


@pytest.mark.parametrize(("values", "column", "section_id", "fails"), [
    (UNIQUE, "Hook", "content_calendar", False),
    (["Same hook"] * 3 + UNIQUE[:1], "Hook", "content_calendar", True),
    ([*UNIQUE[:7], "Hook number a", "Hook number b", "Hook number c"], "Hook", "full_30_day_calendar", True),
    ([*UNIQUE[:8], "Hook number a", "Hook number b"], "Hook", "full_30_day_calendar", False),
    (["Same theme"] * 4, "Theme", "weekly_social_calendar", True),
    (["Same topic"] * 4, "Topic", "weekly_social_calendar", True),
    (["Same hook"] * 4, "Hook", "channel_plan", False),
    (["Same note"] * 4, "Notes", "content_calendar", False),
])
def test_duplicate_hooks(values: list[str], column: str, section_id: str, fails: bool) -> None:
    assert ("DUPLICATE_HOOKS" in codes(_calendar(values, column), section_id)) is fails


GOOD_TAGS = """### Brand Hashtags
- #AcmeRoasters
- #AcmeMornings
- #RoastedToOrder
### Industry Hashtags
- #SpecialtyCoffee
- #PourOver
- #HomeBarista
### Campaign Hashtags
- #AcmeWinterBlend
- #BrewWithAcme
- #AcmeCupping
### Usage Guidelines
- Use three to five tags per post.
"""

HASHTAG_CASES = [
    ("HASHTAG_MISSING_HASH", GOOD_TAGS.replace("- #PourOver", "- PourOver")),
    ("HASHTAG_TOO_SHORT", GOOD_TAGS.replace("#PourOver", "#PO")),
    ("HASHTAG_TOO_GENERIC", GOOD_TAGS.replace("#PourOver", "#instagood")),
    ("HASHTAG_TOO_GENERIC", GOOD_TAGS.replace("#PourOver", "#Fun")),
    ("HASHTAG_TOO_GENERIC", GOOD_TAGS.replace("#PourOver", "#amazing")),
    ("HASHTAG_INSUFFICIENT_COUNT", GOOD_TAGS.replace("- #AcmeCupping\n", "")),
    ("HASHTAG_INSUFFICIENT_COUNT", GOOD_TAGS.replace("- #AcmeCupping", "- #AcmeWinterBlend")),
]


@pytest.mark.parametrize(("code", "bad"), HASHTAG_CASES)
def test_hashtag_rules(code: str, bad: str) -> None:
    assert not {c for c in codes(GOOD_TAGS, "hashtag_strategy") if c.startswith("HASHTAG")}
    assert code in codes(bad, "hashtag_strategy")


def test_hashtag_rules_only_apply_to_hashtag_strategy() -> None:
    bad = GOOD_TAGS.replace("#PourOver", "#fun")
    assert not {c for c in codes(bad, "content_pillars") if c.startswith("HASHTAG")}


def test_hashtag_prose_items_are_not_bare_words() -> None:
    assert "HASHTAG_MISSING_HASH" not in codes(GOOD_TAGS, "hashtag_strategy")
    assert "HASHTAG_TOO_SHORT" not in codes(GOOD_TAGS + "\nWe are the #1 roaster.", "hashtag_strategy")


FILLER = " ".join(["Our team writes helpful posts about how people enjoy calm mornings."] * 16)


@pytest.mark.parametrize(("extra", "fails"), [
    ("", True),
    (" Orders rose 12% last season.", False),
    (" We post on Instagram.", False),
    (" The launch is in March.", False),
    (" Spend is $500.", False),
])
def test_lacks_specifics(extra: str, fails: bool) -> None:
    issues = check_generic("overview", FILLER + extra, brand="Acme")
    found = [i for i in issues if i.code == "LACKS_SPECIFICS"]
    assert bool(found) is fails
    if found:
        assert found[0].severity == "warning"


def test_short_sections_skip_specificity() -> None:
    assert "LACKS_SPECIFICS" not in codes(" ".join(["calm mornings"] * 70))


def test_named_channel_aliases_count_as_specific() -> None:
    assert has_specifics("Short clips on tik tok")
    assert has_specifics("Replies on Twitter")
    assert not has_specifics("Calm mornings with friends")
    assert not has_specifics("You may enjoy calm mornings")
    assert has_specifics("Launch in May")
