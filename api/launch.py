"""Turn a run request into a started run: validate the context, pick the input or command, build the config."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from api.assistants import Assistant, EngineUnavailableError
from api.deps import assistant_for
from api.engine import EngineRefusedError
from api.execution import ActiveRun, RunSpec, ThreadBusyError, context_request, new_run_record, to_command
from api.schemas import RunCreate
from api.services import Services
from memory.api_threads import ThreadExistsError, ThreadNotFoundError, ThreadRecord

DEFAULT_RECURSION_LIMIT = 200


def field_error(loc: tuple[str | int, ...], message: str, kind: str = "value_error") -> RequestValidationError:
    """A 422 in FastAPI's format naming one field."""
    return RequestValidationError([{"loc": loc, "msg": message, "type": kind}])


def validate_options(assistant: Assistant, context: dict[str, Any] | None) -> Any:
    """The assistant's run options from the request's context; 422 naming the bad field."""
    try:
        return assistant.options.model_validate(context or {})
    except ValidationError as exc:
        raise RequestValidationError([{"loc": ("body", "context", *e["loc"]), "msg": e["msg"], "type": e["type"]}
                                      for e in exc.errors()]) from None


def thread_for_run(services: Services, tenant: str, thread_id: str | None, body: RunCreate) -> ThreadRecord:
    """The thread a run goes to: the tenant's own, created on demand (if_not_exists=create) or a temporary one."""
    if thread_id is None:
        temporary = body.on_completion == "delete"
        return services.threads.create(tenant, str(uuid.uuid4()), {"stateless": True, "temporary": temporary},
                                       graph_id=body.assistant_id)
    try:
        return services.threads.get(tenant, thread_id)
    except ThreadNotFoundError:
        if body.if_not_exists != "create":
            raise HTTPException(404, f"thread {thread_id} not found") from None
    try:
        return services.threads.create(tenant, thread_id, {}, graph_id=body.assistant_id)
    except ThreadExistsError:
        raise HTTPException(404, f"thread {thread_id} not found") from None


def _config(services: Services, thread: ThreadRecord, body: RunCreate, run_id: str) -> dict[str, Any]:
    client = dict(body.config or {})
    configurable = {k: v for k, v in dict(client.get("configurable") or {}).items()
                    if k not in {"thread_id", "run_id", "checkpoint_ns"}}
    checkpoint_id = body.checkpoint_id or (body.checkpoint.checkpoint_id if body.checkpoint else None)
    if checkpoint_id:
        configurable["checkpoint_id"] = checkpoint_id
    limit = client.get("recursion_limit", DEFAULT_RECURSION_LIMIT)
    if not isinstance(limit, int) or not 1 <= limit <= 10_000:
        raise field_error(("body", "config", "recursion_limit"), "must be an integer from 1 to 10000")
    metadata = {**(body.metadata or {}), "assistant_id": body.assistant_id, "graph_id": body.assistant_id,
                "thread_id": thread.thread_id, "run_id": run_id, "tenant": thread.tenant}
    return {"configurable": {**configurable, "thread_id": thread.thread_id, "run_id": run_id},
            "run_id": uuid.UUID(run_id), "recursion_limit": limit, "metadata": metadata,
            "max_concurrency": services.settings.max_concurrency, "tags": list(client.get("tags") or [])}


def launch(services: Services, tenant: str, thread: ThreadRecord, body: RunCreate) -> ActiveRun:
    """Start a run of ``body.assistant_id`` on the tenant's ``thread``; HTTP errors name what is wrong."""
    assistant = assistant_for(services.assistants, body.assistant_id)
    if thread.graph_id and thread.graph_id != assistant.assistant_id:
        raise HTTPException(409, f"thread {thread.thread_id} belongs to assistant '{thread.graph_id}'")
    options = validate_options(assistant, body.context)
    values = dict(assistant.graph.get_state({"configurable": {"thread_id": thread.thread_id}}).values or {})
    graph_input = to_command(body.command.model_dump(exclude_none=True)) if body.command else body.input
    record = new_run_record(tenant=tenant, thread_id=thread.thread_id, assistant_id=assistant.assistant_id,
                            metadata=body.metadata, kwargs=body.model_dump(mode="json", exclude_none=True),
                            multitask_strategy=body.multitask_strategy)
    try:
        context = assistant.make_context(context_request(record, options, values, body.input))
    except (EngineUnavailableError, EngineRefusedError) as exc:
        if getattr(options, "engine", None):
            raise field_error(("body", "context", "engine"), str(exc)) from None
        raise HTTPException(503, f"no engine can write: {exc}") from None
    modes: list[str] = [body.stream_mode] if isinstance(body.stream_mode, str) else list(body.stream_mode)
    durability = body.durability or ({True: "async", False: "exit"}.get(body.checkpoint_during)
                                     if body.checkpoint_during is not None else None)
    spec = RunSpec(record=record, assistant=assistant, context=context, graph_input=graph_input,
                   config=_config(services, thread, body, record.run_id), stream_modes=modes or ["values"],
                   subgraphs=body.stream_subgraphs, interrupt_before=body.interrupt_before,
                   interrupt_after=body.interrupt_after, durability=durability,
                   temporary=bool(thread.metadata.get("temporary")))
    try:
        return services.manager.start(spec)
    except ThreadBusyError as exc:
        raise HTTPException(409, str(exc)) from None
