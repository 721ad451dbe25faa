"""Execute runs in worker threads: multitask rules per thread, SSE events, status bookkeeping, cancel, stateless."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.errors import GraphRecursionError, InvalidUpdateError
from langgraph.types import Command, Send
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from api.assistants import Assistant, ContextRequest
from api.serde import jsonable
from api.streams import MessageTracker, RunStream
from memory.api_threads import RunRecord, RunRepo, ThreadRepo
from memory.models import utcnow

log = logging.getLogger(__name__)
GRAPH_MODES = {"values", "updates", "messages", "custom", "debug", "tasks", "checkpoints"}
# what a failing graph can raise; anything else is a bug and propagates to the worker's log
RUN_ERRORS = (GraphRecursionError, InvalidUpdateError, ValidationError, LookupError, ValueError, TypeError,
              RuntimeError, OSError, SQLAlchemyError)


class ThreadBusyError(RuntimeError):
    """The thread already has a run in progress and the multitask strategy is 'reject'."""


@dataclass
class RunSpec:
    """Everything needed to execute one run."""

    record: RunRecord
    assistant: Assistant
    context: Any
    graph_input: Any
    config: dict[str, Any]
    stream_modes: list[str]
    subgraphs: bool = False
    interrupt_before: Any = None
    interrupt_after: Any = None
    durability: str | None = None
    temporary: bool = False


@dataclass
class ActiveRun:
    """A run this process is executing (or executed recently)."""

    spec: RunSpec
    stream: RunStream = field(default_factory=RunStream)
    cancelled: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)
    status: str = "pending"
    output: Any = None
    ended_at: float | None = None

    @property
    def run_id(self) -> str:
        """The run's id."""
        return self.spec.record.run_id


def to_command(command: dict[str, Any]) -> Command:
    """A LangGraph Command from the API's {resume, update, goto}."""
    goto = command.get("goto")
    if goto is not None and not isinstance(goto, list):
        goto = [goto]
    targets = [g if isinstance(g, str) else Send(g["node"], g.get("input")) for g in goto or []]
    update = command.get("update")
    if isinstance(update, list):
        update = [tuple(pair) for pair in update]
    return Command(update=update, goto=targets or (), resume=command.get("resume"))


def context_request(record: RunRecord, options: Any, values: dict[str, Any], graph_input: Any) -> ContextRequest:
    """The ContextRequest of a run."""
    return ContextRequest(tenant=record.tenant, thread_id=record.thread_id, options=options, values=values,
                          input=graph_input)


class RunManager:
    """Start, follow, cancel and clean up runs; one worker thread per executing run."""

    def __init__(self, threads: ThreadRepo, runs: RunRepo, saver: BaseCheckpointSaver, *, workers: int = 8,
                 retain_s: float = 600.0) -> None:
        self.threads, self.runs, self.saver = threads, runs, saver
        self.retain_s = retain_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aicmo-run")
        self._lock = threading.Lock()
        self._active: dict[str, ActiveRun] = {}
        self._by_thread: dict[str, ActiveRun] = {}

    def active(self, run_id: str) -> ActiveRun | None:
        """The in-memory run, when this process runs (or recently ran) it."""
        with self._lock:
            return self._active.get(run_id)

    def busy(self, thread_id: str) -> ActiveRun | None:
        """The run in progress on a thread, if any."""
        with self._lock:
            run = self._by_thread.get(thread_id)
            return run if run and not run.finished.is_set() else None

    def start(self, spec: RunSpec) -> ActiveRun:
        """Queue a run, applying its multitask strategy; raises ThreadBusyError for 'reject' on a busy thread."""
        strategy = spec.record.multitask_strategy
        with self._lock:
            self._purge()
            previous = self._by_thread.get(spec.record.thread_id)
            if previous and previous.finished.is_set():
                previous = None
            if previous and strategy == "reject":
                raise ThreadBusyError(f"thread {spec.record.thread_id} has a run in progress ({previous.run_id}); "
                                      "wait for it, cancel it, or use multitask_strategy enqueue/interrupt")
            if previous and strategy in {"interrupt", "rollback"}:
                previous.cancelled.set()
            run = ActiveRun(spec=spec)
            self._active[run.run_id] = run
            self._by_thread[spec.record.thread_id] = run
        self.runs.add(spec.record)
        future = self._pool.submit(self._execute, run, previous)
        future.add_done_callback(_log_crash)
        return run

    def cancel(self, run_id: str) -> bool:
        """Ask a run to stop at its next step; False when it is not running here."""
        run = self.active(run_id)
        if run is None or run.finished.is_set():
            return False
        run.cancelled.set()
        return True

    def shutdown(self) -> None:
        """Cancel every run and wait for the workers."""
        with self._lock:
            runs = list(self._active.values())
        for run in runs:
            run.cancelled.set()
        self._pool.shutdown(wait=True, cancel_futures=False)

    def _purge(self) -> None:
        horizon = time.monotonic() - self.retain_s
        for run_id in [k for k, r in self._active.items() if r.ended_at and r.ended_at < horizon]:
            run = self._active.pop(run_id)
            if self._by_thread.get(run.spec.record.thread_id) is run:
                self._by_thread.pop(run.spec.record.thread_id)

    def _execute(self, run: ActiveRun, previous: ActiveRun | None) -> None:
        if previous is not None:
            previous.finished.wait()
        spec = run.spec
        status: str = "error"
        error: str | None = "the run stopped unexpectedly; see the server log"
        try:
            if run.cancelled.is_set():
                status, error = "interrupted", None
            else:
                self.runs.set_status(run.run_id, "running")
                self.threads.update(spec.record.tenant, spec.record.thread_id, status="busy",
                                    graph_id=spec.assistant.assistant_id)
                run.status = "running"
                run.stream.publish("metadata", {"run_id": run.run_id, "attempt": 1})
                status, error = self._stream_graph(run), None
        except RUN_ERRORS as exc:
            status, error = "error", f"{type(exc).__name__}: {exc}"
            run.stream.publish("error", {"error": type(exc).__name__, "message": str(exc)})
        finally:
            self._finish(run, status, error)

    def _stream_graph(self, run: ActiveRun) -> str:
        spec = run.spec
        requested = set(spec.stream_modes)
        modes = sorted({"messages" if m == "messages-tuple" else m for m in requested} & GRAPH_MODES)
        tracker = MessageTracker(as_tuples="messages-tuple" in requested)
        for namespace, mode, chunk in self._chunks(spec, modes or ["values"]):
            if run.cancelled.is_set():
                return "interrupted"
            if namespace and not spec.subgraphs:
                continue
            suffix = "|" + "|".join(namespace) if namespace else ""
            if mode == "messages":
                for event, data in tracker.events(chunk, suffix):
                    run.stream.publish(event, data)
            elif mode in requested:
                run.stream.publish(mode + suffix, chunk)
        return "interrupted" if run.cancelled.is_set() else "success"

    def _chunks(self, spec: RunSpec, modes: list[str]) -> Iterator[tuple[tuple[str, ...], str, Any]]:
        extra = {"durability": spec.durability} if spec.durability else {}
        graph: Any = spec.assistant.graph  # the stream overloads cannot express a run-time mode list
        yield from graph.stream(
            spec.graph_input, spec.config, context=spec.context, stream_mode=modes, subgraphs=True,
            interrupt_before=spec.interrupt_before, interrupt_after=spec.interrupt_after, **extra)

    def _finish(self, run: ActiveRun, status: str, error: str | None) -> None:
        record = run.spec.record
        thread_status = "error" if status == "error" else "idle"
        try:
            snapshot = run.spec.assistant.graph.get_state({"configurable": {"thread_id": record.thread_id}})
            values = jsonable(snapshot.values) if isinstance(snapshot.values, dict) else {}
            if snapshot.interrupts:
                values["__interrupt__"] = [{"value": jsonable(i.value), "id": i.id} for i in snapshot.interrupts]
                thread_status = "interrupted" if status != "error" else thread_status
            run.output = {"__error__": {"error": "RunError", "message": error}} if error else values
            self.runs.set_status(run.run_id, status, error)
            if run.spec.temporary:
                self.threads.delete(record.tenant, record.thread_id)
                self.saver.delete_thread(record.thread_id)
            else:
                self.threads.update(record.tenant, record.thread_id, status=thread_status)
        finally:
            run.status = status
            run.ended_at = time.monotonic()
            run.finished.set()
            run.stream.close()


def _log_crash(future: Future[None]) -> None:
    """Unexpected worker exceptions are bugs: log them with their traceback."""
    exc = future.exception()
    if exc is not None:
        log.error("run worker crashed", exc_info=exc)


def new_run_record(*, tenant: str, thread_id: str, assistant_id: str, metadata: dict[str, Any] | None,
                   kwargs: dict[str, Any], multitask_strategy: str) -> RunRecord:
    """A fresh pending run."""
    now = utcnow()
    return RunRecord(run_id=str(uuid.uuid4()), thread_id=thread_id, tenant=tenant, assistant_id=assistant_id,
                     status="pending", multitask_strategy=multitask_strategy, metadata=dict(metadata or {}),
                     kwargs=kwargs, created_at=now, updated_at=now)
