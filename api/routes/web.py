"""The web page at / and its static assets (plain HTML, JS and CSS served by the same app)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent.parent / "static"
# the page loads only its own scripts and styles, so injected markup cannot run
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    """The AICMO page: chat or form for the brief, live sections, review, exports."""
    return FileResponse(STATIC / "index.html", media_type="text/html",
                        headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store",
                                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})
