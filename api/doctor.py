"""`aicmo doctor`: live health of every configured provider, the checkpointer and the local stores."""

from __future__ import annotations

import time
from dataclasses import dataclass

from langchain_core.messages import HumanMessage

from agents.models import ChainFailedError, ModelChain, ModelConfigError, parse_chain
from api.engine import provider_config
from api.settings import Settings
from memory.checkpointer import open_checkpointer


@dataclass(frozen=True)
class Probe:
    """One health check: what was probed, whether it works, how fast, and details."""

    name: str
    ok: bool
    latency_ms: float
    detail: str


def probe_providers(settings: Settings) -> list[Probe]:
    """A tiny live call to each provider of the copywriter chain (no cache), one provider at a time."""
    chain_text = settings.chain_for("copywriter")
    if not chain_text:
        return [Probe("llm chain", True, 0.0, "no provider configured: packs use the offline engine")]
    try:
        specs = parse_chain(chain_text)
    except ModelConfigError as exc:
        return [Probe("llm chain", False, 0.0, str(exc))]
    cfg = provider_config(settings, cache=None)
    probes = []
    for spec in specs:
        started = time.perf_counter()
        try:
            chain = ModelChain.from_specs([spec], cfg.__class__(**{**cfg.__dict__, "max_tokens": 8, "retries": 0}))
            reply = chain.invoke([HumanMessage("Reply with the single word: ready")])
            detail = f"answered {str(reply.message.content).strip()[:40]!r} as {spec.label}"
            probes.append(Probe(spec.label, True, (time.perf_counter() - started) * 1000, detail))
        except (ModelConfigError, ChainFailedError) as exc:
            probes.append(Probe(spec.label, False, (time.perf_counter() - started) * 1000, str(exc)))
    return probes


def probe_checkpointer(settings: Settings) -> Probe:
    """Open the checkpointer and list nothing, to prove the database answers."""
    started = time.perf_counter()
    target = "PostgreSQL" if settings.database_url else f"SQLite {settings.checkpoint_path}"
    try:
        with open_checkpointer(sqlite_path=settings.checkpoint_path, database_url=settings.database_url) as saver:
            next(iter(saver.list(None, limit=1)), None)
    except (OSError, RuntimeError, ValueError) as exc:
        return Probe("checkpointer", False, (time.perf_counter() - started) * 1000, f"{target}: {exc}")
    return Probe("checkpointer", True, (time.perf_counter() - started) * 1000, target)


def run_doctor(settings: Settings) -> list[Probe]:
    """Every probe, in the order they are shown."""
    return [*probe_providers(settings), probe_checkpointer(settings)]


def chain_usable(probes: list[Probe], settings: Settings) -> bool:
    """The chain is usable when no provider is configured (offline) or at least one provider answered."""
    provider_probes = [p for p in probes if p.name not in {"checkpointer", "llm chain"}]
    if not settings.chain_for("copywriter"):
        return True
    return any(p.ok for p in provider_probes)
