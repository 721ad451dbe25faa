"""Apollo and Dropcontact adapters against a local HTTP server that speaks their documented protocols.

The real services are not reachable from here, so tests/support/lead_services.py serves Apollo's v1 people search
and bulk match and Dropcontact's v1 batch enrichment (POST, then poll by request id), with their auth headers.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.lead_services import APOLLO_KEY, DROPCONTACT_KEY, lead_service_server
from tools.adapters.apollo import ApolloClient
from tools.adapters.dropcontact import DropcontactClient
from tools.adapters.transport import HttpPolicy, RateLimiter, ServiceAuthError, ServiceError
from tools.leads.campaign import ICP
from tools.leads.records import LeadRecord

ICP_ = ICP(sizes=["medium"], industries=["saas"], locations=["germany"], roles=["head of sales"],
           revenue_min=1_000_000)
FAST = HttpPolicy(retries=2, backoff_s=0.0, per_minute=0)
TODAY = date(2026, 3, 2)


def _sleeps() -> tuple[list[float], object]:
    slept: list[float] = []
    return slept, slept.append


def test_apollo_harvest_pages_through_search_with_the_icp_filters() -> None:
    with lead_service_server() as (url, state):
        client = ApolloClient(APOLLO_KEY, today=TODAY, base_url=f"{url}/api/v1", policy=FAST)
        records = client.harvest(ICP_, per_page=2)
    assert [r.email for r in records] == [f"ana{i}@acme{i}.io" for i in range(5)]
    first = records[0]
    assert (first.source, first.company, first.company_domain, first.title) == ("apollo", "Acme0", "acme0.io",
                                                                              "Head of Sales")
    e = first.enrichment
    assert (e.company_size, e.location, e.recent_job_change, e.is_decision_maker, e.has_budget_authority) == (
        "120", "Berlin, Germany", True, True, False)
    searches = [body for method, path, body in state.requests if path.endswith("api_search")]
    assert [b["page"] for b in searches] == [1, 2, 3]
    assert searches[0]["person_titles"] == ["head of sales"] and searches[0]["person_locations"] == ["germany"]
    assert searches[0]["organization_num_employees_ranges"] == ["50,499"]
    assert searches[0]["revenue_range"] == {"min": 1_000_000}


def test_apollo_enrich_matches_in_bulk_and_keeps_order() -> None:
    records = [LeadRecord(email="ana0@acme0.io"), LeadRecord(email="nobody@x.io")]
    with lead_service_server() as (url, state):
        found = ApolloClient(APOLLO_KEY, today=TODAY, base_url=f"{url}/api/v1", policy=FAST).enrich(records)
    assert found[0] is not None and found[0]["enrichment"]["industry"] == "computer software"
    assert found[1] is None
    assert state.requests[0][2]["details"] == [{"email": "ana0@acme0.io"}, {"email": "nobody@x.io"}]


def test_retries_honour_retry_after_then_give_up() -> None:
    slept, sleep = _sleeps()
    with lead_service_server() as (url, state):
        state.fail_first = [429, 503]
        client = ApolloClient(APOLLO_KEY, today=TODAY, base_url=f"{url}/api/v1", sleep=sleep,  # type: ignore[arg-type]
                              policy=HttpPolicy(retries=2, backoff_s=0.5, per_minute=0))
        assert len(client.search(ICP_, per_page=2).records) == 2
        assert slept == [0.0, 1.0]  # Retry-After: 0, then the exponential backoff (0.5 * 2)
        state.fail_first = [503, 503, 503]
        with pytest.raises(ServiceError, match="gave up after 3 attempts: HTTP 503"):
            client.search(ICP_)


def test_a_refused_key_is_a_configuration_error_and_not_retried() -> None:
    with lead_service_server() as (url, state):
        with pytest.raises(ServiceAuthError, match="refused"):
            ApolloClient("wrong", today=TODAY, base_url=f"{url}/api/v1", policy=FAST).search(ICP_)
        with pytest.raises(ServiceAuthError):
            DropcontactClient("wrong", base_url=f"{url}/v1", policy=FAST, poll_every_s=0).submit([{"email": "a@b.io"}])
        assert len(state.requests) == 2


def test_dropcontact_submits_polls_until_ready_and_maps_results() -> None:
    slept, sleep = _sleeps()
    records = [LeadRecord(first_name="Ana", last_name="Lopez", company="Acme"), LeadRecord(email="bo@acme.io")]
    with lead_service_server() as (url, state):
        client = DropcontactClient(DROPCONTACT_KEY, base_url=f"{url}/v1", policy=FAST, sleep=sleep,  # type: ignore[arg-type]
                                   poll_every_s=30)
        found = client.enrich(records)
    assert slept == [30, 30]  # one "not ready" answer, then the data
    assert [f["email"] if f else None for f in found] == ["found@acme.io", "bo@acme.io"]
    first = found[0]
    assert first is not None and first["company_domain"] == "acme.io"
    assert first["enrichment"] == {"company_size": "51-200", "industry": "Software publishing", "location": "Germany",
                                   "email_verification": "nominative@pro"}
    method, path, body = state.requests[0]
    assert (method, path) == ("POST", "/v1/enrich/all") and body["data"][0] == {
        "first_name": "Ana", "last_name": "Lopez", "full_name": "Ana Lopez", "company": "Acme"}
    assert [(m, p) for m, p, _ in state.requests[1:]] == [("GET", "/v1/enrich/all/req1")] * 2


def test_dropcontact_gives_up_on_a_batch_that_never_gets_ready() -> None:
    with lead_service_server() as (url, state):
        state.polls_before_ready = 99
        client = DropcontactClient(DROPCONTACT_KEY, base_url=f"{url}/v1", policy=FAST, sleep=lambda _: None,
                                   max_polls=3)
        with pytest.raises(ServiceError, match="not ready after 3 polls"):
            client.enrich([LeadRecord(email="bo@acme.io")])


def test_rate_limiter_spaces_requests() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(per_minute=120, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        limiter.wait()
    assert slept == [0.5, 0.5]
