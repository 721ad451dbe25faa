"""JSON for the wire: graph state (pydantic models, dataclasses, interrupts, messages, dates) as plain data."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

import orjson
from langgraph.types import Interrupt, Send, StateSnapshot
from pydantic import BaseModel


def _default(value: Any) -> Any:
    """orjson fallback for the types graph state carries."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Interrupt):
        schema = getattr(value, "response_schema", None)
        return {"value": value.value, "id": value.id, **({"response_schema": schema} if schema else {})}
    if isinstance(value, Send):
        return {"node": value.node, "input": value.arg}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, UUID)):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    raise TypeError(f"cannot send {type(value).__name__} as JSON")


def dumps(value: Any) -> bytes:
    """Serialise to JSON bytes (non-string keys allowed)."""
    return orjson.dumps(value, default=_default, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS)


def jsonable(value: Any) -> Any:
    """The same value as plain JSON types (for FastAPI responses)."""
    return orjson.loads(dumps(value))


def checkpoint_of(config: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The Checkpoint object of the API from a runnable config."""
    if not config:
        return None
    conf = config.get("configurable", {})
    return {"thread_id": conf.get("thread_id"), "checkpoint_ns": conf.get("checkpoint_ns", ""),
            "checkpoint_id": conf.get("checkpoint_id"), "checkpoint_map": conf.get("checkpoint_map")}


def interrupts_of(snapshot: StateSnapshot) -> list[dict[str, Any]]:
    """The pending interrupts of a snapshot, as {value, id}."""
    return [{"value": jsonable(i.value), "id": i.id} for i in snapshot.interrupts]


def thread_state(snapshot: StateSnapshot, thread_id: str) -> dict[str, Any]:
    """A ThreadState of the API from a LangGraph snapshot."""
    checkpoint = checkpoint_of(snapshot.config) or {"thread_id": thread_id, "checkpoint_ns": "",
                                                    "checkpoint_id": None, "checkpoint_map": None}
    parent = checkpoint_of(snapshot.parent_config)
    tasks = [{"id": t.id, "name": t.name, "error": repr(t.error) if t.error else None,
              "interrupts": [{"value": jsonable(i.value), "id": i.id} for i in t.interrupts],
              "checkpoint": None, "state": None, "result": jsonable(t.result) if t.result is not None else None}
             for t in snapshot.tasks]
    return {"values": jsonable(snapshot.values), "next": list(snapshot.next), "tasks": tasks,
            "metadata": jsonable(snapshot.metadata or {}), "created_at": snapshot.created_at,
            "checkpoint": checkpoint, "parent_checkpoint": parent, "interrupts": interrupts_of(snapshot),
            "checkpoint_id": checkpoint.get("checkpoint_id"),
            "parent_checkpoint_id": parent.get("checkpoint_id") if parent else None}


def empty_state(thread_id: str) -> dict[str, Any]:
    """The state of a thread no run has touched yet."""
    return {"values": {}, "next": [], "tasks": [], "metadata": {}, "created_at": None,
            "checkpoint": {"thread_id": thread_id, "checkpoint_ns": "", "checkpoint_id": None,
                           "checkpoint_map": None},
            "parent_checkpoint": None, "interrupts": [], "checkpoint_id": None, "parent_checkpoint_id": None}
