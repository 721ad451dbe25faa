"""Make untrusted text inert: strip markup, template markers and control characters, keep unicode."""

from __future__ import annotations

import html
import re
import unicodedata

_SCRIPT_STYLE = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?\s*[A-Za-z][^<>]*>")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{.*?\}|\{\{|\}\}|\{%|%\}")
_INSERT = re.compile(r"\[\s*insert[^\]]*\]", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_text(value: str) -> str:
    """Return ``value`` as plain, single-spaced text that cannot act as markup or a template."""
    text = unicodedata.normalize("NFC", value)
    text = _SCRIPT_STYLE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _TAG.sub(" ", text)  # tags that were entity-escaped
    text = _TEMPLATE.sub(" ", text)
    text = _INSERT.sub(" ", text)
    text = "".join(ch if (ch in "\n\t" or unicodedata.category(ch)[0] != "C") else " " for ch in text)
    text = text.replace("\n", " ").replace("\t", " ")
    text = text.replace("|", "/")  # a pipe would split markdown table cells
    return _SPACES.sub(" ", text).strip()
