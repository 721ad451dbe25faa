"""The LLM copywriter: one section per call through the provider chain, disclosed and metered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.messages import HumanMessage, SystemMessage

from agents.models import ModelChain
from agents.offline.sections import SectionInput
from agents.usage import UsageMeter
from graphs.context import WrittenSection
from prompts import load_prompt
from prompts.render import brief_as_data, kaizen_as_text, revision_note, rules_as_instructions, strategy_as_data
from tools.markdown import clean_markdown

_FENCE = re.compile(r"^```(?:markdown|md)?\s*\n(.*?)\n```\s*$", re.DOTALL)


def clean_reply(text: str, title: str) -> str:
    """Strip a wrapping code fence and a repeated title line; the body is kept as the model wrote it."""
    body = text.strip()
    if match := _FENCE.match(body):
        body = match.group(1).strip()
    first, _, rest = body.partition("\n")
    if first.lstrip("#").strip().lower() == title.lower():
        body = rest.strip()
    return clean_markdown(body)


@dataclass
class LLMSectionWriter:
    """A SectionWriter that asks the model chain for the section body."""

    chain: ModelChain
    meter: UsageMeter

    def __call__(self, inp: SectionInput) -> WrittenSection:
        """Write one section; raises ChainFailedError or BudgetExceededError, never falls back to offline text."""
        template = load_prompt("copywriter_section")
        system, user = template.render(
            section_title=inp.rules.label,
            rules=rules_as_instructions(inp.rules, inp.brief.brand_name),
            brief=brief_as_data(inp.brief),
            strategy=strategy_as_data(inp.strategy),
            kaizen=kaizen_as_text(inp.kaizen),
            revision=revision_note(inp.feedback, inp.previous_markdown, inp.instruction),
        )
        self.meter.check()
        # the template's version is part of the prompt, so a new version never reuses a cached reply
        reply = self.chain.invoke([SystemMessage(system + f"\n[template {template.name} v{template.version}]"),
                                   HumanMessage(user)])
        usage = self.meter.record(reply, inp.section_id)
        return WrittenSection(
            markdown=clean_reply(str(reply.message.content), inp.rules.label), engine="llm",
            provider=reply.provider, model=reply.model, usage=usage,
            fallbacks=[{"provider": f.label, "reason": f.reason} for f in reply.failures],
        )
