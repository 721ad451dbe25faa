"""Branding: colour validation and contrast, logo checks, cover lines and the brief's brand as default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.export_packs import make_pack
from tools.exporters.branding import (
    Branding,
    BrandingError,
    cover_for,
    luminance,
    normalise_colour,
    read_logo,
    readable_on_white,
    resolve_branding,
    text_on,
)


def test_colours_normalise_and_bad_ones_are_refused() -> None:
    assert normalise_colour("1f3a5f") == "#1F3A5F"
    assert normalise_colour("#abc") == "#AABBCC"
    for bad in ("red", "#12345", "#GGGGGG", "javascript:1", "#123456;}body{"):
        with pytest.raises(BrandingError):
            Branding(primary=bad)


def test_light_brand_colour_is_darkened_for_text_and_fills_pick_readable_ink() -> None:
    yellow = Branding(primary="#FFF59D")
    assert luminance(yellow.heading_colour) < luminance("#FFF59D")
    assert (1.05 / (luminance(yellow.heading_colour) + 0.05)) >= 4.5
    assert readable_on_white("#1F3A5F") == "#1F3A5F"
    assert text_on("#FFF59D") == "#111111" and text_on("#1F3A5F") == "#FFFFFF"


def test_logo_must_be_png_or_jpeg(tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("<svg onload=alert(1)>", encoding="utf-8")
    with pytest.raises(BrandingError, match="not a PNG or JPEG"):
        read_logo(fake)
    with pytest.raises(BrandingError, match="cannot read"):
        read_logo(tmp_path / "missing.png")
    real = tmp_path / "real.png"
    real.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    assert read_logo(real)[1] == "png"


def test_cover_has_brand_pack_date_and_prepared_by() -> None:
    result = make_pack(brand="Café Ñandú")
    branding = resolve_branding(result, Branding(prepared_by="Northwind Agency"))
    assert branding.client_name == "Café Ñandú"
    cover = cover_for(result, branding)
    assert cover.brand == "Café Ñandú"
    assert cover.title == "Strategy + Campaign Pack (Standard)"
    assert cover.date_line == "22 November 2026"
    assert cover.prepared_by == "Prepared by Northwind Agency for Café Ñandú"
    assert "23 Nov 2026" in cover.subtitle and cover.logo is None


def test_explicit_client_name_wins_over_the_brief() -> None:
    result = make_pack(brand="Café Ñandú")
    assert resolve_branding(result, Branding(client_name="Ñandú Group")).client_name == "Ñandú Group"
