"""The lead status machine of spec/cam.md: every change is checked; an invalid one raises, never writes."""

from __future__ import annotations

from enum import StrEnum


class LeadStatus(StrEnum):
    """Where a lead is in the pipeline."""

    NEW = "NEW"
    ENRICHED = "ENRICHED"
    SCORED = "SCORED"
    QUALIFIED = "QUALIFIED"
    REJECTED = "REJECTED"
    MANUAL_REVIEW = "MANUAL_REVIEW"
    ROUTED = "ROUTED"
    CONTACTED = "CONTACTED"
    REPLIED = "REPLIED"
    WON = "WON"
    LOST = "LOST"
    SUPPRESSED = "SUPPRESSED"


S = LeadStatus
ALLOWED: dict[LeadStatus, frozenset[LeadStatus]] = {
    S.NEW: frozenset({S.ENRICHED}),
    S.ENRICHED: frozenset({S.SCORED}),
    S.SCORED: frozenset({S.QUALIFIED, S.REJECTED, S.MANUAL_REVIEW}),
    S.MANUAL_REVIEW: frozenset({S.QUALIFIED, S.REJECTED}),  # a reviewer decides
    S.QUALIFIED: frozenset({S.ROUTED}),
    S.ROUTED: frozenset({S.CONTACTED}),
    S.CONTACTED: frozenset({S.REPLIED}),
    S.REPLIED: frozenset({S.WON, S.LOST}),
    S.REJECTED: frozenset(),
    S.WON: frozenset(),
    S.LOST: frozenset(),
    S.SUPPRESSED: frozenset(),
}
NAMES = frozenset(s.value for s in LeadStatus)
STAGES: dict[LeadStatus, str] = {
    S.NEW: "intake", S.ENRICHED: "intake", S.SCORED: "scored", S.QUALIFIED: "qualified",
    S.MANUAL_REVIEW: "review", S.ROUTED: "queued", S.CONTACTED: "outreach", S.REPLIED: "conversation",
    S.WON: "closed", S.LOST: "closed", S.REJECTED: "closed", S.SUPPRESSED: "closed",
}


class InvalidTransitionError(ValueError):
    """A status change the machine does not allow."""

    def __init__(self, current: str, target: str):
        self.current, self.target = current, target
        allowed = sorted(ALLOWED.get(LeadStatus(current), frozenset())) if current in NAMES else []
        super().__init__(f"lead cannot go from {current} to {target}; allowed: {', '.join(allowed) or 'none'}"
                         f"{' (or SUPPRESSED)' if current != S.SUPPRESSED else ''}")


def can_transition(current: str, target: str) -> bool:
    """True when ``current -> target`` is allowed (any status except SUPPRESSED may become SUPPRESSED)."""
    if current not in NAMES or target not in NAMES:
        return False
    if target == S.SUPPRESSED:
        return current != S.SUPPRESSED
    return LeadStatus(target) in ALLOWED[LeadStatus(current)]


def transition(current: str, target: str) -> LeadStatus:
    """The new status; raises InvalidTransitionError for a change the machine forbids."""
    if not can_transition(current, target):
        raise InvalidTransitionError(current, target)
    return LeadStatus(target)


def stage_of(status: str) -> str:
    """The funnel stage a status belongs to."""
    return STAGES[status]  # type: ignore[index]  # a StrEnum member hashes and compares as its value
