"""ZIP export: every format plus pack.json and the brief, in one deterministic archive."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from tools.result import PackResult

# A fixed timestamp keeps the archive byte-identical for identical content.
_STAMP = (2020, 1, 1, 0, 0, 0)


def brief_member(result: PackResult, brief_source: Path | None) -> tuple[str, bytes] | None:
    """The brief as the client sent it (its file) or, failing that, the validated brief as JSON."""
    if brief_source is not None:
        return f"brief{brief_source.suffix.lower() or '.txt'}", brief_source.read_bytes()
    if result.brief is None:
        return None
    return "brief.json", json.dumps(result.brief, indent=2, ensure_ascii=False, default=str).encode("utf-8")


def build_zip(members: dict[str, bytes]) -> bytes:
    """A deflated ZIP holding ``members`` (name -> bytes) in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
