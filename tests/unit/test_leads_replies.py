"""Reply classification (keyword rules first, an LLM classifier only when given) and what each class does."""

from __future__ import annotations

import pytest

from tools.leads.replies import classify_reply, raise_engagement, reply_effect, strip_quoted


@pytest.mark.parametrize(("subject", "body", "label"), [
    ("Undeliverable: Hello", "Delivery has failed to these recipients", "bounce"),
    ("Delivery Status Notification (Failure)", "Address not found", "bounce"),
    ("Automatic reply: Hello", "I am out of the office until 9 March.", "out_of_office"),
    ("Re: Hello", "I'm on vacation with limited access to email.", "out_of_office"),
    ("Re: Hello", "Please unsubscribe me.", "unsubscribe"),
    ("Re: Hello", "Remove me from your list", "unsubscribe"),
    ("Re: Hello", "Stop emailing me", "unsubscribe"),
    ("Re: Hello", "Not interested, thanks.", "negative"),
    ("Re: Hello", "We're all set with our current agency.", "negative"),
    ("Re: Hello", "No thanks", "negative"),
    ("Re: Hello", "Interested - can you send pricing?", "positive"),
    ("Re: Hello", "Sounds good, let's talk Tuesday", "positive"),
    ("Re: Hello", "Happy to chat. When are you free?", "positive"),
    ("Re: Hello", "Who gave you my address?", "neutral"),
])
def test_keyword_rules(subject: str, body: str, label: str) -> None:
    assert classify_reply(subject, body).label == label


def test_quoted_text_does_not_decide() -> None:
    body = "Sounds good.\n\nOn Mon, 2 Mar 2026 at 10:30 Sam wrote:\n> Not interested? Unsubscribe here."
    assert strip_quoted(body) == "Sounds good."
    assert classify_reply("Re: x", body).label == "positive"


def test_the_llm_decides_only_when_no_rule_matches_and_must_answer_a_class() -> None:
    calls: list[str] = []

    def llm(text: str) -> tuple[str, str]:
        calls.append(text)
        return "positive", "local:smollm2"

    assert classify_reply("Re: x", "Not interested", llm).engine == "rules" and calls == []
    verdict = classify_reply("Re: x", "Who are you?", llm)  # type: ignore[arg-type]
    assert (verdict.label, verdict.engine, verdict.evidence) == ("positive", "llm", "local:smollm2")
    with pytest.raises(ValueError, match="expected one of"):
        classify_reply("Re: x", "Hmm", lambda _: ("maybe", "m"))  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize(("label", "path", "stop", "suppress"), [
    ("positive", ("REPLIED",), True, None), ("neutral", ("REPLIED",), True, None),
    ("negative", ("REPLIED", "LOST"), True, None), ("unsubscribe", ("SUPPRESSED",), True, "unsubscribe"),
    ("bounce", ("SUPPRESSED",), True, "bounce"), ("out_of_office", (), False, None),
])
def test_effects(label: str, path: tuple[str, ...], stop: bool, suppress: str | None) -> None:
    effect = reply_effect(label)  # type: ignore[arg-type]
    assert (effect.path, effect.stop, effect.suppress) == (path, stop, suppress)


def test_engagement_only_goes_up() -> None:
    assert raise_engagement("none", "opened") == "opened"
    assert raise_engagement("clicked", "opened") == "clicked"
    assert raise_engagement("opened", "replied") == "replied"
