"""Budget math: shares that sum to exactly 1 and amounts that sum to exactly the budget."""

from __future__ import annotations


def split_shares(weights: list[float], decimals: int = 2) -> list[float]:
    """Normalise weights to shares rounded to ``decimals`` that sum to exactly 1 (largest remainder)."""
    if not weights:
        return []
    total = sum(weights)
    if total <= 0:
        weights, total = [1.0] * len(weights), float(len(weights))
    unit = 10**decimals
    raw = [w / total * unit for w in weights]
    floors = [int(r) for r in raw]
    remainder = unit - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[:remainder]:
        floors[i] += 1
    return [f / unit for f in floors]


def split_amount(total: float, shares: list[float]) -> list[float]:
    """Amounts in whole currency units that sum to exactly ``total`` (cents kept on the largest line)."""
    if not shares:
        return []
    amounts = [round(total * s) for s in shares]
    drift = round(total - sum(amounts), 2)
    largest = max(range(len(shares)), key=lambda i: shares[i])
    amounts[largest] = round(amounts[largest] + drift, 2)
    return [float(a) for a in amounts]


def campaign_budget(amount: float, period: str, days: int) -> float:
    """The budget over the whole campaign: a monthly budget runs for the campaign's months."""
    if period == "monthly":
        months = max(1, round(days / 30))
        return round(amount * months, 2)
    return round(amount, 2)
