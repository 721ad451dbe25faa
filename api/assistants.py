"""The assistants the API serves (pack, intake, leads): graphs compiled once, and a run context per request."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph
from pydantic import BaseModel, ConfigDict, Field

from api.engine import EngineSetup, resolve_engine
from api.runner import known_brands
from api.settings import Settings
from memory.db import SessionFactory
from memory.events import EventLog
from memory.runs import record_pack_run
from tools.catalog import default_catalog
from tools.result import PackResult

log = logging.getLogger(__name__)


class EngineUnavailableError(RuntimeError):
    """The configured engine cannot write (e.g. the LLM engine was asked for with no provider)."""


class PackOptions(BaseModel):
    """Run context a client may set for the pack and intake assistants."""

    model_config = ConfigDict(extra="forbid")

    review: bool = Field(default=False, description="Pause after assembly for approve / regenerate / replace.")
    strict: bool = Field(default=False, description="Refuse a vague brief.")
    today: date | None = Field(default=None, description="Plan as if today were this date.")
    max_revisions: int | None = Field(default=None, ge=0, le=10, description="Critic revision rounds.")
    engine: Literal["auto", "llm", "offline"] | None = Field(default=None, description="Who writes the words.")


class NoOptions(BaseModel):
    """The assistant takes no run context."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class ContextRequest:
    """What a context factory knows about the run it builds for."""

    tenant: str
    thread_id: str
    options: Any
    values: dict[str, Any]
    input: Any


@dataclass
class Assistant:
    """One served graph."""

    assistant_id: str
    name: str
    description: str
    graph: CompiledStateGraph[Any, Any, Any, Any]
    make_context: Callable[[ContextRequest], Any]
    options: type[BaseModel] = NoOptions
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def describe(self) -> dict[str, Any]:
        """The Assistant object of the API."""
        return {"assistant_id": self.assistant_id, "graph_id": self.assistant_id, "name": self.name,
                "description": self.description, "config": {}, "context": {}, "metadata": {"created_by": "system"},
                "version": 1, "created_at": self.created_at.isoformat(), "updated_at": self.created_at.isoformat()}


class PackContexts:
    """Build PackContext (or the intake's ChatContext) per run from settings, tenant and the request's options."""

    def __init__(self, settings: Settings, sessions: SessionFactory) -> None:
        self.settings = settings
        self.sessions = sessions
        self.brands = known_brands("")
        self.catalog = default_catalog()

    def engine(self, options: PackOptions) -> EngineSetup:
        """The engine for one run; raises EngineUnavailableError (or EngineRefusedError) when it cannot write."""
        setup = resolve_engine(self.settings, options.engine)
        if setup.unavailable:
            raise EngineUnavailableError(setup.unavailable)
        return setup

    def common(self, req: ContextRequest, brand: str, setup: EngineSetup, today: date) -> dict[str, Any]:
        """PackContext fields shared by the pack and intake assistants."""
        options: PackOptions = req.options
        others = tuple(b for b in self.brands if b.casefold() != brand.casefold())
        return {"today": today, "strict": options.strict, "review": options.review, "tenant": req.tenant,
                "max_revisions": self.settings.max_revisions if options.max_revisions is None
                else options.max_revisions, "other_brands": others, "catalog": self.catalog,
                "writer": setup.writer, "strategist": setup.strategist, "rubric": setup.rubric,
                "engine": setup.engine, "sink": self.sink(req.tenant)}

    def sink(self, tenant: str) -> Callable[[PackResult], None]:
        """Record each finished pack (summary row and events) for the tenant."""
        def store(result: PackResult) -> None:
            industry = result.brief.get("industry") if isinstance(result.brief, dict) else None
            record_pack_run(self.sessions, tenant, result, str(industry) if industry else None)
        return store

    def pack(self, req: ContextRequest) -> Any:
        """The pack graph's context."""
        from graphs.context import PackContext

        brief = req.input.get("brief") if isinstance(req.input, dict) else req.values.get("brief")
        brand = str(brief.get("brand_name", "")) if isinstance(brief, dict) else ""
        setup = self.engine(req.options)
        return PackContext(**self.common(req, brand, setup, req.options.today or date.today()))

    def intake(self, req: ContextRequest) -> Any:
        """The intake graph's context: the pack's, plus the extractor and the intake event recorder."""
        from api.chat import intake_extractor, intake_recorder
        from graphs.intake_context import ChatContext

        started = req.values.get("started_on")
        today = date.fromisoformat(started) if started else (req.options.today or date.today())
        brand = str((req.values.get("fields") or {}).get("brand_name", ""))
        setup = self.engine(req.options)
        events = intake_recorder(EventLog(self.sessions), req.tenant, req.thread_id, log.warning)
        return ChatContext(**self.common(req, brand, setup, today), extractor=intake_extractor(
            self.settings, setup, today), events=events)


def _optional(module: str) -> Any | None:
    """A graph module when it is present in this build (graphs land independently)."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


def build_assistants(settings: Settings, saver: BaseCheckpointSaver, sessions: SessionFactory,
                     leads_context: Callable[[ContextRequest], Any] | None = None) -> dict[str, Assistant]:
    """Compile every available graph once with the checkpointer."""
    from graphs.pack import builder as pack_builder

    contexts = PackContexts(settings, sessions)
    found = {"pack": Assistant("pack", "Marketing pack", "Brief + pack key -> the agency pack (result under "
                               "'result'); context.review pauses for approve/regenerate/replace.",
                               pack_builder.compile(checkpointer=saver, name="pack"), contexts.pack, PackOptions)}
    intake = _optional("graphs.intake")
    if intake is not None:
        found["intake"] = Assistant("intake", "Brief intake chat", "A conversation that becomes a brief, then "
                                    "the pack: start with {message, pack_key}, answer each question by resuming.",
                                    intake.builder.compile(checkpointer=saver, name="intake"), contexts.intake,
                                    PackOptions)
    leads = _optional("graphs.leads")
    if leads is not None and leads_context is not None:
        found["leads"] = Assistant("leads", "Lead pipeline", "Run a campaign's lead pipeline: {campaign}.",
                                   leads.builder.compile(checkpointer=saver, name="leads"), leads_context)
    return found
