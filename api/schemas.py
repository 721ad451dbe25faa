"""Request and response models of the HTTP API (the LangGraph Server shapes plus the pack routes)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

StreamModeName = Literal["values", "updates", "messages", "messages-tuple", "custom", "debug", "tasks", "checkpoints"]
Json = dict[str, Any]
Responses = dict[int | str, dict[str, Any]]
PackStatus = Literal["running", "intake", "review", "done", "failed", "empty"]
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Checkpoint(BaseModel):
    """A checkpoint of a thread."""

    thread_id: str | None = None
    checkpoint_ns: str = ""
    checkpoint_id: str | None = None
    checkpoint_map: Json | None = None


class AssistantOut(BaseModel):
    """An assistant (one served graph)."""

    assistant_id: str
    graph_id: str
    name: str
    description: str | None
    config: Json
    context: Json
    metadata: Json
    version: int
    created_at: str
    updated_at: str


class AssistantSearch(_In):
    """Filter the assistants."""

    graph_id: str | None = Field(default=None, max_length=64)
    name: str | None = Field(default=None, max_length=120)
    metadata: Json | None = None
    limit: int = Field(default=10, ge=1, le=1000)
    offset: int = Field(default=0, ge=0, le=1_000_000)
    sort_by: Literal["assistant_id", "graph_id", "name", "created_at", "updated_at"] | None = None
    sort_order: Literal["asc", "desc"] | None = None
    select: list[str] | None = None


class ThreadCreate(_In):
    """Create a thread."""

    thread_id: str | None = Field(default=None, pattern=ID_PATTERN)
    metadata: Json | None = None
    if_exists: Literal["raise", "do_nothing"] = "raise"


class ThreadPatch(_In):
    """Merge metadata into a thread."""

    metadata: Json = Field(default_factory=dict)


class ThreadSearch(_In):
    """Filter the tenant's threads."""

    metadata: Json | None = None
    ids: list[str] | None = Field(default=None, max_length=1000)
    status: Literal["idle", "busy", "interrupted", "error"] | None = None
    limit: int = Field(default=10, ge=1, le=1000)
    offset: int = Field(default=0, ge=0, le=1_000_000)
    sort_by: Literal["thread_id", "status", "created_at", "updated_at"] | None = None
    sort_order: Literal["asc", "desc"] | None = None


class ThreadOut(BaseModel):
    """A thread with its current values and pending interrupts."""

    thread_id: str
    created_at: str
    updated_at: str
    metadata: Json
    status: str
    values: Json | None
    interrupts: dict[str, list[Json]]
    config: Json = Field(default_factory=dict)


class ThreadStateOut(BaseModel):
    """A thread's state at one checkpoint."""

    values: Json | list[Any]
    next: list[str]
    tasks: list[Json]
    metadata: Json
    created_at: str | None
    checkpoint: Checkpoint
    parent_checkpoint: Checkpoint | None
    interrupts: list[Json]
    checkpoint_id: str | None
    parent_checkpoint_id: str | None


class StateUpdate(_In):
    """Write values to a thread's state as if a node had returned them."""

    values: Json | list[Any] | None = None
    as_node: str | None = Field(default=None, max_length=64)
    checkpoint: Checkpoint | None = None
    checkpoint_id: str | None = Field(default=None, max_length=64)


class StateUpdateOut(BaseModel):
    """The checkpoint the update created."""

    checkpoint: Checkpoint


class CheckpointQuery(_In):
    """Read the state at a checkpoint."""

    checkpoint: Checkpoint
    subgraphs: bool = False
    select: list[str] | None = None


class HistoryQuery(_In):
    """Page through a thread's checkpoints, newest first."""

    limit: int = Field(default=10, ge=1, le=1000)
    before: Checkpoint | str | None = None
    metadata: Json | None = None
    checkpoint: Checkpoint | None = None
    select: list[str] | None = None


class CommandIn(_In):
    """Resume an interrupt, update state and/or go to nodes."""

    resume: Any = None
    update: Json | list[Any] | None = None
    goto: Any = None


class RunCreate(_In):
    """Start a run of an assistant (the body langgraph-sdk sends)."""

    assistant_id: str = Field(min_length=1, max_length=64)
    input: Json | None = None
    command: CommandIn | None = None
    config: Json | None = None
    context: Json | None = None
    metadata: Json | None = None
    stream_mode: StreamModeName | list[StreamModeName] = "values"
    stream_subgraphs: bool = False
    stream_resumable: bool = False
    interrupt_before: Literal["*"] | list[str] | None = None
    interrupt_after: Literal["*"] | list[str] | None = None
    checkpoint: Checkpoint | None = None
    checkpoint_id: str | None = Field(default=None, max_length=64)
    checkpoint_during: bool | None = None
    durability: Literal["sync", "async", "exit"] | None = None
    multitask_strategy: Literal["reject", "interrupt", "rollback", "enqueue"] = "reject"
    if_not_exists: Literal["reject", "create"] = "reject"
    on_disconnect: Literal["cancel", "continue"] = "continue"
    on_completion: Literal["delete", "keep"] = "delete"
    strict_resume: bool | None = None


class RunOut(BaseModel):
    """A run."""

    run_id: str
    thread_id: str
    assistant_id: str
    created_at: str
    updated_at: str
    status: str
    metadata: Json
    multitask_strategy: str
    kwargs: Json = Field(default_factory=dict)


class PackCreate(_In):
    """Write a pack from a brief."""

    brief: Json = Field(description="The client brief (spec/brief.md fields).")
    pack_key: str = Field(default="strategy_campaign_standard", min_length=1, max_length=64)
    review: bool = Field(default=False, description="Pause for approve / regenerate before the pack is final.")
    today: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Plan as if today.")


class RegenerateIn(_In):
    """Rewrite one section."""

    instruction: str | None = Field(default=None, max_length=2000)


class PackRunOut(BaseModel):
    """A pack and the run working on it."""

    pack_id: str
    run_id: str
    status: str
    result: Json | None = None


class PackOut(BaseModel):
    """A pack: its progress, the sections written so far, the review it waits for, and the final result."""

    pack_id: str
    assistant_id: str | None
    status: PackStatus
    pack_key: str | None
    sections: list[Json]
    review: Json | None
    result: Json | None


class CatalogPack(BaseModel):
    """A pack of the catalog."""

    key: str
    label: str
    tier: str
    sections: list[Json]


class HealthOut(BaseModel):
    """Health of the service and its stores."""

    status: Literal["ok", "degraded"]
    checks: dict[str, Json]


class ErrorOut(BaseModel):
    """An error: a message, or (422) one entry per invalid field with its location."""

    detail: str | list[Json]
