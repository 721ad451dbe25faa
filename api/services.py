"""Everything the HTTP API uses, built once from settings at startup and closed at shutdown."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from api.assistants import Assistant, ContextRequest, build_assistants
from api.auth import Authenticator
from api.execution import RunManager
from api.limits import ApiLimits, RateLimiter
from api.settings import Settings
from memory.api_threads import RunRepo, ThreadRepo
from memory.checkpointer import open_checkpointer
from memory.db import SessionFactory, make_engine, session_factory
from memory.migrations import upgrade
from memory.tenants import TenantKeys

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The app's long-lived objects."""

    settings: Settings
    limits: ApiLimits
    sessions: SessionFactory
    saver: BaseCheckpointSaver
    keys: TenantKeys
    auth: Authenticator
    limiter: RateLimiter
    threads: ThreadRepo
    runs: RunRepo
    manager: RunManager
    assistants: dict[str, Assistant]
    leads: Any = None


def _leads(settings: Settings, sessions: SessionFactory) -> tuple[Any, Any]:
    """Lead services and the leads assistant's context factory, when the lead pipeline is present."""
    try:
        from api import leads_wiring as wiring
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("api.leads_wiring", "graphs.leads")):
            return None, None
        raise
    from memory.leads_outreach import OutreachRepo
    from memory.leads_repo import LeadRepo

    services = wiring.LeadsServices(factory=sessions, leads=LeadRepo(sessions), outreach=OutreachRepo(sessions))

    def context(req: ContextRequest) -> Any:
        cfg = wiring.LeadsSettings.from_settings(settings)
        writer, _ = wiring.nurture_writer(settings)
        return wiring.build_context(services, cfg, tenant=req.tenant, now=services.clock(), writer=writer,
                                    mailer=wiring.mailer_factory(cfg), enrich=wiring.enricher(cfg))

    return services, context


def _warm_up() -> None:
    """Load the knowledge base and section composers now: cold, concurrent first runs would each load them."""
    from agents.offline.sections import load_composers
    from tools.knowledge import default_knowledge

    default_knowledge()
    load_composers()


@contextmanager
def open_services(settings: Settings, limits: ApiLimits | None = None) -> Iterator[Services]:
    """Migrate the app database, open the checkpointer, compile the graphs; close everything afterwards."""
    from api.chat import quiet_project_types

    quiet_project_types()
    _warm_up()
    limits = limits or ApiLimits.from_settings(settings)
    url = settings.app_database_url
    upgrade(url)
    engine = make_engine(url)
    sessions = session_factory(engine)
    try:
        with open_checkpointer(sqlite_path=settings.checkpoint_path, database_url=settings.database_url) as saver:
            threads, runs = ThreadRepo(sessions), RunRepo(sessions)
            stale = runs.fail_unfinished("the server stopped while this run was in progress")
            if stale:
                log.warning("marked %d unfinished run(s) from a previous process as errors", stale)
            leads, leads_context = _leads(settings, sessions)
            manager = RunManager(threads, runs, saver, workers=limits.api_run_workers)
            keys = TenantKeys(sessions)
            services = Services(settings=settings, limits=limits, sessions=sessions, saver=saver, keys=keys,
                                auth=Authenticator(keys), limiter=RateLimiter(limits.api_rate_limit),
                                threads=threads, runs=runs, manager=manager,
                                assistants=build_assistants(settings, saver, sessions, leads_context), leads=leads)
            try:
                yield services
            finally:
                manager.shutdown()
    finally:
        engine.dispose()
