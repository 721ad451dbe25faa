"""Health: /ok (process up), /health (stores), /health/db, /health/llm (live provider probe, needs a key)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api import health
from api.deps import ServicesDep, TenantDep
from api.schemas import ErrorOut, HealthOut, Responses

router = APIRouter(tags=["health"])
DEGRADED: Responses = {503: {"model": HealthOut, "description": "A check failed"}}


def _answer(checks: dict[str, dict[str, Any]]) -> JSONResponse:
    ok = all(c["ok"] for c in checks.values())
    body = HealthOut(status="ok" if ok else "degraded", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get("/ok", response_model=dict[str, bool])
def ok() -> dict[str, bool]:
    """The process is up."""
    return {"ok": True}


@router.get("/health", response_model=HealthOut, responses=DEGRADED)
def health_all(services: ServicesDep) -> JSONResponse:
    """App database, checkpointer and vector store."""
    return _answer({"db": health.check_db(services), "checkpointer": health.check_checkpointer(services),
                    "vector_store": health.check_vector_store(services)})


@router.get("/health/db", response_model=HealthOut, responses=DEGRADED)
def health_db(services: ServicesDep) -> JSONResponse:
    """App database reachable and migrated; checkpointer answering."""
    return _answer({"db": health.check_db(services), "checkpointer": health.check_checkpointer(services)})


@router.get("/health/llm", response_model=HealthOut,
            responses={**DEGRADED, 401: {"model": ErrorOut, "description": "Missing or invalid x-api-key"},
                       429: {"model": ErrorOut, "description": "Rate limit exceeded"}})
def health_llm(services: ServicesDep, _tenant: TenantDep) -> JSONResponse:
    """Live probe of the LLM chain: engine, providers, used_stub (always false), latency."""
    return _answer({"llm": health.check_llm(services)})
