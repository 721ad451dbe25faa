"""Errors shared by the agents, importable without loading any provider SDK."""

from __future__ import annotations

from dataclasses import dataclass


class ModelConfigError(ValueError):
    """A model string, key or URL is wrong: fix the configuration (never retried)."""


@dataclass(frozen=True)
class ProviderFailure:
    """One provider that did not answer, and why."""

    label: str
    reason: str


class ChainFailedError(RuntimeError):
    """Every provider of the chain failed; ``failures`` names each one and why."""

    def __init__(self, failures: list[ProviderFailure]):
        self.failures = failures
        super().__init__("; ".join(f"{f.label}: {f.reason}" for f in failures) or "no provider configured")


class BudgetExceededError(RuntimeError):
    """The run hit AICMO_MAX_COST_USD or AICMO_MAX_TOKENS; no further model calls are made."""
