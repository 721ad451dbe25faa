"""CSV lead import: standard columns, an optional header mapping, strict booleans and one error per bad cell."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from tools.leads.records import SIGNALS, LeadRecord, Source

TEXT_COLUMNS = ("email", "first_name", "last_name", "name", "company", "company_domain", "title", "linkedin_url",
                "timezone", "pain_point")
ENRICHMENT_TEXT = ("company_size", "industry", "location", "job_level")
COLUMNS = frozenset((*TEXT_COLUMNS, *ENRICHMENT_TEXT, *SIGNALS, "annual_revenue", "tags"))
TRUE, FALSE = frozenset({"true", "yes", "1"}), frozenset({"false", "no", "0", ""})
_MONEY = re.compile(r"^\$?\s*(\d+(?:\.\d+)?)\s*([kmb])?$", re.IGNORECASE)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9}
_ZONES: dict[str, bool] = {}


class CsvImportError(ValueError):
    """The file as a whole cannot be imported (no header, a mapping naming a missing column, ...)."""


@dataclass(frozen=True)
class RowError:
    """One problem in one row: the file line, the column and what to fix."""

    line: int
    column: str
    problem: str


@dataclass
class ImportResult:
    """Parsed records, per-row errors and the columns that were not used."""

    records: list[LeadRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0


def header_key(name: str) -> str:
    """'First Name' -> 'first_name'."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def parse_bool(value: str) -> bool:
    """true/false/yes/no/1/0 (any case; empty is false); anything else raises ValueError."""
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"'{value}' is not a boolean: use true/false, yes/no or 1/0")


def parse_revenue(value: str) -> float | None:
    """'1,200,000', '$1.2M', '500k' -> a number; empty -> None; anything else raises ValueError."""
    text = value.strip().replace(",", "").replace("_", "")
    if not text:
        return None
    match = _MONEY.match(text)
    if not match:
        raise ValueError(f"'{value}' is not an amount: use digits, optionally with k, m or b")
    return float(match[1]) * _SCALE.get((match[2] or "").lower(), 1.0)


def _valid_zone(name: str) -> bool:
    if name not in _ZONES:
        try:
            ZoneInfo(name)
            _ZONES[name] = True
        except (ZoneInfoNotFoundError, ValueError):
            _ZONES[name] = False
    return _ZONES[name]


def _columns(header: list[str], mapping: dict[str, str] | None) -> tuple[dict[int, str], list[str]]:
    """Column index -> standard field; raises CsvImportError for a mapping that names unknown columns."""
    mapping = {header_key(k): v for k, v in (mapping or {}).items()}
    present = {header_key(h) for h in header}
    bad_targets = sorted(v for v in mapping.values() if v not in COLUMNS)
    missing = sorted(k for k in mapping if k not in present)
    if bad_targets or missing:
        problems = [f"mapping targets {bad_targets} are not standard columns" if bad_targets else "",
                    f"mapped headers {missing} are not in the file" if missing else ""]
        raise CsvImportError("; ".join(p for p in problems if p) + f" (standard columns: {', '.join(sorted(COLUMNS))})")
    index: dict[int, str] = {}
    ignored: list[str] = []
    for i, raw in enumerate(header):
        key = header_key(raw)
        target = mapping.get(key, key)
        if target in COLUMNS and target not in index.values():
            index[i] = target
        else:
            ignored.append(raw)
    if "email" not in index.values() and not {"name", "first_name"} & set(index.values()):
        raise CsvImportError("the file needs an email column (or name/first_name with company); map yours with "
                             "--map 'Header=email'")
    return index, ignored


def _row(cells: dict[str, str], line: int, errors: list[RowError]) -> dict[str, Any] | None:
    """The record fields of one row, or None after appending its errors."""
    before = len(errors)
    data: dict[str, Any] = {k: cells[k] for k in TEXT_COLUMNS if cells.get(k, "").strip()}
    enrichment: dict[str, Any] = {k: cells[k] for k in ENRICHMENT_TEXT if cells.get(k, "").strip()}
    for name in SIGNALS:
        try:
            enrichment[name] = parse_bool(cells.get(name, ""))
        except ValueError as exc:
            errors.append(RowError(line, name, str(exc)))
    try:
        enrichment["annual_revenue"] = parse_revenue(cells.get("annual_revenue", ""))
    except ValueError as exc:
        errors.append(RowError(line, "annual_revenue", str(exc)))
    zone = data.get("timezone", "").strip()
    if zone and not _valid_zone(zone):
        errors.append(RowError(line, "timezone", f"unknown time zone '{zone}': use an IANA name like Europe/Paris"))
    if not data.get("email") and not ((data.get("name") or data.get("first_name")) and
                                      (data.get("company") or data.get("company_domain"))):
        errors.append(RowError(line, "email", "no email, and no name with a company to identify the lead"))
    if len(errors) > before:
        return None
    tags = [t.strip() for t in re.split(r"[;,]", cells.get("tags", "")) if t.strip()]
    return {**data, "tags": tags, "enrichment": enrichment}


def parse_csv(source: str | Iterable[str], mapping: dict[str, str] | None = None, origin: Source = "csv"
              ) -> ImportResult:
    """Parse CSV text (or lines) into lead records; a bad row is reported with its line and skipped."""
    lines = io.StringIO(source.lstrip("\ufeff")) if isinstance(source, str) else source
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header:
        raise CsvImportError("the file is empty: the first line must name the columns")
    index, ignored = _columns(header, mapping)
    result = ImportResult(ignored_columns=ignored)
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        result.rows += 1
        line = reader.line_num
        if len(cells) > len(header):
            result.errors.append(RowError(line, "*", f"{len(cells)} cells but {len(header)} columns"))
            continue
        data = _row({name: cells[i] for i, name in index.items() if i < len(cells)}, line, result.errors)
        if data is None:
            continue
        try:
            result.records.append(LeadRecord.model_validate({**data, "source": origin}))
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][-1]) if err["loc"] else "*"
                result.errors.append(RowError(line, column, err["msg"]))
    return result
