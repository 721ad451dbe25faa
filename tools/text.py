"""Make untrusted text inert: strip markup, template markers and control characters, keep unicode."""

from __future__ import annotations

import html
import re
import unicodedata

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


_PLACEHOLDER_VALUE = re.compile(
    r"^\s*(?:tbd|tbc|todo|n/?a|none|null|nil|unknown|to be (?:determined|confirmed)|-+|\?+|\.\.\.|…)\s*$",
    re.IGNORECASE,
)


def is_placeholder(value: str) -> bool:
    """True when a field holds a stand-in such as "TBD", "N/A" or "-" instead of information."""
    return bool(_PLACEHOLDER_VALUE.match(value))
