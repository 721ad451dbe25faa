"""The lead pipeline: load campaign -> (enrich -> score -> qualify -> route -> write -> send -> track) per batch."""

from __future__ import annotations

from typing import Literal

from langgraph.graph import START, StateGraph
from langgraph.runtime import Runtime

from agents import lead_nodes as nodes
from graphs.leads_context import LeadsContext
from graphs.leads_state import LeadsInput, LeadsOutput, LeadsState


def route_after_load(state: LeadsState) -> Literal["enrich_leads", "__end__"]:
    """An unknown campaign ends the run."""
    return "__end__" if state.get("errors") else "enrich_leads"


def route_after_track(state: LeadsState, runtime: Runtime[LeadsContext]) -> Literal["enrich_leads", "__end__"]:
    """Another batch while the round did work, nothing failed and rounds remain; otherwise stop."""
    work = state.get("round_work") or {}
    did_work = any(value for key, value in work.items() if not key.startswith("_"))
    if work.get("_errors") or not did_work or state.get("rounds", 0) >= runtime.context.max_rounds:
        return "__end__"
    return "enrich_leads"


builder = StateGraph(LeadsState, context_schema=LeadsContext, input_schema=LeadsInput, output_schema=LeadsOutput)
builder.add_node("load_campaign", nodes.load_campaign)
builder.add_node("enrich_leads", nodes.enrich_leads)
builder.add_node("score_leads", nodes.score_leads)
builder.add_node("qualify_leads", nodes.qualify_leads)
builder.add_node("route_leads", nodes.route_leads)
builder.add_node("write_emails", nodes.write_emails)
builder.add_node("send_emails", nodes.send_emails)
builder.add_node("track_engagement", nodes.track_engagement)

builder.add_edge(START, "load_campaign")
builder.add_conditional_edges("load_campaign", route_after_load)
builder.add_edge("enrich_leads", "score_leads")
builder.add_edge("score_leads", "qualify_leads")
builder.add_edge("qualify_leads", "route_leads")
builder.add_edge("route_leads", "write_emails")
builder.add_edge("write_emails", "send_emails")
builder.add_edge("send_emails", "track_engagement")
builder.add_conditional_edges("track_engagement", route_after_track)

graph = builder.compile(name="leads")
