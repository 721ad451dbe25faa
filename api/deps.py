"""Dependencies of the routes, declared once as Annotated aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from api.assistants import Assistant
from api.auth import UnknownKeyError
from api.execution import RunManager
from api.limits import retry_after
from api.services import Services
from api.settings import Settings
from memory.api_threads import RunRepo, ThreadRecord, ThreadRepo
from memory.api_threads import ThreadNotFoundError as _ThreadNotFound
from memory.db import session_scope
from memory.tenants import hash_key

api_key_header = APIKeyHeader(name="x-api-key", auto_error=False, description="A tenant's API key.")


def get_services(request: Request) -> Services:
    """The services the app was started with."""
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings(services: ServicesDep) -> Settings:
    """Process settings."""
    return services.settings


def get_session(services: ServicesDep) -> Iterator[Session]:
    """One app-database unit of work per request."""
    with session_scope(services.sessions) as session:
        yield session


def require_tenant(request: Request, services: ServicesDep,
                   api_key: Annotated[str | None, Security(api_key_header)] = None) -> str:
    """The tenant of the x-api-key header: 401 without a valid key, 429 over the key's rate limit."""
    if not api_key:
        raise HTTPException(401, "missing API key: send it in the x-api-key header", {"WWW-Authenticate": "ApiKey"})
    try:
        tenant = services.auth.tenant(api_key)
    except UnknownKeyError:
        raise HTTPException(401, "invalid API key", {"WWW-Authenticate": "ApiKey"}) from None
    wait = services.limiter.acquire(hash_key(api_key))
    if wait is not None:
        raise HTTPException(429, f"rate limit of {services.limits.api_rate_limit} requests/minute exceeded",
                            {"Retry-After": retry_after(wait)})
    request.state.tenant = tenant
    return tenant


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
TenantDep = Annotated[str, Depends(require_tenant)]


def get_threads(services: ServicesDep) -> ThreadRepo:
    """Tenant-scoped thread store."""
    return services.threads


def get_runs(services: ServicesDep) -> RunRepo:
    """Tenant-scoped run store."""
    return services.runs


def get_manager(services: ServicesDep) -> RunManager:
    """The run executor."""
    return services.manager


ThreadsDep = Annotated[ThreadRepo, Depends(get_threads)]
RunsDep = Annotated[RunRepo, Depends(get_runs)]
ManagerDep = Annotated[RunManager, Depends(get_manager)]


def get_assistants(services: ServicesDep) -> dict[str, Assistant]:
    """Every served assistant by id (graphs compiled at startup)."""
    return services.assistants


AssistantsDep = Annotated[dict[str, Assistant], Depends(get_assistants)]


def owned_thread(thread_id: str, tenant: TenantDep, threads: ThreadsDep) -> ThreadRecord:
    """The tenant's thread, or 404 (also when it belongs to another tenant)."""
    try:
        return threads.get(tenant, thread_id)
    except _ThreadNotFound:
        raise HTTPException(404, f"thread {thread_id} not found") from None


ThreadDep = Annotated[ThreadRecord, Depends(owned_thread)]


def assistant_for(assistants: dict[str, Assistant], assistant_id: str) -> Assistant:
    """An assistant by id, or 404."""
    found = assistants.get(assistant_id)
    if found is None:
        raise HTTPException(404, f"assistant {assistant_id} not found; use one of: {', '.join(assistants)}")
    return found
