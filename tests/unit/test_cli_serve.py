"""`aicmo keys create/list/revoke` and `aicmo serve` wiring (uvicorn itself is exercised by the API tests)."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from api.cli_serve import register
from api.settings import load_settings
from memory.db import make_engine, session_factory
from memory.tenants import TenantKeys, UnknownKeyError


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test CLI."""

    register(app)
    return app


def _keys() -> TenantKeys:
    return TenantKeys(session_factory(make_engine(load_settings().app_database_url)))


def test_keys_create_prints_the_key_once_on_its_last_line(cli: typer.Typer) -> None:
    out = CliRunner().invoke(cli, ["keys", "create", "--tenant", "acme", "--name", "ci"])
    assert out.exit_code == 0, out.output
    key = out.output.strip().splitlines()[-1]
    assert key.startswith("aicmo_") and len(key) > 40
    assert _keys().tenant_for(key) == "acme"
    listed = CliRunner().invoke(cli, ["keys", "list", "--tenant", "acme"])
    assert key[:12] in listed.output and key not in listed.output, "only the prefix is ever shown again"
    assert CliRunner().invoke(cli, ["keys", "revoke", key]).exit_code == 0
    with pytest.raises(UnknownKeyError):
        _keys().tenant_for(key)
    assert CliRunner().invoke(cli, ["keys", "revoke", key + "x"]).exit_code == 1


def test_keys_create_refuses_an_empty_tenant(cli: typer.Typer) -> None:
    assert CliRunner().invoke(cli, ["keys", "create", "--tenant", "  "]).exit_code == 2


def test_serve_runs_the_app_factory_on_uvicorn(cli: typer.Typer, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append((target, kw)))
    out = CliRunner().invoke(cli, ["serve", "--port", "8123"])
    assert out.exit_code == 0, out.output
    assert calls == [("api.app:create_app", {"factory": True, "host": "127.0.0.1", "port": 8123,
                                             "log_level": "info", "workers": 1})]
