"""Scorecard charts drawn with matplotlib's Agg canvas and returned as base64 PNG (no GUI, no global backend)."""

from __future__ import annotations

import base64
import io
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

_BLUE, _LIGHT, _RED, _GREY = "#2f6db5", "#a9c8ea", "#c0392b", "#7f8c8d"


def _png(fig: Figure) -> str:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def evaluator_chart(summary: dict[str, dict[str, Any]]) -> str:
    """Mean per evaluator (bars), worst example (dots) and the mean floor (red ticks)."""
    keys = list(summary)
    fig = Figure(figsize=(7.5, 0.5 + 0.45 * max(len(keys), 1)))
    ax = fig.add_subplot()
    ys = range(len(keys))
    ax.barh(list(ys), [summary[k]["mean"] for k in keys], color=_BLUE, label="mean")
    ax.scatter([summary[k]["min"] for k in keys], list(ys), color=_GREY, zorder=3, label="worst example")
    floors = [(i, (summary[k].get("threshold") or {}).get("mean")) for i, k in enumerate(keys)]
    for i, floor in floors:
        if floor is not None:
            ax.plot([floor, floor], [i - 0.4, i + 0.4], color=_RED, linewidth=2)
    ax.set_yticks(list(ys), keys)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("score (1 = best); red tick = mean floor")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8, frameon=False)
    return _png(fig)


def group_chart(groups: dict[str, dict[str, float]], keys: list[str]) -> str:
    """Heat map of mean scores: one row per group (pack), one column per evaluator."""
    names = list(groups)
    grid = [[groups[g].get(k, float("nan")) for k in keys] for g in names]
    fig = Figure(figsize=(1.2 + 1.0 * max(len(keys), 1), 0.8 + 0.38 * max(len(names), 1)))
    ax = fig.add_subplot()
    image = ax.imshow(grid, vmin=0, vmax=1, cmap="RdYlGn", aspect="auto")
    ax.set_xticks(range(len(keys)), keys, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value == value:  # not NaN
                ax.text(c, r, f"{value:.2f}", ha="center", va="center", fontsize=7)
    fig.colorbar(image, ax=ax, fraction=0.03)
    return _png(fig)


def section_chart(sections: dict[str, dict[str, Any]]) -> str:
    """Gate pass rate per section id, its specificity score, and the mean LLM rubric (0-1) when sections carry one."""
    names = list(sections)
    fig = Figure(figsize=(7.5, 0.6 + 0.26 * max(len(names), 1)))
    ax = fig.add_subplot()
    ys = list(range(len(names)))
    ax.barh(ys, [sections[n]["gate_pass"] for n in names], color=_LIGHT, label="gate pass rate")
    specific = [(i, v) for i, n in enumerate(names) if (v := sections[n].get("specificity")) is not None]
    if specific:
        ax.scatter([v for _, v in specific], [i for i, _ in specific], color="#1b1b1b", marker="D", s=14, zorder=3,
                   label="specificity score")
    rubric = [(i, (sections[n]["rubric"] - 1) / 4) for i, n in enumerate(names) if sections[n]["rubric"] is not None]
    if rubric:
        ax.scatter([v for _, v in rubric], [i for i, _ in rubric], color=_RED, zorder=3, label="LLM rubric (0-1)")
    ax.set_yticks(ys, names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)
    return _png(fig)
