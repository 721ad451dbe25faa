"""Text helpers for the creative composers: accent-free words and hashtags."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "đ": "d", "Đ": "D",
                           "ł": "l", "Ł": "L", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d"})


def ascii_words(text: str) -> list[str]:
    """Words of ``text`` with accents stripped ('Café Ñandú' -> ['Cafe', 'Nandu'])."""
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"[A-Za-z0-9]+", plain)
    return words or re.findall(r"\w+", text)


def tag(text: str) -> str:
    """A CamelCase hashtag from free text: 'Zero-Friction Quarter' -> '#ZeroFrictionQuarter'."""
    words = ascii_words(text)
    return "#" + "".join(w if w[:1].isupper() or w.isdigit() else w[:1].upper() + w[1:] for w in words)
