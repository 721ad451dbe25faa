"""Assistants: the served graphs (pack, intake, leads), searchable and described."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import AssistantsDep, TenantDep, assistant_for
from api.schemas import AssistantOut, AssistantSearch, Responses
from api.serde import jsonable

router = APIRouter(tags=["assistants"])
NOT_FOUND: Responses = {404: {"description": "Assistant not found"}}


@router.post("/assistants/search", response_model=list[AssistantOut])
def search_assistants(body: AssistantSearch, _tenant: TenantDep, assistants: AssistantsDep) -> list[dict[str, Any]]:
    """Assistants matching graph id, name and metadata."""
    found = [a.describe() for a in assistants.values()]
    found = [a for a in found if (not body.graph_id or a["graph_id"] == body.graph_id)
             and (not body.name or body.name.lower() in a["name"].lower())
             and all(a["metadata"].get(k) == v for k, v in (body.metadata or {}).items())]
    if body.sort_by:
        found.sort(key=lambda a: str(a[body.sort_by or "assistant_id"]), reverse=body.sort_order == "desc")
    return found[body.offset:body.offset + body.limit]


@router.post("/assistants/count", response_model=int)
def count_assistants(body: AssistantSearch, tenant: TenantDep, assistants: AssistantsDep) -> int:
    """How many assistants match."""
    return len(search_assistants(body.model_copy(update={"limit": 1000, "offset": 0}), tenant, assistants))


@router.get("/assistants/{assistant_id}", response_model=AssistantOut, responses=NOT_FOUND)
def get_assistant(assistant_id: str, _tenant: TenantDep, assistants: AssistantsDep) -> dict[str, Any]:
    """One assistant."""
    return assistant_for(assistants, assistant_id).describe()


@router.get("/assistants/{assistant_id}/graph", response_model=dict[str, Any], responses=NOT_FOUND)
def get_assistant_graph(assistant_id: str, _tenant: TenantDep, assistants: AssistantsDep,
                        xray: bool = False) -> dict[str, Any]:
    """The graph's nodes and edges (JSON drawing)."""
    graph = assistant_for(assistants, assistant_id).graph
    return jsonable(graph.get_graph(xray=xray).to_json())
