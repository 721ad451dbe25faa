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
    """Amounts in whole currency units that sum to exactly ``total`` (any cents go on the largest line)."""
    if not shares:
        return []
    cents = round(total * 100)
    step = 100 if total >= 50 * len(shares) else 1  # whole units unless the budget is tiny
    amounts = [round(cents * s / step) * step for s in shares]
    largest = max(range(len(shares)), key=lambda i: shares[i])
    amounts[largest] += cents - sum(amounts)
    return [a / 100 for a in amounts]


AVERAGE_MONTH_DAYS = 30.44


def campaign_months(days: int) -> float:
    """Months a campaign of ``days`` runs: whole or half months from four weeks on, exact below."""
    if days < 28:
        return days / 30
    return max(1.0, round(days / AVERAGE_MONTH_DAYS * 2) / 2)


def campaign_budget(amount: float, period: str, days: int) -> float:
    """The budget over the whole campaign: a monthly budget runs for the campaign's months."""
    if period == "monthly":
        return round(amount * campaign_months(days), 2)
    return round(amount, 2)
