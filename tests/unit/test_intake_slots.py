"""Slots from chat text (facts in passing, direct answers, corrections) and contradictions questioned, not guessed."""

from __future__ import annotations

from datetime import date

import pytest

from tools.intake_conflicts import budgets_agree, merge_values, resolve_conflict
from tools.intake_slots import answer_for, field_named, mentioned
from tools.knowledge import default_knowledge
from tools.planning.channels import channel_catalog

TODAY = date(2026, 11, 22)
CATALOG = channel_catalog(default_knowledge().get("channel_catalog"))
USD_18K = {"amount": 18000.0, "currency": "USD", "period": "total"}


@pytest.mark.parametrize("text,expected", [
    ("We're a vegan bakery opening in Austin, we want foot traffic.",
     {"industry": "Vegan bakery", "geography": "Austin", "primary_goal": "Foot traffic"}),
    ("Hi, we're Crumb & Co, a vegan bakery in Austin and we want 300 new customers in 3 months. Budget is about $18k.",
     {"brand_name": "Crumb & Co", "industry": "Vegan bakery", "geography": "Austin", "timeline": "3 months",
      "primary_goal": "300 new customers in 3 months", "budget": USD_18K}),
    ("I run a dental supplies shop called Smile Source; we sell to dentists in Leeds",
     {"brand_name": "Smile Source", "industry": "Dental supplies shop", "primary_customer": "Dentists in Leeds",
      "geography": "Leeds", "business_type": "B2B"}),
    ("We make handmade soap and we sell to eco-conscious women in Portland, Oregon. We'd like to grow Instagram "
     "to 5k followers. No TikTok please.",
     {"product_service": "Handmade soap", "primary_customer": "Eco-conscious women in Portland, Oregon",
      "geography": "Portland, Oregon", "primary_goal": "Grow Instagram to 5k followers",
      "focus_platforms": ["Instagram"], "avoid_platforms": ["TikTok"]}),
    ("We are a B2B SaaS for HR teams, our goal is 150 demos by March",
     {"industry": "B2B SaaS", "primary_goal": "150 demos by March", "business_type": "B2B"}),
    ("our budget is €5.000 a month for Q1 2027",
     {"budget": {"amount": 5000.0, "currency": "EUR", "period": "monthly"}, "timeline": "Q1 2027"}),
])
def test_facts_mentioned_in_passing(text: str, expected: dict) -> None:
    assert mentioned(text, TODAY, CATALOG).values == expected


def test_numbers_without_a_money_cue_are_not_a_budget() -> None:
    found = mentioned("We have 40 staff and opened 3 years ago", TODAY, CATALOG).values
    assert "budget" not in found and "timeline" not in found


@pytest.mark.parametrize("field,text,expected", [
    ("brand_name", "It's called Crumb & Co.", {"brand_name": "Crumb & Co"}),
    ("brand_name", "crumb", {"brand_name": "crumb"}),
    ("industry", "we're a bakery", {"industry": "Bakery"}),
    ("product_service", "we sell vegan pastries, cakes and coffee",
     {"product_service": "Vegan pastries, cakes and coffee"}),
    ("primary_customer", "we sell to dentists in Leeds",
     {"primary_customer": "Dentists in Leeds", "geography": "Leeds", "business_type": "B2B"}),
    ("primary_goal", "more foot traffic", {"primary_goal": "More foot traffic"}),
    ("geography", "we're based in Leeds, UK", {"geography": "Leeds, UK"}),
    ("budget", "about $18k", {"budget": USD_18K}),
    ("budget", "nope", {"budget": {"amount": 0.0, "period": "total"}}),
    ("timeline", "three months", {"timeline": "3 months"}),
    ("platforms", "Instagram and email, no TikTok",
     {"focus_platforms": ["Instagram", "Email"], "avoid_platforms": ["TikTok"]}),
    ("competitors", "Greggs, Pret and Gail's", {"competitors": ["Greggs", "Pret", "Gail's"]}),
    ("tone_of_voice", "warm and witty", {"tone_of_voice": ["Warm", "Witty"]}),
    ("business_type", "mostly consumers", {"business_type": "B2C"}),
])
def test_direct_answers(field: str, text: str, expected: dict) -> None:
    answer = answer_for(field, text, TODAY, CATALOG)
    assert answer.values == expected
    assert not answer.vague and not answer.skipped


@pytest.mark.parametrize("field,text,reason", [
    ("budget", "it depends", "has no amount"),
    ("budget", "10-15k", "a range"),
    ("timeline", "asap", "does not give dates"),
    ("platforms", "social media", "names no platform"),
    ("business_type", "it varies", "B2B, B2C or both"),
])
def test_vague_answers_say_why(field: str, text: str, reason: str) -> None:
    answer = answer_for(field, text, TODAY, CATALOG)
    assert reason in answer.vague[field]


@pytest.mark.parametrize("field", ["budget", "timeline", "competitors", "platforms", "proof_points"])
def test_skips(field: str) -> None:
    assert answer_for(field, "not sure", TODAY, CATALOG).skipped == [field]


def test_an_answer_can_carry_other_facts() -> None:
    answer = answer_for("geography", "Austin. Oh and our budget is $20k", TODAY, CATALOG)
    assert answer.values["geography"] == "Austin"
    assert answer.values["budget"]["amount"] == 20000


@pytest.mark.parametrize("text,field,rest", [
    ("budget: $20k", "budget", "$20k"), ("change the budget to $20k", "budget", "$20k"),
    ("the customer is young professionals in Austin", "primary_customer", "young professionals in Austin"),
    ("platforms: Instagram only", "platforms", "Instagram only"), ("Our brand name is Crumb", "brand_name", "Crumb"),
    ("competitors are Greggs and Pret", "competitors", "Greggs and Pret"), ("yes", None, "yes"),
])
def test_corrections_name_their_field(text: str, field: str | None, rest: str) -> None:
    assert field_named(text) == (field, rest)


def test_a_restated_budget_that_differs_is_questioned_and_held_back() -> None:
    known = {"budget": USD_18K, "timeline": "3 months"}
    merged, conflicts = merge_values(known, {"budget": {"amount": 5000.0, "currency": "EUR", "period": "monthly"}},
                                     "geography", TODAY)
    assert merged["budget"] == USD_18K, "the new value waits for the answer"
    assert [c["field"] for c in conflicts] == ["budget"]
    assert "18,000 USD total" in conflicts[0]["question"] and "5,000 EUR a month" in conflicts[0]["question"]
    assert resolve_conflict(conflicts[0], "the second one", merged, TODAY, CATALOG)["budget"]["currency"] == "EUR"
    assert resolve_conflict(conflicts[0], "1", merged, TODAY, CATALOG)["budget"] == USD_18K
    assert resolve_conflict(conflicts[0], "actually $20k", merged, TODAY, CATALOG)["budget"] == {
        "amount": 20000.0, "currency": "USD", "period": "total"}
    assert resolve_conflict(conflicts[0], "hmm", merged, TODAY, CATALOG) is None


def test_a_restated_budget_that_agrees_is_not_a_contradiction() -> None:
    known = {"budget": USD_18K, "timeline": "3 months"}
    assert merge_values(known, {"budget": {"amount": 6000.0, "period": "monthly"}}, None, TODAY)[1] == []
    assert merge_values(known, {"budget": {"amount": 18000.0}}, None, TODAY)[1] == []
    assert budgets_agree(USD_18K, {"amount": 18200, "currency": "USD"})
    assert not budgets_agree(USD_18K, {"amount": 18000, "currency": "EUR"})
    assert not budgets_agree(USD_18K, {"amount": 6000, "period": "monthly"}), "no timeline: cannot compare"


def test_a_platform_both_focused_and_avoided_is_questioned() -> None:
    merged, conflicts = merge_values({"focus_platforms": ["Instagram"]},
                                     {"avoid_platforms": ["Instagram", "TikTok"]}, None, TODAY)
    assert merged["focus_platforms"] == ["Instagram"] and merged["avoid_platforms"] == ["TikTok"]
    assert conflicts[0]["platform"] == "Instagram" and "Should the plan use Instagram" in conflicts[0]["question"]
    dropped = resolve_conflict(conflicts[0], "no", merged, TODAY, CATALOG)
    assert dropped["focus_platforms"] == [] and dropped["avoid_platforms"] == ["TikTok", "Instagram"]
    kept = resolve_conflict(conflicts[0], "yes, keep Instagram", merged, TODAY, CATALOG)
    assert kept["focus_platforms"] == ["Instagram"] and "Instagram" not in kept["avoid_platforms"]


def test_the_same_answer_naming_a_platform_both_ways_is_questioned() -> None:
    found = answer_for("platforms", "Instagram and TikTok, no TikTok", TODAY, CATALOG).values
    merged, conflicts = merge_values({}, found, "platforms", TODAY)
    assert merged == {"focus_platforms": ["Instagram"], "avoid_platforms": []}
    assert [c["platform"] for c in conflicts] == ["TikTok"]


@pytest.mark.parametrize("field,old,new", [
    ("business_type", "B2B", "B2C"), ("brand_name", "Crumb & Co", "Crumb and Co Bakery"),
    ("timeline", "3 months", "Q2 2027"),
])
def test_other_restated_fields_are_questioned(field: str, old: str, new: str) -> None:
    merged, conflicts = merge_values({field: old}, {field: new}, None, TODAY)
    assert merged[field] == old and conflicts[0]["field"] == field


def test_answering_the_question_replaces_without_a_contradiction() -> None:
    merged, conflicts = merge_values({"budget": USD_18K}, {"budget": {"amount": 9000.0}}, "budget", TODAY)
    assert conflicts == [] and merged["budget"] == {"amount": 9000.0, "currency": "USD"}


def test_business_type_contradiction_can_become_hybrid() -> None:
    _, conflicts = merge_values({"business_type": "B2B"}, {"business_type": "B2C"}, None, TODAY)
    assert resolve_conflict(conflicts[0], "both", {"business_type": "B2B"}, TODAY, CATALOG)["business_type"] == "Hybrid"


def test_lists_heard_later_are_added_and_free_text_is_not_overwritten_in_passing() -> None:
    merged, conflicts = merge_values({"competitors": ["Greggs"], "industry": "Bakery"},
                                     {"competitors": ["Pret"], "industry": "Cafe"}, None, TODAY)
    assert merged == {"competitors": ["Greggs", "Pret"], "industry": "Bakery"} and conflicts == []
