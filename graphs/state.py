"""Typed state of the pack graph: narrow input, reduced working state, and the output."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from memory.kaizen import KaizenContext
from tools.brief import Brief
from tools.result import Issue, PackResult, SectionResult, StrategyCore, Usage, add_usage


def merge_sections(left: dict[str, SectionResult] | None, right: dict[str, SectionResult] | None
                   ) -> dict[str, SectionResult]:
    """Later drafts of a section replace earlier ones; other sections are kept."""
    merged = dict(left or {})
    merged.update(right or {})
    return merged


def add_timings(left: dict[str, float] | None, right: dict[str, float] | None) -> dict[str, float]:
    """Sum seconds spent per node across parallel branches and loop rounds."""
    total = dict(left or {})
    for node, seconds in (right or {}).items():
        total[node] = round(total.get(node, 0.0) + seconds, 6)
    return total


class PackInput(TypedDict):
    """What a caller sends: the raw brief mapping and the pack to write."""

    brief: dict[str, Any]
    """The brief as submitted (YAML/JSON/API body); validated by the first node."""
    pack_key: str
    """A key of the pack catalog, e.g. quick_social_basic."""


class PackOutput(TypedDict, total=False):
    """What a caller gets back."""

    result: PackResult
    """The pack result of spec/result.md (also on failure, with error_type)."""


class PackState(PackInput, PackOutput, total=False):
    """Working state of one pack run."""

    brief_model: Brief
    """The validated, normalised brief."""
    clarity: dict[str, Any]
    """Clarity score 0-100 and follow-up questions."""
    kaizen: KaizenContext
    """Learning context applied to this run (empty until outcomes are recorded)."""
    kaizen_applied: list[str]
    """What the Kaizen context changed in the strategy core, in words."""
    strategy: StrategyCore
    """The strategy core: the single source of numbers for every section."""
    sections: Annotated[dict[str, SectionResult], merge_sections]
    """Latest draft of every section, keyed by section id."""
    check_round: int
    """How many times the critic has checked the drafts."""
    pack_issues: list[Issue]
    """Pack-level findings from assemble_pack."""
    usage: Annotated[Usage, add_usage]
    """Tokens, cost and cache hits of every model call in the run."""
    strategy_source: dict[str, Any]
    """Who wrote the strategy core's words (the numbers are always computed)."""
    review: dict[str, Any] | None
    """The reviewer's last decision: approve, regenerate {section_id, instruction} or replace {section_id, markdown}."""
    review_error: str | None
    """Why the last review decision was refused (shown when the graph asks again)."""
    failures: Annotated[list[dict[str, str]], operator.add]
    """Sections that could not be written (provider chain failed, budget cap hit), with the reason."""
    error_type: str | None
    """Set when the run cannot produce a pack (invalid_brief, llm_chain_failed, ...)."""
    debug_hint: str | None
    """A human-readable explanation of error_type."""
    run_started: float
    """perf_counter() when the run began, for wall-clock timing."""
    timings: Annotated[dict[str, float], add_timings]
    """Seconds per node, summed over parallel branches."""


class SectionTask(TypedDict):
    """The payload a Send carries to write or revise one section."""

    section_id: str
    attempt: int
    feedback: list[Issue]
    instruction: str | None
    brief_model: Brief
    strategy: StrategyCore
    kaizen: KaizenContext
    pack_key: str
    previous: SectionResult | None
