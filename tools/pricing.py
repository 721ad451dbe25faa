"""Token prices (USD per million tokens) and cost arithmetic; the table can be overridden from settings."""

from __future__ import annotations

from collections.abc import Mapping

# Public list prices, USD per 1M tokens (input, output). Local models cost nothing per token.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "openai:gpt-4.1": (2.00, 8.00),
    "openai:gpt-4.1-mini": (0.40, 1.60),
    "openai:gpt-4.1-nano": (0.10, 0.40),
    "openai:gpt-4o": (2.50, 10.00),
    "openai:gpt-4o-mini": (0.15, 0.60),
    "anthropic:claude-3-5-haiku-latest": (0.80, 4.00),
    "anthropic:claude-sonnet-4-0": (3.00, 15.00),
    "perplexity:sonar": (1.00, 1.00),
    "perplexity:sonar-pro": (3.00, 15.00),
}


def price_for(label: str, table: Mapping[str, tuple[float, float]] | None = None) -> tuple[float, float]:
    """(input, output) USD per 1M tokens for 'provider:model'; local models and unknown ones cost 0."""
    prices = {**DEFAULT_PRICES, **(table or {})}
    if label.startswith("local:"):
        return prices.get(label, (0.0, 0.0))
    return prices.get(label, (0.0, 0.0))


def cost_usd(label: str, input_tokens: int, output_tokens: int,
             table: Mapping[str, tuple[float, float]] | None = None) -> float:
    """Cost of one call in USD, rounded to a millionth of a dollar."""
    price_in, price_out = price_for(label, table)
    return round((input_tokens * price_in + output_tokens * price_out) / 1_000_000, 6)
