"""Build the FastAPI app: services opened in the lifespan (graphs compiled once), routers, limits, static page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from api.deps import require_tenant
from api.limits import ApiLimits, install_limits
from api.routes import assistants, health, packs, runs, threads, web
from api.routes.web import STATIC
from api.schemas import ErrorOut
from api.services import open_services
from api.settings import Settings, load_settings

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Body is not valid UTF-8 JSON"},
    413: {"model": ErrorOut, "description": "Request body too large"}}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS, 401: {"model": ErrorOut, "description": "Missing or invalid x-api-key"},
    429: {"model": ErrorOut, "description": "Rate limit exceeded (see Retry-After)"}}
DESCRIPTION = ("AICMO's HTTP API: the LangGraph Server API shape (assistants, threads, runs, SSE streams, state, "
               "history; works with the langgraph-sdk client) plus pack routes. Send your key in x-api-key.")


def create_app(settings: Settings | None = None, limits: ApiLimits | None = None) -> FastAPI:
    """The AICMO HTTP app for ``settings`` (read from the environment when not given)."""
    settings = settings or load_settings()
    limits = limits or ApiLimits.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with open_services(settings, limits) as services:
            app.state.services = services
            app.state.leads = services.leads
            yield

    app = FastAPI(title="AICMO", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.include_router(health.router, responses=ERRORS)
    for router in (assistants.router, threads.router, runs.router, packs.router):
        app.include_router(router, responses={**AUTH_ERRORS, 404: {"model": ErrorOut, "description": "Not found"}})
    _include_leads(app)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_limits(app, limits)
    return app


def _include_leads(app: FastAPI) -> None:
    """The lead pipeline's routes (behind tenant auth) and its public tracking links, when present."""
    try:
        from api.routes_leads import router, tracking_router
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("api.routes_leads", "api.leads_wiring")):
            return
        raise
    app.include_router(router, dependencies=[Depends(require_tenant)], responses={
        **AUTH_ERRORS, 404: {"model": ErrorOut, "description": "Not found"},
        409: {"model": ErrorOut, "description": "Conflict"}})
    app.include_router(tracking_router)
