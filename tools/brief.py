"""The client brief (spec/brief.md): canonical model, loading and field-level errors."""

from __future__ import annotations

import difflib
import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tools.currencies import ISO_4217
from tools.text import SYMBOL_CURRENCY, budget_from_text, clean_text, is_non_answer, join_thousands, split_list

BusinessType = Literal["B2B", "B2C", "Hybrid"]
_B2B_HINTS = re.compile(
    r"\b(b2b|saas|enterprise|wholesale|agency|consult\w*|manufactur\w*|logistics|"
    r"devops|it services|professional services|platform for (teams|businesses|companies))\b",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://[^\s/$.?#@][^\s@]*\.[^\s]+$", re.IGNORECASE)
_LANGUAGE_NAMES = {"english": "en", "spanish": "es", "french": "fr", "german": "de", "portuguese": "pt",
                   "italian": "it", "dutch": "nl", "japanese": "ja", "chinese": "zh", "hindi": "hi",
                   "arabic": "ar", "swedish": "sv", "polish": "pl", "turkish": "tr", "korean": "ko"}
_BUSINESS_TYPES = {"b2b": "B2B", "b2c": "B2C", "hybrid": "Hybrid", "b2b2c": "Hybrid", "both": "Hybrid",
                   "d2c": "B2C", "dtc": "B2C"}

ShortText = Annotated[str, Field(min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _clean_strings(cls, value: Any) -> Any:
        if isinstance(value, str):
            return clean_text(value)
        return value


class Budget(_Strict):
    """Money the client will spend; 0 means organic only."""

    amount: float = Field(ge=0, description="budget amount, >= 0")
    currency: str = Field(default="USD", description="ISO 4217 code, e.g. USD, EUR, GBP")
    period: Literal["total", "monthly"] = "total"

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        code = SYMBOL_CURRENCY.get(value.strip(), value.upper())
        if code not in ISO_4217:
            raise ValueError(f"'{value}' is not an ISO 4217 currency code; use e.g. USD, EUR, GBP, INR")
        return code

    @field_validator("period", mode="before")
    @classmethod
    def _period_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in {"month", "per month", "monthly", "a month", "mo"}:
                return "monthly"
            if lowered in {"total", "overall", "campaign", "one-off", "once", "whole campaign"}:
                return "total"
        return value


class DateRange(_Strict):
    """An explicit campaign window."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} is not after start {self.start}; "
                             "give an end date after the start")
        return self


class Product(_Strict):
    """One product or service line."""

    name: ShortText
    usp: str | None = None
    price_note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _name_only(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


_LIST_FIELDS = ("pain_points", "competitors", "tone_of_voice", "kpis", "focus_platforms", "avoid_platforms",
                "constraints", "must_include_messages", "must_avoid_messages", "proof_points")
_OPTIONAL_TEXT = ("geography", "secondary_customer", "current_offers", "upcoming_events", "extra_notes",
                  "website")


class Brief(_Strict):
    """Everything the agency needs from the client. Text is data: it is cleaned, never executed."""

    brand_name: str = Field(min_length=1, max_length=120)
    industry: ShortText
    product_service: ShortText
    primary_goal: ShortText
    primary_customer: ShortText
    business_type: BusinessType | None = None
    geography: str | None = None
    timeline: DateRange | str | None = None
    budget: Budget | None = None
    secondary_customer: str | None = None
    pain_points: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    tone_of_voice: list[str] = Field(default_factory=list)
    kpis: list[str] = Field(default_factory=list)
    focus_platforms: list[str] = Field(default_factory=list)
    avoid_platforms: list[str] = Field(default_factory=list)
    constraints: list[str] = Field(default_factory=list)
    must_include_messages: list[str] = Field(default_factory=list)
    must_avoid_messages: list[str] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    proof_points: list[str] = Field(default_factory=list)
    current_offers: str | None = None
    upcoming_events: str | None = None
    website: str | None = None
    language: str = "en"
    extra_notes: str | None = None

    @field_validator(*_LIST_FIELDS, mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            value = split_list(value)
        if isinstance(value, (list, tuple)):
            items = join_thousands(list(value))
            cleaned = [clean_text(v) if isinstance(v, str) else v for v in items]
            return [v for v in cleaned if not (isinstance(v, str) and (not v or is_non_answer(v)))]
        return value

    @field_validator("products", mode="before")
    @classmethod
    def _product_list(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, (str, dict)) else value

    @field_validator("business_type", mode="before")
    @classmethod
    def _business_type_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _BUSINESS_TYPES.get(value.strip().lower().replace(" ", ""), value)
        return value

    @field_validator("timeline", mode="before")
    @classmethod
    def _timeline_shape(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{int(value)} days"
        if isinstance(value, str) and is_non_answer(value):
            return None
        return value

    @field_validator("budget", mode="before")
    @classmethod
    def _budget_shape(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"amount": value}
        if isinstance(value, str):
            if is_non_answer(value):
                return None
            parsed = budget_from_text(value)
            if parsed is None:
                raise ValueError(f"'{value}' has no amount; write it like {{amount: 5000, currency: USD, "
                                 "period: total}")
            return parsed
        return value

    @field_validator("extra_notes", mode="before")
    @classmethod
    def _notes_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        return value

    @field_validator(*_OPTIONAL_TEXT)
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return None if not value or is_non_answer(value) else value

    @field_validator("website")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", value):
                raise ValueError(f"'{value}' has no scheme; write it as https://{value}")
            raise ValueError(f"'{value}' is not an http(s) URL; write it like https://example.com")
        return value

    @field_validator("language")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        if not _LANGUAGE.match(value) or len(value.split("-")[0]) > 3:
            code = _LANGUAGE_NAMES.get(value.strip().lower())
            hint = f"use '{code}'" if code else "use e.g. en, es, pt-BR"
            raise ValueError(f"'{value}' is not a BCP-47 language code; {hint}")
        return value

    @model_validator(mode="after")
    def _infer_business_type(self) -> Brief:
        if self.business_type is None:
            text = f"{self.industry} {self.product_service} {self.primary_customer}"
            self.business_type = "B2B" if _B2B_HINTS.search(text) else "B2C"
        return self

    @property
    def is_b2b(self) -> bool:
        """True when the brand sells to businesses (B2B or Hybrid)."""
        return self.business_type in ("B2B", "Hybrid")


REQUIRED_FIELDS = ("brand_name", "industry", "product_service", "primary_goal", "primary_customer")
_EXAMPLES = {
    "brand_name": "brand_name: Acme Studio",
    "industry": 'industry: "Boutique fitness"',
    "product_service": 'product_service: "Small-group HIIT classes"',
    "primary_goal": 'primary_goal: "200 new members in 90 days"',
    "primary_customer": 'primary_customer: "Busy professionals aged 25-45 in Austin"',
}


class FieldError(BaseModel):
    """One problem with one brief field, with the fix."""

    field: str
    problem: str
    fix: str


class BriefError(ValueError):
    """The brief is invalid; ``errors`` names every bad field at once."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__(self.summary())

    @property
    def fields(self) -> list[str]:
        """The names of the bad fields, in order, once each."""
        return list(dict.fromkeys(e.field for e in self.errors))

    def summary(self) -> str:
        """One message naming every bad field and how to fix it."""
        lines = [f"- {e.field}: {e.problem} -> {e.fix}" for e in self.errors]
        head = f"invalid brief ({len(self.errors)} problem(s) in: {', '.join(self.fields)})"
        return "\n".join([head, *lines])


_FIXES = {
    "missing": "add this required field",
    "greater_than_equal": "use a number >= 0 (0 means organic only)",
    "literal_error": "use one of the allowed values",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
    "date_from_datetime_inexact": "write dates as YYYY-MM-DD",
    "date_parsing": "write dates as YYYY-MM-DD",
    "date_type": "write dates as YYYY-MM-DD",
    "float_parsing": "write a plain number such as 18000",
    "float_type": "write a plain number such as 18000",
    "string_too_long": "shorten it",
    "string_too_short": "fill it in",
    "string_type": "write it as text",
    "list_type": "write a list, e.g. [first, second]",
    "model_type": "write it as a mapping of its fields (see spec/brief.md)",
    "model_attributes_type": "write it as a mapping of its fields (see spec/brief.md)",
    "dict_type": "write it as a mapping of its fields (see spec/brief.md)",
}
_FIELD_FIXES = {
    "budget": "write it like {amount: 5000, currency: USD, period: total}",
    "timeline": 'write "90 days", "Q1 2027" or {start: 2027-01-04, end: 2027-03-31}',
    "products": "write a list of {name, usp, price_note}",
}
_TYPE_NAMES = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list",
               dict: "a mapping", date: "a date"}
_NESTED = {"budget": Budget, "timeline": DateRange, "products": Product}


def _field_name(loc: tuple[Any, ...]) -> str:
    def internal(part: Any) -> bool:
        return isinstance(part, str) and (part in {"DateRange", "str"}
                                          or part.startswith(("function-", "constrained-")))

    parts = [str(p) for p in loc if not internal(p)]
    return ".".join(parts) or "brief"


def _unknown_key_fix(loc: tuple[Any, ...]) -> str:
    model = _NESTED.get(str(loc[0])) if len(loc) > 1 else Brief
    options = list(model.model_fields) if model else []
    close = difflib.get_close_matches(str(loc[-1]), options, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}remove it or fix the typo (free text belongs in extra_notes)"


def _one_error(err: dict[str, Any]) -> FieldError | None:
    loc = tuple(err["loc"])
    kind = err["type"]
    if "timeline" in loc and kind in {"string_type", "model_attributes_type", "model_type"} and \
            not isinstance(err.get("input"), (int, float, list, bool)):
        return None  # the union's other branch; the real error is reported separately
    name = _field_name(loc)
    message = str(err["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return FieldError(field=name, problem="unknown field", fix=_unknown_key_fix(loc))
    if kind == "missing":
        example = _EXAMPLES.get(name)
        return FieldError(field=name, problem="required field is missing",
                          fix=f"add it, e.g. {example}" if example else _FIXES["missing"])
    fix = _FIXES.get(kind, "see spec/brief.md for the expected type")
    if kind.endswith("_type"):
        fix = _FIELD_FIXES.get(name, fix)
        message = f"wrong type ({_TYPE_NAMES.get(type(err.get('input')), 'value')} given)"
    if kind == "literal_error":
        fix = f"use one of: {err.get('ctx', {}).get('expected', 'the allowed values')}"
    if kind == "value_error":
        message, _, fix = message.partition("; ")
        fix = fix or "see spec/brief.md"
    return FieldError(field=name, problem=message, fix=fix)


def brief_errors(exc: ValidationError) -> list[FieldError]:
    """Turn pydantic's errors into one FieldError per bad field, each with a fix."""
    found: dict[str, FieldError] = {}
    for err in exc.errors():
        error = _one_error(dict(err))
        if error is not None:
            found.setdefault(error.field, error)
    return list(found.values())


def _non_answer_errors(data: dict[str, Any]) -> list[FieldError]:
    return [FieldError(field=name, problem=f"'{data[name]}' is not an answer yet",
                       fix=f"fill it in, e.g. {_EXAMPLES[name]}")
            for name in REQUIRED_FIELDS if isinstance(data.get(name), str) and is_non_answer(data[name])]


def parse_brief(data: Any) -> Brief:
    """Validate a mapping as a Brief, raising BriefError that lists every bad field."""
    if not isinstance(data, dict):
        raise BriefError([FieldError(field="brief", problem="not a mapping of fields",
                                     fix="write the brief as YAML/JSON keys such as brand_name: ...")])
    data = {str(k): v for k, v in data.items() if v is not None}
    stand_ins = _non_answer_errors(data)
    for error in stand_ins:
        data.pop(error.field)
    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        errors = brief_errors(exc)
        taken = {e.field for e in stand_ins}
        raise BriefError(stand_ins + [e for e in errors if e.field not in taken]) from None
    if stand_ins:
        raise BriefError(stand_ins)
    return brief


def load_brief(path: Path) -> Brief:
    """Read a YAML or JSON brief file and validate it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BriefError([FieldError(field="brief", problem=f"cannot read {path}: {exc.strerror}",
                                     fix="pass the path of an existing YAML or JSON file")]) from None
    except UnicodeDecodeError:
        raise BriefError([FieldError(field="brief", problem=f"{path.name} is not UTF-8 text",
                                     fix="save the file as UTF-8")]) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise BriefError([FieldError(field="brief", problem=f"{path.name} is not valid YAML/JSON ({exc})",
                                     fix="fix the file's syntax")]) from None
    return parse_brief(data)
