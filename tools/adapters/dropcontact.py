"""Dropcontact: batch enrichment and email verification on the documented API (POST then poll by request id).

Auth is the ``X-Access-Token`` header. POST /enrich/all takes up to 250 contacts and answers a ``request_id``;
GET /enrich/all/{request_id} answers ``success: false`` until the batch is ready, then the contacts in order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from tools.adapters.transport import HttpPolicy, JsonService, ServiceError
from tools.leads.records import LeadRecord

BASE_URL = "https://api.dropcontact.com/v1"
BATCH = 250
PRO = ("nominative@pro", "catch_all@pro", "nominative@perso")


def contact_of(record: LeadRecord) -> dict[str, Any]:
    """The Dropcontact contact for a lead (only the fields we know)."""
    contact = {"email": record.email, "first_name": record.first_name, "last_name": record.last_name,
               "full_name": record.full_name, "company": record.company, "website": record.company_domain,
               "linkedin": record.linkedin_url, "job": record.title}
    return {k: v for k, v in contact.items() if v}


def result_fields(item: dict[str, Any]) -> dict[str, Any]:
    """Lead fields from a Dropcontact contact: the best email and its qualification, job and company facts."""
    emails = [e for e in item.get("email") or [] if isinstance(e, dict) and e.get("email")]
    best = next((e for e in emails if str(e.get("qualification", "")).startswith(PRO)), emails[0] if emails else None)
    website = str(item.get("website") or "").removeprefix("https://").removeprefix("http://").removeprefix("www.")
    enrichment = {"company_size": item.get("nb_employees"), "industry": item.get("industry") or item.get("naf5_des"),
                  "location": item.get("country"),
                  "email_verification": best.get("qualification") if best else None}
    return {"email": best["email"].lower() if best else None, "title": item.get("job"),
            "linkedin_url": item.get("linkedin"), "company_domain": website.split("/", 1)[0] or None,
            "first_name": item.get("first_name"), "last_name": item.get("last_name"),
            "enrichment": {k: v for k, v in enrichment.items() if v}}


class DropcontactClient:
    """Submit batches, poll until ready, map results back to leads in order."""

    def __init__(self, api_key: str, *, base_url: str = BASE_URL, policy: HttpPolicy | None = None,
                 client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep,
                 poll_every_s: float = 30.0, max_polls: int = 40) -> None:
        self.http = JsonService("dropcontact", base_url, {"X-Access-Token": api_key,
                                                         "Content-Type": "application/json"},
                                policy=policy, client=client, sleep=sleep)
        self.sleep, self.poll_every_s, self.max_polls = sleep, poll_every_s, max_polls

    def submit(self, contacts: list[dict[str, Any]]) -> str:
        """Start a batch; its request id."""
        data = self.http.request("POST", "/enrich/all", {"data": contacts, "siren": False, "language": "en"})
        if data.get("error") or not data.get("request_id"):
            raise ServiceError("dropcontact", str(data.get("reason") or "no request_id in the answer"))
        return str(data["request_id"])

    def fetch(self, request_id: str) -> list[dict[str, Any]] | None:
        """The batch's contacts, or None while it is not ready."""
        data = self.http.request("GET", f"/enrich/all/{request_id}")
        if data.get("error"):
            raise ServiceError("dropcontact", str(data.get("reason") or "the batch failed"))
        return list(data.get("data") or []) if data.get("success") else None

    def enrich(self, records: list[LeadRecord]) -> list[dict[str, Any] | None]:
        """Enrichment per record, 250 per batch, polling every ``poll_every_s`` seconds."""
        found: list[dict[str, Any] | None] = []
        for start in range(0, len(records), BATCH):
            chunk = records[start:start + BATCH]
            request_id = self.submit([contact_of(r) for r in chunk])
            items = None
            for _ in range(self.max_polls):
                self.sleep(self.poll_every_s)
                items = self.fetch(request_id)
                if items is not None:
                    break
            if items is None:
                raise ServiceError("dropcontact", f"batch {request_id} not ready after {self.max_polls} polls")
            items += [{}] * (len(chunk) - len(items))
            found += [result_fields(item) if item else None for item in items[:len(chunk)]]
        return found
