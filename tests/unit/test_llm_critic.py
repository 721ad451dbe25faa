"""The optional LLM rubric runs after the gates, records scores, warns on low ones and is never re-run needlessly."""

from __future__ import annotations

from datetime import date

from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda
from langgraph.checkpoint.memory import InMemorySaver

from agents.llm_critic import LLMRubricCritic, RubricScores
from agents.models import ChainLink, ModelChain, parse_model_spec
from agents.usage import UsageMeter
from graphs.context import PackContext
from graphs.pack import builder
from tools.brief import load_brief
from tools.catalog import sample_brief_paths


def _chain(calls: list[int]) -> ModelChain:
    scores = RubricScores(specificity=2, specificity_feedback="name the channels", brief_fidelity=4,
                          brief_fidelity_feedback="ok", actionability=5, actionability_feedback="ok", coherence=4,
                          coherence_feedback="ok")

    def answer(_: object) -> dict[str, object]:
        calls.append(1)
        raw = AIMessage("", usage_metadata={"input_tokens": 100, "output_tokens": 20, "total_tokens": 120})
        return {"raw": raw, "parsed": scores, "parsing_error": None}

    return ModelChain([ChainLink(spec=parse_model_spec("local:judge"), runnable=RunnableLambda(answer))])


def test_rubric_scores_every_passing_section_once_and_low_scores_warn() -> None:
    calls: list[int] = []
    rubric = LLMRubricCritic(_chain(calls), UsageMeter())
    brief = load_brief(sample_brief_paths()[0]).model_dump(mode="json", exclude_none=True)
    graph = builder.compile(checkpointer=InMemorySaver())
    out = graph.invoke({"brief": brief, "pack_key": "strategy_campaign_basic"},
                       config={"configurable": {"thread_id": "rubric", "run_id": "r"}},
                       context=PackContext(today=date(2026, 11, 22), rubric=rubric))
    result = out["result"]
    assert len(calls) == len(result.sections) == 6
    for section in result.sections:
        assert section.rubric and section.rubric["specificity"] == 2 and section.rubric["by"] == "local:judge"
        low = [i for i in section.issues if i.code == "RUBRIC_LOW"]
        assert len(low) == 1 and low[0].severity == "warning" and "name the channels" in low[0].message
    assert result.quality_passed is True, "the rubric is advisory; the gates decide"
    assert result.status == "PASS_WITH_WARNINGS"
    assert result.usage.llm_calls == 6 and result.usage.input_tokens == 600
