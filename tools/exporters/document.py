"""One prepared document every exporter renders: cover, parsed sections, charts and strategy tables."""

from __future__ import annotations

from dataclasses import dataclass

from tools.exporters.branding import Branding, Cover, cover_for, resolve_branding
from tools.exporters.charts import ChartSet, build_charts
from tools.exporters.markdown_parse import Block, clean_text, key_points, parse_blocks
from tools.planning.funnel import money
from tools.result import PackResult, StrategyCore

GLANCE_TITLE = "Plan at a glance"
CALENDAR_TITLE = "Campaign calendar"
CONTENTS_TITLE = "Contents"


@dataclass(frozen=True)
class TableData:
    """A titled table of plain-text cells."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SectionDoc:
    """A section ready to render: its blocks and the key points a slide shows."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    points: tuple[str, ...]


@dataclass(frozen=True)
class ExportDoc:
    """Everything the exporters need, computed once per export."""

    result: PackResult
    branding: Branding
    cover: Cover
    sections: tuple[SectionDoc, ...]
    charts: ChartSet
    facts: tuple[tuple[str, str], ...]
    channels: TableData | None
    kpis: TableData | None
    calendar: TableData | None

    @property
    def brand(self) -> str:
        """The client's name, exact spelling."""
        return self.cover.brand

    @property
    def agenda(self) -> list[str]:
        """Section titles in pack order."""
        return [s.title for s in self.sections]


def _facts(strategy: StrategyCore | None) -> tuple[tuple[str, str], ...]:
    if strategy is None:
        return ()
    budget = (money(strategy.budget_total, strategy.currency) if strategy.budget_total > 0
              else "Organic only (no paid budget)")
    window = f"{strategy.timeline.start:%d %b %Y} to {strategy.timeline.end:%d %b %Y} ({strategy.timeline.days} days)"
    return (("Positioning", clean_text(strategy.positioning)), ("Big idea", clean_text(strategy.big_idea)),
            ("Campaign window", window), ("Budget", budget))


def _channels(strategy: StrategyCore | None) -> TableData | None:
    if strategy is None or not strategy.channel_mix:
        return None
    paid = strategy.budget_total > 0
    rows = tuple((clean_text(c.channel), clean_text(c.role), clean_text(c.stage), f"{c.budget_share:.0%}",
                  money(c.budget_amount, strategy.currency) if paid else "organic") for c in strategy.channel_mix)
    return TableData("Channel mix", ("Channel", "Role", "Stage", "Share", "Budget"), rows)


def _kpis(strategy: StrategyCore | None) -> TableData | None:
    if strategy is None or not strategy.kpi_targets:
        return None
    rows = tuple((clean_text(k.kpi), clean_text(k.target), f"{k.by:%d %b %Y}") for k in strategy.kpi_targets)
    return TableData("KPI targets", ("KPI", "Target", "By"), rows)


def _calendar(strategy: StrategyCore | None) -> TableData | None:
    if strategy is None or not strategy.calendar:
        return None
    entries = sorted(strategy.calendar, key=lambda e: (e.date, e.channel))
    rows = tuple((f"{e.date:%a %d %b %Y}", clean_text(e.channel), clean_text(e.stage), clean_text(e.theme),
                  clean_text(e.format or "-")) for e in entries)
    return TableData(CALENDAR_TITLE, ("Date", "Channel", "Stage", "Theme", "Format"), rows)


def prepare(result: PackResult, branding: Branding | None = None) -> ExportDoc:
    """Parse every section and draw the charts once, for all formats."""
    brand = resolve_branding(result, branding)
    sections = []
    for section in result.sections:
        blocks = parse_blocks(section.markdown)
        sections.append(SectionDoc(id=section.id, title=clean_text(section.title), blocks=tuple(blocks),
                                   points=tuple(key_points(blocks))))
    strategy = result.strategy
    return ExportDoc(result=result, branding=brand, cover=cover_for(result, brand), sections=tuple(sections),
                     charts=build_charts(strategy, brand.heading_colour, brand.accent), facts=_facts(strategy),
                     channels=_channels(strategy), kpis=_kpis(strategy), calendar=_calendar(strategy))
