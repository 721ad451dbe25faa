"""Dedupe leads by normalised email, else by (normalised name, company domain)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tools.leads.records import LeadRecord

_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_COMPANY_SUFFIX = re.compile(r"\b(?:inc|llc|ltd|limited|gmbh|sa|sas|bv|plc|corp|corporation|co|company)\b")


def normalise_email(email: str | None) -> str | None:
    """Lower-case and strip an address; None when empty."""
    value = "".join((email or "").split()).lower()
    return value or None


def normalise_name(name: str | None) -> str:
    """Accents removed, lower-case, punctuation dropped, single spaces."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def company_key(record: LeadRecord) -> str | None:
    """The company's domain (www. and scheme stripped), else its normalised name without legal suffixes."""
    domain = (record.company_domain or "").lower().strip()
    domain = re.sub(r"^(?:https?://)?(?:www\.)?", "", domain).split("/", 1)[0]
    if domain:
        return domain
    name = " ".join(_COMPANY_SUFFIX.sub(" ", normalise_name(record.company)).split())
    return name or None


def dedupe_key(record: LeadRecord) -> str | None:
    """'e:<email>' or 'n:<name>|<company>'; None when neither can be formed."""
    email = normalise_email(record.email)
    if email:
        return f"e:{email}"
    name, company = normalise_name(record.full_name), company_key(record)
    return f"n:{name}|{company}" if name and company else None


def dedupe(records: Iterable[LeadRecord], seen: set[str] | None = None) -> tuple[list[tuple[str, LeadRecord]],
                                                                                   list[LeadRecord]]:
    """(unique records with their keys, duplicates); the first occurrence wins, ``seen`` holds stored keys."""
    known = set(seen or ())
    unique: list[tuple[str, LeadRecord]] = []
    duplicates: list[LeadRecord] = []
    for record in records:
        key = dedupe_key(record)
        if key is None:
            raise ValueError("a lead needs an email, or a name and a company, to be deduplicated")
        if key in known:
            duplicates.append(record)
            continue
        known.add(key)
        unique.append((key, record))
    return unique, duplicates
