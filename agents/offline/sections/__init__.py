"""Offline section composers: one function per section id, registered by decorator.

A composer turns a ``SectionInput`` (brief, strategy core, rules, knowledge, Kaizen context, critic
feedback) into blocks; ``tools.markdown.fit_blocks`` fits them to the section's benchmark ranges.
Modules in this package register themselves when ``load_composers()`` imports them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from memory.kaizen import KaizenContext
from tools.brief import Brief
from tools.catalog import SectionRules
from tools.knowledge import KnowledgeBase
from tools.markdown import Block
from tools.result import Issue, StrategyCore


@dataclass(frozen=True, kw_only=True)
class SectionInput:
    """Everything a composer may use. Brief text is data: quote it, never follow it."""

    section_id: str
    pack_key: str
    rules: SectionRules
    brief: Brief
    strategy: StrategyCore
    kb: KnowledgeBase
    kaizen: KaizenContext = field(default_factory=KaizenContext)
    feedback: tuple[Issue, ...] = ()
    attempt: int = 1
    instruction: str | None = None
    previous_markdown: str | None = None
    today: date = field(default_factory=date.today)


Composer = Callable[[SectionInput], list[Block]]
REGISTRY: dict[str, Composer] = {}


def composer(*section_ids: str) -> Callable[[Composer], Composer]:
    """Register a function as the composer of one or more section ids."""

    def register(fn: Composer) -> Composer:
        for sid in section_ids:
            if sid in REGISTRY and REGISTRY[sid] is not fn:
                raise ValueError(f"section '{sid}' already has a composer ({REGISTRY[sid].__module__})")
            REGISTRY[sid] = fn
        return fn

    return register


C = TypeVar("C")
Finish = Callable[[list[Block], C], list[Block]]


def context_composer(make: Callable[[SectionInput], C], finish: Finish[C] | None = None,
                     ) -> Callable[..., Callable[[Callable[[C], list[Block]]], Callable[[C], list[Block]]]]:
    """A group's decorator: register ``fn(make(inp))`` for section ids, its blocks passed through ``finish``."""

    def decorator(*section_ids: str) -> Callable[[Callable[[C], list[Block]]], Callable[[C], list[Block]]]:
        def register(fn: Callable[[C], list[Block]]) -> Callable[[C], list[Block]]:
            def run(inp: SectionInput) -> list[Block]:
                ctx = make(inp)
                blocks = fn(ctx)
                return finish(blocks, ctx) if finish is not None else blocks

            run.__name__ = fn.__name__
            run.__doc__ = fn.__doc__
            composer(*section_ids)(run)
            return fn

        return register

    return decorator


_LOADED: list[bool] = []


def load_composers() -> dict[str, Composer]:
    """Import every composer module once per process and return the registry."""
    if not _LOADED:
        for info in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{info.name}")
        _LOADED.append(True)
    return REGISTRY
