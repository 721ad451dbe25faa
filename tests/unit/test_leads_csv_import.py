"""CSV import: standard columns, header mapping, strict booleans, one error per bad cell with its line; dedupe."""

from __future__ import annotations

import pytest

from tools.leads.csv_import import CsvImportError, parse_bool, parse_csv, parse_revenue
from tools.leads.dedupe import dedupe, dedupe_key
from tools.leads.records import LeadRecord

HEADER = "email,first_name,company,title,company_size,annual_revenue,recent_job_change,is_decision_maker,timezone"


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("TRUE", True), ("yes", True), ("Yes", True), ("1", True),
    ("false", False), ("no", False), ("0", False), ("", False), (" No ", False),
])
def test_booleans(text: str, value: bool) -> None:
    assert parse_bool(text) is value


@pytest.mark.parametrize("text", ["y", "maybe", "2", "on"])
def test_other_booleans_are_errors(text: str) -> None:
    with pytest.raises(ValueError, match="true/false, yes/no or 1/0"):
        parse_bool(text)


@pytest.mark.parametrize(("text", "value"), [
    ("1200000", 1_200_000), ("1,200,000", 1_200_000), ("$1.2M", 1_200_000), ("500k", 500_000), ("2b", 2e9),
    ("", None),
])
def test_revenue(text: str, value: float | None) -> None:
    assert parse_revenue(text) == value


def test_rows_become_records_with_enrichment() -> None:
    result = parse_csv(f"{HEADER}\nAna@Acme.io,Ana,Acme,Head of Sales,120,$2M,yes,1,Europe/Berlin\n")
    assert result.errors == [] and result.rows == 1
    lead = result.records[0]
    assert (lead.email, lead.first_name, lead.timezone, lead.source) == ("ana@acme.io", "Ana", "Europe/Berlin", "csv")
    e = lead.enrichment
    assert (e.company_size, e.annual_revenue, e.recent_job_change, e.is_decision_maker) == ("120", 2e6, True, True)
    assert e.company_hiring is False  # a column that is absent is false


def test_bad_cells_are_reported_per_row_with_the_line_and_the_row_is_skipped() -> None:
    text = (f"{HEADER}\n"
            "ok@acme.io,Ok,Acme,CEO,10,1000,no,no,\n"
            "bad@acme.io,Bad,Acme,CEO,10,lots,maybe,no,Mars/Base\n"
            ",,Acme,CEO,10,,no,no,\n"
            "x@y.io,X,Y,CEO,10,10,no,no,,extra\n")
    result = parse_csv(text)
    assert [r.email for r in result.records] == ["ok@acme.io"]
    found = {(e.line, e.column) for e in result.errors}
    assert found == {(3, "recent_job_change"), (3, "annual_revenue"), (3, "timezone"), (4, "email"), (5, "*")}
    assert result.rows == 4


def test_a_mapping_renames_other_headers() -> None:
    text = "Work Email,Given Name,Organisation,Employees\nana@acme.io,Ana,Acme,250\n"
    result = parse_csv(text, {"Work Email": "email", "Given Name": "first_name", "Organisation": "company",
                              "Employees": "company_size"})
    assert result.records[0].company == "Acme" and result.records[0].enrichment.company_size == "250"


def test_headers_are_matched_loosely_and_unknown_ones_are_listed() -> None:
    result = parse_csv("Email,First Name,Favourite Colour\nana@acme.io,Ana,blue\n")
    assert result.records[0].first_name == "Ana" and result.ignored_columns == ["Favourite Colour"]


@pytest.mark.parametrize(("text", "mapping", "message"), [
    ("", None, "empty"),
    ("company,title\nAcme,CEO\n", None, "needs an email column"),
    ("Mail\nx@y.io\n", {"Mail": "e-mail"}, "not standard columns"),
    ("email\nx@y.io\n", {"Mail": "email"}, "not in the file"),
])
def test_file_level_problems(text: str, mapping: dict[str, str] | None, message: str) -> None:
    with pytest.raises(CsvImportError, match=message):
        parse_csv(text, mapping)


def test_lead_text_is_inert_data() -> None:
    row = 'ana@acme.io,"{{first_name}} <script>x</script>",Acme [insert],Head\u202e of Sales,,,,,\n'
    lead = parse_csv(f"{HEADER}\n{row}").records[0]
    assert "{{" not in str(lead.first_name) and "<" not in str(lead.first_name)
    assert "[insert]" not in str(lead.company) and "\u202e" not in str(lead.title)


def test_dedupe_by_email_else_name_and_company_domain() -> None:
    a = LeadRecord(email="Ana@Acme.io")
    b = LeadRecord(email="ana@acme.io ")
    c = LeadRecord(first_name="José", last_name="Núñez", company="Acme Inc.")
    d = LeadRecord(name="jose nunez", company="ACME")
    e = LeadRecord(name="Jose Nunez", company_domain="https://www.acme.io/about")
    assert dedupe_key(a) == dedupe_key(b) == "e:ana@acme.io"
    assert dedupe_key(c) == dedupe_key(d) == "n:jose nunez|acme"
    assert dedupe_key(e) == "n:jose nunez|acme.io"
    unique, duplicates = dedupe([a, b, c, d, e], seen={"e:other@x.io"})
    assert [r for _, r in unique] == [a, c, e] and duplicates == [b, d]
    assert dedupe([LeadRecord(email="other@x.io")], seen={"e:other@x.io"})[1] != []
    with pytest.raises(ValueError, match="email, or a name and a company"):
        dedupe([LeadRecord(first_name="Solo")])
