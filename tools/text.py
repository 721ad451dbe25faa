"""Make untrusted text inert: strip markup, template markers and control characters, keep unicode."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from tools.currencies import ISO_4217

_SCRIPT_STYLE = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_OPEN_SCRIPT = re.compile(r"<\s*(script|style)\b[^>]*>.*\Z", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\$\{[^}]*\}|\{\{|\}\}|\{%|%\}|\$\{")
_INSERT = re.compile(
    r"\[\s*(?:insert|add|enter|your)\b[^\]]*\]"
    r"|\[\s*(?:brand|client|company|product|service|stat|data|metric|brand name|founder name|name)\s*\]",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0]+")
# zero-width (non-)joiners are part of emoji sequences and several scripts; other format/control
# characters (bidi overrides, BOM, NUL, escapes) are dropped
_KEEP_FORMAT = {"\u200c", "\u200d"}


def _visible(ch: str) -> str:
    if ch in "\n\t" or ch in _KEEP_FORMAT:
        return ch
    return " " if unicodedata.category(ch)[0] == "C" else ch


def strip_markup(value: str) -> str:
    """Remove HTML (scripts, styles, comments, tags), template markers and fill-in brackets."""
    text = _COMMENT.sub(" ", value)
    text = _SCRIPT_STYLE.sub(" ", text)
    text = _OPEN_SCRIPT.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _SCRIPT_STYLE.sub(" ", text)  # markup that was entity-escaped
    text = _TAG.sub(" ", text)
    text = _TEMPLATE.sub(" ", text)
    return _INSERT.sub(" ", text)


def clean_text(value: str) -> str:
    """Return ``value`` as plain, single-spaced text that cannot act as markup or a template."""
    text = unicodedata.normalize("NFC", value)
    text = strip_markup(text)
    text = "".join(_visible(ch) for ch in text)
    text = text.replace("\n", " ").replace("\t", " ")
    text = text.replace("|", "/")  # a pipe would split markdown table cells
    return _SPACES.sub(" ", text).strip()


_NON_ANSWER = re.compile(
    r"^\s*(?:tbd|tbc|to-?do|n/?a|none|null|nil|unknown|to be (?:determined|confirmed)|-+|\?+|\.\.\.|…)\s*$",
    re.IGNORECASE,
)
SYMBOL_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY"}
# a comma between a 1-3 digit group and exactly three digits is a thousands separator, not a list break
_THOUSANDS_TAIL = re.compile(r"(?:^|[^\d.])\d{1,3}$")
_THOUSANDS_HEAD = re.compile(r"^\d{3}(?!\d)")
_SPLIT = re.compile(r";|\n|,(?!\d{3}(?!\d))|(?<!\d),")
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*([kKmM])?\b")
_MONTHLY = re.compile(r"\b(month|monthly|mo|per month|a month|pm)\b|/\s*mo", re.I)


def is_non_answer(value: str) -> bool:
    """True when a field holds a stand-in such as "TBD", "N/A" or "-" instead of information."""
    return bool(_NON_ANSWER.match(value))


def split_list(text: str) -> list[str]:
    """Split "a; b, c" into items, keeping thousands separators ("1,200 reviews") inside an item."""
    return _SPLIT.split(text)


def join_thousands(items: list[Any]) -> list[Any]:
    """Re-join "40" + "000 active subscribers", which YAML flow lists split at a thousands comma."""
    out: list[Any] = []
    for item in items:
        text = str(item) if isinstance(item, (int, str)) and not isinstance(item, bool) else None
        prev = out[-1] if out and isinstance(out[-1], str) else None
        if text is not None and prev is not None and _THOUSANDS_TAIL.search(prev) and _THOUSANDS_HEAD.match(text):
            out[-1] = f"{prev},{text}"
        else:
            out.append(text if text is not None else item)
    return out


def budget_from_text(text: str) -> dict[str, Any] | None:
    """Read "$5k per month", "12000 EUR" or "0" as a budget mapping; None when no amount is given."""
    match = _AMOUNT.search(text)
    if not match:
        return None
    scale = {"k": 1_000, "m": 1_000_000}.get((match.group(2) or "").lower(), 1)
    code = next((c for c in re.findall(r"\b[A-Za-z]{3}\b", text) if c.upper() in ISO_4217), None)
    symbol = next((cur for sym, cur in SYMBOL_CURRENCY.items() if sym in text), None)
    return {"amount": float(match.group(1).replace(",", "")) * scale, "currency": (code or symbol or "USD").upper(),
            "period": "monthly" if _MONTHLY.search(text) else "total"}
