"""Typed state of the lead pipeline: the campaign in, counts and errors out; leads themselves live in the DB."""

from __future__ import annotations

import operator
from typing import Annotated, TypedDict


def add_counts(left: dict[str, int] | None, right: dict[str, int] | None) -> dict[str, int]:
    """Sum counts per key."""
    total = dict(left or {})
    for key, value in (right or {}).items():
        total[key] = total.get(key, 0) + value
    return total


class LeadsInput(TypedDict):
    """What a caller sends: the campaign to run."""

    campaign: str
    """The campaign's name (unique per tenant)."""


class LeadsOutput(TypedDict, total=False):
    """What a caller gets back."""

    totals: Annotated[dict[str, int], add_counts]
    """Work done over the whole run, e.g. {'score.scored': 200, 'send.sent': 37}."""
    errors: Annotated[list[str], operator.add]
    """Problems that stopped a stage this round (SMTP down, LLM chain failed, campaign missing)."""
    rounds: int
    """Rounds executed."""


class LeadsState(LeadsInput, LeadsOutput, total=False):
    """Working state of one pipeline run."""

    campaign_id: int
    """The campaign's id, resolved once."""
    round_work: Annotated[dict[str, int], add_counts]
    """Work done in the current round; reset (Overwrite) by the first stage of each round."""
