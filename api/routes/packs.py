"""Pack routes: write a pack from a brief, read it, export it, regenerate a section, approve; the pack catalog."""

from __future__ import annotations

import re
import tempfile
import uuid
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from langchain_core.runnables import RunnableConfig
from starlette.concurrency import run_in_threadpool

from api.assistants import Assistant
from api.deps import ServicesDep, TenantDep
from api.execution import ActiveRun
from api.launch import launch
from api.packs_view import PACK_ASSISTANTS, PackView, read_pack, section_out
from api.schemas import (
    CatalogPack,
    CommandIn,
    PackCreate,
    PackOut,
    PackRunOut,
    RegenerateIn,
    Responses,
    RunCreate,
    StreamModeName,
)
from api.serde import jsonable
from api.services import Services
from memory.api_threads import ThreadRecord
from tools.brief import BriefError, parse_brief
from tools.catalog import default_catalog
from tools.exporters import FILE_NAMES, export_pack

router = APIRouter(tags=["packs"])
ExportFormat = Literal["md", "json", "html", "pdf", "docx", "pptx", "zip"]
MEDIA = {"md": "text/markdown; charset=utf-8", "json": "application/json", "html": "text/html; charset=utf-8",
         "pdf": "application/pdf", "zip": "application/zip",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
MODES: list[StreamModeName] = ["values", "updates"]
NOT_FOUND: Responses = {404: {"description": "Pack or section not found"}}
CONFLICT: Responses = {409: {"description": "The pack is busy or not in a state that allows this"}}
WaitQuery = Annotated[bool, Query(description="Answer when the run has finished, with the result.")]


def _pack_thread(services: Services, thread: ThreadRecord) -> Assistant:
    if thread.graph_id not in PACK_ASSISTANTS or thread.graph_id not in services.assistants:
        raise HTTPException(404, f"pack {thread.thread_id} not found")
    return services.assistants[str(thread.graph_id)]


def _view(services: Services, thread: ThreadRecord) -> tuple[Assistant, PackView]:
    assistant = _pack_thread(services, thread)
    return assistant, read_pack(assistant, thread.thread_id)


def _pack_out(services: Services, thread: ThreadRecord) -> PackOut:
    assistant, view = _view(services, thread)
    busy = services.manager.busy(thread.thread_id) is not None
    review = view.pause if view.pause and "actions" in view.pause else None
    return PackOut(pack_id=thread.thread_id, assistant_id=assistant.assistant_id, status=view.status(busy),
                   pack_key=view.pack_key, sections=[section_out(s) for s in view.sections()],
                   review=jsonable(review) if review else None,
                   result=jsonable(view.result) if view.result is not None else None)


async def _answer(services: Services, thread: ThreadRecord, run: ActiveRun, wait: bool) -> PackRunOut:
    if not wait:
        return PackRunOut(pack_id=thread.thread_id, run_id=run.run_id, status="running")
    await run.stream.wait_closed()
    out = await run_in_threadpool(_pack_out, services, thread)
    return PackRunOut(pack_id=thread.thread_id, run_id=run.run_id, status=out.status, result=out.result)


def _check_brief(body: PackCreate) -> None:
    errors: list[dict[str, Any]] = []
    try:
        parse_brief(body.brief)
    except BriefError as exc:
        errors += [{"loc": ("body", "brief", *e.field.split(".")), "msg": f"{e.problem}; {e.fix}",
                    "type": "brief_error"} for e in exc.errors]
    if body.pack_key not in default_catalog().packs:
        errors.append({"loc": ("body", "pack_key"), "type": "unknown_pack",
                       "msg": f"unknown pack; use one of: {', '.join(default_catalog().packs)}"})
    if errors:
        raise RequestValidationError(errors)


@router.post("/packs", status_code=202, response_model=PackRunOut,
             responses={200: {"model": PackRunOut, "description": "Finished (wait=true)"},
                        503: {"description": "No engine can write"}})
async def create_pack(body: PackCreate, tenant: TenantDep, services: ServicesDep, response: Response,
                      wait: WaitQuery = False) -> PackRunOut:
    """Validate the brief, then write the pack on a new thread (its id is the pack id)."""
    _check_brief(body)
    brand = str(body.brief.get("brand_name", ""))[:120]
    meta = {"kind": "pack", "pack_key": body.pack_key, "brand": brand, "review": body.review}
    thread = await run_in_threadpool(services.threads.create, tenant, str(uuid.uuid4()), meta, "pack")
    request = RunCreate(assistant_id="pack", input={"brief": body.brief, "pack_key": body.pack_key},
                        context={"review": body.review, **({"today": body.today} if body.today else {})},
                        stream_mode=MODES)
    try:
        run = await run_in_threadpool(launch, services, tenant, thread, request)
    except (HTTPException, RequestValidationError):
        await run_in_threadpool(services.threads.delete, tenant, thread.thread_id)
        raise
    if wait:
        response.status_code = 200
    return await _answer(services, thread, run, wait)


@router.get("/packs/{pack_id}", response_model=PackOut, responses=NOT_FOUND)
def get_pack(pack_id: str, tenant: TenantDep, services: ServicesDep) -> PackOut:
    """The pack: status, sections written so far, the review it waits for, and the result once final."""
    thread = _owned(services, tenant, pack_id)
    return _pack_out(services, thread)


def _owned(services: Services, tenant: str, pack_id: str) -> ThreadRecord:
    try:
        return services.threads.get(tenant, pack_id)
    except LookupError:
        raise HTTPException(404, f"pack {pack_id} not found") from None


def _file_name(result: Any, fmt: str) -> str:
    brand = re.sub(r"[^a-z0-9]+", "-", str((result.brief or {}).get("brand_name", "")).lower()).strip("-")
    return f"{brand or 'pack'}-{result.pack_key}.{FILE_NAMES[fmt].rsplit('.', 1)[1]}"


@router.get("/packs/{pack_id}/export/{format}", response_class=Response,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()}}, **NOT_FOUND, **CONFLICT})
def export(pack_id: str, format: ExportFormat, tenant: TenantDep, services: ServicesDep) -> Response:
    """Download the pack (or the draft under review) as Markdown, JSON, HTML, PDF, DOCX, PPTX or ZIP."""
    thread = _owned(services, tenant, pack_id)
    _, view = _view(services, thread)
    result = view.draft(thread.thread_id)
    if result is None:
        raise HTTPException(409, f"pack {pack_id} has no sections yet")
    with tempfile.TemporaryDirectory(prefix="aicmo-export-") as folder:
        path = export_pack(result, Path(folder), {format})[format]
        content = path.read_bytes()
    return Response(content, media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{_file_name(result, format)}"'})


async def _resume_or_rerun(services: Services, tenant: str, thread: ThreadRecord, decision: dict[str, Any],
                           wait: bool) -> PackRunOut:
    assistant, view = await run_in_threadpool(_view, services, thread)
    if services.manager.busy(thread.thread_id):
        raise HTTPException(409, f"pack {thread.thread_id} is being written; wait for the run to finish")
    review = bool(thread.metadata.get("review"))
    if view.status(False) == "review":
        request = RunCreate(assistant_id=assistant.assistant_id, command=CommandIn(resume=decision),
                            context={"review": True}, stream_mode=MODES, stream_subgraphs=True)
    elif decision["action"] == "regenerate" and assistant.assistant_id == "pack" and view.result is not None:
        config: RunnableConfig = {"configurable": {"thread_id": thread.thread_id}}
        await run_in_threadpool(assistant.graph.update_state, config, {"review": decision, "check_round": 0},
                                "review_pack")
        request = RunCreate(assistant_id="pack", input=None, context={"review": review}, stream_mode=MODES)
    else:
        raise HTTPException(409, f"pack {thread.thread_id} is not waiting for review ({view.status(False)})")
    run = await run_in_threadpool(launch, services, tenant, thread, request)
    return await _answer(services, thread, run, wait)


@router.post("/packs/{pack_id}/sections/{section_id}/regenerate", status_code=202, response_model=PackRunOut,
             responses={**NOT_FOUND, **CONFLICT})
async def regenerate(pack_id: str, section_id: Annotated[str, PathParam(max_length=64)], body: RegenerateIn,
                     tenant: TenantDep, services: ServicesDep, wait: WaitQuery = False) -> PackRunOut:
    """Rewrite one section (with an optional instruction); the pack is re-checked and re-assembled."""
    thread = await run_in_threadpool(_owned, services, tenant, pack_id)
    _, view = await run_in_threadpool(_view, services, thread)
    if section_id not in {s.id for s in view.sections()}:
        raise HTTPException(404, f"section {section_id} not found in pack {pack_id}")
    decision = {"action": "regenerate", "section_id": section_id, "instruction": body.instruction}
    return await _resume_or_rerun(services, tenant, thread, decision, wait)


@router.post("/packs/{pack_id}/approve", status_code=202, response_model=PackRunOut,
             responses={**NOT_FOUND, **CONFLICT})
async def approve(pack_id: str, tenant: TenantDep, services: ServicesDep, wait: WaitQuery = False) -> PackRunOut:
    """Approve the pack under review: it is finalised and stored."""
    thread = await run_in_threadpool(_owned, services, tenant, pack_id)
    return await _resume_or_rerun(services, tenant, thread, {"action": "approve"}, wait)


@router.get("/catalog/packs", response_model=list[CatalogPack])
def catalog(_tenant: TenantDep) -> list[CatalogPack]:
    """Every pack with its sections."""
    cat = default_catalog()
    return [CatalogPack(key=p.key, label=p.label, tier=p.tier,
                        sections=[{"id": s, "title": cat.rules_for(p.key, s).label} for s in p.sections])
            for p in cat.packs.values()]

