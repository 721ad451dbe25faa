"""The nurture writer: one personalised email per lead and sequence step, offline or through the LLM chain.

A draft with unfilled tokens or spam-trigger phrases is blocked, never sent; every rendered email carries an
unsubscribe link. Offline text is never labelled as LLM text: each draft records engine, provider and model.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from langchain_core.messages import HumanMessage, SystemMessage

from prompts import load_prompt

if TYPE_CHECKING:  # provider SDKs load only when the LLM engine is used
    from agents.models import ModelChain

# the patterns a draft must not contain: template tokens, fill-in brackets and writer's notes
UNFILLED = re.compile(r"\{\{[^}]*\}\}|\{\{|\}\}|\$\{[^}]*\}|%[A-Z_]{3,}%|\[[^\]\n]{0,80}\]|\bTODO\b|\bTBD\b|"
                      r"\bFIXME\b|\bXXX\b|<\s*(?:first_?name|company|name|title)\s*>", re.IGNORECASE)
SPAM_TRIGGERS = ("act now", "100% free", "risk-free", "risk free", "guaranteed", "no obligation", "click here",
                 "buy now", "order now", "limited time", "cash bonus", "winner", "congratulations", "earn money",
                 "make money", "extra income", "double your", "free money", "once in a lifetime", "no strings attached",
                 "special promotion", "this is not spam", "this isn't spam", "lowest price", "100% satisfied", "$$$",
                 "urgent", "miracle", "no cost", "free trial", "free gift", "exclusive deal")
_SPAM = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in SPAM_TRIGGERS) + r")(?![a-z0-9])",
                   re.IGNORECASE)


@dataclass(frozen=True)
class EmailBrief:
    """What the writer knows about one lead, one step and the campaign (all inert data)."""

    first_name: str | None
    company: str | None
    title: str | None
    industry: str | None
    pain_point: str
    offer: str
    tone: str
    sender_name: str
    sequence: str
    goal: str
    step: int
    steps: int


@dataclass(frozen=True)
class Draft:
    """A written email and who wrote it; ``issues`` non-empty means blocked."""

    subject: str
    body: str
    engine: Literal["offline", "llm"]
    provider: str | None = None
    model: str | None = None
    issues: tuple[str, ...] = ()

    @property
    def blocked(self) -> bool:
        """True when the draft must not be sent."""
        return bool(self.issues)


NurtureWriter = Callable[[EmailBrief], Draft]


def check_draft(subject: str, body: str) -> tuple[str, ...]:
    """Reasons to block: unfilled tokens, spam-trigger phrases, an empty or multi-line subject."""
    issues = [f"unfilled token '{m.group(0)}'" for m in UNFILLED.finditer(f"{subject}\n{body}")]
    issues += [f"spam trigger '{m.group(0).lower()}'" for m in _SPAM.finditer(f"{subject}\n{body}")]
    if not subject.strip() or "\n" in subject.strip():
        issues.append("subject must be one non-empty line")
    if len(body.split()) < 20:
        issues.append("body shorter than 20 words")
    return tuple(dict.fromkeys(issues))


def _greeting(brief: EmailBrief) -> str:
    formal = brief.tone.lower() in {"formal", "professional", "corporate"}
    name = brief.first_name or ("there" if not formal else "")
    return f"{'Hello' if formal else 'Hi'} {name},".replace(" ,", ",")


def _opening(brief: EmailBrief, company: str) -> tuple[str, str]:
    """(subject, first paragraph) for the step's place in the sequence."""
    who = f"As {brief.title} at {company}, you" if brief.title else f"At {company}, you"
    if brief.step == 1:
        return (f"A question about {brief.pain_point} at {company}"[:110],
                f"{who} probably think about {brief.pain_point} a lot. Many teams we work with find it harder "
                f"than it should be.")
    if brief.step == brief.steps:
        return (f"Closing the loop, {company}"[:110],
                f"I haven't heard back, so this is my last note for now. If {brief.pain_point} moves up the list "
                f"at {company}, my door is open.")
    field = f"in {brief.industry}" if brief.industry else "with teams like yours"
    return (f"One idea for {company}"[:110],
            f"Following up on my note about {brief.pain_point}. One pattern we keep seeing {field}: small, "
            f"well-measured changes beat big launches.")


_ASKS = {
    "aggressive_close": "Would a 20-minute call this week work to see if it fits {company}?",
    "regular_nurture": "Is this on your list for the next quarter, or should I check back later?",
    "long_term_nurture": "No ask today; if it would help, I can send a short summary of what worked for others.",
    "cold_outreach": "Would it be worth a short conversation to see if this is relevant for {company}?",
}


def write_offline(brief: EmailBrief) -> Draft:
    """The deterministic writer: personal greeting, the lead's context, the offer and one question."""
    company = brief.company or "your team"
    subject, opening = _opening(brief, company)
    ask = _ASKS.get(brief.sequence, _ASKS["cold_outreach"]).format(company=company)
    body = "\n\n".join([
        _greeting(brief), opening,
        f"What we offer: {brief.offer}",
        ask,
        f"Best regards,\n{brief.sender_name}",
    ])
    return Draft(subject=subject, body=body, engine="offline", issues=check_draft(subject, body))


def _as_data(brief: EmailBrief) -> tuple[str, str]:
    lead = "\n".join(f"{k}: {v}" for k, v in (("first_name", brief.first_name), ("company", brief.company),
                                               ("title", brief.title), ("industry", brief.industry)) if v)
    campaign = f"offer: {brief.offer}\npain point: {brief.pain_point}\nsender: {brief.sender_name}"
    return lead or "first_name: unknown", campaign


@dataclass
class LLMNurtureWriter:
    """Ask the model chain for the email; raises ChainFailedError (never falls back to offline text)."""

    chain: ModelChain

    def __call__(self, brief: EmailBrief) -> Draft:
        """Write one email through the chain and check it like any other draft."""
        template = load_prompt("nurture_email")
        lead, campaign = _as_data(brief)
        system, user = template.render(lead=lead, campaign=campaign, step=f"{brief.step} of {brief.steps}",
                                       goal=brief.goal, tone=brief.tone)
        reply = self.chain.invoke([SystemMessage(system + f"\n[template {template.name} v{template.version}]"),
                                   HumanMessage(user)])
        subject, body = split_subject(str(reply.message.content))
        body = f"{body}\n\nBest regards,\n{brief.sender_name}"
        return Draft(subject=subject, body=body, engine="llm", provider=reply.provider, model=reply.model,
                     issues=check_draft(subject, body))


def split_subject(text: str) -> tuple[str, str]:
    """('Subject: x' first line, the rest); an answer without a subject line gets an empty subject."""
    first, _, rest = text.strip().partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return "", text.strip()


def render_email(draft: Draft, *, unsubscribe_url: str, pixel_url: str | None = None,
                 click_url: str | None = None, postal_address: str | None = None) -> tuple[str, str]:
    """(plain text, HTML) with the tracked call-to-action link, the unsubscribe link and an open pixel; all escaped."""
    cta_text = f"\n\nLearn more: {click_url}" if click_url else ""
    footer = f"\n\n--\n{postal_address + chr(10) if postal_address else ''}Unsubscribe: {unsubscribe_url}"
    text = draft.body + cta_text + footer
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in draft.body.split("\n\n"))
    cta = f'<p><a href="{html.escape(click_url, quote=True)}">Learn more</a></p>' if click_url else ""
    address = f"{html.escape(postal_address)}<br>" if postal_address else ""
    pixel = (f'<img src="{html.escape(pixel_url, quote=True)}" width="1" height="1" alt="" '
             'style="display:none">' if pixel_url else "")
    page = (f"<!doctype html><html><body>{paragraphs}{cta}<p style=\"font-size:12px;color:#666\">{address}"
            f'<a href="{html.escape(unsubscribe_url, quote=True)}">Unsubscribe</a></p>{pixel}</body></html>')
    return text, page
