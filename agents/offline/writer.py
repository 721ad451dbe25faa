"""The offline copywriter: compose a section from its registered composer and fit it to its benchmark."""

from __future__ import annotations

from dataclasses import replace

from agents.offline.sections import SectionInput, load_composers
from tools.markdown import fit_blocks


class NoComposerError(LookupError):
    """A pack asked for a section id that has no offline composer."""


def write_offline(inp: SectionInput) -> str:
    """Markdown body for one section; on revisions the critic's issues steer the fit."""
    registry = load_composers()
    try:
        compose = registry[inp.section_id]
    except KeyError:
        raise NoComposerError(f"no offline composer for section '{inp.section_id}'") from None
    blocks = compose(inp)
    rules = inp.rules
    codes = {i.code for i in inp.feedback}
    if "TOO_LONG" in codes or "TOO_MANY_BULLETS" in codes:
        low, high = rules.words
        rules = rules.model_copy(update={"words": (low, int(low + (high - low) * 0.6))})
    return fit_blocks(blocks, rules)


def with_feedback(inp: SectionInput, feedback: tuple, attempt: int) -> SectionInput:
    """The same input carrying the critic's issues for a revision attempt."""
    return replace(inp, feedback=tuple(feedback), attempt=attempt)
