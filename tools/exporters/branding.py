"""Client branding for exports: name, optional logo, brand colours and the cover page lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tools.result import PackResult

DEFAULT_PRIMARY = "#1F3A5F"
DEFAULT_ACCENT = "#E07A5F"
DEFAULT_PREPARED_BY = "AICMO"
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_LOGO_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
MAX_LOGO_BYTES = 5_000_000


class BrandingError(ValueError):
    """A branding option that cannot be used (bad colour, unreadable or unsupported logo)."""


def normalise_colour(value: str) -> str:
    """'#RRGGBB' from '#RGB', 'RGB', 'RRGGBB' or '#RRGGBB'; raises BrandingError otherwise."""
    match = _HEX.match(value.strip())
    if not match:
        raise BrandingError(f"colour '{value}' is not a hex colour; write it like #1F3A5F")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def rgb(colour: str) -> tuple[int, int, int]:
    """The (r, g, b) bytes of a '#RRGGBB' colour."""
    value = normalise_colour(colour)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def luminance(colour: str) -> float:
    """Relative luminance 0 (black) to 1 (white), WCAG formula."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def readable_on_white(colour: str) -> str:
    """The colour, darkened until text in it reads on white (contrast >= 4.5)."""
    r, g, b = rgb(colour)
    for _ in range(20):
        value = f"#{r:02X}{g:02X}{b:02X}"
        if 1.05 / (luminance(value) + 0.05) >= 4.5:
            return value
        r, g, b = int(r * 0.85), int(g * 0.85), int(b * 0.85)
    return "#000000"


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on a fill of ``colour``."""
    return "#111111" if luminance(colour) > 0.4 else "#FFFFFF"


def read_logo(path: Path) -> tuple[bytes, str]:
    """The logo's bytes and kind ('png' or 'jpeg'); raises BrandingError for anything else."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BrandingError(f"logo {path}: cannot read it ({exc.strerror})") from None
    if len(data) > MAX_LOGO_BYTES:
        raise BrandingError(f"logo {path}: {len(data):,} bytes is over the {MAX_LOGO_BYTES:,} byte limit")
    for magic, kind in _LOGO_MAGIC.items():
        if data.startswith(magic):
            return data, kind
    raise BrandingError(f"logo {path}: not a PNG or JPEG image")


@dataclass(frozen=True)
class Branding:
    """How a pack is dressed: client name, colours, optional logo and who prepared it."""

    client_name: str = ""
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    logo: Path | None = None
    prepared_by: str = DEFAULT_PREPARED_BY

    def __post_init__(self) -> None:
        """Validate colours eagerly so a bad option fails before any file is written."""
        object.__setattr__(self, "primary", normalise_colour(self.primary))
        object.__setattr__(self, "accent", normalise_colour(self.accent))

    @property
    def heading_colour(self) -> str:
        """The primary colour, made readable as text on white."""
        return readable_on_white(self.primary)


@dataclass(frozen=True)
class Cover:
    """The cover page's lines, already resolved."""

    brand: str
    title: str
    subtitle: str
    date_line: str
    prepared_by: str
    logo: bytes | None
    logo_kind: str | None


def pack_date(result: PackResult) -> date:
    """The date the pack was created (from created_at), so re-exports are stable."""
    try:
        return datetime.fromisoformat(result.created_at.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(result.created_at[:10])


def resolve_branding(result: PackResult, branding: Branding | None) -> Branding:
    """Branding with the client name defaulting to the brief's brand name."""
    branding = branding or Branding()
    if branding.client_name:
        return branding
    brand = str((result.brief or {}).get("brand_name") or "")
    return Branding(client_name=brand, primary=branding.primary, accent=branding.accent, logo=branding.logo,
                    prepared_by=branding.prepared_by)


def cover_for(result: PackResult, branding: Branding) -> Cover:
    """Cover page content: brand, pack, date and a 'prepared by' line."""
    logo, kind = read_logo(branding.logo) if branding.logo else (None, None)
    when = pack_date(result)
    timeline = result.strategy.timeline if result.strategy else None
    subtitle = (f"Campaign window {timeline.start:%d %b %Y} to {timeline.end:%d %b %Y}" if timeline
                else f"{len(result.sections)} sections")
    return Cover(brand=branding.client_name or "Client", title=result.pack_label, subtitle=subtitle,
                 date_line=f"{when.day} {when:%B %Y}",
                 prepared_by=f"Prepared by {branding.prepared_by} for {branding.client_name or 'the client'}",
                 logo=logo, logo_kind=kind)
