"""The client brief (spec/brief.md): canonical model, loading and field-level errors."""

from __future__ import annotations

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
from tools.text import clean_text

BusinessType = Literal["B2B", "B2C", "Hybrid"]
_B2B_HINTS = re.compile(
    r"\b(b2b|saas|enterprise|wholesale|agency|consult\w*|manufactur\w*|logistics|"
    r"devops|it services|professional services|platform for (teams|businesses|companies))\b",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)

ShortText = Annotated[str, Field(min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _clean_strings(cls, value: Any) -> Any:
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, list):
            return [clean_text(v) if isinstance(v, str) else v for v in value]
        return value


class Budget(_Strict):
    """Money the client will spend; 0 means organic only."""

    amount: float = Field(ge=0, description="budget amount, >= 0")
    currency: str = Field(default="USD", description="ISO 4217 code, e.g. USD, EUR, GBP")
    period: Literal["total", "monthly"] = "total"

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        code = value.upper()
        if code not in ISO_4217:
            raise ValueError(f"'{value}' is not an ISO 4217 currency code (use e.g. USD, EUR, GBP, INR)")
        return code


class DateRange(_Strict):
    """An explicit campaign window."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} is not after start {self.start}; give an end date after the start")
        return self


class Product(_Strict):
    """One product or service line."""

    name: ShortText
    usp: str | None = None
    price_note: str | None = None


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

    @field_validator(
        "pain_points", "competitors", "tone_of_voice", "kpis", "focus_platforms", "avoid_platforms",
        "constraints", "must_include_messages", "must_avoid_messages", "proof_points", mode="before",
    )
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            value = [part for part in re.split(r"[,;\n]", value)]
        if isinstance(value, list):
            return [clean_text(str(v)) for v in value if str(v).strip()]
        return value

    @field_validator("timeline", mode="before")
    @classmethod
    def _timeline_shape(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{int(value)} days"
        return value

    @field_validator("geography", "secondary_customer", "current_offers", "upcoming_events",
                     "extra_notes", "website")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("website")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError(f"'{value}' is not an http(s) URL; write it like https://example.com")
        return value

    @field_validator("language")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        if not _LANGUAGE.match(value):
            raise ValueError(f"'{value}' is not a BCP-47 language code; use e.g. en, es, pt-BR")
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

    def summary(self) -> str:
        """One message naming every bad field and how to fix it."""
        lines = [f"- {e.field}: {e.problem} -> {e.fix}" for e in self.errors]
        names = ", ".join(dict.fromkeys(e.field for e in self.errors))
        return f"invalid brief ({len(self.errors)} problem(s) in: {names})\n" + "\n".join(lines)


_FIXES = {
    "missing": "add this required field",
    "extra_forbidden": "remove it or fix the typo (free text belongs in extra_notes)",
    "greater_than_equal": "use a number >= 0 (0 means organic only)",
    "literal_error": "use one of the allowed values",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
    "date_parsing": "write dates as YYYY-MM-DD",
    "date_type": "write dates as YYYY-MM-DD",
    "float_parsing": "write a plain number such as 18000",
    "string_too_long": "shorten it",
    "string_too_short": "fill it in",
}


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p in {"DateRange", "str"})]
    return ".".join(parts) or "brief"


def brief_errors(exc: ValidationError) -> list[FieldError]:
    """Turn pydantic's errors into one FieldError per bad field, each with a fix."""
    found: dict[str, FieldError] = {}
    for err in exc.errors():
        loc = tuple(err["loc"])
        if "timeline" in loc and err["type"] in {"string_type", "model_attributes_type"}:
            continue  # the union's other branch; its real error is reported separately
        name = _field_name(loc)
        message = str(err["msg"]).removeprefix("Value error, ")
        fix = _FIXES.get(err["type"], "see spec/brief.md for the expected type")
        if err["type"] == "value_error":
            fix = message.split("; ", 1)[1] if "; " in message else "see spec/brief.md"
            message = message.split("; ", 1)[0]
        found.setdefault(name, FieldError(field=name, problem=message, fix=fix))
    return list(found.values())


def parse_brief(data: Any) -> Brief:
    """Validate a mapping as a Brief, raising BriefError that lists every bad field."""
    if not isinstance(data, dict):
        raise BriefError([FieldError(field="brief", problem="not a mapping of fields",
                                     fix="write the brief as YAML/JSON keys such as brand_name: ...")])
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        raise BriefError(brief_errors(exc)) from None


def load_brief(path: Path) -> Brief:
    """Read a YAML or JSON brief file and validate it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BriefError([FieldError(field="brief", problem=f"cannot read {path}: {exc.strerror}",
                                     fix="pass the path of an existing YAML or JSON file")]) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise BriefError([FieldError(field="brief", problem=f"{path.name} is not valid YAML/JSON ({exc})",
                                     fix="fix the file's syntax")]) from None
    return parse_brief(data)
