"""The nurture writer: personal drafts, blocked drafts, escaped HTML with an unsubscribe link, disclosed engine."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agents.models import ChainLink, ModelChain, parse_model_spec
from agents.nurture_writer import EmailBrief, LLMNurtureWriter, check_draft, render_email, split_subject, write_offline
from tools.mailer import OutgoingEmail, build_message, header_safe, make_message_id

BRIEF = EmailBrief(first_name="Ana", company="Acme", title="Head of Sales", industry="SaaS",
                   pain_point="turning marketing spend into qualified pipeline", offer="A 6-week outbound sprint",
                   tone="friendly", sender_name="Sam Carter", sequence="aggressive_close",
                   goal="meeting within 7 days", step=1, steps=3)


@pytest.mark.parametrize("step", [1, 2, 3])
def test_offline_drafts_are_personal_and_clean(step: int) -> None:
    draft = write_offline(BRIEF.__class__(**{**BRIEF.__dict__, "step": step}))
    text = draft.subject + draft.body
    assert draft.engine == "offline" and draft.provider is None and not draft.blocked
    for fact in ("Ana", "Acme", "A 6-week outbound sprint", "Sam Carter"):
        assert fact in draft.body
    assert "turning marketing spend into qualified pipeline" in text
    if step == 1:
        assert "Head of Sales" in draft.body


def test_sequences_ask_differently_and_missing_facts_read_naturally() -> None:
    cold = write_offline(EmailBrief(**{**BRIEF.__dict__, "sequence": "cold_outreach", "first_name": None,
                                       "title": None, "company": None}))
    assert cold.body.startswith("Hi there,") and "your team" in cold.body and not cold.blocked
    assert "20-minute call" in write_offline(BRIEF).body


@pytest.mark.parametrize(("subject", "body", "issue"), [
    ("Hi {{first_name}}", "x " * 30, "unfilled token '{{first_name}}'"),
    ("Hello", "Dear [Company] team " + "x " * 30, "unfilled token '[Company]'"),
    ("Hello", "TODO add case study " + "x " * 30, "unfilled token 'TODO'"),
    ("Hello", "Hi %FIRST_NAME% " + "x " * 30, "unfilled token '%FIRST_NAME%'"),
    ("Act now!", "x " * 30, "spam trigger 'act now'"),
    ("Hello", "This offer is 100% free and guaranteed " + "x " * 30, "spam trigger '100% free'"),
    ("", "x " * 30, "subject must be one non-empty line"),
    ("Hello", "Too short", "body shorter than 20 words"),
])
def test_blocked_drafts(subject: str, body: str, issue: str) -> None:
    assert issue in check_draft(subject, body)


def test_a_spammy_offer_blocks_the_offline_draft() -> None:
    draft = write_offline(EmailBrief(**{**BRIEF.__dict__, "offer": "Act now: a guaranteed pipeline"}))
    assert draft.blocked and any("spam trigger" in issue for issue in draft.issues)


def test_rendered_email_escapes_html_and_always_carries_the_unsubscribe_link() -> None:
    draft = write_offline(EmailBrief(**{**BRIEF.__dict__, "company": "Acme <b>&</b> Sons"}))
    text, page = render_email(draft, unsubscribe_url="https://t.example/u/tok", pixel_url="https://t.example/t/o/tok",
                              click_url="https://t.example/t/c/tok?i=0", postal_address="1 Main St")
    assert "Unsubscribe: https://t.example/u/tok" in text and "1 Main St" in text
    assert 'href="https://t.example/u/tok"' in page and 'src="https://t.example/t/o/tok"' in page
    assert "Acme &lt;b&gt;&amp;&lt;/b&gt; Sons" in page and "<b>" not in page
    assert 'href="https://t.example/t/c/tok?i=0"' in page


def _chain(text: str) -> ModelChain:
    model = GenericFakeChatModel(messages=iter([AIMessage(text)]))
    return ModelChain([ChainLink(spec=parse_model_spec("local:smollm2"), runnable=model)])


def test_llm_drafts_record_provider_and_model_and_are_checked_like_any_draft() -> None:
    good = ("Subject: Pipeline at Acme\n\nHi Ana, as Head of Sales at Acme you know how hard qualified pipeline is. "
            "Our 6-week outbound sprint books meetings with weekly reporting. Worth a short call this week?")
    draft = LLMNurtureWriter(_chain(good))(BRIEF)
    assert (draft.engine, draft.provider, draft.model, draft.subject) == ("llm", "local", "smollm2",
                                                                          "Pipeline at Acme")
    assert not draft.blocked and draft.body.endswith("Sam Carter")
    bad = LLMNurtureWriter(_chain("Subject: Hi {{first_name}}\n\nClick here " + "word " * 30))(BRIEF)
    assert bad.blocked and bad.engine == "llm"
    assert split_subject("no subject line") == ("", "no subject line")


def test_built_message_headers() -> None:
    email = OutgoingEmail(to_email="ana@acme.io", to_name="Ana\r\nBcc: evil@x.io", from_email="sam@agency.example",
                          from_name="Sam", subject="A long subject line about pipeline at Acme and what we can do "
                          "for the team this quarter\r\nBcc: evil@x.io", text="hello", html="<p>hello</p>",
                          message_id=make_message_id("tok123", "sam@agency.example"),
                          unsubscribe_url="https://t.example/u/tok123", date=datetime(2026, 3, 2, 10, tzinfo=UTC))
    parsed = message_from_bytes(build_message(email).as_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == "<tok123@agency.example>"
    assert parsed["List-Unsubscribe"] == "<https://t.example/u/tok123>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Bcc"] is None and "\n" not in parsed["Subject"] and parsed["Subject"].startswith("A long")
    assert parsed.get_body(("html",)).get_content().strip() == "<p>hello</p>"
    assert header_safe("a\tb\x00c") == "a b c"
