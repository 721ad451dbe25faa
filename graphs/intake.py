"""The chat graph: read message -> assess -> ask (interrupt) ... -> confirm -> hand off -> pack subgraph."""

from __future__ import annotations

from typing import Literal

from langgraph.graph import END, START, StateGraph

from agents import intake as nodes
from graphs.intake_context import ChatContext
from graphs.intake_state import ChatInput, ChatOutput, ChatState
from graphs.pack import builder as pack_builder


def route_after_read(state: ChatState) -> Literal["hand_off", "assess_brief"]:
    """A confirmed summary goes to the pack; anything else is assessed for the next question."""
    return "hand_off" if state.get("confirmed") else "assess_brief"


def route_after_hand_off(state: ChatState) -> Literal["write_pack", "assess_brief"]:
    """A valid brief is written; a brief that failed validation goes back to asking."""
    return "write_pack" if state.get("brief") and state.get("confirmed") else "assess_brief"


builder = StateGraph(ChatState, context_schema=ChatContext, input_schema=ChatInput, output_schema=ChatOutput)
builder.add_node("read_message", nodes.read_message)
builder.add_node("assess_brief", nodes.assess_brief)
builder.add_node("ask_user", nodes.ask_user)
builder.add_node("hand_off", nodes.hand_off)
# the pack graph runs as a subgraph on the same thread: its review interrupt and checkpoints live here too
builder.add_node("write_pack", pack_builder.compile(name="pack"))

builder.add_edge(START, "read_message")
builder.add_conditional_edges("read_message", route_after_read)
builder.add_edge("assess_brief", "ask_user")
builder.add_edge("ask_user", "read_message")
builder.add_conditional_edges("hand_off", route_after_hand_off)
builder.add_edge("write_pack", END)

graph = builder.compile(name="chat")
