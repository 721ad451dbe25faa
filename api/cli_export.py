"""`aicmo export PACK_JSON --format ...`: render a written pack.json as client files (PDF, DOCX, PPTX, ...)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tools.exporters import EXPORT_FORMATS, Branding, BrandingError, UnknownFormatError, export_pack, parse_formats
from tools.exporters.branding import DEFAULT_ACCENT, DEFAULT_PREPARED_BY, DEFAULT_PRIMARY
from tools.result import PackResult

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
DEFAULT_FORMATS = "pdf,docx,pptx,html,md,zip"
console = Console(emoji=False, highlight=False)
err = Console(stderr=True, emoji=False, highlight=False)
app = typer.Typer(add_completion=False, no_args_is_help=True)


def load_pack(path: Path) -> PackResult:
    """Read and validate a pack.json; raises OSError or pydantic ValidationError."""
    return PackResult.model_validate_json(path.read_bytes())


def _fail(message: str, code: int = EXIT_INVALID) -> typer.Exit:
    err.print(f"[red]{escape(message)}[/]")
    return typer.Exit(code)


@app.command("export")
def export(
    pack_json: Annotated[Path, typer.Argument(help="A pack.json written by `aicmo generate`.", metavar="PACK_JSON")],
    format: Annotated[str, typer.Option("--format", help=f"Comma-separated: {','.join(sorted(EXPORT_FORMATS))}.")]
        = DEFAULT_FORMATS,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: the folder of PACK_JSON).")] = None,
    logo: Annotated[Path | None, typer.Option(help="Client logo, PNG or JPEG, shown on the cover.")] = None,
    colour: Annotated[str | None, typer.Option("--colour", "--color", help="Brand colour, hex (#1F3A5F).",
                                               show_default=DEFAULT_PRIMARY)] = None,
    accent: Annotated[str | None, typer.Option(help="Accent colour, hex.", show_default=DEFAULT_ACCENT)] = None,
    client: Annotated[str | None, typer.Option(help="Client name on the cover (default: the brief's brand).",
                                               show_default=False)] = None,
    prepared_by: Annotated[str, typer.Option(help="Who prepared the pack (cover line).")] = DEFAULT_PREPARED_BY,
    brief: Annotated[Path | None, typer.Option(help="The brief file to put in the ZIP (default: the brief "
                                               "inside pack.json, as JSON).", show_default=False)] = None,
) -> None:
    """Export a pack.json to client formats (exit 0 written, 1 write failure, 2 invalid input)."""
    try:
        formats = parse_formats(format)
        branding = Branding(client_name=client or "", primary=colour or DEFAULT_PRIMARY,
                            accent=accent or DEFAULT_ACCENT, logo=logo, prepared_by=prepared_by)
    except (UnknownFormatError, BrandingError) as exc:
        raise _fail(f"--format/--colour: {exc}") from None
    if brief is not None and not brief.is_file():
        raise _fail(f"--brief: {brief} is not a readable file")
    try:
        result = load_pack(pack_json)
    except OSError as exc:
        raise _fail(f"PACK_JSON: cannot read {pack_json}: {exc.strerror}") from None
    except ValidationError as exc:
        raise _fail(f"PACK_JSON: {pack_json} is not a pack.json ({exc.error_count()} problems; first: "
                    f"{exc.errors()[0]['msg']} at {'.'.join(str(p) for p in exc.errors()[0]['loc'])})") from None
    folder = out or pack_json.parent
    try:
        written = export_pack(result, folder, formats, branding=branding, brief_source=brief)
    except BrandingError as exc:
        raise _fail(f"--logo: {exc}") from None
    except OSError as exc:
        raise _fail(f"cannot write to {folder}: {exc.strerror or exc}", EXIT_FAILED) from None
    table = Table(title=f"Exports of {escape(result.pack_key)}")
    for column in ("format", "file", "bytes"):
        table.add_column(column)
    for fmt, path in sorted(written.items()):
        table.add_row(fmt, escape(str(path)), f"{path.stat().st_size:,}")
    console.print(table)
    raise typer.Exit(EXIT_OK)


@app.callback()
def _root() -> None:
    """Keep `export` a named sub-command when this app runs on its own."""


if __name__ == "__main__":
    app()
