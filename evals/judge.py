"""Optional LLM-as-judge: scores pack sections 1-5 on specificity, insight, actionability and brand voice."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import BaseModel, Field, ValidationError

from evals.evaluators import EvalResult, Evaluator, field_of, pack_of, result

Score = Annotated[int, Field(ge=1, le=5)]
CRITERIA = ("specificity", "insight", "actionability", "brand_voice")


class JudgeScores(BaseModel):
    """1 (poor) to 5 (excellent) per criterion, each with a one-sentence reason."""

    specificity: Score = Field(description="numbers, dates, channels and examples for this client")
    specificity_reason: str
    insight: Score = Field(description="a point of view about this customer and market")
    insight_reason: str
    actionability: Score = Field(description="steps, owners and timing a team could act on tomorrow")
    actionability_reason: str
    brand_voice: Score = Field(description="sounds like the brand's tone and respects what to avoid")
    brand_voice_reason: str


def judge_chain(settings: Any) -> Any:
    """The critic's model chain from settings, with JudgeScores as structured output (None without a model)."""
    chain = settings.chain_for("critic")
    if not chain:
        return None
    from agents.models import ModelChain, parse_chain
    from api.engine import build_cache, provider_config

    return ModelChain.from_specs(parse_chain(chain), provider_config(settings, build_cache(settings)),
                                 structured=JudgeScores)


def _messages(section: dict[str, Any], brief: dict[str, Any]) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    from prompts import load_prompt

    template = load_prompt("eval_judge")
    system, user = template.render(section_title=str(section.get("title") or section["id"]),
                                   section=str(section.get("markdown", "")),
                                   brief=json.dumps(brief, ensure_ascii=False, default=str))
    return [SystemMessage(f"{system}\n[template {template.name} v{template.version}]"), HumanMessage(user)]


def judge_section(chain: Any, section: dict[str, Any], brief: dict[str, Any]) -> JudgeScores | str:
    """The judge's scores for one section, or why they are unusable."""
    from agents.errors import ChainFailedError

    try:
        reply = chain.invoke(_messages(section, brief))
    except ChainFailedError as exc:
        return f"judge call failed: {exc}"
    parsed = reply.message.additional_kwargs.get("aicmo_parsed")
    try:
        return parsed if isinstance(parsed, JudgeScores) else JudgeScores.model_validate(parsed)
    except ValidationError as exc:
        return f"unusable judgement ({exc.error_count()} validation error(s))"


def make_llm_judge(chain: Any, max_sections: int = 3) -> Evaluator:
    """An evaluator that judges the first ``max_sections`` sections of each pack with ``chain``."""

    def llm_judge(run: Any, example: Any) -> EvalResult:
        """Mean judge score over the judged sections (1-5 mapped to 0-1), reasons in the comment."""
        sections = list(pack_of(run).get("sections") or [])[:max_sections]
        brief = field_of(example, "inputs").get("brief") or {}
        if not sections:
            return result("llm_judge", 0.0, "no sections to judge")
        verdicts = [(s["id"], judge_section(chain, s, brief)) for s in sections]
        usable = [(sid, v) for sid, v in verdicts if isinstance(v, JudgeScores)]
        problems = [f"{sid}: {v}" for sid, v in verdicts if isinstance(v, str)]
        if not usable:
            return result("llm_judge", 0.0, "; ".join(problems))
        mean = sum(getattr(v, c) for _, v in usable for c in CRITERIA) / (len(usable) * len(CRITERIA))
        reasons = "; ".join(f"{sid}: " + ", ".join(f"{c} {getattr(v, c)}" for c in CRITERIA) for sid, v in usable)
        return result("llm_judge", (mean - 1) / 4, f"mean {mean:.2f}/5 ({reasons})" +
                      (f"; unusable: {problems}" if problems else ""))

    return llm_judge
