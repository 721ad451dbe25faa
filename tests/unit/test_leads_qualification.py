"""Qualification (spec/cam.md "Qualify", in order): score gate, email quality, intent and the manual review queue."""

from __future__ import annotations

import pytest

from tools.leads.campaign import Rules
from tools.leads.qualification import check_email, intent_score, qualify
from tools.leads.records import Enrichment

ACTIVE = Enrichment(recent_job_change=True)  # intent 0.25


@pytest.mark.parametrize(("score", "verdict", "reason"), [
    (0.70, "QUALIFIED", "score_ok"), (0.6999, "REJECTED", "low_icp_fit"), (0.0, "REJECTED", "low_icp_fit"),
])
def test_score_gate_at_0_70(score: float, verdict: str, reason: str) -> None:
    q = qualify(score, "ana@acme.io", ACTIVE)
    assert (q.verdict, q.reasons[0]) == (verdict, reason)


def test_score_is_checked_before_the_email() -> None:
    assert qualify(0.5, "info@acme.io", ACTIVE).reasons == ["low_icp_fit"]


@pytest.mark.parametrize("email", ["not-an-email", "ana@", "@acme.io", "ana@acme", "ana acme@x.io", "", None])
def test_invalid_format(email: str | None) -> None:
    assert check_email(email).reason == "invalid_email_format"


@pytest.mark.parametrize("email", [
    "salesbot@acme.io", "spam@acme.io", "mailer-daemon@acme.io", "daemon@acme.io", "noreply@acme.io",
    "no-reply@acme.io", "no_reply@acme.io", "verify@acme.io", "confirm@acme.io", "alerts@acme.io",
    "notifications@acme.io", "test@acme.io", "tester.one@acme.io", "demo@acme.io", "bounce+x@acme.io",
])
def test_bot_and_system_addresses(email: str) -> None:
    assert check_email(email).reason == "bot_or_system_address"


@pytest.mark.parametrize("email", [
    "info@acme.io", "support@acme.io", "sales@acme.io", "marketing@acme.io", "admin@acme.io", "hello@acme.io",
    "contact@acme.io", "office@acme.io", "team@acme.io", "careers@acme.io", "info+news@acme.io",
])
def test_role_accounts(email: str) -> None:
    assert check_email(email).reason == "role_account"


def test_competitor_domains_and_their_subdomains() -> None:
    rules = Rules(competitor_domains=["rival.com"])
    assert check_email("ana@rival.com", rules).reason == "competitor_domain"
    assert check_email("ana@eu.rival.com", rules).reason == "competitor_domain"
    assert check_email("ana@notrival.com", rules).ok


def test_free_mail_is_blocked_only_when_asked() -> None:
    assert check_email("ana@gmail.com").ok
    assert check_email("ana@gmail.com", Rules(block_free_mail=True)).reason == "free_mail"


def test_a_verifier_saying_invalid_rejects_the_address() -> None:
    assert check_email("ana@acme.io", verification="invalid").reason == "invalid_email_format"
    assert check_email("ana@acme.io", verification="nominative@pro").ok


@pytest.mark.parametrize(("signals", "intent"), [
    ({}, 0.0), ({"recent_job_change": True}, 0.25), ({"company_funded_recently": True}, 0.20),
    ({"company_hiring": True}, 0.20), ({"recent_activity": True}, 0.15), ({"is_decision_maker": True}, 0.10),
    ({"has_budget_authority": True}, 0.10),
    ({name: True for name in ("recent_job_change", "company_funded_recently", "company_hiring", "recent_activity",
                              "is_decision_maker", "has_budget_authority")}, 1.0),
])
def test_intent_weights(signals: dict[str, bool], intent: float) -> None:
    assert intent_score(Enrichment(**signals)) == intent


@pytest.mark.parametrize(("signals", "verdict", "reason"), [
    ({"company_hiring": True}, "QUALIFIED", "intent_ok"),                    # intent 0.20: at the minimum
    ({"recent_activity": True}, "MANUAL_REVIEW", "low_intent"),              # 0.15 < 0.2, not a decision maker
    ({"has_budget_authority": True}, "MANUAL_REVIEW", "low_intent"),         # 0.10
    ({"is_decision_maker": True}, "QUALIFIED", "decision_maker"),            # 0.10 but a decision maker
    ({}, "MANUAL_REVIEW", "low_intent"),
])
def test_intent_decides_between_qualified_and_manual_review(signals: dict[str, bool], verdict: str,
                                                            reason: str) -> None:
    q = qualify(0.9, "ana@acme.io", Enrichment(**signals))
    assert (q.verdict, q.reasons[-1] if verdict == "QUALIFIED" else q.reasons[0]) == (verdict, reason)


def test_the_record_keeps_every_number_behind_the_verdict() -> None:
    record = qualify(0.75, "ana@acme.io", ACTIVE).as_dict()
    assert record["details"] == {"score": 0.75, "min_score": 0.7, "intent": 0.25, "min_intent": 0.2}
    assert record["verdict"] == "QUALIFIED" and record["email"]["ok"] is True


def test_thresholds_come_from_the_campaign() -> None:
    assert qualify(0.6, "ana@acme.io", ACTIVE, Rules(qualify_min_score=0.5)).verdict == "QUALIFIED"
    assert qualify(0.9, "ana@acme.io", ACTIVE, Rules(min_intent=0.3)).verdict == "MANUAL_REVIEW"
