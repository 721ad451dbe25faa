"""Typed state of the chat graph: a conversation that becomes a brief, then the pack written from it."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from tools.result import PackResult


class ChatInput(TypedDict):
    """What starts a conversation: the person's first message and the pack to write."""

    message: str
    """The first thing the person said, e.g. 'We're a vegan bakery opening in Austin, we want foot traffic.'"""
    pack_key: str
    """A key of the pack catalog, e.g. quick_social_basic."""


class ChatOutput(TypedDict, total=False):
    """What the conversation produces."""

    brief: dict[str, Any]
    """The confirmed brief (spec/brief.md fields) handed to the pack graph."""
    result: PackResult
    """The pack written from the brief (after the reviewer approved it)."""


class ChatState(ChatInput, ChatOutput, total=False):
    """Working state of one chat thread."""

    started_on: str
    """ISO date the conversation started; plans are dated from it, also after a restart."""
    transcript: Annotated[list[dict[str, str]], operator.add]
    """Every question asked and answer given, as {role, text}."""
    fields: dict[str, Any]
    """Brief values collected so far, keyed by brief field (budget as a mapping)."""
    asked: dict[str, int]
    """How many times each field (or contradiction) was asked about; bounds the follow-ups."""
    skipped: list[str]
    """Optional fields the person chose not to answer."""
    vague: dict[str, str]
    """Fields whose last answer could not be used, with the reason (asked again)."""
    conflicts: list[dict[str, Any]]
    """Open contradictions; the first one is being asked about."""
    pending: dict[str, Any] | None
    """The question waiting for an answer: {kind, field, question} (kind: question, conflict or confirm)."""
    clarity: dict[str, Any] | None
    """Clarity score 0-100 of the brief so far, with reasons and follow-up questions."""
    confirmed: bool
    """True once the person approved the summary."""
    notes: Annotated[list[str], operator.add]
    """What went differently than asked (e.g. the LLM extractor failed and the rules read the answer)."""
