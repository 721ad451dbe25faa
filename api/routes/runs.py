"""Runs: background, wait and SSE stream (on a thread or stateless), get, list, cancel, join, join stream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.deps import RunsDep, ServicesDep, TenantDep, ThreadDep
from api.execution import ActiveRun
from api.launch import launch, thread_for_run
from api.schemas import Responses, RunCreate, RunOut, StreamModeName
from api.serde import jsonable
from api.services import Services
from memory.api_threads import RunNotFoundError, RunRecord

router = APIRouter(tags=["runs"])
SSE: Responses = {200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
             "description": "Server-sent events: metadata, then one event per stream mode chunk, error on failure."}}
RUN_ERRORS: Responses = {404: {"description": "Thread or assistant not found"},
              409: {"description": "Thread busy or owned by another assistant"},
              503: {"description": "No engine can write"}}


def run_out(record: RunRecord, status: str | None = None) -> RunOut:
    """The Run object of the API."""
    return RunOut(run_id=record.run_id, thread_id=record.thread_id, assistant_id=record.assistant_id,
                  created_at=record.created_at.isoformat(), updated_at=record.updated_at.isoformat(),
                  status=status or record.status, metadata=record.metadata,
                  multitask_strategy=record.multitask_strategy, kwargs=record.kwargs)


def _start(services: Services, tenant: str, thread_id: str | None, body: RunCreate) -> ActiveRun:
    thread = thread_for_run(services, tenant, thread_id, body)
    try:
        return launch(services, tenant, thread, body)
    except (HTTPException, RequestValidationError):
        if thread_id is None:
            services.threads.delete(tenant, thread.thread_id)
        raise


def _location(run: ActiveRun) -> str:
    return f"/threads/{run.spec.record.thread_id}/runs/{run.run_id}"


def _wanted(event: str, modes: set[str]) -> bool:
    base = event.split("|", 1)[0].split("/", 1)[0]
    return base in modes or base in {"metadata", "error", "end"} or ("messages-tuple" in modes and base == "messages")


def sse(services: Services, run: ActiveRun, *, after: int = 0, modes: set[str] | None = None,
        cancel_on_disconnect: bool = False) -> StreamingResponse:
    """Stream a run's events as text/event-stream; optionally cancel the run if the client goes away."""
    async def body() -> AsyncIterator[bytes]:
        complete = False
        try:
            async for item in run.stream.follow(after):
                if modes is None or _wanted(item.event, modes):
                    yield item.encode()
            complete = True
        finally:
            if not complete and cancel_on_disconnect:
                services.manager.cancel(run.run_id)

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Content-Location": _location(run), "Cache-Control": "no-store"})


async def _waited(run: ActiveRun) -> dict[str, Any]:
    await run.stream.wait_closed()
    return run.output if isinstance(run.output, dict) else {}


@router.post("/threads/{thread_id}/runs", response_model=RunOut, responses=RUN_ERRORS)
async def create_run(thread: ThreadDep, body: RunCreate, tenant: TenantDep, services: ServicesDep,
                     response: Response) -> RunOut:
    """Start a background run on a thread."""
    run = await run_in_threadpool(_start, services, tenant, thread.thread_id, body)
    response.headers["Content-Location"] = _location(run)
    return run_out(run.spec.record, run.status)


@router.post("/threads/{thread_id}/runs/stream", responses={**SSE, **RUN_ERRORS})
async def stream_run(thread: ThreadDep, body: RunCreate, tenant: TenantDep, services: ServicesDep
                     ) -> StreamingResponse:
    """Start a run on a thread and stream its events."""
    run = await run_in_threadpool(_start, services, tenant, thread.thread_id, body)
    return sse(services, run, cancel_on_disconnect=body.on_disconnect == "cancel")


@router.post("/threads/{thread_id}/runs/wait", response_model=dict[str, Any], responses=RUN_ERRORS)
async def wait_run(thread: ThreadDep, body: RunCreate, tenant: TenantDep, services: ServicesDep,
                   response: Response) -> dict[str, Any]:
    """Start a run on a thread and return the thread's final values (with __interrupt__ when it paused)."""
    run = await run_in_threadpool(_start, services, tenant, thread.thread_id, body)
    response.headers["Content-Location"] = _location(run)
    return await _waited(run)


@router.post("/runs", response_model=RunOut, responses=RUN_ERRORS)
async def create_stateless_run(body: RunCreate, tenant: TenantDep, services: ServicesDep) -> RunOut:
    """Start a background run on a fresh thread (deleted afterwards unless on_completion=keep)."""
    run = await run_in_threadpool(_start, services, tenant, None, body)
    return run_out(run.spec.record, run.status)


@router.post("/runs/stream", responses={**SSE, **RUN_ERRORS})
async def stream_stateless_run(body: RunCreate, tenant: TenantDep, services: ServicesDep) -> StreamingResponse:
    """Run on a fresh thread and stream its events."""
    run = await run_in_threadpool(_start, services, tenant, None, body)
    return sse(services, run, cancel_on_disconnect=body.on_disconnect == "cancel")


@router.post("/runs/wait", response_model=dict[str, Any], responses=RUN_ERRORS)
async def wait_stateless_run(body: RunCreate, tenant: TenantDep, services: ServicesDep) -> dict[str, Any]:
    """Run on a fresh thread and return its final values."""
    run = await run_in_threadpool(_start, services, tenant, None, body)
    return await _waited(run)


@router.get("/threads/{thread_id}/runs", response_model=list[RunOut])
def list_runs(thread: ThreadDep, runs: RunsDep, limit: Annotated[int, Query(ge=1, le=1000)] = 10,
              offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0, status: str | None = None) -> list[RunOut]:
    """Runs of a thread, newest first."""
    return [run_out(r) for r in runs.list(thread.tenant, thread.thread_id, limit=limit, offset=offset,
                                          status=status)]


def _record(thread_tenant: str, thread_id: str, run_id: str, runs: Any) -> RunRecord:
    try:
        return runs.get(thread_tenant, thread_id, run_id)
    except RunNotFoundError:
        raise HTTPException(404, f"run {run_id} not found") from None


@router.get("/threads/{thread_id}/runs/{run_id}", response_model=RunOut, responses={404: {"description": "Not found"}})
def get_run(thread: ThreadDep, run_id: str, runs: RunsDep) -> RunOut:
    """One run."""
    return run_out(_record(thread.tenant, thread.thread_id, run_id, runs))


@router.post("/threads/{thread_id}/runs/{run_id}/cancel", status_code=202, response_class=Response,
             responses={202: {"description": "Cancellation requested"}, 404: {"description": "Not found"}})
async def cancel_run(thread: ThreadDep, run_id: str, runs: RunsDep, services: ServicesDep,
                     wait: Annotated[int, Query(ge=0, le=1)] = 0,
                     action: Annotated[str, Query(pattern="^(interrupt|rollback)$")] = "interrupt") -> Response:
    """Stop a run at its next step ('rollback' also deletes the run record)."""
    record = await run_in_threadpool(_record, thread.tenant, thread.thread_id, run_id, runs)
    active = services.manager.active(record.run_id)
    services.manager.cancel(record.run_id)
    if active is not None and (wait or action == "rollback"):
        await active.stream.wait_closed()
    if action == "rollback":
        await run_in_threadpool(runs.delete, thread.tenant, thread.thread_id, run_id)
    return Response(status_code=202)


@router.delete("/threads/{thread_id}/runs/{run_id}", status_code=204, response_class=Response,
               responses={404: {"description": "Not found"}, 409: {"description": "Run in progress"}})
def delete_run(thread: ThreadDep, run_id: str, runs: RunsDep, services: ServicesDep) -> Response:
    """Delete a finished run's record."""
    record = _record(thread.tenant, thread.thread_id, run_id, runs)
    active = services.manager.active(record.run_id)
    if active is not None and not active.finished.is_set():
        raise HTTPException(409, f"run {run_id} is in progress; cancel it first")
    runs.delete(thread.tenant, thread.thread_id, run_id)
    return Response(status_code=204)


@router.get("/threads/{thread_id}/runs/{run_id}/join", response_model=dict[str, Any],
            responses={404: {"description": "Not found"}})
async def join_run(thread: ThreadDep, run_id: str, runs: RunsDep, services: ServicesDep) -> dict[str, Any]:
    """Wait for a run to finish; the thread's final values."""
    record = await run_in_threadpool(_record, thread.tenant, thread.thread_id, run_id, runs)
    active = services.manager.active(record.run_id)
    if active is not None:
        return await _waited(active)
    if record.status == "error":
        return {"__error__": {"error": "RunError", "message": record.error}}
    assistant = services.assistants.get(record.assistant_id)
    if assistant is None:
        return {}
    snapshot = await run_in_threadpool(assistant.graph.get_state, {"configurable": {"thread_id": thread.thread_id}})
    values = jsonable(snapshot.values) if isinstance(snapshot.values, dict) else {}
    if snapshot.interrupts:
        values["__interrupt__"] = [{"value": jsonable(i.value), "id": i.id} for i in snapshot.interrupts]
    return values


@router.get("/threads/{thread_id}/runs/{run_id}/stream", responses={**SSE, 404: {"description": "Not found"}})
async def join_run_stream(thread: ThreadDep, run_id: str, runs: RunsDep, services: ServicesDep,
                          stream_mode: Annotated[list[StreamModeName] | None, Query()] = None,
                          cancel_on_disconnect: bool = False,
                          last_event_id: Annotated[str | None, Header()] = None) -> StreamingResponse:
    """Follow a run's events: replays what this server buffered (after Last-Event-ID), then streams live."""
    record = await run_in_threadpool(_record, thread.tenant, thread.thread_id, run_id, runs)
    active = services.manager.active(record.run_id)
    if active is None:
        return StreamingResponse(iter(()), media_type="text/event-stream")
    after = int(last_event_id) if last_event_id and last_event_id.isdigit() else 0
    return sse(services, active, after=after, modes=set(stream_mode) if stream_mode else None,
               cancel_on_disconnect=cancel_on_disconnect)
