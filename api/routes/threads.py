"""Threads: create, get, search, update metadata, delete; state get/update, state at a checkpoint, history."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException, Response
from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph

from api.deps import AssistantsDep, ServicesDep, TenantDep, ThreadDep, ThreadsDep
from api.launch import field_error
from api.schemas import (
    Checkpoint,
    CheckpointQuery,
    HistoryQuery,
    Responses,
    StateUpdate,
    StateUpdateOut,
    ThreadCreate,
    ThreadOut,
    ThreadPatch,
    ThreadSearch,
    ThreadStateOut,
)
from api.serde import checkpoint_of, empty_state, jsonable, thread_state
from memory.api_threads import ThreadExistsError, ThreadRecord

router = APIRouter(tags=["threads"])
NOT_FOUND: Responses = {404: {"description": "Thread not found"}}


def graph_of(thread: ThreadRecord, assistants: AssistantsDep) -> CompiledStateGraph | None:
    """The compiled graph whose checkpoints this thread holds (None before its first run)."""
    assistant = assistants.get(thread.graph_id or "")
    return assistant.graph if assistant else None


def _config(thread_id: str, checkpoint: Checkpoint | None = None, checkpoint_id: str | None = None
            ) -> RunnableConfig:
    configurable: dict[str, Any] = {"thread_id": thread_id}
    wanted = checkpoint_id or (checkpoint.checkpoint_id if checkpoint else None)
    if wanted:
        configurable["checkpoint_id"] = wanted
    if checkpoint and checkpoint.checkpoint_ns:
        configurable["checkpoint_ns"] = checkpoint.checkpoint_ns
    return {"configurable": configurable}


def thread_out(thread: ThreadRecord, graph: CompiledStateGraph | None) -> ThreadOut:
    """The Thread object: stored fields plus current values and interrupts from the checkpointer."""
    values: dict[str, Any] | None = None
    interrupts: dict[str, list[dict[str, Any]]] = {}
    if graph is not None:
        snapshot = graph.get_state(_config(thread.thread_id))
        values = jsonable(snapshot.values) if snapshot.values else None
        for task in snapshot.tasks:
            if task.interrupts:
                interrupts[task.id] = [{"value": jsonable(i.value), "id": i.id} for i in task.interrupts]
    return ThreadOut(thread_id=thread.thread_id, created_at=thread.created_at.isoformat(),
                     updated_at=thread.updated_at.isoformat(), metadata=thread.metadata, status=thread.status,
                     values=values, interrupts=interrupts, config={})


@router.post("/threads", response_model=ThreadOut, responses={409: {"description": "Thread id taken"}})
def create_thread(body: ThreadCreate, tenant: TenantDep, threads: ThreadsDep, assistants: AssistantsDep
                  ) -> ThreadOut:
    """Create a thread for the tenant."""
    thread_id = body.thread_id or str(uuid.uuid4())
    try:
        return thread_out(threads.create(tenant, thread_id, body.metadata), None)
    except ThreadExistsError:
        if body.if_exists == "do_nothing":
            try:
                existing = threads.get(tenant, thread_id)
            except LookupError:
                raise HTTPException(409, f"thread id {thread_id} is not available") from None
            return thread_out(existing, graph_of(existing, assistants))
        raise HTTPException(409, f"thread id {thread_id} is not available") from None


@router.post("/threads/search", response_model=list[ThreadOut])
def search_threads(body: ThreadSearch, tenant: TenantDep, threads: ThreadsDep, assistants: AssistantsDep
                   ) -> list[ThreadOut]:
    """The tenant's threads matching the filters."""
    found = threads.search(tenant, metadata=body.metadata, status=body.status, ids=body.ids, limit=body.limit,
                           offset=body.offset, sort_by=body.sort_by or "created_at",
                           sort_order=body.sort_order or "desc")
    return [thread_out(t, graph_of(t, assistants)) for t in found]


@router.get("/threads/{thread_id}", response_model=ThreadOut, responses=NOT_FOUND)
def get_thread(thread: ThreadDep, assistants: AssistantsDep) -> ThreadOut:
    """One thread."""
    return thread_out(thread, graph_of(thread, assistants))


@router.patch("/threads/{thread_id}", response_model=ThreadOut, responses=NOT_FOUND)
def update_thread(thread: ThreadDep, body: ThreadPatch, threads: ThreadsDep, assistants: AssistantsDep
                  ) -> ThreadOut:
    """Merge metadata into a thread."""
    updated = threads.update(thread.tenant, thread.thread_id, metadata=body.metadata)
    return thread_out(updated, graph_of(updated, assistants))


@router.delete("/threads/{thread_id}", status_code=204, response_class=Response,
               responses={**NOT_FOUND, 409: {"description": "A run is in progress"}})
def delete_thread(thread: ThreadDep, threads: ThreadsDep, services: ServicesDep) -> Response:
    """Delete a thread, its runs and its checkpoints."""
    if services.manager.busy(thread.thread_id):
        raise HTTPException(409, f"thread {thread.thread_id} has a run in progress; cancel it first")
    threads.delete(thread.tenant, thread.thread_id)
    services.saver.delete_thread(thread.thread_id)
    return Response(status_code=204)


def _state(thread: ThreadRecord, assistants: AssistantsDep, config: RunnableConfig, subgraphs: bool = False
           ) -> dict:
    graph = graph_of(thread, assistants)
    if graph is None:
        return empty_state(thread.thread_id)
    snapshot = graph.get_state(config, subgraphs=subgraphs)
    wanted = (config.get("configurable") or {}).get("checkpoint_id")
    if snapshot.created_at is None and wanted:
        raise HTTPException(404, f"checkpoint {wanted} not found")
    return thread_state(snapshot, thread.thread_id)


@router.get("/threads/{thread_id}/state", response_model=ThreadStateOut, responses=NOT_FOUND)
def get_state(thread: ThreadDep, assistants: AssistantsDep, subgraphs: bool = False) -> dict:
    """The thread's latest state."""
    return _state(thread, assistants, _config(thread.thread_id), subgraphs)


@router.get("/threads/{thread_id}/state/{checkpoint_id}", response_model=ThreadStateOut, responses=NOT_FOUND)
def get_state_at(thread: ThreadDep, checkpoint_id: str, assistants: AssistantsDep, subgraphs: bool = False
                 ) -> dict:
    """The thread's state at one checkpoint."""
    return _state(thread, assistants, _config(thread.thread_id, checkpoint_id=checkpoint_id), subgraphs)


@router.post("/threads/{thread_id}/state/checkpoint", response_model=ThreadStateOut, responses=NOT_FOUND)
def post_state_at(thread: ThreadDep, body: CheckpointQuery, assistants: AssistantsDep) -> dict:
    """The thread's state at the given checkpoint."""
    return _state(thread, assistants, _config(thread.thread_id, body.checkpoint), body.subgraphs)


@router.post("/threads/{thread_id}/state", response_model=StateUpdateOut,
             responses={**NOT_FOUND, 409: {"description": "No graph state yet, or a run is in progress"}})
def update_state(thread: ThreadDep, body: StateUpdate, assistants: AssistantsDep, services: ServicesDep
                 ) -> StateUpdateOut:
    """Write values as if ``as_node`` returned them (a new checkpoint; the next run continues from it)."""
    graph = graph_of(thread, assistants)
    if graph is None:
        raise HTTPException(409, "the thread has no graph state yet: start a run first")
    if services.manager.busy(thread.thread_id):
        raise HTTPException(409, f"thread {thread.thread_id} has a run in progress")
    if body.as_node is not None and body.as_node not in graph.nodes:
        raise field_error(("body", "as_node"), f"unknown node; use one of: {', '.join(graph.nodes)}")
    config = _config(thread.thread_id, body.checkpoint, body.checkpoint_id)
    try:
        written = graph.update_state(config, body.values, as_node=body.as_node)
    except (ValueError, KeyError, TypeError) as exc:
        raise field_error(("body", "values"), f"{type(exc).__name__}: {exc}") from None
    return StateUpdateOut(checkpoint=Checkpoint(**(checkpoint_of(written) or {})))


@router.post("/threads/{thread_id}/history", response_model=list[ThreadStateOut], responses=NOT_FOUND)
def history(thread: ThreadDep, body: HistoryQuery, assistants: AssistantsDep) -> list[dict]:
    """The thread's checkpoints, newest first."""
    graph = graph_of(thread, assistants)
    if graph is None:
        return []
    before = body.before
    before_config = _config(thread.thread_id, checkpoint_id=before) if isinstance(before, str) else (
        _config(thread.thread_id, before) if before else None)
    snapshots = graph.get_state_history(_config(thread.thread_id, body.checkpoint), filter=body.metadata,
                                        before=before_config, limit=body.limit)
    return [thread_state(s, thread.thread_id) for s in snapshots]


@router.get("/threads/{thread_id}/history", response_model=list[ThreadStateOut], responses=NOT_FOUND)
def history_get(thread: ThreadDep, assistants: AssistantsDep, limit: int = 10) -> list[dict]:
    """The thread's checkpoints, newest first (GET form)."""
    return history(thread, HistoryQuery(limit=max(1, min(limit, 1000))), assistants)
