"""scorecard.html: one self-contained page (charts embedded as PNG data); every text from a run is escaped."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from evals.charts import evaluator_chart, group_chart, section_chart

_STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border-bottom:1px solid #ddd;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#f4f6f8}.ok{color:#1e7b34;font-weight:600}.bad{color:#b03a2e;
font-weight:600}.muted{color:#777}img{max-width:100%}code{font-size:12px}"""


def _status(passed: bool | None) -> str:
    if passed is None:
        return '<span class="muted">advisory</span>'
    return '<span class="ok">pass</span>' if passed else '<span class="bad">below threshold</span>'


def _img(data: str, alt: str) -> str:
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def _summary_table(summary: dict[str, dict[str, Any]]) -> str:
    rows = []
    for key, row in summary.items():
        floor = row.get("threshold") or {}
        limits = ", ".join(f"{k} &ge; {escape(str(v))}" for k, v in floor.items()) or "&mdash;"
        rows.append(f"<tr><td>{escape(key)}</td><td>{row['mean']:.3f}</td><td>{row['min']:.3f}</td>"
                    f"<td>{row['n']}</td><td>{limits}</td><td>{_status(row.get('passed'))}</td></tr>")
    return ("<table><tr><th>evaluator</th><th>mean</th><th>worst</th><th>n</th><th>threshold</th><th>status</th></tr>"
            + "".join(rows) + "</table>")


def _worst_table(card: dict[str, Any]) -> str:
    files = {e["id"]: e["outputs_file"] for e in card["examples"]}
    rows = []
    for row in card["worst"]:
        link = quote(files.get(row["example"], ""), safe="/._-")
        rows.append(f"<tr><td>{escape(row['example'])}</td><td>{escape(row['group'])}</td><td>{escape(row['key'])}"
                    f"</td><td>{row['score']:.3f}</td><td><a href=\"{link}\"><code>{escape(row['run_id'])}</code></a>"
                    f"</td><td>{escape(row['comment'])}</td></tr>")
    if not rows:
        return "<p>Every example scored 1.0 on every evaluator.</p>"
    return ("<table><tr><th>example</th><th>group</th><th>evaluator</th><th>score</th><th>run id</th><th>why</th></tr>"
            + "".join(rows) + "</table>")


def _examples_table(card: dict[str, Any], keys: list[str]) -> str:
    head = "".join(f"<th>{escape(k)}</th>" for k in keys)
    rows = []
    for e in card["examples"]:
        cells = "".join(f"<td title=\"{escape(e['scores'].get(k, {}).get('comment', ''))}\">"
                        f"{e['scores'].get(k, {}).get('score', float('nan')):.2f}</td>" for k in keys)
        error = f"<br><span class=\"bad\">{escape(e['error'])}</span>" if e.get("error") else ""
        rows.append(f"<tr id=\"{escape(e['id'])}\"><td><a href=\"{quote(e['outputs_file'], safe='/._-')}\">"
                    f"{escape(e['id'])}</a>{error}</td><td>{escape(e['group'])}</td><td>{e['seconds']:.2f}</td>"
                    f"{cells}</tr>")
    return f"<table><tr><th>example</th><th>group</th><th>s</th>{head}</tr>" + "".join(rows) + "</table>"


def _header(card: dict[str, Any]) -> str:
    meta = card.get("metadata") or {}
    facts = [("dataset", f"{card['dataset']} v{card['dataset_version']}"), ("engine", meta.get("engine")),
             ("model", meta.get("model")), ("examples", meta.get("examples")), ("commit", meta.get("git_commit")),
             ("started", card.get("started_at")), ("duration", f"{card.get('duration_s')} s")]
    items = "".join(f"<li><b>{escape(k)}</b>: {escape(str(v))}</li>" for k, v in facts if v is not None)
    url = card.get("experiment_url")
    if isinstance(url, str) and url.startswith("https://"):
        items += f'<li><b>LangSmith experiment</b>: <a href="{escape(url)}">{escape(url)}</a></li>'
    verdict = "skipped" if card.get("skipped") else ("PASSED" if card.get("passed") else "FAILED")
    failures = "".join(f"<li>{escape(f)}</li>" for f in card.get("failures") or [])
    skipped = f"<p>{escape(card['skipped'])}</p>" if card.get("skipped") else ""
    return (f"<h1>AICMO eval scorecard: {escape(card['dataset'])} &mdash; {verdict}</h1><ul>{items}</ul>{skipped}"
            + (f"<h3>Below threshold</h3><ul>{failures}</ul>" if failures else ""))


def render_html(card: dict[str, Any]) -> str:
    """The whole page."""
    parts = [_header(card)]
    summary = card.get("summary") or {}
    if summary:
        parts += ["<h2>Per evaluator</h2>", _img(evaluator_chart(summary), "scores per evaluator"),
                  _summary_table(summary)]
    if len(card.get("by_group") or {}) > 1:
        parts += ["<h2>Per pack / group</h2>", _img(group_chart(card["by_group"], list(summary)), "scores per group")]
    if card.get("by_section"):
        parts += ["<h2>Per section id</h2>", _img(section_chart(card["by_section"]), "gate pass rate per section")]
    if card.get("examples"):
        parts += ["<h2>Worst examples</h2>", _worst_table(card), "<h2>All examples</h2>",
                  _examples_table(card, list(summary))]
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AICMO eval: "
            f"{escape(card['dataset'])}</title><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>\n")
