"""Intake, lead and Kaizen evaluators: right answers score 1, each kind of wrong answer scores low."""

from __future__ import annotations

from evals.decision_evaluators import (
    field_matches,
    intake_field_accuracy,
    kaizen_change_accuracy,
    lead_decision_accuracy,
)
from evals.targets import leads_target, simulated_reply

INTAKE_REF = {"outputs": {"fields": {"brand_name": "Crumb & Co", "budget.amount": 18000, "budget.currency": "USD",
                                     "avoid_platforms": ["TikTok"], "geography": "Austin", "budget.period": None}}}
GOOD_BRIEF = {"brand_name": "Crumb & Co", "geography": "Austin, Texas", "avoid_platforms": ["TikTok", "X"],
              "budget": {"amount": 18000.0, "currency": "USD"}}


def test_intake_accuracy_scores_each_field() -> None:
    assert intake_field_accuracy({"outputs": {"brief": GOOD_BRIEF}}, INTAKE_REF)["score"] == 1.0
    wrong = {**GOOD_BRIEF, "budget": {"amount": 1800.0, "currency": "USD", "period": "monthly"}, "avoid_platforms": []}
    scored = intake_field_accuracy({"outputs": {"brief": wrong}}, INTAKE_REF)
    assert scored["score"] == 0.5
    assert "budget.amount" in scored["comment"] and "avoid_platforms" in scored["comment"]
    assert intake_field_accuracy({"outputs": {}}, INTAKE_REF)["score"] == 0.0


def test_field_matching_rules() -> None:
    assert field_matches("vegan bakery", "Vegan Bakery and café")
    assert not field_matches("vegan bakery", ["vegan bakery"])
    assert field_matches(150000, "150000") and not field_matches(150000, 160000)
    assert field_matches(None, []) and not field_matches(None, ["Email"])
    assert field_matches(["Instagram"], ["Email", "Instagram"]) and not field_matches(["TikTok"], ["Email"])
    assert not field_matches(True, 1)


def test_lead_accuracy_names_the_wrong_decision() -> None:
    want = {"outputs": {"tier": "HOT", "qualification": "REJECTED", "reason": "role_account", "route": None}}
    right = {"outputs": {"tier": "HOT", "qualification": "REJECTED", "reasons": ["role_account"], "route": None}}
    assert lead_decision_accuracy(right, want)["score"] == 1.0
    wrong = {"outputs": {"tier": "WARM", "qualification": "QUALIFIED", "reasons": ["intent_ok"],
                         "route": "regular_nurture"}}
    scored = lead_decision_accuracy(wrong, want)
    assert scored["score"] == 0.0
    assert "tier = 'HOT'" in scored["comment"]


def test_leads_target_applies_the_campaign_rules() -> None:
    target = leads_target()
    lead = {"email": "ana@northwind.io", "title": "CMO",
            "enrichment": {"company_size": "medium", "is_decision_maker": True}}
    # score 0.685 (cam.md: ICP fit 0.65, opportunity 0.72): below the default 0.70, above a lenient 0.6
    default = target({"lead": lead, "campaign": {"icp": {"sizes": ["medium"]}}})
    lenient = target({"lead": lead, "campaign": {"icp": {"sizes": ["medium"]}, "rules": {"qualify_min_score": 0.6}}})
    assert default["score"] == 0.685 and default["qualification"] == "REJECTED" and default["route"] is None
    assert lenient["qualification"] == "QUALIFIED" and lenient["route"] == "long_term_nurture"


def _plan(mix: dict[str, float], themes: list[str] | None = None) -> dict:
    return {"channel_mix": [{"channel": c, "budget_share": s} for c, s in mix.items()], "themes": themes or ["x"]}


KAIZEN_REF = {"outputs": {"channels_up": ["TikTok"], "channels_down": ["LinkedIn"], "channels_absent": ["X"],
                          "confidence": 80, "banned_phrases": ["pleased to announce"],
                          "hook_lead": "Open with a question"}}


def test_kaizen_accuracy_checks_every_expected_change() -> None:
    before = _plan({"LinkedIn": 0.5, "Email": 0.5}, ["Tasting notes", "Meet the roaster"])
    after = _plan({"TikTok": 0.4, "Email": 0.35, "LinkedIn": 0.25},
                  ["Open with a question: tasting notes", "Open with a question: meet the roaster"])
    kaizen = {"confidence": 80, "banned_phrases": ["pleased to announce"], "weak_platforms": ["LinkedIn"]}
    good = {"outputs": {"kaizen": kaizen, "before": before, "after": after}}
    assert kaizen_change_accuracy(good, KAIZEN_REF)["score"] == 1.0
    unchanged = {"outputs": {"kaizen": {**kaizen, "confidence": 25, "banned_phrases": []}, "before": before,
                             "after": before}}
    scored = kaizen_change_accuracy(unchanged, KAIZEN_REF)
    assert scored["score"] < 0.3
    assert "TikTok gains share" in scored["comment"]


def test_the_simulated_person_answers_the_asked_field_once_then_skips() -> None:
    answers = {"budget": "about $18k", "primary_customer": ["everyone", "parents of teens"], "conflict:budget": "2"}
    assert simulated_reply({"kind": "question", "field": "budget"}, answers) == "about $18k"
    assert simulated_reply({"kind": "question", "field": "budget"}, answers) == "skip"
    assert simulated_reply({"kind": "question", "field": "primary_customer"}, answers) == "everyone"
    assert simulated_reply({"kind": "question", "field": "primary_customer"}, answers) == "parents of teens"
    assert simulated_reply({"kind": "conflict", "field": "budget"}, answers) == "2"
    assert simulated_reply({"kind": "confirm", "field": "brief"}, answers) == "yes"
