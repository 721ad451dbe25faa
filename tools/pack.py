"""Assemble the pack result and render pack.md from it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tools.catalog import PackSpec
from tools.result import Issue, PackResult, SectionResult, StrategyCore, status_of, worst_status


def engine_of(sections: list[SectionResult], default: str = "offline") -> str:
    """offline, llm or mixed, from who wrote the sections (``default`` when none was written)."""
    engines = {s.engine for s in sections} - {"human"}  # a reviewer's own text is disclosed per section
    if not engines:
        return default
    if engines == {"llm"}:
        return "llm"
    if "llm" in engines:
        return "mixed"
    return "offline"


def build_result(
    *, pack: PackSpec, brief: dict[str, Any] | None, sections: list[SectionResult], pack_issues: list[Issue],
    strategy: StrategyCore | None, thread_id: str, run_id: str, timings: dict[str, Any],
    error_type: str | None = None, debug_hint: str | None = None, clarity: dict[str, Any] | None = None,
    engine: str = "offline",
) -> PackResult:
    """A PackResult whose status and quality_passed follow spec/result.md exactly."""
    statuses = [s.status for s in sections] + [status_of(pack_issues)]
    errors = any(i.severity == "error" for s in sections for i in s.issues) or any(
        i.severity == "error" for i in pack_issues)
    status = worst_status(statuses) if not error_type else "FAIL"
    return PackResult(
        pack_key=pack.key, pack_label=pack.label, brief=brief, status=status,
        quality_passed=bool(sections) and not errors and not error_type,
        engine=engine_of(sections, engine),  # type: ignore[arg-type]
        llm_used=any(s.engine == "llm" for s in sections), stub_used=False,
        error_type=error_type, debug_hint=debug_hint,  # type: ignore[arg-type]
        thread_id=thread_id, run_id=run_id,
        created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        timings=timings, clarity=clarity, strategy=strategy, pack_issues=pack_issues, sections=sections,
    )


def render_markdown(result: PackResult) -> str:
    """pack.md: a title block, then '## {title}' and each section body, in pack order."""
    brand = (result.brief or {}).get("brand_name", "")
    lines = [f"# {result.pack_label}: {brand}".rstrip(": "), ""]
    lines.append(f"- Status: {result.status} (quality passed: {str(result.quality_passed).lower()})")
    lines.append(f"- Engine: {result.engine}; LLM used: {str(result.llm_used).lower()}")
    lines.append(f"- Run: {result.run_id} (thread {result.thread_id}), created {result.created_at}")
    if result.error_type:
        lines.append(f"- Error: {result.error_type}: {result.debug_hint}")
    lines.append("")
    for section in result.sections:
        writer = f"{section.provider}:{section.model}" if section.engine == "llm" else section.engine
        lines += [f"## {section.title}", "", section.markdown.strip(), "",
                  f"_Section {section.id}: {section.status}, written by {writer}, attempt {section.attempts}._", ""]
    return "\n".join(lines).rstrip() + "\n"
