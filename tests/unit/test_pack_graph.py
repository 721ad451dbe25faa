"""Control flow of the pack graph: topology, revise loop, bounded retries, invalid briefs, checkpoints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents.copywriter import offline_writer
from agents.offline.sections import SectionInput
from graphs.context import PackContext, WrittenSection
from graphs.pack import builder
from tools.brief import load_brief
from tools.catalog import sample_brief_paths

SNAPSHOT = Path(__file__).parent / "snapshots" / "pack_graph.mmd"
TODAY = date(2026, 11, 22)


def _brief(name: str = "fitfusion_studio") -> dict:
    path = next(p for p in sample_brief_paths() if p.stem == name)
    return load_brief(path).model_dump(mode="json", exclude_none=True)


@dataclass
class FlakyWriter:
    """Writes a too-short draft of one section on its first attempt, then the real offline text."""

    target: str
    calls: list[tuple[str, int]] = field(default_factory=list)
    always_fail: bool = False

    def __call__(self, inp: SectionInput) -> WrittenSection:
        self.calls.append((inp.section_id, inp.attempt))
        if inp.section_id == self.target and (inp.attempt == 1 or self.always_fail):
            return WrittenSection(markdown="Too short to pass.", engine="offline")
        return offline_writer(inp)


def _run(writer=None, brief=None, pack_key="quick_social_basic", max_revisions=2, saver=None, thread="t1"):
    graph = builder.compile(checkpointer=saver or InMemorySaver())
    ctx = PackContext(today=TODAY, max_revisions=max_revisions, writer=writer)
    config = {"configurable": {"thread_id": thread, "run_id": "r1"}}
    out = graph.invoke({"brief": brief or _brief(), "pack_key": pack_key}, config=config, context=ctx)
    return graph, config, out["result"]


def test_topology_matches_snapshot() -> None:
    drawing = builder.compile().get_graph().draw_mermaid()
    if not SNAPSHOT.exists():
        SNAPSHOT.write_text(drawing)
    assert drawing == SNAPSHOT.read_text(), "graph wiring changed: review and update the snapshot"


def test_failing_section_is_revised_with_the_critics_issues() -> None:
    writer = FlakyWriter(target="hashtag_strategy")
    _, _, result = _run(writer)
    section = next(s for s in result.sections if s.id == "hashtag_strategy")
    assert section.attempts == 2
    assert section.status != "FAIL"
    assert section.history and section.history[0]["status"] == "FAIL"
    assert {i["code"] for i in section.history[0]["issues"]} >= {"TOO_SHORT"}
    assert ("hashtag_strategy", 2) in writer.calls
    others = [s for s in result.sections if s.id != "hashtag_strategy"]
    assert all(s.attempts == 1 for s in others), "only failing sections are rewritten"
    assert result.quality_passed is True


def test_revision_loop_is_bounded_and_reports_failure() -> None:
    writer = FlakyWriter(target="overview", always_fail=True)
    _, _, result = _run(writer, max_revisions=2)
    section = next(s for s in result.sections if s.id == "overview")
    assert section.attempts == 3
    assert section.status == "FAIL"
    assert result.quality_passed is False
    assert result.status == "FAIL"
    assert result.error_type == "runtime_quality_failed"
    assert "overview" in (result.debug_hint or "")


def test_invalid_brief_names_every_bad_field_and_writes_no_sections() -> None:
    brief = _brief()
    del brief["industry"]
    brief["timeline"] = {"start": "2027-03-01", "end": "2027-01-01"}
    brief["budget"] = {"amount": -5, "currency": "USD"}
    brief["website"] = "ftp://example.com"
    _, _, result = _run(brief=brief)
    assert result.error_type == "invalid_brief"
    assert result.sections == [] and result.quality_passed is False
    for name in ("industry", "timeline", "budget.amount", "website"):
        assert name in (result.debug_hint or ""), name


def test_unknown_pack_key_is_invalid_input() -> None:
    _, _, result = _run(pack_key="no_such_pack")
    assert result.error_type == "invalid_brief"
    assert "no_such_pack" in (result.debug_hint or "")


def test_run_is_checkpointed_per_thread() -> None:
    saver = InMemorySaver()
    graph, config, result = _run(saver=saver, thread="thread-42")
    state = graph.get_state(config)
    assert state.values["result"].run_id == result.run_id == "r1"
    assert result.thread_id == "thread-42"
    history = list(graph.get_state_history(config))
    assert len(history) > 5


@pytest.mark.parametrize("pack_key", ["quick_social_basic", "strategy_campaign_enterprise"])
def test_sections_arrive_in_catalog_order(pack_key: str) -> None:
    from tools.catalog import default_catalog

    _, _, result = _run(pack_key=pack_key)
    assert [s.id for s in result.sections] == list(default_catalog().pack(pack_key).sections)


def _review_run(saver: InMemorySaver, thread: str):
    graph = builder.compile(checkpointer=saver)
    ctx = PackContext(today=TODAY, review=True)
    config = {"configurable": {"thread_id": thread, "run_id": "r-review"}}
    graph.invoke({"brief": _brief(), "pack_key": "quick_social_basic"}, config=config, context=ctx)
    return graph, config, ctx


def test_review_pauses_then_regenerates_one_section_with_an_instruction() -> None:
    from langgraph.types import Command

    graph, config, ctx = _review_run(InMemorySaver(), "review-1")
    state = graph.get_state(config)
    assert state.next == ("review_pack",)
    pause = state.tasks[0].interrupts[0].value
    assert {s["id"] for s in pause["sections"]} >= {"overview", "hashtag_strategy"}
    before = state.values["sections"]["overview"]
    graph.invoke(Command(resume={"action": "regenerate", "section_id": "overview",
                                 "instruction": "make it more Instagram-heavy"}), config=config, context=ctx)
    after = graph.get_state(config).values["sections"]["overview"]
    assert after.attempts == before.attempts + 1
    assert after.history[-1]["markdown"] == before.markdown
    others = graph.get_state(config).values["sections"]
    assert all(s.attempts == 1 for sid, s in others.items() if sid != "overview")
    assert graph.get_state(config).next == ("review_pack",), "the pack goes back to the reviewer"
    out = graph.invoke(Command(resume={"action": "approve"}), config=config, context=ctx)
    assert out["result"].quality_passed is True


def test_review_replace_goes_through_the_same_gates_and_bad_decisions_are_refused() -> None:
    from langgraph.types import Command

    graph, config, ctx = _review_run(InMemorySaver(), "review-2")
    graph.invoke(Command(resume={"action": "replace", "section_id": "nope", "markdown": "x"}), config=config,
                 context=ctx)
    pause = graph.get_state(config).tasks[0].interrupts[0].value
    assert "unknown section_id 'nope'" in pause["error"]
    graph.invoke(Command(resume={"action": "replace", "section_id": "final_summary",
                                 "markdown": "Too short <script>x()</script>"}), config=config, context=ctx)
    replaced = graph.get_state(config).values["sections"]["final_summary"]
    assert replaced.engine == "human" and "<script" not in replaced.markdown
    assert replaced.status == "FAIL" and any(i.code == "TOO_SHORT" for i in replaced.issues)
    out = graph.invoke(Command(resume={"action": "approve"}), config=config, context=ctx)
    assert out["result"].quality_passed is False
