"""The optional LLM rubric: after the deterministic gates, score specificity, fidelity, actionability, coherence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from agents.models import ModelChain
from agents.usage import UsageMeter
from prompts import load_prompt
from prompts.render import brief_as_data
from tools.brief import Brief
from tools.result import Issue, SectionResult, Usage

Score = Annotated[int, Field(ge=1, le=5)]
RUBRIC_FLOOR = 3


class RubricScores(BaseModel):
    """1 (poor) to 5 (excellent) per criterion, each with one sentence of feedback."""

    specificity: Score = Field(description="concrete numbers, dates, channels and examples for this client")
    specificity_feedback: str
    brief_fidelity: Score = Field(description="respects the brief's goal, customer, constraints and tone")
    brief_fidelity_feedback: str
    actionability: Score = Field(description="a team could act on it tomorrow: owners, steps, timing")
    actionability_feedback: str
    coherence: Score = Field(description="consistent with the strategy core and the rest of the pack")
    coherence_feedback: str


@dataclass
class LLMRubricCritic:
    """Scores a section; low scores become warnings the writer sees on revision (gates stay the contract)."""

    chain: ModelChain
    meter: UsageMeter

    def __call__(self, section: SectionResult, brief: Brief) -> tuple[dict[str, object], list[Issue], Usage]:
        """Return the rubric record, advisory issues and the call's usage."""
        template = load_prompt("critic_rubric")
        system, user = template.render(section_title=section.title, section=section.markdown,
                                       brief=brief_as_data(brief))
        self.meter.check()
        reply = self.chain.invoke([SystemMessage(system + f"\n[template {template.name} v{template.version}]"),
                                   HumanMessage(user)])
        usage = self.meter.record(reply, f"rubric:{section.id}")
        parsed = reply.message.additional_kwargs.get("aicmo_parsed")
        by = f"{reply.provider}:{reply.model}"
        try:
            scores = parsed if isinstance(parsed, RubricScores) else RubricScores.model_validate(parsed)
        except ValidationError as exc:
            note = f"rubric by {by} unusable: {exc.error_count()} validation error(s)"
            return {"by": by, "error": note}, [], usage
        record = {"by": by, **scores.model_dump()}
        issues = [Issue(code="RUBRIC_LOW", severity="warning",
                        message=f"{name.replace('_', ' ')} scored {value}/5 by {by}: "
                                f"{getattr(scores, name + '_feedback')}")
                  for name in ("specificity", "brief_fidelity", "actionability", "coherence")
                  if (value := getattr(scores, name)) < RUBRIC_FLOOR]
        return record, issues, usage
