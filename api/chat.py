"""Wire a chat thread from settings: checkpointer, chat graph, context per turn, intake events, progress, drafts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command

from api.engine import EngineName, EngineSetup, build_cache, provider_config, resolve_engine
from api.runner import known_brands
from api.settings import Settings
from graphs.intake import builder
from graphs.intake_context import ChatContext, FieldExtractor, IntakeEvents
from memory.checkpointer import open_checkpointer
from memory.events import EventLog, EventType, EventWriteError
from tools.catalog import default_catalog
from tools.pack import build_result
from tools.result import PackResult, SectionResult

SectionCallback = Callable[[str, SectionResult], None]
_PROGRESS_NODES = {"write_section", "revise_section", "check_sections"}
# the intake's steps and the event types that record them (older event logs fall back to the family's types)
_EVENT_NAMES = {"started": "INTAKE_STARTED", "clarity_scored": "INTAKE_CLARITY_SCORED",
                "clarification_requested": "INTAKE_CLARIFICATION_REQUESTED",
                "clarification_received": "INTAKE_CLARIFICATION_RECEIVED", "approved": "INTAKE_APPROVED"}
_FALLBACK = {"started": "INTAKE_STARTED", "approved": "INTAKE_COMPLETED"}


class _ProjectTypes(logging.Filter):
    """Drop the serializer's 'unregistered type' notice for this project's own pydantic models only."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record except the notice about a type from tools/memory/graphs/agents."""
        module = str(record.args[0]) if isinstance(record.args, tuple) and record.args else ""
        return not module.startswith(("tools.", "memory.", "graphs.", "agents."))


def quiet_project_types() -> None:
    """Keep the checkpoint serializer's notices about this project's own types out of the terminal chat."""
    logger = logging.getLogger("langgraph.checkpoint.serde.jsonplus")
    if not any(isinstance(f, _ProjectTypes) for f in logger.filters):
        logger.addFilter(_ProjectTypes())


def event_type(kind: str) -> EventType:
    """The event type for an intake step."""
    try:
        return EventType(_EVENT_NAMES[kind])
    except ValueError:
        return EventType(_FALLBACK.get(kind, "INTAKE_ANSWERED"))


def intake_recorder(log: EventLog, tenant: str, thread_id: str, on_error: Callable[[str], None]) -> IntakeEvents:
    """An IntakeEvents hook that writes each step to the event log; a failed write is reported, not hidden."""
    def record(kind: str, payload: dict[str, Any]) -> None:
        """Store one intake step as an event of the thread."""
        subject = payload.get("field")
        try:
            log.record(tenant, event_type(kind), payload={"step": kind, "thread_id": thread_id, **payload},
                       run_id=thread_id, subject_id=str(subject) if subject else None)
        except EventWriteError as exc:
            on_error(f"intake event '{kind}' not stored: {exc}")
    return record


def intake_extractor(settings: Settings, setup: EngineSetup, today: date) -> FieldExtractor | None:
    """The LLM field extractor when the LLM engine is in use; None keeps the deterministic rules."""
    if setup.engine != "llm":
        return None
    from agents.intake_llm import IntakeFields, LLMFieldExtractor
    from agents.models import ModelChain, parse_chain
    from tools.knowledge import default_knowledge
    from tools.planning.channels import channel_catalog

    chain = ModelChain.from_specs(parse_chain(settings.chain_for("intake") or ""),
                                  provider_config(settings, build_cache(settings)), structured=IntakeFields)
    catalog = channel_catalog(default_knowledge().get("channel_catalog"))
    return LLMFieldExtractor(chain=chain, meter=setup.meter, catalog=catalog, today=today)


def section_writer(setup: EngineSetup) -> Any:
    """The engine's writer; offline, one that also honours a reviewer's instruction (emphasis, length)."""
    if setup.writer is not None:
        return setup.writer
    from agents.reviser import InstructedOfflineWriter
    from tools.knowledge import default_knowledge
    from tools.planning.channels import channel_catalog

    return InstructedOfflineWriter(channel_catalog(default_knowledge().get("channel_catalog")))


@dataclass
class ChatSession:
    """One chat thread: the compiled graph on the configured checkpointer, and how to talk to it."""

    graph: CompiledStateGraph[Any, Any, Any, Any]
    settings: Settings
    thread_id: str
    setup: EngineSetup
    pack_key: str
    events: IntakeEvents | None = None
    today: date = field(default_factory=date.today)
    _extractor: FieldExtractor | None = None

    @property
    def config(self) -> dict[str, Any]:
        """Config of this thread's runs (run metadata: graph, pack, brand, tenant)."""
        brand = str(self.fields().get("brand_name", ""))
        return {"configurable": {"thread_id": self.thread_id, "run_id": self.thread_id},
                "max_concurrency": self.settings.max_concurrency,
                "metadata": {"graph": "chat", "pack_key": self.pack_key, "brand": brand,
                             "tenant": self.settings.tenant}}

    def snapshot(self) -> Any:
        """The thread's latest state (with the pack subgraph's state while it is paused)."""
        return self.graph.get_state({"configurable": {"thread_id": self.thread_id}}, subgraphs=True)

    def exists(self) -> bool:
        """True when the thread has been started."""
        snap = self.snapshot()
        return bool(snap.values or snap.next)

    def fields(self) -> dict[str, Any]:
        """Brief values collected so far."""
        return dict(self.snapshot().values.get("fields") or {})

    def context(self) -> ChatContext:
        """The run context for the next turn (dates from the conversation's first day)."""
        values = self.snapshot().values
        today = date.fromisoformat(values["started_on"]) if values.get("started_on") else self.today
        if self._extractor is None:
            self._extractor = intake_extractor(self.settings, self.setup, today)
        brand = str((values.get("fields") or {}).get("brand_name", ""))
        return ChatContext(today=today, max_revisions=self.settings.max_revisions, review=True,
                           tenant=self.settings.tenant, other_brands=known_brands(brand), catalog=default_catalog(),
                           writer=section_writer(self.setup), strategist=self.setup.strategist,
                           rubric=self.setup.rubric,
                           engine=self.setup.engine, extractor=self._extractor, events=self.events)

    def send(self, value: Any, on_section: SectionCallback | None = None) -> None:
        """Start the thread with a first message, resume it with an answer/decision, or (None) continue it."""
        payload: Any = value
        if isinstance(value, str) and not self.exists():
            payload = {"message": value, "pack_key": self.pack_key}
        elif value is not None:
            payload = Command(resume=value)
        # "tasks" events carry each finished node's own writes, also inside the pack subgraph
        parts = self.graph.stream(payload, self.config, context=self.context(),  # type: ignore[call-overload]
                                  stream_mode="tasks", subgraphs=True)
        for namespace, event in parts:
            result = event.get("result") if isinstance(event, dict) else None
            if on_section and namespace and event.get("name") in _PROGRESS_NODES and isinstance(result, dict):
                for section in (result.get("sections") or {}).values():
                    on_section(str(event["name"]), section)

    def pause(self) -> dict[str, Any] | None:
        """What the thread is waiting for (question, conflict, confirm or review payload), or None."""
        snap = self.snapshot()
        return dict(snap.interrupts[0].value) if snap.interrupts else None

    def pack_state(self) -> dict[str, Any]:
        """The pack subgraph's values while it waits for review (empty otherwise)."""
        for task in self.snapshot().tasks:
            if task.name == "write_pack" and task.state is not None and hasattr(task.state, "values"):
                return dict(task.state.values)
        return {}

    def result(self) -> PackResult | None:
        """The approved pack, once the thread has finished."""
        return self.snapshot().values.get("result")

    def sections(self) -> dict[str, SectionResult]:
        """The latest draft of every section (under review or approved)."""
        result = self.result()
        if result is not None:
            return {s.id: s for s in result.sections}
        return dict(self.pack_state().get("sections") or {})

    def draft(self) -> PackResult | None:
        """The approved pack, or the pack under review as a result (for exporting a draft)."""
        result = self.result()
        values = self.pack_state()
        if result is not None or not values.get("sections"):
            return result
        pack = default_catalog().pack(values["pack_key"])
        brief = values.get("brief_model")
        return build_result(pack=pack, brief=brief.model_dump(mode="json") if brief else values.get("brief"),
                            sections=[values["sections"][s] for s in pack.sections if s in values["sections"]],
                            pack_issues=values.get("pack_issues") or [], strategy=values.get("strategy"),
                            thread_id=self.thread_id, run_id=self.thread_id, timings={},
                            clarity=values.get("clarity"), engine=self.setup.engine)


@contextmanager
def open_chat(settings: Settings, thread_id: str, pack_key: str, engine: EngineName | None = None,
              events: IntakeEvents | None = None, today: date | None = None) -> Iterator[ChatSession]:
    """A chat session on the configured checkpointer; raises EngineRefusedError for a refused engine."""
    quiet_project_types()
    setup = resolve_engine(settings, engine)
    with open_checkpointer(sqlite_path=settings.checkpoint_path, database_url=settings.database_url) as saver:
        graph = builder.compile(checkpointer=saver, name="chat")
        yield ChatSession(graph=graph, settings=settings, thread_id=thread_id, setup=setup, pack_key=pack_key,
                          events=events, today=today or date.today())
