"""`aicmo serve` (the HTTP API and web page on uvicorn) and `aicmo keys create|list|revoke` (tenant API keys)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.settings import load_settings
from memory.db import make_engine, session_factory
from memory.migrations import upgrade
from memory.tenants import TenantKeys, UnknownKeyError

console = Console(emoji=False, highlight=False)
err = Console(stderr=True, emoji=False, highlight=False)
keys_app = typer.Typer(help="Create, list and revoke tenants' API keys (stored hashed).", no_args_is_help=True,
                       add_completion=False)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the HTTP API (LangGraph Server shape + pack routes) and the web page at http://HOST:PORT/."""
    import uvicorn

    # one process: runs execute in this process's worker threads and rate limits are counted here
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, log_level=log_level, workers=1)


@contextmanager
def _keys() -> Iterator[TenantKeys]:
    settings = load_settings()
    url = settings.app_database_url
    upgrade(url)
    engine = make_engine(url)
    try:
        yield TenantKeys(session_factory(engine))
    finally:
        engine.dispose()


@keys_app.command("create")
def create_key(
    tenant: Annotated[str, typer.Option(help="Tenant id (created when new), e.g. acme.", min=1)],
    name: Annotated[str | None, typer.Option(help="A label for the key, e.g. 'ci' or 'web'.")] = None,
) -> None:
    """Create an API key for a tenant; the key is printed once, on the last line."""
    if not tenant.strip() or len(tenant) > 64:
        err.print("[red]--tenant: give a tenant id of 1 to 64 characters[/]")
        raise typer.Exit(2)
    with _keys() as keys:
        key = keys.create(tenant.strip(), name)
    console.print(f"API key for tenant '{escape(tenant.strip())}'. It is shown only now; send it as x-api-key.")
    print(key)


@keys_app.command("list")
def list_keys(tenant: Annotated[str, typer.Option(help="Tenant id.")]) -> None:
    """Show a tenant's keys (prefix, label, created, revoked), never the keys themselves."""
    with _keys() as keys:
        rows = keys.list(tenant)
    table = Table(title=f"API keys of {escape(tenant)}")
    for column in ("prefix", "name", "created", "revoked"):
        table.add_column(column)
    for row in rows:
        table.add_row(row.prefix + "…", escape(row.name or ""), row.created_at.strftime("%Y-%m-%d %H:%M"),
                      "yes" if row.revoked else "no")
    console.print(table)


@keys_app.command("revoke")
def revoke_key(key: Annotated[str, typer.Argument(help="The full key to revoke.")]) -> None:
    """Revoke a key (requests with it get 401 within 30 seconds)."""
    with _keys() as keys:
        try:
            keys.revoke(key)
        except UnknownKeyError as exc:
            err.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(1) from None
    console.print("revoked")


def register(app: typer.Typer) -> None:
    """Add `serve` and the `keys` group to the aicmo CLI."""
    app.command("serve")(serve)
    app.add_typer(keys_app, name="keys")
