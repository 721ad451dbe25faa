"""Run pack graphs for the CLI and the HTTP API: build context from settings, stream progress, return results."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from langgraph.graph.state import CompiledStateGraph

from api.engine import EngineName, resolve_engine
from api.learning import Learning
from api.settings import Settings
from graphs.context import PackContext
from graphs.pack import builder
from memory.checkpointer import open_checkpointer
from tools.brief import load_brief
from tools.catalog import Catalog, default_catalog, sample_brief_paths
from tools.pack import build_result
from tools.result import PackResult, SectionResult

ProgressCallback = Callable[[str, SectionResult], None]


@dataclass(frozen=True)
class PackRun:
    """Identifiers of one pack run."""

    pack_key: str
    thread_id: str
    run_id: str


def known_brands(exclude: str) -> tuple[str, ...]:
    """Brands of other clients the system knows (packaged sample briefs), never to appear in this pack."""
    names = []
    for path in sample_brief_paths():
        brand = load_brief(path).brand_name
        if brand.casefold() != exclude.casefold():
            names.append(brand)
    return tuple(names)


def resolve_pack_keys(value: str, catalog: Catalog) -> list[str]:
    """'all', one key or a comma-separated list; raises KeyError naming the unknown key."""
    if value.strip().lower() == "all":
        return list(catalog.packs)
    keys = [k.strip() for k in value.split(",") if k.strip()]
    for key in keys:
        catalog.pack(key)
    return keys


@contextmanager
def compiled_pack_graph(settings: Settings) -> Iterator[CompiledStateGraph]:
    """The pack graph compiled with the configured checkpointer."""
    with open_checkpointer(sqlite_path=settings.checkpoint_path, database_url=settings.database_url) as saver:
        yield builder.compile(checkpointer=saver, name="pack")


def run_pack(
    graph: CompiledStateGraph | Any, *, brief: dict[str, Any], pack_key: str, settings: Settings,
    today: date | None = None, strict: bool = False, on_section: ProgressCallback | None = None,
    thread_id: str | None = None, engine: EngineName | None = None, learning: Learning | None = None,
) -> PackResult:
    """Run one pack to the end, calling ``on_section`` each time a section is written or checked.

    With ``learning``, the run uses the tenant's Kaizen context and is recorded in the event log.
    Raises EngineRefusedError when the requested engine is not allowed by the configuration.
    """
    run = PackRun(pack_key=pack_key, thread_id=thread_id or str(uuid.uuid4()), run_id=str(uuid.uuid4()))
    brand = str(brief.get("brand_name", "")) if isinstance(brief, dict) else ""
    setup = resolve_engine(settings, engine)
    if setup.unavailable:
        return _failed_run(run, brief, None, error_type="llm_unavailable", hint=setup.unavailable, engine="llm")
    context = PackContext(today=today or date.today(), max_revisions=settings.max_revisions, strict=strict,
                          tenant=settings.tenant, other_brands=known_brands(brand), catalog=default_catalog(),
                          writer=setup.writer, strategist=setup.strategist, rubric=setup.rubric,
                          engine=setup.engine, kaizen_provider=learning.kaizen if learning else None,
                          sink=_recorder(learning, settings.tenant, brief) if learning else None)
    config = {"configurable": {"thread_id": run.thread_id, "run_id": run.run_id},
              "max_concurrency": settings.max_concurrency, "run_id": uuid.UUID(run.run_id),
              "metadata": {"graph": "pack", "pack_key": pack_key, "brand": brand}}
    final: dict[str, Any] = {}
    try:
        for mode, payload in graph.stream({"brief": brief, "pack_key": pack_key}, config=config,
                                          context=context, stream_mode=["updates", "values"]):
            if mode == "values":
                final = payload
            elif on_section:
                _report(payload, on_section)
    except (LookupError, ValueError, TypeError, RuntimeError, OSError) as exc:
        return _failed_run(run, brief, exc, engine=setup.engine)
    return final["result"]


def _recorder(learning: Learning, tenant: str, brief: dict[str, Any]) -> Callable[[PackResult], None]:
    industry = str(brief.get("industry") or "") if isinstance(brief, dict) else ""

    def record(result: PackResult) -> None:
        learning.record_pack(tenant, result, industry=industry or None)

    return record


def _report(update: dict[str, Any], on_section: ProgressCallback) -> None:
    for node, change in update.items():
        if isinstance(change, dict) and node in {"write_section", "revise_section", "check_sections"}:
            for section in (change.get("sections") or {}).values():
                on_section(node, section)


def _failed_run(run: PackRun, brief: dict[str, Any], exc: Exception | None, *,
                error_type: str = "unexpected_error", hint: str | None = None, engine: str = "offline") -> PackResult:
    """A result for a run that could not complete: the cause is recorded, nothing is invented."""
    pack = default_catalog().pack(run.pack_key)
    return build_result(pack=pack, brief=brief, sections=[], pack_issues=[], strategy=None,
                        thread_id=run.thread_id, run_id=run.run_id, timings={}, error_type=error_type,
                        debug_hint=hint or f"{type(exc).__name__}: {exc}", engine=engine)
