"""A local HTTP server speaking the documented Apollo (v1) and Dropcontact (v1 batch) protocols for adapter tests.

The real services are not reachable here. The server checks the auth headers, pages Apollo search results,
answers Dropcontact's "not ready" before the batch result, and can answer 429/503 first to exercise retries.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

APOLLO_KEY, DROPCONTACT_KEY = "apollo-test-key", "dropcontact-test-key"


def apollo_person(i: int) -> dict[str, Any]:
    """One Apollo person record as the search and match endpoints return it."""
    return {
        "id": f"p{i}", "first_name": f"Ana{i}", "last_name": "Lopez", "name": f"Ana{i} Lopez",
        "title": "Head of Sales", "email": f"ana{i}@acme{i}.io", "email_status": "verified", "seniority": "head",
        "linkedin_url": f"https://www.linkedin.com/in/ana{i}", "city": "Berlin", "state": None, "country": "Germany",
        "employment_history": [{"current": True, "start_date": "2026-02-01", "title": "Head of Sales"}],
        "organization": {"name": f"Acme{i}", "primary_domain": f"acme{i}.io", "estimated_num_employees": 120,
                         "industry": "computer software", "annual_revenue": 20_000_000},
    }


@dataclass
class ServiceState:
    """What the server was asked, and the failures it should answer first."""

    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    fail_first: list[int] = field(default_factory=list)
    people: int = 5
    per_page_cap: int = 2
    polls_before_ready: int = 1
    batches: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    polls: dict[str, int] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    state: ServiceState

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _reply(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def _handle(self, method: str) -> None:
        body = self._body() if method == "POST" else {}
        self.state.requests.append((method, self.path, body))
        if self.state.fail_first:
            status = self.state.fail_first.pop(0)
            self._reply(status, {"error": "slow down"}, {"Retry-After": "0"} if status == 429 else None)
            return
        if self.path.startswith("/api/v1/"):
            self._apollo(body)
        elif self.path.startswith("/v1/enrich/all"):
            self._dropcontact(method, body)
        else:
            self._reply(404, {"error": "not found"})

    def _apollo(self, body: dict[str, Any]) -> None:
        if self.headers.get("x-api-key") != APOLLO_KEY:
            self._reply(401, {"error": "Invalid access credentials."})
            return
        if self.path == "/api/v1/mixed_people/api_search":
            per_page = min(int(body.get("per_page", 10)), self.state.per_page_cap)
            page = int(body.get("page", 1))
            everyone = [apollo_person(i) for i in range(self.state.people)]
            total_pages = -(-len(everyone) // per_page)
            self._reply(200, {"people": everyone[(page - 1) * per_page:page * per_page],
                              "pagination": {"page": page, "per_page": per_page, "total_entries": len(everyone),
                                             "total_pages": total_pages}})
        elif self.path == "/api/v1/people/bulk_match":
            matches = [apollo_person(i) if d.get("email", "").startswith("ana") else None
                       for i, d in enumerate(body.get("details", []))]
            self._reply(200, {"status": "success", "matches": matches})
        else:
            self._reply(404, {"error": "not found"})

    def _dropcontact(self, method: str, body: dict[str, Any]) -> None:
        if self.headers.get("X-Access-Token") != DROPCONTACT_KEY:
            self._reply(401, {"error": True, "reason": "Invalid token"})
            return
        if method == "POST":
            request_id = f"req{len(self.state.batches) + 1}"
            self.state.batches[request_id] = body.get("data", [])
            self._reply(200, {"error": False, "request_id": request_id, "success": True, "credits_left": 99})
            return
        request_id = self.path.rsplit("/", 1)[-1]
        polls = self.state.polls[request_id] = self.state.polls.get(request_id, 0) + 1
        if polls <= self.state.polls_before_ready:
            self._reply(200, {"error": False, "success": False,
                              "reason": "Request not ready yet, try again in 30 seconds"})
            return
        data = [{**c, "email": [{"email": c.get("email") or "found@acme.io", "qualification": "nominative@pro"}],
                 "job": "Head of Sales", "nb_employees": "51-200", "naf5_des": "Software publishing",
                 "country": "Germany", "website": "https://www.acme.io"}
                for c in self.state.batches[request_id]]
        self._reply(200, {"error": False, "success": True, "data": data})

    def do_GET(self) -> None:
        """Serve a GET."""
        self._handle("GET")

    def do_POST(self) -> None:
        """Serve a POST."""
        self._handle("POST")


@contextmanager
def lead_service_server() -> Iterator[tuple[str, ServiceState]]:
    """Yield the server's base URL and its state."""
    state = ServiceState()
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
