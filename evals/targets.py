"""Targets: what each dataset evaluates, called as ``target(inputs) -> outputs`` (the LangSmith target shape).

Each factory imports its subsystem when called and raises SubsystemMissing when that part of AICMO is not in
this checkout, so the runner can skip the dataset with a clear message instead of failing on an import.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

Target = Callable[[dict[str, Any]], dict[str, Any]]
MAX_TURNS = 40  # bounds a simulated conversation that never reaches the summary


class SubsystemMissing(RuntimeError):
    """The subsystem a dataset evaluates is not available in this checkout."""


def require(*modules: str, subsystem: str) -> None:
    """Import ``modules`` or raise SubsystemMissing naming the subsystem and the first missing module."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise SubsystemMissing(f"{subsystem} is not available ({name}: {exc})") from None


def _today(inputs: dict[str, Any]) -> date | None:
    return date.fromisoformat(inputs["today"]) if inputs.get("today") else None


@contextmanager
def pack_target(settings: Any, engine: str) -> Iterator[Target]:
    """Write the example's pack with the pack graph (one compiled graph for the whole dataset)."""
    from api.runner import compiled_pack_graph, run_pack

    with compiled_pack_graph(settings) as graph:
        def target(inputs: dict[str, Any]) -> dict[str, Any]:
            result = run_pack(graph, brief=inputs["brief"], pack_key=inputs["pack_key"], settings=settings,
                              today=_today(inputs), engine=engine)  # type: ignore[arg-type]
            return {"pack": result.model_dump(mode="json"), "run_id": result.run_id}

        yield target


def leads_target() -> Target:
    """Score, qualify and route one lead against a campaign's ICP and rules (spec/cam.md)."""
    require("tools.leads.scoring", "tools.leads.qualification", "tools.leads.routing", subsystem="the lead pipeline")
    from tools.leads.campaign import ICP, Rules
    from tools.leads.qualification import qualify
    from tools.leads.records import LeadRecord
    from tools.leads.routing import route_lead
    from tools.leads.scoring import score_lead

    def target(inputs: dict[str, Any]) -> dict[str, Any]:
        lead = LeadRecord.model_validate(inputs["lead"])
        campaign = inputs.get("campaign") or {}
        icp, rules = ICP.model_validate(campaign.get("icp") or {}), Rules.model_validate(campaign.get("rules") or {})
        scored = score_lead(lead, icp, rules)
        verdict = qualify(scored.score, lead.email, lead.enrichment, rules)
        route = route_lead(scored.score, lead.enrichment, rules) if verdict.verdict == "QUALIFIED" else None
        return {"score": scored.score, "tier": scored.tier, "qualification": verdict.verdict,
                "reasons": verdict.reasons, "route": route.sequence if route else None,
                "effective_score": route.effective_score if route else None}

    return target


def _mix_summary(strategy: Any) -> dict[str, Any]:
    return {"channel_mix": [{"channel": c.channel, "budget_share": c.budget_share} for c in strategy.channel_mix],
            "themes": [e.theme for e in strategy.calendar if e.pillar != "Event"]}


@contextmanager
def kaizen_target(workdir: Path) -> Iterator[Target]:
    """Plan a strategy before and after the example's performance data is imported for a fresh tenant."""
    require("memory.kaizen_builder", "memory.performance_store", "agents.kaizen", "memory.migrations",
            subsystem="the learning loop")
    from agents.kaizen import apply_kaizen
    from agents.strategist import plan_strategy
    from memory.db import make_engine, session_factory
    from memory.kaizen import KaizenContext
    from memory.kaizen_builder import KaizenBuilder
    from memory.migrations import upgrade
    from memory.performance import channel_namer, parse_records
    from memory.performance_store import PerformanceStore
    from tools.brief import parse_brief
    from tools.knowledge import default_knowledge
    from tools.planning.channels import channel_catalog

    url = f"sqlite:///{workdir / f'kaizen-{uuid.uuid4().hex[:8]}.db'}"
    upgrade(url)
    engine = make_engine(url)
    sessions, kb = session_factory(engine), default_knowledge()
    platforms = channel_catalog(kb.get("channel_catalog"))

    def target(inputs: dict[str, Any]) -> dict[str, Any]:
        brief, today = parse_brief(inputs["brief"]), _today(inputs) or date.today()
        before, _ = apply_kaizen(plan_strategy(brief, kb, KaizenContext(), today), KaizenContext(),
                                 brief.avoid_platforms)
        parsed = parse_records(enumerate(inputs["performance"], start=1), channel_namer())
        if parsed.errors:
            raise ValueError(f"performance rows rejected: {parsed.errors[:3]}")
        tenant = f"eval-{uuid.uuid4().hex[:12]}"  # a fresh tenant: nothing learned before this example
        PerformanceStore(sessions).import_rows(tenant, parsed)
        learned = KaizenBuilder(sessions, None, known_platforms=platforms)(tenant, brief.industry)
        after, notes = apply_kaizen(plan_strategy(brief, kb, learned, today), learned, brief.avoid_platforms)
        return {"kaizen": learned.model_dump(mode="json"), "before": _mix_summary(before),
                "after": _mix_summary(after), "notes": notes}

    try:
        yield target
    finally:
        engine.dispose()


@contextmanager
def intake_target() -> Iterator[Target]:
    """Drive the chat intake graph with a simulated person until the brief is handed to the pack graph."""
    require("graphs.intake", "agents.intake", subsystem="the chat intake graph")
    from langchain_core.runnables import RunnableConfig
    from langgraph.checkpoint.memory import InMemorySaver

    from graphs.intake import builder
    from graphs.intake_context import ChatContext

    graph = builder.compile(checkpointer=InMemorySaver(), interrupt_before=["write_pack"], name="chat-eval")

    def target(inputs: dict[str, Any]) -> dict[str, Any]:
        config = RunnableConfig(configurable={"thread_id": str(uuid.uuid4())})
        context = ChatContext(today=_today(inputs) or date.today())
        answers: dict[str, Any] = dict(inputs.get("answers") or {})
        transcript: list[dict[str, str]] = []
        payload: Any = {"message": inputs["opening"], "pack_key": inputs.get("pack_key", "quick_social_basic")}
        for _ in range(MAX_TURNS):
            graph.invoke(payload, config=config, context=context)  # type: ignore[call-overload]
            state = graph.get_state(config)
            asks = [i.value for t in state.tasks for i in t.interrupts]
            if not asks:
                return {"brief": state.values.get("brief") or {}, "transcript": transcript,
                        "handed_off": "write_pack" in state.next}
            reply = simulated_reply(asks[0], answers)
            transcript += [{"role": "assistant", "text": str(asks[0].get("question", ""))},
                           {"role": "user", "text": reply}]
            payload = command(reply)
        return {"brief": {}, "transcript": transcript, "handed_off": False}

    yield target


def simulated_reply(ask: dict[str, Any], answers: dict[str, Any]) -> str:
    """The simulated person's reply: the scripted answer for the asked field (each used once), else 'skip'."""
    if ask.get("kind") == "confirm" or ask.get("type") == "confirm":
        return str(answers.pop("confirm", "yes"))
    key = f"conflict:{ask.get('field')}" if ask.get("kind") == "conflict" else str(ask.get("field"))
    scripted = answers.get(key)
    if isinstance(scripted, list):
        return str(scripted.pop(0)) if scripted else "skip"
    if scripted is not None:
        answers.pop(key)
        return str(scripted)
    return "skip"


def command(reply: str) -> Any:
    """A resume command carrying the person's reply."""
    from langgraph.types import Command

    return Command(resume=reply)
