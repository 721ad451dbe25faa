"""The intake agent's nodes: read each answer into brief fields, pick the next question, confirm, hand off."""

from __future__ import annotations

from datetime import date
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graphs.intake_context import ChatContext
from graphs.intake_state import ChatState
from tools.brief import BriefError, parse_brief
from tools.clarity import score_clarity
from tools.intake_conflicts import merge_values, resolve_conflict
from tools.intake_parse import describe_budget, is_yes
from tools.intake_slots import CORE_OPTIONAL, LABELS, REQUIRED, Extraction, answer_for, field_named, mentioned
from tools.planning.channels import ChannelInfo, channel_catalog
from tools.text import clean_text

CONFIRM_QUESTION = ("Shall I write the pack from this brief? Reply 'yes', or tell me what to change "
                    "(for example 'budget: $20k' or 'the customer is young professionals in Austin').")
_QUESTIONS = {
    "brand_name": "What is the brand called? (exact spelling, as it should appear in the pack)",
    "industry": "What kind of business is {brand}? (for example 'vegan bakery' or 'B2B SaaS for HR teams')",
    "product_service": "What does {brand} sell? Name the main products or services.",
    "primary_customer": ("Who buys from {brand}? Describe one group: age or role, where they live or work, "
                         "and what they need."),
    "primary_goal": ("What result should {brand} hit, as a number with a deadline "
                     "(for example '300 new customers in 90 days')?"),
    "geography": "Where should {brand} find customers: a city, a region or whole countries?",
    "budget": ("What can you spend on marketing (amount and currency, in total or per month), "
               "or should we plan organic only (0)?"),
    "timeline": ("How long should the campaign run, or when should it start and end "
                 "(for example '3 months' or 'Q1 2027')?"),
    "platforms": ("Which platforms should we focus on, and any to avoid? "
                  "(for example 'Instagram and email, no TikTok')"),
}
_CORE_VAGUE = ("primary_customer", "primary_goal")


def _catalog(ctx: ChatContext) -> dict[str, ChannelInfo]:
    return channel_catalog(ctx.knowledge.get("channel_catalog"))


def _today(state: ChatState, ctx: ChatContext) -> date:
    return date.fromisoformat(state["started_on"]) if state.get("started_on") else ctx.today


def _emit(ctx: ChatContext, kind: str, payload: dict[str, Any]) -> None:
    if ctx.events is not None:
        ctx.events(kind, payload)


def brief_data(fields: dict[str, Any]) -> dict[str, Any]:
    """The collected fields as a brief mapping (empty values dropped)."""
    return {k: v for k, v in fields.items() if v not in (None, "", [], {})}


def summary_rows(fields: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows of the brief so far, in the order a strategist reads them."""
    rows = []
    for name, label in LABELS.items():
        value = fields.get(name)
        if value in (None, "", []):
            continue
        text = describe_budget(value) if name == "budget" else ", ".join(value) if isinstance(value, list) else value
        rows.append((label, str(text)))
    return rows


def _extract(text: str, expecting: str | None, state: ChatState, ctx: ChatContext) -> Extraction:
    today, catalog = _today(state, ctx), _catalog(ctx)
    parsed = answer_for(expecting, text, today, catalog) if expecting else mentioned(text, today, catalog)
    if ctx.extractor is None:
        return parsed
    return ctx.extractor(text, dict(state.get("fields") or {}), expecting, parsed)


def read_message(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """Turn what the person just said into brief values, settle an open contradiction, or spot new ones."""
    ctx = runtime.context
    text = clean_text(state.get("message") or "")
    pending = state.get("pending") or {}
    update: dict[str, Any] = {"transcript": [{"role": "user", "text": text}], "pending": None}
    if not state.get("started_on"):
        update["started_on"] = ctx.today.isoformat()
        _emit(ctx, "started", {"pack_key": state.get("pack_key"), "message": text[:500]})
    if pending.get("kind") == "conflict":
        return {**update, **_settle(state, ctx, text)}
    if pending.get("kind") == "confirm":
        if is_yes(text):
            return {**update, "confirmed": True}
        expecting, text = field_named(text)
    else:
        expecting = pending.get("field")
    extraction = _extract(text, expecting, state, ctx)
    fields, conflicts = merge_values(dict(state.get("fields") or {}), extraction.values, expecting,
                                     _today(state, ctx))
    vague = {k: v for k, v in (state.get("vague") or {}).items() if k not in extraction.values}
    vague.update(extraction.vague)
    if pending.get("kind") == "confirm" and not extraction.values and not extraction.skipped:
        vague["confirm"] = "I could not tell what to change"
    skipped = list(dict.fromkeys([*(state.get("skipped") or []), *extraction.skipped]))
    if pending:
        _emit(ctx, "clarification_received", {"field": pending.get("field"), "kind": pending.get("kind"),
                                              "filled": sorted(extraction.values), "vague": sorted(extraction.vague),
                                              "skipped": extraction.skipped})
    return {**update, "fields": fields, "conflicts": [*(state.get("conflicts") or []), *conflicts],
            "vague": vague, "skipped": skipped, "notes": extraction.notes}


def _settle(state: ChatState, ctx: ChatContext, text: str) -> dict[str, Any]:
    conflicts = list(state.get("conflicts") or [])
    resolved = resolve_conflict(conflicts[0], text, dict(state.get("fields") or {}), _today(state, ctx),
                                _catalog(ctx)) if conflicts else None
    _emit(ctx, "clarification_received", {"field": conflicts[0]["field"] if conflicts else None,
                                          "kind": "conflict", "settled": resolved is not None})
    if resolved is None and conflicts and (state.get("asked") or {}).get(f"conflict:{conflicts[0]['field']}", 0) \
            >= ctx.max_asks:
        kept = conflicts[0]["old"] if conflicts[0]["field"] != "platforms" else "its earlier status"
        return {"conflicts": conflicts[1:], "notes": [
            f"kept {conflicts[0]['field']} as {kept}: the contradiction was not settled after {ctx.max_asks} tries"]}
    if resolved is None:
        return {"vague": {**(state.get("vague") or {}), "conflict": "I could not tell which one you meant"}}
    vague = {k: v for k, v in (state.get("vague") or {}).items() if k != "conflict"}
    return {"fields": resolved, "conflicts": conflicts[1:], "vague": vague}


def _clarity(fields: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """The clarity of the brief so far, or the first field error when the values do not make a valid brief."""
    if any(not fields.get(name) for name in REQUIRED):
        return None, None
    try:
        brief = parse_brief(brief_data(fields))
    except BriefError as exc:
        return None, exc.errors[0].field.split(".")[0]
    clarity = score_clarity(brief)
    return {"score": clarity.score, "reasons": clarity.reasons,
            "questions": [q.model_dump() for q in clarity.questions]}, None


_STAND_INS = {"brand_name": "The brand", "industry": "Business", "product_service": "what you sell",
              "primary_goal": "Grow sales", "primary_customer": "Local adults aged 25-45 who need it"}


def _early_follow_up(fields: dict[str, Any], name: str) -> str | None:
    """The clarity follow-up for a vague customer or goal, asked at once, before the other required fields."""
    data = {**_STAND_INS, **{k: v for k, v in brief_data(fields).items() if k in {*REQUIRED, "timeline"}}}
    try:
        clarity = score_clarity(parse_brief(data))
    except BriefError:
        return None
    return next((q.question for q in clarity.questions if q.field == name), None)


def _question(kind: str, field: str, text: str, clarity: dict[str, Any] | None) -> dict[str, Any]:
    return {"kind": kind, "field": field, "question": text, "clarity": (clarity or {}).get("score")}


def _asked_first(state: ChatState, ctx: ChatContext, clarity: dict[str, Any] | None,
                 invalid: str | None) -> dict[str, Any] | None:
    """Questions that cannot wait: contradictions, a vague customer or goal just given, missing required fields."""
    fields, asked, vague = state.get("fields") or {}, state.get("asked") or {}, state.get("vague") or {}
    brand = fields.get("brand_name") or "the brand"
    conflicts = state.get("conflicts") or []
    if conflicts:
        prefix = "I could not tell which one you meant. " if "conflict" in vague else ""
        return _question("conflict", conflicts[0]["field"], prefix + conflicts[0]["question"], clarity)
    just_asked = (state.get("pending") or {}).get("field")
    if just_asked in _CORE_VAGUE and fields.get(just_asked) and clarity is None and \
            asked.get(just_asked, 0) < ctx.max_asks and (follow_up := _early_follow_up(fields, just_asked)):
        return _question("question", just_asked, "That is still broad to plan around. " + follow_up, clarity)
    for name in REQUIRED:
        if not fields.get(name):
            prefix = "I need this one to write the pack. " if name in (state.get("skipped") or []) else ""
            return _question("question", name, prefix + _QUESTIONS[name].format(brand=brand), clarity)
    if invalid:
        return _question("question", invalid, f"That {LABELS.get(invalid, invalid).lower()} does not look right. "
                         + _QUESTIONS.get(invalid, "Could you say it again?").format(brand=brand), clarity)
    return None


def _known(fields: dict[str, Any], name: str) -> bool:
    if name == "platforms":
        return bool(fields.get("focus_platforms") or fields.get("avoid_platforms"))
    return fields.get(name) is not None


def _next_question(state: ChatState, ctx: ChatContext, clarity: dict[str, Any] | None,
                   invalid: str | None) -> dict[str, Any] | None:
    """The one question to ask next (bounded per field and per conversation), or None to confirm."""
    urgent = _asked_first(state, ctx, clarity, invalid)
    fields, asked, vague = state.get("fields") or {}, state.get("asked") or {}, state.get("vague") or {}
    if urgent or sum(asked.values()) >= ctx.max_questions:
        return urgent
    brand = fields.get("brand_name") or "the brand"
    skipped = set(state.get("skipped") or [])
    by_field = {q["field"]: q["question"] for q in (clarity or {}).get("questions", [])}
    for name, reason in vague.items():
        if name in _QUESTIONS and name not in skipped and asked.get(name, 0) < ctx.max_asks:
            return _question("question", name, f"I could not use that: {reason}. "
                             + by_field.get(name, _QUESTIONS[name].format(brand=brand)), clarity)
    for name in _CORE_VAGUE:
        if name in by_field and asked.get(name, 0) < ctx.max_asks:
            return _question("question", name, "That is still broad to plan around. " + by_field[name], clarity)
    for name in CORE_OPTIONAL:
        if not _known(fields, name) and name not in skipped and not asked.get(name):
            return _question("question", name, _QUESTIONS[name].format(brand=brand), clarity)
    if clarity and clarity["score"] < ctx.min_clarity:
        for name, text in by_field.items():
            if name not in skipped and not asked.get(name):
                return _question("question", name, text, clarity)
    return None


def assess_brief(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """Score the brief so far and choose the one question to ask next, or the summary to confirm."""
    ctx = runtime.context
    fields = state.get("fields") or {}
    clarity, invalid = _clarity(fields)
    update: dict[str, Any] = {"clarity": clarity}
    previous = (state.get("clarity") or {}).get("score")
    if clarity and clarity["score"] != previous:
        _emit(ctx, "clarity_scored", {"score": clarity["score"], "previous": previous,
                                      "open_questions": [q["field"] for q in clarity["questions"]]})
    question = _next_question(state, ctx, clarity, invalid)
    if question is None:
        prefix = "I could not tell what to change. " if "confirm" in (state.get("vague") or {}) else ""
        question = {**_question("confirm", "brief", prefix + CONFIRM_QUESTION, clarity),
                    "summary": summary_rows(fields)}
        update["vague"] = {k: v for k, v in (state.get("vague") or {}).items() if k != "confirm"}
    else:
        key = f"conflict:{question['field']}" if question["kind"] == "conflict" else question["field"]
        update["asked"] = {**(state.get("asked") or {}), key: (state.get("asked") or {}).get(key, 0) + 1}
        update["vague"] = {k: v for k, v in (state.get("vague") or {}).items()
                           if k != question["field"] and not (question["kind"] == "conflict" and k == "conflict")}
        _emit(ctx, "clarification_requested", {"field": question["field"], "kind": question["kind"],
                                               "question": question["question"]})
    update["pending"] = question
    update["transcript"] = [{"role": "assistant", "text": question["question"]}]
    return update


def ask_user(state: ChatState) -> dict[str, Any]:
    """Pause until the person answers the pending question (or confirms the summary)."""
    pending = state.get("pending") or {}
    answer = interrupt({"type": pending.get("kind", "question"), **pending})
    return {"message": answer if isinstance(answer, str) else str(answer)}


def hand_off(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    """Validate the confirmed brief and hand it to the pack graph on this thread."""
    data = brief_data(state.get("fields") or {})
    try:
        parse_brief(data)
    except BriefError as exc:
        first = exc.errors[0]
        return {"confirmed": False, "vague": {first.field.split(".")[0]: f"{first.problem} ({first.fix})"}}
    _emit(runtime.context, "approved", {"fields": sorted(data), "clarity": (state.get("clarity") or {}).get("score"),
                                        "pack_key": state.get("pack_key")})
    return {"brief": data, "pack_key": state["pack_key"]}
