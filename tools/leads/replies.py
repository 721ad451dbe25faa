"""Classify a reply: keyword rules first (bounce, out-of-office, unsubscribe, negative, positive), LLM when given."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

ReplyClass = Literal["out_of_office", "bounce", "unsubscribe", "negative", "positive", "neutral"]
CLASSES: tuple[ReplyClass, ...] = ("out_of_office", "bounce", "unsubscribe", "negative", "positive", "neutral")
# order matters: a bounce quotes the original text; "not interested" contains "interested"
RULES: tuple[tuple[ReplyClass, re.Pattern[str]], ...] = (
    ("bounce", re.compile(r"\b(?:undeliverable|delivery status notification|delivery has failed|mail delivery "
                          r"(?:failed|subsystem)|address not found|user unknown|mailbox (?:unavailable|not found)|"
                          r"returned to sender|no such user|recipient address rejected)\b")),
    ("out_of_office", re.compile(r"\b(?:out of (?:the )?office|ooo|on (?:vacation|holiday|leave|annual leave)|"
                                 r"auto(?:matic)?[- ]?reply|away (?:until|from)|limited access to (?:my )?email|"
                                 r"back in the office)\b")),
    ("unsubscribe", re.compile(r"\b(?:unsubscribe|remove me|opt(?:[- ])?out|take me off|stop (?:emailing|"
                               r"contacting|sending)|do not (?:contact|email)|don'?t (?:contact|email) me)\b")),
    ("negative", re.compile(r"\b(?:not interested|no thanks|no,? thank you|not (?:a )?(?:good )?fit|not right now|"
                            r"we(?:'re| are) (?:all set|good)|already (?:have|use|work with)|no need|not for us|"
                            r"please stop|no budget)\b")),
    ("positive", re.compile(r"\b(?:interested|let'?s (?:talk|chat|connect|meet)|book (?:a|some) (?:call|time|"
                            r"meeting)|schedule (?:a|some)|set up (?:a )?(?:call|meeting|time)|sounds (?:good|great)|"
                            r"tell me more|love to (?:learn|hear|chat)|happy to (?:chat|talk)|send (?:me )?(?:more|"
                            r"details|pricing)|when are you (?:free|available)|yes\b)")),
)
_QUOTED = re.compile(r"(?m)^>.*$|^On .{5,200} wrote:$[\s\S]*", re.MULTILINE)


@dataclass(frozen=True)
class ReplyVerdict:
    """The class, who decided it (rules or llm) and the rule or model that matched."""

    label: ReplyClass
    engine: Literal["rules", "llm"]
    evidence: str


LLMClassifier = Callable[[str], tuple[ReplyClass, str]]


def strip_quoted(text: str) -> str:
    """The reply's own words, without quoted lines or the quoted original message."""
    return _QUOTED.sub("", text).strip()


def classify_reply(subject: str, body: str, llm: LLMClassifier | None = None) -> ReplyVerdict:
    """Rules first; when none match and an LLM classifier is given, it decides (its label is checked)."""
    own = strip_quoted(body)
    text = f"{subject}\n{own}".lower()
    for label, pattern in RULES:
        if label == "bounce" and (match := pattern.search(f"{subject}\n{body}".lower())):
            return ReplyVerdict(label, "rules", match.group(0))
        if label != "bounce" and (match := pattern.search(text)):
            return ReplyVerdict(label, "rules", match.group(0))
    if llm is not None:
        label, model = llm(own[:4000])
        if label not in CLASSES:
            raise ValueError(f"reply classifier returned '{label}', expected one of {', '.join(CLASSES)}")
        return ReplyVerdict(label, "llm", model)
    return ReplyVerdict("neutral", "rules", "no rule matched")


ENGAGEMENT = ("none", "opened", "clicked", "replied")


def raise_engagement(current: str, new: str) -> str:
    """The higher of two engagement levels (none < opened < clicked < replied)."""
    return max(current, new, key=lambda level: ENGAGEMENT.index(level) if level in ENGAGEMENT else 0)


@dataclass(frozen=True)
class ReplyEffect:
    """What a reply does: the status path to walk, whether the sequence stops, and a suppression reason."""

    path: tuple[str, ...]
    stop: bool
    suppress: str | None = None


def reply_effect(label: ReplyClass) -> ReplyEffect:
    """Positive/neutral -> REPLIED; negative -> REPLIED then LOST; unsubscribe/bounce -> SUPPRESSED; OOO -> none."""
    if label in ("bounce", "unsubscribe"):
        return ReplyEffect(("SUPPRESSED",), stop=True, suppress=label)
    if label == "negative":
        return ReplyEffect(("REPLIED", "LOST"), stop=True)
    if label in ("positive", "neutral"):
        return ReplyEffect(("REPLIED",), stop=True)
    return ReplyEffect((), stop=False)
