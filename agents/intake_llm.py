"""The LLM intake extractor: read a chat message into brief fields with structured output, checked by the rules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from agents.errors import BudgetExceededError, ChainFailedError
from agents.models import ModelChain
from agents.usage import UsageMeter
from prompts import load_prompt
from tools.intake_parse import EXTRA_PLATFORMS, parse_timeline
from tools.intake_slots import Extraction
from tools.planning.channels import ChannelInfo, match_channel
from tools.text import clean_text

Short = Annotated[str, Field(max_length=300)]
# the rules' readings of money, dates and platforms are exact; the model's free-text readings win elsewhere
_RULES_WIN = ("budget", "timeline", "focus_platforms", "avoid_platforms", "business_type")


class BudgetFields(BaseModel):
    """Money the client will spend."""

    amount: float = Field(ge=0, description="plain number, e.g. 18000 for 'about $18k'; 0 means organic only")
    currency: str | None = Field(default=None, description="ISO 4217 code such as USD, EUR, GBP; null if not said")
    period: Literal["total", "monthly"] = Field(default="total", description="monthly when said per month")


class IntakeFields(BaseModel):
    """Brief fields stated in the message; a field the message does not state stays null or empty."""

    brand_name: Short | None = Field(default=None, description="the brand's exact name as written")
    industry: Short | None = Field(default=None, description="kind of business, e.g. 'vegan bakery'")
    product_service: Short | None = Field(default=None, description="what is sold")
    primary_customer: Short | None = Field(default=None, description="who buys: role or age, place, need")
    primary_goal: Short | None = Field(default=None, description="the result wanted, with number and deadline")
    geography: Short | None = Field(default=None, description="city, region or countries served")
    timeline: Short | None = Field(default=None, description="e.g. '3 months', 'Q1 2027'")
    business_type: Literal["B2B", "B2C", "Hybrid"] | None = None
    budget: BudgetFields | None = None
    focus_platforms: list[Short] = Field(default_factory=list, description="platforms the client wants used")
    avoid_platforms: list[Short] = Field(default_factory=list, description="platforms the client rules out")
    competitors: list[Short] = Field(default_factory=list)
    pain_points: list[Short] = Field(default_factory=list)
    tone_of_voice: list[Short] = Field(default_factory=list)
    proof_points: list[Short] = Field(default_factory=list)


def _platforms(names: list[str], catalog: dict[str, ChannelInfo]) -> list[str]:
    out = []
    for name in names:
        canonical = match_channel(name, catalog) or next(
            (p for p in EXTRA_PLATFORMS if p.casefold() == name.strip().casefold()), None)
        if canonical:
            out.append(canonical)
    return list(dict.fromkeys(out))


def normalise(fields: IntakeFields, catalog: dict[str, ChannelInfo], today: Any) -> dict[str, Any]:
    """The model's fields as brief values: cleaned text, known platforms, readable timelines only."""
    values: dict[str, Any] = {}
    for name, value in fields.model_dump(exclude={"budget", "focus_platforms", "avoid_platforms"}).items():
        if isinstance(value, str) and clean_text(value):
            values[name] = clean_text(value)
        elif isinstance(value, list) and value:
            values[name] = [clean_text(v) for v in value if clean_text(v)]
    if fields.budget is not None:
        values["budget"] = fields.budget.model_dump(exclude_none=True)
    for name in ("focus_platforms", "avoid_platforms"):
        if platforms := _platforms(getattr(fields, name), catalog):
            values[name] = platforms
    if "timeline" in values and parse_timeline(values["timeline"], today) is None:
        del values["timeline"]
    return values


@dataclass
class LLMFieldExtractor:
    """A FieldExtractor for ChatContext: the model reads the message, the rules check and complete it."""

    chain: ModelChain
    meter: UsageMeter
    catalog: dict[str, ChannelInfo]
    today: Any

    def __call__(self, text: str, known: dict[str, Any], expecting: str | None, parsed: Extraction) -> Extraction:
        """Ask the model for the fields; on failure keep the rules' reading and say so."""
        template = load_prompt("intake_extract")
        system, user = template.render(known=json.dumps(known, ensure_ascii=False, default=str),
                                       expecting=expecting or "anything the client wants to tell us",
                                       message=text)
        try:
            self.meter.check()
            reply = self.chain.invoke([SystemMessage(system + f"\n[template {template.name} v{template.version}]"),
                                       HumanMessage(user)])
        except (ChainFailedError, BudgetExceededError) as exc:
            return Extraction(values=parsed.values, vague=parsed.vague, skipped=parsed.skipped,
                              notes=[*parsed.notes, f"LLM extraction failed ({exc}); the rules read this answer"])
        self.meter.record(reply, "intake")
        raw = reply.message.additional_kwargs.get("aicmo_parsed")
        try:
            fields = raw if isinstance(raw, IntakeFields) else IntakeFields.model_validate(raw)
        except ValidationError as exc:
            note = f"the model's fields failed validation ({exc.error_count()} error(s)); the rules read this answer"
            return Extraction(values=parsed.values, vague=parsed.vague, skipped=parsed.skipped,
                              notes=[*parsed.notes, note])
        values = normalise(fields, self.catalog, self.today)
        merged = {**values, **{k: v for k, v in parsed.values.items() if k in _RULES_WIN or k not in values}}
        vague = {k: v for k, v in parsed.vague.items() if k not in merged or k == "budget"}
        return Extraction(values=merged, vague=vague, skipped=[s for s in parsed.skipped if s not in merged],
                          notes=parsed.notes)
