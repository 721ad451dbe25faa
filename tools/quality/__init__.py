"""The critic's deterministic quality gates: section, generic and pack checks from spec/quality.yaml."""

from __future__ import annotations

from typing import Any

from tools.catalog import SectionRules
from tools.quality.generic_checks import check_generic, genericity_score, has_specifics
from tools.quality.pack_checks import check_pack
from tools.quality.section_checks import check_rules, no_benchmark_issue, quality_config
from tools.result import Issue


def check_section(markdown: str, rules: SectionRules, *, brand: str,
                  config: dict[str, Any] | None = None) -> list[Issue]:
    """Every section and generic check for one section body; empty list when it passes."""
    cfg = quality_config(config)
    issues = check_rules(markdown, rules, cfg)
    issues.extend(check_generic(rules.section_id, markdown, brand=brand, rules_extra=rules.extra, config=cfg))
    return issues


__all__ = [
    "check_generic",
    "check_pack",
    "check_rules",
    "check_section",
    "genericity_score",
    "has_specifics",
    "no_benchmark_issue",
    "quality_config",
]
