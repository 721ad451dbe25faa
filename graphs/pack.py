"""The pack graph: validate -> clarity -> Kaizen -> strategy -> write xN -> check <-> revise -> assemble -> review
-> persist."""

from __future__ import annotations

from typing import Literal

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Send

from agents import pack_nodes as nodes
from agents import review_nodes
from agents.critic import failing
from graphs.context import PackContext
from graphs.state import PackInput, PackOutput, PackState, SectionTask


def _task(state: PackState, section_id: str, attempt: int, instruction: str | None = None) -> SectionTask:
    previous = (state.get("sections") or {}).get(section_id)
    return SectionTask(
        section_id=section_id, attempt=attempt, feedback=list(previous.issues) if previous else [],
        instruction=instruction, brief_model=state["brief_model"], strategy=state["strategy"],
        kaizen=state["kaizen"], pack_key=state["pack_key"], previous=previous,
    )


def route_after_validation(state: PackState) -> Literal["score_clarity", "persist"]:
    """An invalid brief goes straight to persist, which records the error."""
    return "persist" if state.get("error_type") else "score_clarity"


def route_after_clarity(state: PackState) -> Literal["build_kaizen_context", "persist"]:
    """A brief refused in strict mode ends the run."""
    return "persist" if state.get("error_type") else "build_kaizen_context"


def fan_out_sections(state: PackState, runtime: Runtime[PackContext]) -> list[Send] | Literal["persist"]:
    """One write_section task per section of the pack, run in parallel; a failed strategist ends the run."""
    if state.get("failures"):
        return "persist"
    pack = runtime.context.catalog.pack(state["pack_key"])
    return [Send("write_section", _task(state, sid, 1)) for sid in pack.sections]


def route_after_check(state: PackState, runtime: Runtime[PackContext]) -> list[Send] | Literal["assemble_pack"]:
    """Revise failing sections while rounds remain; otherwise assemble what we have."""
    to_fix = failing(state.get("sections") or {})
    if state.get("failures") or not to_fix or state["check_round"] > runtime.context.max_revisions:
        return "assemble_pack"
    return [Send("revise_section", _task(state, sid, state["sections"][sid].attempts + 1)) for sid in to_fix]


def route_after_review(state: PackState) -> list[Send] | Literal["persist", "replace_section", "review_pack"]:
    """Approve persists; regenerate rewrites one section with the instruction; replace swaps in the reviewer's text."""
    decision = state.get("review")
    if not decision:
        return "review_pack"
    if decision["action"] == "approve":
        return "persist"
    if decision["action"] == "replace":
        return "replace_section"
    sid = decision["section_id"]
    return [Send("revise_section", _task(state, sid, state["sections"][sid].attempts + 1, decision["instruction"]))]


builder = StateGraph(PackState, context_schema=PackContext, input_schema=PackInput, output_schema=PackOutput)
builder.add_node("validate_brief", nodes.validate_brief)
builder.add_node("score_clarity", nodes.score_brief_clarity)
builder.add_node("build_kaizen_context", nodes.build_kaizen_context)
builder.add_node("plan_strategy", nodes.plan_strategy)
builder.add_node("write_section", nodes.write_section)
builder.add_node("check_sections", nodes.check_sections)
builder.add_node("revise_section", nodes.write_section)
builder.add_node("assemble_pack", nodes.assemble_pack)
builder.add_node("review_pack", review_nodes.review_pack)
builder.add_node("replace_section", review_nodes.replace_section)
builder.add_node("persist", nodes.persist)

builder.add_edge(START, "validate_brief")
builder.add_conditional_edges("validate_brief", route_after_validation)
builder.add_conditional_edges("score_clarity", route_after_clarity)
builder.add_edge("build_kaizen_context", "plan_strategy")
builder.add_conditional_edges("plan_strategy", fan_out_sections, ["write_section", "persist"])
builder.add_edge("write_section", "check_sections")
builder.add_conditional_edges("check_sections", route_after_check, ["revise_section", "assemble_pack"])
builder.add_edge("revise_section", "check_sections")
builder.add_edge("assemble_pack", "review_pack")
builder.add_conditional_edges("review_pack", route_after_review,
                              ["persist", "replace_section", "review_pack", "revise_section"])
builder.add_edge("replace_section", "check_sections")
builder.add_edge("persist", END)

graph = builder.compile(name="pack")
