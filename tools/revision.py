"""Apply a reviewer's instruction to an offline section: platform emphasis and length, never invented facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tools.catalog import SectionRules
from tools.intake_parse import parse_platforms
from tools.planning.channels import ChannelInfo
from tools.planning.funnel import money
from tools.result import StrategyCore

_SHORTER = re.compile(r"\b(?:shorter|more concise|concise|tighter|trim(?:med)?|cut it down|less text|briefer|"
                      r"condense[d]?|fewer words)\b", re.I)
_LONGER = re.compile(r"\b(?:longer|more detail(?:ed)?|detailed|expand(?:ed)?|deeper|elaborate|more depth|fuller)\b",
                     re.I)
_BULLET = re.compile(r"^\s*[-*]\s+")
_DATED = re.compile(r"^\s*[-*]\s+(?:\d{4}-\d{2}-\d{2}|week|day|month|phase|step|monday|tuesday|wednesday|thursday|"
                    r"friday|saturday|sunday)\b", re.I)


@dataclass(frozen=True)
class Steer:
    """What an instruction asks of a section that the offline engine can honour."""

    emphasis: tuple[str, ...] = ()
    length: Literal["shorter", "longer"] | None = None

    @property
    def is_empty(self) -> bool:
        """True when nothing in the instruction can be applied offline."""
        return not self.emphasis and self.length is None


def read_instruction(text: str, catalog: dict[str, ChannelInfo]) -> Steer:
    """'make it more Instagram-heavy and shorter' -> emphasis (Instagram,), length shorter."""
    platforms = parse_platforms(text, catalog)
    length: Literal["shorter", "longer"] | None = None
    if _SHORTER.search(text):
        length = "shorter"
    elif _LONGER.search(text):
        length = "longer"
    return Steer(emphasis=tuple(p for p in platforms.focus if p not in platforms.avoid), length=length)


def steer_rules(rules: SectionRules, steer: Steer) -> SectionRules:
    """Aim the section at the low or high half of its benchmark word range."""
    low, high = rules.words
    middle = low + (high - low) // 2
    if steer.length == "shorter":
        return rules.model_copy(update={"words": (low, max(low, middle))})
    if steer.length == "longer":
        return rules.model_copy(update={"words": (min(middle, high), high)})
    return rules


def _names(line: str, platforms: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", line, re.I) for p in platforms)


def lead_with(markdown: str, platforms: tuple[str, ...]) -> str:
    """Move bullet lines that name an emphasised platform to the top of their list (dated lists keep their order)."""
    if not platforms:
        return markdown
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        dated = any(_DATED.match(line) for line in run)
        out.extend(run if dated else sorted(run, key=lambda line: 0 if _names(line, platforms) else 1))
        run.clear()

    for line in markdown.split("\n"):
        if _BULLET.match(line):
            run.append(line)
            continue
        flush()
        out.append(line)
    flush()
    return "\n".join(out)


def emphasis_note(platform: str, strategy: StrategyCore, brand: str) -> str | None:
    """One sentence on the emphasised platform from the strategy's own numbers; None when it is not in the mix."""
    share = next((c for c in strategy.channel_mix if c.channel == platform), None)
    if share is None:
        return None
    role = share.role.rstrip(".")
    amount = f" ({money(share.budget_amount, strategy.currency)})" if share.budget_amount else ""
    return (f"{platform} leads for {brand} in this section: it carries {share.budget_share:.0%} of the budget"
            f"{amount}, with the role '{role[0].lower() + role[1:] if role else 'reach'}'.")


def add_paragraph(markdown: str, sentence: str) -> str:
    """Put a sentence as its own paragraph after the section's first plain paragraph (or at the end)."""
    parts = markdown.strip("\n").split("\n\n")
    for index, part in enumerate(parts):
        first = part.lstrip()
        if first and not first.startswith(("#", "-", "*", "|")) and not re.match(r"\d+\.", first):
            return "\n\n".join([*parts[:index + 1], sentence, *parts[index + 1:]]) + "\n"
    return "\n\n".join([*parts, sentence]) + "\n"
