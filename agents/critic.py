"""The critic: run the deterministic quality gates on a section and set its status."""

from __future__ import annotations

from tools.catalog import SectionRules
from tools.quality import check_section
from tools.result import Issue, SectionResult, status_of


def critique(section: SectionResult, rules: SectionRules, brand: str) -> SectionResult:
    """Return the section with its issues and status from the benchmark and generic gates."""
    issues = check_section(section.markdown, rules, brand=brand)
    advice = [Issue.model_validate(i) for i in (section.rubric or {}).get("advice", [])]
    return section.model_copy(update={"issues": [*issues, *advice], "status": status_of([*issues, *advice])})


def failing(sections: dict[str, SectionResult]) -> list[str]:
    """Ids of machine-written sections with an error-level issue (a reviewer's own text is never rewritten)."""
    return [sid for sid, s in sections.items() if s.status == "FAIL" and s.engine != "human"]
