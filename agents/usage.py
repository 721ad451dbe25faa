"""A per-run usage meter: tokens, cost and cache hits per call, section and run, with hard caps."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from agents.errors import BudgetExceededError
from agents.models import ChainReply
from tools.pricing import cost_usd
from tools.result import Usage, add_usage

__all__ = ["BudgetExceededError", "UsageMeter"]


@dataclass
class UsageMeter:
    """Thread-safe accumulator shared by every node of one run."""

    max_cost_usd: float | None = None
    max_tokens: int | None = None
    prices: Mapping[str, tuple[float, float]] | None = None
    total: Usage = field(default_factory=Usage)
    by_section: dict[str, Usage] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def check(self) -> None:
        """Refuse a new call once a cap has been reached."""
        with self._lock:
            tokens = self.total.input_tokens + self.total.output_tokens
            if self.max_tokens is not None and tokens >= self.max_tokens:
                raise BudgetExceededError(f"token cap reached: {tokens} >= AICMO_MAX_TOKENS={self.max_tokens}")
            if self.max_cost_usd is not None and self.total.cost_usd >= self.max_cost_usd:
                raise BudgetExceededError(
                    f"cost cap reached: ${self.total.cost_usd:.4f} >= AICMO_MAX_COST_USD={self.max_cost_usd}")

    def record(self, reply: ChainReply, key: str) -> Usage:
        """Add one call to the run and to ``key`` (a section id or 'strategy'); return the call's usage."""
        label = f"{reply.provider}:{reply.model}"
        call = Usage(llm_calls=1, input_tokens=reply.input_tokens, output_tokens=reply.output_tokens,
                     cost_usd=0.0 if reply.cache_hit else cost_usd(label, reply.input_tokens, reply.output_tokens,
                                                                   self.prices),
                     cache_hits=int(reply.cache_hit))
        with self._lock:
            self.total = add_usage(self.total, call)
            self.by_section[key] = add_usage(self.by_section.get(key, Usage()), call)
        return call
