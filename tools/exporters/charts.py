"""Headless charts from the strategy core: budget split, funnel stages and calendar density by week."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from tools.planning.funnel import money
from tools.result import StrategyCore

FUNNEL_ORDER = ("Awareness", "Consideration", "Conversion", "Retention", "Advocacy")
_PALETTE = ("#3D5A80", "#98C1D9", "#EE6C4D", "#293241", "#6A994E", "#BC4749", "#F2CC8F", "#81B29A")
DPI = 130


@dataclass(frozen=True)
class Chart:
    """One rendered chart: a stable key, a title, PNG bytes and alt text."""

    key: str
    title: str
    png: bytes
    alt: str
    width_px: int
    height_px: int


@dataclass(frozen=True)
class ChartSet:
    """The charts of a pack plus notes that stand in where a chart would mislead."""

    charts: tuple[Chart, ...]
    notes: tuple[str, ...]

    def get(self, key: str) -> Chart | None:
        """The chart with this key, if it was drawn."""
        return next((c for c in self.charts if c.key == key), None)


def _label(text: str) -> str:
    """Text safe from matplotlib's mathtext ('$' would start a formula)."""
    return text.replace("$", r"\$")


def _colours(primary: str, accent: str, n: int) -> list[str]:
    base = [primary, accent, *_PALETTE]
    return [base[i % len(base)] for i in range(n)]


def _render(fig: Figure, key: str, title: str, alt: str) -> Chart:
    fig.tight_layout()
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer, pil_kwargs={"compress_level": 3})
    width, height = (int(v * DPI) for v in fig.get_size_inches())
    return Chart(key=key, title=title, png=buffer.getvalue(), alt=alt, width_px=width, height_px=height)


def _figure(height: float) -> Figure:
    fig = Figure(figsize=(7.5, height), dpi=DPI)
    fig.patch.set_facecolor("white")
    return fig


def _hbars(labels: list[str], values: Sequence[float], texts: list[str], colours: list[str], height: float,
           xlabel: str) -> Figure:
    fig = _figure(height)
    ax = fig.add_subplot(1, 1, 1)
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=colours, height=0.6)
    ax.set_yticks(positions, [_label(x) for x in labels])
    peak = max(values) or 1
    for y, value, text in zip(positions, values, texts, strict=True):
        ax.text(value + peak * 0.01, y, _label(text), va="center", fontsize=9)
    ax.set_xlim(0, peak * 1.3)
    ax.set_xlabel(_label(xlabel))
    if all(float(v).is_integer() for v in values):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def budget_chart(strategy: StrategyCore, primary: str, accent: str) -> Chart | None:
    """Budget split by channel (amount and share); None when there is no paid budget."""
    rows = [c for c in strategy.channel_mix if c.budget_amount > 0]
    if strategy.budget_total <= 0 or not rows:
        return None
    rows.sort(key=lambda c: -c.budget_amount)
    fig = _hbars([c.channel for c in rows], [c.budget_amount for c in rows],
                 [f"{money(c.budget_amount, strategy.currency)} ({c.budget_share:.0%})" for c in rows],
                 _colours(primary, accent, len(rows)), 0.9 + 0.42 * len(rows), f"Budget ({strategy.currency})")
    total = money(strategy.budget_total, strategy.currency)
    title = "Budget split by channel"
    alt = f"{title}: total {total}; " + "; ".join(
        f"{c.channel} {money(c.budget_amount, strategy.currency)} ({c.budget_share:.0%})" for c in rows)
    return _render(fig, "budget", title, alt)


def effort_chart(strategy: StrategyCore, primary: str, accent: str) -> Chart | None:
    """Share of calendar effort by channel, for organic-only packs; None without calendar entries."""
    counts = Counter(entry.channel for entry in strategy.calendar)
    if not counts:
        return None
    total = sum(counts.values())
    ordered = counts.most_common()
    fig = _hbars([name for name, _ in ordered], [100 * n / total for _, n in ordered],
                 [f"{n / total:.0%} ({n} items)" for _, n in ordered], _colours(primary, accent, len(ordered)),
                 0.9 + 0.42 * len(ordered), "Share of calendar items (%)")
    title = "Effort share by channel (organic only)"
    alt = f"{title}: " + "; ".join(f"{name} {n / total:.0%}" for name, n in ordered)
    return _render(fig, "effort", title, alt)


def funnel_chart(strategy: StrategyCore, primary: str, accent: str) -> Chart | None:
    """Calendar items per funnel stage, in funnel order; None without stages."""
    counts = Counter(entry.stage for entry in strategy.calendar) or Counter(c.stage for c in strategy.channel_mix)
    if not counts:
        return None
    stages = [s for s in FUNNEL_ORDER if s in counts] + sorted(s for s in counts if s not in FUNNEL_ORDER)
    values = [counts[s] for s in stages]
    total = sum(values)
    fig = _hbars(stages, values, [f"{v} ({v / total:.0%})" for v in values],
                 _colours(primary, accent, len(stages)), 0.9 + 0.45 * len(stages), "")
    unit = "calendar items" if strategy.calendar else "channels"
    title = f"Funnel stages ({unit} per stage)"
    alt = f"{title}: " + "; ".join(f"{s} {v}" for s, v in zip(stages, values, strict=True))
    return _render(fig, "funnel", title, alt)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def calendar_chart(strategy: StrategyCore, primary: str) -> Chart | None:
    """Calendar items per week across the campaign window; None without calendar entries."""
    if not strategy.calendar:
        return None
    first = _week_start(min(strategy.timeline.start, *(e.date for e in strategy.calendar)))
    last = _week_start(max(strategy.timeline.end, *(e.date for e in strategy.calendar)))
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    counts = Counter(_week_start(e.date) for e in strategy.calendar)
    values = [counts.get(w, 0) for w in weeks]
    fig = _figure(2.8)
    ax = fig.add_subplot(1, 1, 1)
    ax.bar(range(len(weeks)), values, color=primary, width=0.7)
    step = max(1, len(weeks) // 12)
    ticks = list(range(0, len(weeks), step))
    ax.set_xticks(ticks, [f"W{i + 1}\n{weeks[i]:%d %b}" for i in ticks], fontsize=8)
    ax.set_ylabel("Items")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    title = "Calendar density by week"
    busiest = max(range(len(weeks)), key=values.__getitem__)
    alt = (f"{title}: {sum(values)} items over {len(weeks)} weeks; busiest week W{busiest + 1} "
           f"({weeks[busiest]:%d %b %Y}) with {values[busiest]}")
    return _render(fig, "calendar", title, alt)


def build_charts(strategy: StrategyCore | None, primary: str, accent: str) -> ChartSet:
    """Every chart the strategy supports, with honest notes where one cannot be drawn."""
    if strategy is None:
        return ChartSet(charts=(), notes=("No strategy core was produced, so there are no charts.",))
    notes: list[str] = []
    money_chart = budget_chart(strategy, primary, accent)
    if money_chart is None:
        notes.append("Organic only: this plan has no paid budget, so effort is shown by share of calendar items.")
        money_chart = effort_chart(strategy, primary, accent)
        if money_chart is None:
            notes.append("The calendar has no dated items yet, so there is no effort chart.")
    charts = [money_chart, funnel_chart(strategy, primary, accent), calendar_chart(strategy, primary)]
    return ChartSet(charts=tuple(c for c in charts if c is not None), notes=tuple(notes))
