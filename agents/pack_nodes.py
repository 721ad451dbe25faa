"""Nodes of the pack graph: small functions of (state, runtime) that return state updates."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from langgraph.config import get_config
from langgraph.runtime import Runtime

from agents import copywriter, critic
from agents.errors import BudgetExceededError, ChainFailedError
from agents.kaizen import apply_kaizen
from agents.offline.sections import SectionInput
from agents.strategist import plan_strategy as plan_offline_strategy
from graphs.context import PackContext
from graphs.state import PackState, SectionTask
from memory.kaizen import KaizenContext
from tools.brief import BriefError, parse_brief
from tools.clarity import score_clarity
from tools.pack import build_result
from tools.quality import check_pack
from tools.result import KaizenSummary, Usage, add_usage, status_of


def _timed(name: str, started: float) -> dict[str, dict[str, float]]:
    return {"timings": {name: time.perf_counter() - started}}


def validate_brief(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Validate the submitted brief; on failure end the run with error_type invalid_brief."""
    started = time.perf_counter()
    try:
        runtime.context.catalog.pack(state["pack_key"])
    except KeyError as exc:
        return {"error_type": "invalid_brief", "debug_hint": f"pack_key: {exc.args[0]}",
                "run_started": started, **_timed("validate_brief", started)}
    try:
        brief = parse_brief(state["brief"])
    except BriefError as exc:
        return {"error_type": "invalid_brief", "debug_hint": exc.summary(), "run_started": started,
                **_timed("validate_brief", started)}
    return {"brief_model": brief, "error_type": None, "run_started": started, **_timed("validate_brief", started)}


def score_brief_clarity(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Score how clear the brief is; in strict mode a vague brief ends the run."""
    started = time.perf_counter()
    clarity = score_clarity(state["brief_model"])
    update: dict[str, Any] = {"clarity": clarity.model_dump(), **_timed("score_clarity", started)}
    if runtime.context.strict and clarity.questions and clarity.score < 60:
        questions = "; ".join(f"{q.field}: {q.question}" for q in clarity.questions)
        update |= {"error_type": "invalid_brief",
                   "debug_hint": f"brief too vague (clarity {clarity.score}/100): {questions}"}
    return update


def build_kaizen_context(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Fetch what past outcomes teach for this tenant and industry (empty when nothing is recorded)."""
    started = time.perf_counter()
    provider = runtime.context.kaizen_provider
    kaizen = provider(runtime.context.tenant, state["brief_model"].industry) if provider else KaizenContext()
    return {"kaizen": kaizen, **_timed("build_kaizen_context", started)}


def plan_strategy(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Build the strategy core every section quotes."""
    started = time.perf_counter()
    ctx = runtime.context
    brief = state["brief_model"]
    strategy = plan_offline_strategy(brief, ctx.knowledge, state["kaizen"], ctx.today)
    strategy, applied = apply_kaizen(strategy, state["kaizen"], brief.avoid_platforms)
    update: dict[str, Any] = {"strategy": strategy, "check_round": 0, "strategy_source": {"engine": "offline"},
                              "kaizen_applied": applied}
    if ctx.strategist is not None:
        try:
            refined, source, usage = ctx.strategist(state["brief_model"], strategy, state["kaizen"])
        except (ChainFailedError, BudgetExceededError) as exc:
            kind = "llm_chain_failed" if isinstance(exc, ChainFailedError) else "budget_exceeded"
            return {**update, "failures": [{"section_id": "strategy", "error_type": kind, "hint": str(exc)}],
                    **_timed("plan_strategy", started)}
        update |= {"strategy": refined, "strategy_source": source, "usage": usage}
    return {**update, **_timed("plan_strategy", started)}


def _section_input(task: SectionTask, ctx: PackContext) -> SectionInput:
    return SectionInput(
        section_id=task["section_id"], pack_key=task["pack_key"],
        rules=ctx.catalog.rules_for(task["pack_key"], task["section_id"]), brief=task["brief_model"],
        strategy=task["strategy"], kb=ctx.knowledge, kaizen=task["kaizen"], feedback=tuple(task["feedback"]),
        attempt=task["attempt"], instruction=task["instruction"], today=ctx.today,
        previous_markdown=task["previous"].markdown if task["previous"] else None,
    )


def write_section(task: SectionTask, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Write (or rewrite with the critic's feedback) one section; a provider failure is recorded, not hidden."""
    started = time.perf_counter()
    node = "write_section" if task["attempt"] == 1 else "revise_section"
    try:
        section, call_usage = copywriter.write(_section_input(task, runtime.context), runtime.context,
                                               task["previous"])
    except ChainFailedError as exc:
        failure = {"section_id": task["section_id"], "error_type": "llm_chain_failed", "hint": str(exc)}
        return {"failures": [failure], **_timed(node, started)}
    except BudgetExceededError as exc:
        failure = {"section_id": task["section_id"], "error_type": "budget_exceeded", "hint": str(exc)}
        return {"failures": [failure], **_timed(node, started)}
    update: dict[str, Any] = {"sections": {section.id: section}, **_timed(node, started)}
    if call_usage:
        update["usage"] = call_usage
    return update


def check_sections(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Run the critic's gates on every unchecked draft."""
    started = time.perf_counter()
    brief = state["brief_model"]
    checked = {}
    usage: list[Usage] = []
    for sid, section in (state.get("sections") or {}).items():
        rules = runtime.context.catalog.rules_for(state["pack_key"], sid)
        reviewed = critic.critique(section, rules, brief.brand_name)
        if runtime.context.rubric and reviewed.status != "FAIL" and section.rubric is None:
            try:
                record, advice, call = runtime.context.rubric(reviewed, brief)
            except (ChainFailedError, BudgetExceededError) as exc:
                record, advice, call = {"error": str(exc)}, [], None
            record["advice"] = [i.model_dump() for i in advice]
            issues = [*reviewed.issues, *advice]
            reviewed = reviewed.model_copy(update={"rubric": record, "issues": issues, "status": status_of(issues)})
            usage += [call] if call else []
        checked[sid] = reviewed
    update: dict[str, Any] = {"sections": checked, "check_round": state.get("check_round", 0) + 1,
                              **_timed("check_sections", started)}
    for call in usage:
        update["usage"] = add_usage(update.get("usage"), call)
    return update


def assemble_pack(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Order the sections, run the pack-level gates and build the result."""
    started = time.perf_counter()
    ctx = runtime.context
    pack = ctx.catalog.pack(state["pack_key"])
    sections = [state["sections"][sid] for sid in pack.sections if sid in state.get("sections", {})]
    brief = state["brief_model"]
    issues = check_pack(pack=pack, sections=sections, brief=brief, strategy=state["strategy"],
                        other_brands=ctx.other_brands, engine="llm" if any(
                            s.engine == "llm" for s in sections) else "offline",
                        llm_used=any(s.engine == "llm" for s in sections), stub_used=False,
                        rules=ctx.catalog.pack_rules(pack.key))
    return {"pack_issues": issues, **_timed("assemble_pack", started)}


def persist(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Build the final PackResult (also for failed runs) and hand it to the configured sink."""
    started = time.perf_counter()
    ctx = runtime.context
    configurable = get_config().get("configurable", {})
    pack = ctx.catalog.packs.get(state["pack_key"]) or next(iter(ctx.catalog.packs.values()))
    sections = [state["sections"][sid] for sid in pack.sections if sid in (state.get("sections") or {})]
    brief_model = state.get("brief_model")
    timings = add_total(state.get("timings") or {}, time.perf_counter() - started,
                        state.get("run_started"))
    result = build_result(
        pack=pack, brief=brief_model.model_dump(mode="json") if brief_model else state.get("brief"),
        sections=sections, pack_issues=state.get("pack_issues") or [], strategy=state.get("strategy"),
        thread_id=str(configurable.get("thread_id", "")), run_id=str(configurable.get("run_id", "")),
        timings=timings, error_type=state.get("error_type"), debug_hint=state.get("debug_hint"),
        clarity=state.get("clarity"), engine=ctx.engine,
    ).model_copy(update={"usage": state.get("usage") or Usage(), "kaizen": _kaizen_summary(state),
                         "strategy_source": state.get("strategy_source") or {"engine": "offline"}})
    failures = state.get("failures") or []
    if failures and not result.error_type:
        hints = "; ".join(f"{f['section_id']}: {f['hint']}" for f in failures)
        result = result.model_copy(update={"error_type": failures[0]["error_type"], "quality_passed": False,
                                           "status": "FAIL", "debug_hint": hints})
    if result.error_type == "invalid_brief":
        result = result.model_copy(update={"sections": [], "strategy": None})
    elif not result.quality_passed and not result.error_type:
        failed = [s.id for s in sections if s.status == "FAIL"]
        codes = sorted({i.code for i in result.pack_issues if i.severity == "error"})
        hint = f"sections still failing after {ctx.max_revisions} revision round(s): {failed}; pack issues: {codes}"
        result = result.model_copy(update={"error_type": "runtime_quality_failed", "debug_hint": hint})
    if ctx.sink:
        ctx.sink(result)
    return {"result": result, **_timed("persist", started)}


def _kaizen_summary(state: PackState) -> KaizenSummary:
    kaizen = state.get("kaizen")
    if kaizen is None:
        return KaizenSummary()
    return KaizenSummary(confidence=kaizen.confidence, sample_size=kaizen.sample_size,
                         applied=state.get("kaizen_applied") or [])


def add_total(by_node: dict[str, float], extra: float, run_started: float | None) -> dict[str, Any]:
    """timings of spec/result.md: wall-clock total and seconds by node (parallel writes overlap)."""
    nodes = {k: round(v, 4) for k, v in by_node.items()}
    nodes["persist"] = round(nodes.get("persist", 0.0) + extra, 4)
    total = time.perf_counter() - run_started if run_started else sum(nodes.values())
    return {"total_s": round(total, 4), "by_node": nodes}


Node = Callable[..., dict[str, Any]]
