"""Apollo.io: people search by ICP (harvest) and bulk people enrichment, on the documented REST API v1.

Auth is the ``x-api-key`` header; search is POST /mixed_people/api_search (paged), enrichment is
POST /people/bulk_match (up to 10 people per call).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx

from tools.adapters.transport import HttpPolicy, JsonService
from tools.leads.campaign import ICP
from tools.leads.records import LeadRecord

BASE_URL = "https://api.apollo.io/api/v1"
SIZE_RANGES = {"startup": "1,9", "small": "10,49", "medium": "50,499", "enterprise": "500,1000000"}
DECISION = frozenset({"owner", "founder", "c_suite", "partner", "vp", "head", "director"})
BUDGET = frozenset({"owner", "founder", "c_suite", "partner", "vp"})
RECENT_DAYS = 90
BULK = 10


@dataclass(frozen=True)
class ApolloPage:
    """One page of search results."""

    records: list[LeadRecord]
    page: int
    total_pages: int


def search_body(icp: ICP, page: int, per_page: int) -> dict[str, Any]:
    """The search filters for a campaign's ICP."""
    body: dict[str, Any] = {"page": page, "per_page": per_page}
    if icp.roles:
        body["person_titles"] = icp.roles
    if icp.locations:
        body["person_locations"] = icp.locations
    if icp.sizes:
        body["organization_num_employees_ranges"] = [SIZE_RANGES[s] for s in icp.sizes]
    if icp.industries:
        body["q_organization_keyword_tags"] = icp.industries
    if icp.revenue_min is not None or icp.revenue_max is not None:
        body["revenue_range"] = {k: v for k, v in (("min", icp.revenue_min), ("max", icp.revenue_max)) if v}
    return body


def _recent_start(person: dict[str, Any], today: date) -> bool:
    for job in person.get("employment_history") or []:
        if job.get("current") and job.get("start_date"):
            try:
                return date.fromisoformat(str(job["start_date"])[:10]) >= today - timedelta(days=RECENT_DAYS)
            except ValueError:
                return False
    return False


def person_fields(person: dict[str, Any], today: date) -> dict[str, Any]:
    """Lead fields from an Apollo person; decision/budget flags are inferred from Apollo's seniority."""
    org = person.get("organization") or {}
    seniority = str(person.get("seniority") or "").lower()
    place = ", ".join(p for p in (person.get("city"), person.get("state"), person.get("country")) if p)
    size = org.get("estimated_num_employees")
    enrichment = {"company_size": str(size) if size else None, "industry": org.get("industry"),
                  "annual_revenue": org.get("annual_revenue"), "location": place or None,
                  "job_level": seniority or None, "recent_job_change": _recent_start(person, today),
                  "is_decision_maker": seniority in DECISION, "has_budget_authority": seniority in BUDGET,
                  "email_verification": person.get("email_status")}
    return {"email": person.get("email"), "first_name": person.get("first_name"),
            "last_name": person.get("last_name"), "name": person.get("name"), "title": person.get("title"),
            "linkedin_url": person.get("linkedin_url"), "company": org.get("name"),
            "company_domain": org.get("primary_domain"),
            "enrichment": {k: v for k, v in enrichment.items() if v is not None}}


class ApolloClient:
    """Apollo people search and enrichment with rate limiting and retries."""

    def __init__(self, api_key: str, *, today: date, base_url: str = BASE_URL, policy: HttpPolicy | None = None,
                 client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        headers = {"x-api-key": api_key, "Content-Type": "application/json", "Cache-Control": "no-cache",
                   "Accept": "application/json"}
        self.http = JsonService("apollo", base_url, headers, policy=policy, client=client, sleep=sleep)
        self.today = today

    def search(self, icp: ICP, *, page: int = 1, per_page: int = 100) -> ApolloPage:
        """One page of people matching the ICP, as lead records (source apollo)."""
        data = self.http.request("POST", "/mixed_people/api_search", search_body(icp, page, per_page))
        people = data.get("people") or []
        records = [LeadRecord.model_validate({**person_fields(p, self.today), "source": "apollo"})
                   for p in people if p.get("email") or (p.get("name") and (p.get("organization") or {}).get("name"))]
        pagination = data.get("pagination") or {}
        return ApolloPage(records, int(pagination.get("page", page)), int(pagination.get("total_pages", page)))

    def harvest(self, icp: ICP, *, max_pages: int = 5, per_page: int = 100) -> list[LeadRecord]:
        """Every page up to ``max_pages``."""
        records: list[LeadRecord] = []
        page = 1
        while page <= max_pages:
            result = self.search(icp, page=page, per_page=per_page)
            records.extend(result.records)
            if result.page >= result.total_pages:
                break
            page += 1
        return records

    def enrich(self, records: list[LeadRecord]) -> list[dict[str, Any] | None]:
        """Enrichment per record (None when Apollo has no match), 10 people per call."""
        found: list[dict[str, Any] | None] = []
        for start in range(0, len(records), BULK):
            chunk = records[start:start + BULK]
            details = [{k: v for k, v in {"email": r.email, "first_name": r.first_name, "last_name": r.last_name,
                                          "name": r.full_name, "organization_name": r.company,
                                          "domain": r.company_domain, "linkedin_url": r.linkedin_url}.items() if v}
                       for r in chunk]
            data = self.http.request("POST", "/people/bulk_match",
                                     {"details": details, "reveal_personal_emails": False})
            matches = list(data.get("matches") or [])
            matches += [None] * (len(chunk) - len(matches))
            found += [person_fields(m, self.today) if m else None for m in matches[:len(chunk)]]
        return found
