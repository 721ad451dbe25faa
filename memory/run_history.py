"""Inspect, export, prune and erase runs kept by the LangGraph checkpointer (SQLite or PostgreSQL, any graph)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from langgraph.checkpoint.base import BaseCheckpointSaver
from pydantic import BaseModel


class GraphHistory(Protocol):
    """What run inspection needs from a compiled graph: its state and its checkpoint history."""

    def get_state(self, config: Any, *, subgraphs: bool = False) -> Any: ...

    def get_state_history(self, config: Any) -> Iterator[Any]: ...


@dataclasses.dataclass(frozen=True)
class RunSummary:
    """One thread as ops see it."""

    thread_id: str
    graph: str
    brand: str
    pack_key: str
    tenant: str | None
    status: str
    started: datetime
    updated: datetime

    @property
    def duration_s(self) -> float:
        """Seconds from the first to the latest checkpoint."""
        return round((self.updated - self.started).total_seconds(), 3)


@dataclasses.dataclass(frozen=True)
class Step:
    """One super-step: the checkpoint it produced, the nodes that ran, their time, tokens, issues and outputs."""

    checkpoint_id: str
    parent_id: str | None
    namespace: str
    step: int
    source: str
    created: datetime
    seconds: float | None
    nodes: list[str]
    tokens: int
    issues: list[str]
    outputs: list[dict[str, Any]]
    inputs: dict[str, Any] | None = None
    run_id: str | None = None


def jsonable(value: Any) -> Any:
    """Plain JSON data for any state value (pydantic models, dataclasses, dates, Send, Interrupt, tuples)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "node") and hasattr(value, "arg"):
        return {"send": value.node, "arg": jsonable(value.arg)}
    if hasattr(value, "value") and hasattr(value, "id") and type(value).__name__ == "Interrupt":
        return {"interrupt": jsonable(value.value), "id": value.id}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _guess_graph(channel_values: Mapping[str, Any]) -> str:
    start = channel_values.get("__start__")
    keys = set(start) if isinstance(start, Mapping) else set()
    return "chat" if "message" in keys else "pack" if "brief" in keys else "unknown"


def _threads(saver: BaseCheckpointSaver) -> dict[str, tuple[datetime, dict[str, Any]]]:
    """thread id -> (first input time, metadata), from the root input checkpoints."""
    found: dict[str, tuple[datetime, dict[str, Any]]] = {}
    for item in saver.list(None, filter={"source": "input"}):
        configurable = item.config["configurable"]
        if configurable.get("checkpoint_ns"):
            continue
        thread, started = str(configurable["thread_id"]), _ts(item.checkpoint["ts"])
        meta = dict(item.metadata or {})
        meta.setdefault("graph", _guess_graph(item.checkpoint.get("channel_values") or {}))
        previous = found.get(thread)
        if previous is None:
            found[thread] = (started, meta)
        else:  # newest first: the later invocation's non-empty metadata wins
            found[thread] = (min(previous[0], started), {**meta, **{k: v for k, v in previous[1].items() if v}})
    return found


def latest(saver: BaseCheckpointSaver, thread_id: str) -> Any:
    """The newest root checkpoint tuple of a thread, or None when the thread does not exist."""
    return saver.get_tuple({"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}})


def status_of(graph: GraphHistory | None, thread_id: str) -> str:
    """waiting (a question), in review, done PASS/FAIL, stopped (cut off mid-run) or unknown."""
    if graph is None:
        return "unknown"
    snapshot = graph.get_state({"configurable": {"thread_id": thread_id}})
    if snapshot.interrupts:
        value = snapshot.interrupts[0].value
        return "in review" if isinstance(value, Mapping) and "actions" in value else "waiting for answer"
    if snapshot.next:
        return "stopped"
    result = snapshot.values.get("result")
    return f"done {result.status}" if result is not None and hasattr(result, "status") else "done"


def list_runs(saver: BaseCheckpointSaver, graphs: Mapping[str, GraphHistory]) -> list[RunSummary]:
    """Every thread, newest first, with graph, brand, pack, tenant, status, start and last activity."""
    runs = []
    for thread, (started, meta) in _threads(saver).items():
        newest = latest(saver, thread)
        meta = {**meta, **{k: v for k, v in dict(newest.metadata or {}).items() if v}} if newest else meta
        updated = _ts(newest.checkpoint["ts"]) if newest else started
        graph_name = str(meta.get("graph", "unknown"))
        runs.append(RunSummary(thread_id=thread, graph=graph_name, brand=str(meta.get("brand", "")),
                               pack_key=str(meta.get("pack_key", "")), tenant=meta.get("tenant"),
                               status=status_of(graphs.get(graph_name), thread), started=started, updated=updated))
    return sorted(runs, key=lambda r: r.started, reverse=True)


def run_graph_name(saver: BaseCheckpointSaver, thread_id: str) -> str | None:
    """The graph a thread ran ('pack', 'chat', ...), or None when the thread does not exist."""
    info = _threads(saver).get(thread_id)
    if info is not None:
        return str(info[1].get("graph", "unknown"))
    return "unknown" if latest(saver, thread_id) else None


def _namespaces(saver: BaseCheckpointSaver, thread_id: str) -> list[str]:
    spaces = {str(item.config["configurable"].get("checkpoint_ns", ""))
              for item in saver.list({"configurable": {"thread_id": thread_id}})}
    return sorted(spaces, key=lambda ns: (ns != "", ns))


def _usage_tokens(result: Mapping[str, Any]) -> int:
    usage = result.get("usage")
    return int(getattr(usage, "input_tokens", 0) + getattr(usage, "output_tokens", 0)) if usage else 0


def _issues(result: Mapping[str, Any]) -> list[str]:
    found = [f"{sid}:{issue.code}" for sid, section in (result.get("sections") or {}).items()
             for issue in getattr(section, "issues", []) if getattr(issue, "severity", "") == "error"]
    found += [f"pack:{issue.code}" for issue in result.get("pack_issues") or []
              if getattr(issue, "severity", "") == "error"]
    found += [f"{f.get('section_id')}:{f.get('error_type')}" for f in result.get("failures") or []
              if isinstance(f, Mapping)]
    return found


def _step(snapshot: Any, parent: Any | None, namespace: str, with_io: bool) -> Step:
    # a fork copies its parent to start a replay: nothing ran, the parent's writes belong to the old branch
    forked = snapshot.metadata.get("source") == "fork"
    ran = [t for t in (parent.tasks if parent is not None and not forked else ()) if t.result is not None or t.error]
    results = [t.result for t in ran if isinstance(t.result, Mapping)]
    created = _ts(snapshot.created_at)
    seconds = round((created - _ts(parent.created_at)).total_seconds(), 4) if parent is not None else None
    outputs = [{"node": t.name, "output": jsonable(t.result), **({"error": str(t.error)} if t.error else {})}
               for t in ran] if with_io else []
    return Step(checkpoint_id=snapshot.config["configurable"]["checkpoint_id"],
                parent_id=parent.config["configurable"]["checkpoint_id"] if parent is not None else None,
                namespace=namespace, step=int(snapshot.metadata.get("step", -1)),
                source=str(snapshot.metadata.get("source", "")), created=created, seconds=seconds,
                nodes=[t.name for t in ran], tokens=sum(_usage_tokens(r) for r in results),
                issues=[i for r in results for i in _issues(r)], outputs=outputs,
                inputs=jsonable(parent.values) if with_io and parent is not None else None,
                run_id=snapshot.metadata.get("run_id"))


def run_steps(graph: GraphHistory, saver: BaseCheckpointSaver, thread_id: str, *, with_io: bool = False
              ) -> list[Step]:
    """Every checkpoint of every branch and subgraph of a thread, oldest first, as steps."""
    steps: list[Step] = []
    for namespace in _namespaces(saver, thread_id):
        history = list(graph.get_state_history({"configurable": {"thread_id": thread_id,
                                                                 "checkpoint_ns": namespace}}))
        by_id = {s.config["configurable"]["checkpoint_id"]: s for s in history}
        for snapshot in history:
            parent_id = (snapshot.parent_config or {}).get("configurable", {}).get("checkpoint_id")
            steps.append(_step(snapshot, by_id.get(parent_id), namespace, with_io))
    return sorted(steps, key=lambda s: (s.namespace != "", s.created, s.checkpoint_id))


def branches(steps: list[Step]) -> list[list[str]]:
    """Root-namespace branches as checkpoint-id paths from the first checkpoint to each leaf, oldest leaf first."""
    root = [s for s in steps if not s.namespace]
    parents = {s.checkpoint_id: s.parent_id for s in root}
    has_child = {s.parent_id for s in root if s.parent_id}
    paths = []
    for leaf in (s for s in root if s.checkpoint_id not in has_child):
        path: list[str] = []
        node: str | None = leaf.checkpoint_id
        while node:
            path.append(node)
            node = parents.get(node)
        paths.append(list(reversed(path)))
    return paths


def prune_runs(saver: BaseCheckpointSaver, older_than: timedelta, now: datetime, *, dry_run: bool = False
               ) -> list[str]:
    """Delete every thread whose latest checkpoint is older than ``older_than``; returns the thread ids."""
    cutoff = now - older_than
    old = [thread for thread in _threads(saver)
           if (item := latest(saver, thread)) is not None and _ts(item.checkpoint["ts"]) < cutoff]
    if not dry_run:
        for thread in old:
            saver.delete_thread(thread)
    return old


def delete_tenant_runs(saver: BaseCheckpointSaver, tenant: str, *, dry_run: bool = False) -> list[str]:
    """Erase every thread whose run metadata names ``tenant`` (all branches, subgraphs and writes)."""
    threads = sorted({str(item.config["configurable"]["thread_id"]) for item in saver.list(None, filter={
        "tenant": tenant})})
    if not dry_run:
        for thread in threads:
            saver.delete_thread(thread)
    return threads
