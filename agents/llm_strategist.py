"""The LLM strategist: sharpen the strategy core's words; its numbers stay computed by tools/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from agents.models import ModelChain
from agents.usage import UsageMeter
from memory.kaizen import KaizenContext
from prompts import load_prompt
from prompts.render import brief_as_data, kaizen_as_text
from tools.brief import Brief
from tools.result import Audience, Pillar, StrategyCore, Usage
from tools.text import clean_text

Text = Annotated[str, Field(min_length=12, max_length=400)]


class PillarWords(BaseModel):
    """A content pillar: a short name and what it covers."""

    name: Annotated[str, Field(min_length=3, max_length=60, description="two or three words")]
    description: Text


class AudienceWords(BaseModel):
    """An audience segment in the client's own terms."""

    name: Annotated[str, Field(min_length=3, max_length=80)]
    description: Text


class StrategyWords(BaseModel):
    """What the strategist may change: words only. Field descriptions are prompt text."""

    positioning: Text = Field(description="one sentence: for whom, what it is, the benefit, versus what")
    big_idea: Text = Field(description="the campaign's central idea in one line")
    pillars: list[PillarWords] = Field(min_length=4, max_length=4, description="exactly four pillars")
    audiences: list[AudienceWords] = Field(min_length=2, max_length=2, description="primary then secondary")


@dataclass
class LLMStrategist:
    """A StrategyRefiner for PackContext: returns the refined core, its provenance and the call's usage."""

    chain: ModelChain
    meter: UsageMeter

    def __call__(self, brief: Brief, draft: StrategyCore, kaizen: KaizenContext
                 ) -> tuple[StrategyCore, dict[str, Any], Usage]:
        """Ask the chain for better words; keep the computed numbers; disclose who wrote what."""
        template = load_prompt("strategist_core")
        words = {"positioning": draft.positioning, "big_idea": draft.big_idea,
                 "pillars": [p.model_dump() for p in draft.pillars],
                 "audiences": [{"name": a.name, "description": a.description} for a in draft.audiences]}
        system, user = template.render(brief=brief_as_data(brief), draft=json.dumps(words, ensure_ascii=False),
                                       kaizen=kaizen_as_text(kaizen))
        self.meter.check()
        reply = self.chain.invoke([SystemMessage(system + f"\n[template {template.name} v{template.version}]"),
                                   HumanMessage(user)])
        usage = self.meter.record(reply, "strategy")
        source: dict[str, Any] = {"provider": reply.provider, "model": reply.model,
                                  "fallbacks": [{"provider": f.label, "reason": f.reason} for f in reply.failures]}
        parsed = reply.message.additional_kwargs.get("aicmo_parsed")
        try:
            refined = parsed if isinstance(parsed, StrategyWords) else StrategyWords.model_validate(parsed)
        except ValidationError as exc:
            problem = reply.message.additional_kwargs.get("aicmo_parsing_error") or exc
            reason = f"{type(problem).__name__}: {str(problem).splitlines()[0][:160]}"
            note = f"the model's strategy words failed validation ({reason}); planner words kept"
            return draft, {**source, "engine": "offline", "note": note}, usage
        primary = draft.audiences[0].pain_points if draft.audiences else []
        # model text is untrusted too: markup and template markers are stripped before anything quotes it
        core = draft.model_copy(update={
            "positioning": clean_text(refined.positioning), "big_idea": clean_text(refined.big_idea),
            "pillars": [Pillar(name=clean_text(p.name), description=clean_text(p.description))
                        for p in refined.pillars],
            "audiences": [Audience(name=clean_text(a.name), description=clean_text(a.description),
                                   pain_points=primary if i == 0 else []) for i, a in enumerate(refined.audiences)],
        })
        return core, {**source, "engine": "llm", "note": "words by the model; numbers computed by the planner"}, usage
