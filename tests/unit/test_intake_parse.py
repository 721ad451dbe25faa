"""Natural answers read as brief values: money, timelines, platforms, business type, yes/no/skip, lists."""

from __future__ import annotations

from datetime import date

import pytest

from tools.intake_parse import (
    describe_budget,
    is_no,
    is_skip,
    is_yes,
    parse_business_type,
    parse_list,
    parse_money,
    parse_platforms,
    parse_timeline,
    words_to_digits,
)
from tools.knowledge import default_knowledge
from tools.planning.channels import channel_catalog

TODAY = date(2026, 11, 22)
CATALOG = channel_catalog(default_knowledge().get("channel_catalog"))


@pytest.mark.parametrize("text,amount,currency,period", [
    ("about $18k", 18000, "USD", "total"),
    ("$18,000", 18000, "USD", "total"),
    ("18k USD", 18000, "USD", "total"),
    ("18 000 €", 18000, "EUR", "total"),
    ("€5.000 a month", 5000, "EUR", "monthly"),
    ("€ 5.000,50", 5000.5, "EUR", "total"),
    ("5,000 euros per month", 5000, "EUR", "monthly"),
    ("£2.5k per month", 2500, "GBP", "monthly"),
    ("roughly 7500 pounds", 7500, "GBP", "total"),
    ("20 grand", 20000, None, "total"),
    ("$1.2m", 1_200_000, "USD", "total"),
    ("five thousand dollars", 5000, "USD", "total"),
    ("fifteen hundred bucks a month", 1500, "USD", "monthly"),
    ("5k/mo", 5000, None, "monthly"),
    ("3k per week", 13000, None, "monthly"),
    ("60k a year", 5000, None, "monthly"),
    ("9k a quarter", 3000, None, "monthly"),
    ("1,5k €", 1500, "EUR", "total"),
    ("INR 2 lakh", 200000, "INR", "total"),
    ("₹50,000 monthly", 50000, "INR", "monthly"),
    ("A$4,000", 4000, "AUD", "total"),
    ("CHF 12000", 12000, "CHF", "total"),
    ("We can spend 12k in total", 12000, None, "total"),
    ("we have about 3.5k a month for ads", 3500, None, "monthly"),
    ("$2,500.75", 2500.75, "USD", "total"),
])
def test_money_phrasings(text: str, amount: float, currency: str | None, period: str) -> None:
    money = parse_money(text)
    assert money is not None, text
    assert money.amount == pytest.approx(amount), text
    assert money.currency == currency, text
    assert money.period == period, text
    assert not money.is_range


@pytest.mark.parametrize("text", ["zero", "$0", "0", "nothing", "organic only", "no budget", "we have no budget",
                                  "no budget for ads", "Zero budget, all organic"])
def test_zero_budget_means_organic_only(text: str) -> None:
    money = parse_money(text)
    assert money is not None and money.amount == 0, text


@pytest.mark.parametrize("text", ["no idea", "not sure yet", "depends", "we'll see", ""])
def test_no_amount_is_none(text: str) -> None:
    assert parse_money(text) is None


@pytest.mark.parametrize("text,low,high,currency", [
    ("10-15k", 10000, 15000, None),
    ("between 10 and 15 thousand euros", 10000, 15000, "EUR"),
    ("$8k to $12k", 8000, 12000, "USD"),
])
def test_ranges_are_flagged_with_the_midpoint(text: str, low: float, high: float, currency: str | None) -> None:
    money = parse_money(text)
    assert money is not None and money.is_range
    assert (money.low, money.high, money.currency) == (low, high, currency)
    assert money.amount == (low + high) / 2


def test_numbers_that_are_not_money_are_skipped() -> None:
    money = parse_money("we want 200 members in 90 days with $5k")
    assert money is not None and money.amount == 5000


def test_budget_description() -> None:
    assert describe_budget({"amount": 18000.0, "currency": "USD", "period": "total"}) == "18,000 USD total"
    assert describe_budget({"amount": 5000.5, "currency": "EUR", "period": "monthly"}) == "5,000.50 EUR a month"
    assert describe_budget({"amount": 0}) == "0 (organic only)"


@pytest.mark.parametrize("text,expected", [
    ("3 months", "3 months"), ("three months", "3 months"), ("about 12 weeks", "12 weeks"),
    ("90 days", "90 days"), ("one year", "1 year"), ("half a year", "6 months"),
    ("a couple of months", "2 months"), ("Q1 2027", "Q1 2027"), ("q2", "Q2 2027"),
    ("from March to May 2027", "from March to May 2027"), ("2027-01-05 to 2027-03-31", "2027-01-05 to 2027-03-31"),
    ("12 weeks starting in January", "12 weeks starting in January"), ("this quarter", "this quarter"),
])
def test_timeline_phrasings(text: str, expected: str) -> None:
    assert parse_timeline(text, TODAY) == expected


@pytest.mark.parametrize("text", ["asap", "soon", "ongoing", "whenever", "until Christmas", "not sure", ""])
def test_vague_timelines_are_none(text: str) -> None:
    assert parse_timeline(text, TODAY) is None


@pytest.mark.parametrize("text,focus,avoid", [
    ("Instagram and email, no TikTok", ["Instagram", "Email"], ["TikTok"]),
    ("Instagram but not TikTok", ["Instagram"], ["TikTok"]),
    ("no TikTok, Snapchat or Facebook", [], ["TikTok", "Snapchat", "Facebook"]),
    ("everything but LinkedIn", [], ["LinkedIn"]),
    ("IG + newsletter; TikTok is a no-go", ["Instagram", "Email"], ["TikTok"]),
    ("We don't want TikTok, Instagram is fine", ["Instagram"], ["TikTok"]),
    ("Google ads and SEO, avoid Facebook ads", ["Google Search", "SEO & Blog"], ["Meta Ads"]),
    ("linkedin and X", ["LinkedIn", "X (Twitter)"], []),
    ("mostly YouTube shorts and Pinterest", ["YouTube", "Pinterest"], []),
    ("not on tiktok or snapchat, mostly instagram", ["Instagram"], ["TikTok", "Snapchat"]),
    ("e-mail and tik tok", ["Email", "TikTok"], []),
    ("Instagram reels, WhatsApp; stay away from Twitter", ["Instagram", "WhatsApp"], ["X (Twitter)"]),
    ("newsletters and podcasts please", ["Email", "Podcasts"], []),
])
def test_platform_phrasings(text: str, focus: list[str], avoid: list[str]) -> None:
    platforms = parse_platforms(text, CATALOG)
    assert platforms.focus == focus, text
    assert platforms.avoid == avoid, text
    assert platforms.both == []


def test_a_platform_named_both_ways_is_reported() -> None:
    platforms = parse_platforms("Instagram and TikTok, email too. Actually no TikTok", CATALOG)
    assert platforms.both == ["TikTok"]
    assert "Instagram" in platforms.focus and "TikTok" in platforms.avoid


def test_no_platform_named_is_empty() -> None:
    assert not parse_platforms("social media, whatever works", CATALOG)
    assert not parse_platforms("x", CATALOG), "a lower-case x is not X (Twitter)"


@pytest.mark.parametrize("text,expected", [
    ("B2B", "B2B"), ("b2c", "B2C"), ("D2C", "B2C"), ("both", "Hybrid"), ("B2B2C", "Hybrid"),
    ("we sell to businesses", "B2B"), ("we sell to dentists in Leeds", "B2B"), ("consumers", "B2C"),
    ("busy parents", "B2C"), ("small businesses and consumers", "Hybrid"), ("not sure", None),
])
def test_business_type(text: str, expected: str | None) -> None:
    assert parse_business_type(text) == expected


@pytest.mark.parametrize("text", ["yes", "Yes!", "yep", "ok", "sure", "looks good", "go ahead", "correct",
                                  "that's right", "Sounds good, thanks", "approve"])
def test_yes(text: str) -> None:
    assert is_yes(text) and not is_no(text)


@pytest.mark.parametrize("text", ["no", "Nope", "nah", "leave it out", "no thanks"])
def test_no(text: str) -> None:
    assert is_no(text) and not is_yes(text)


@pytest.mark.parametrize("text", ["yes but change the budget", "no TikTok", "Instagram"])
def test_answers_with_content_are_neither_yes_nor_no(text: str) -> None:
    assert not is_yes(text) and not is_no(text)


@pytest.mark.parametrize("text", ["skip", "not sure", "no idea", "I don't know", "n/a", "none", "pass", "?",
                                  "later", "no preference", "   "])
def test_skips(text: str) -> None:
    assert is_skip(text)


def test_real_answers_are_not_skips() -> None:
    assert not is_skip("Greggs and Pret")
    assert not is_skip("None of the big chains")


def test_lists() -> None:
    assert parse_list("Greggs, Pret and Gail's") == ["Greggs", "Pret", "Gail's"]
    assert parse_list("mostly slow service; high prices") == ["Slow service", "High prices"]
    assert parse_list("friendly / bold") == ["Friendly", "Bold"]
    assert parse_list("4.8 stars from 1,200 reviews, award 2025") == ["4.8 stars from 1,200 reviews", "Award 2025"]
    assert parse_list("none") == []


def test_number_words() -> None:
    assert words_to_digits("five thousand dollars over three months") == "5 thousand dollars over 3 months"
    assert words_to_digits("twenty-five thousand") == "25 thousand"
    assert words_to_digits("a month") == "a month"


def test_user_text_is_cleaned_not_executed() -> None:
    money = parse_money("<script>alert(1)</script> {{budget}} about $18k")
    assert money is not None and money.amount == 18000
    assert parse_list("<b>Greggs</b>, ${env:HOME}") == ["Greggs"]
