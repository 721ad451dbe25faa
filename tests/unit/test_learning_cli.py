"""`aicmo performance import` and `aicmo events list`: Rich summaries, per-line errors and exit codes."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from api.cli_learning import EXIT_INVALID, EXIT_OK, EXIT_PARTIAL, events_app, performance_app

HEADER = "content_id,date,platform,content_type,hook,tone,text,impressions,clicks,engagements,conversions,cost,revenue"
app = typer.Typer()
app.add_typer(performance_app, name="performance")
app.add_typer(events_app, name="events")
runner = CliRunner()


def _write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_reports_bad_lines_and_reimport_changes_nothing(tmp_path: Path) -> None:
    good = "c1,2026-01-02,tiktok,reel,question,playful,Why so bitter?,1000,10,120,3,5,20"
    poor = "c2,2026-01-02,LinkedIn,post,stat,formal,Quarterly update,1000,1,5,0,5,0"
    path = _write(tmp_path / "results.csv", good, poor, "c3,yesterday,TikTok,reel,q,fun,Copy,10,1,1,0,0,0",
                  header=HEADER + ",campaign_owner")
    first = runner.invoke(app, ["performance", "import", str(path), "--tenant", "acme"])
    assert first.exit_code == EXIT_PARTIAL, first.output
    assert "inserted" in first.stdout and "winners indexed" in first.stdout
    assert "line 4" in first.stderr and "yesterday" in first.stderr and "campaign_owner" in first.stderr
    again = runner.invoke(app, ["performance", "import", str(path), "--tenant", "acme", "--no-index-winners"])
    assert again.exit_code == EXIT_PARTIAL
    assert "unchanged (already imported) │    2" in again.stdout.replace("┃", "│")
    clean = _write(tmp_path / "clean.csv", good)
    assert runner.invoke(app, ["performance", "import", str(clean), "--tenant", "acme"]).exit_code == EXIT_OK
    listed = runner.invoke(app, ["events", "list", "--tenant", "acme", "--type", "performance_recorded",
                                 "--since", "1d"])
    assert listed.exit_code == EXIT_OK and listed.stdout.count("PERFORMANCE_REC") == 3
    other = runner.invoke(app, ["events", "list", "--tenant", "globex", "--json"])
    assert other.exit_code == EXIT_OK and other.stdout.strip() == ""


def test_unusable_files_and_options_exit_2(tmp_path: Path) -> None:
    missing = _write(tmp_path / "short.csv", "c1,2026-01-02", header="content_id,date")
    result = runner.invoke(app, ["performance", "import", str(missing), "--tenant", "acme"])
    assert result.exit_code == EXIT_INVALID and "required column" in result.stderr
    only_bad = _write(tmp_path / "bad.csv", "c1,2026-01-02,TikTok,reel,q,fun,Copy,0,0,0,0,0,0")
    result = runner.invoke(app, ["performance", "import", str(only_bad), "--tenant", "acme"])
    assert result.exit_code == EXIT_INVALID and "impressions is 0" in result.stderr
    assert runner.invoke(app, ["events", "list", "--type", "NOPE"]).exit_code == EXIT_INVALID
    assert runner.invoke(app, ["events", "list", "--since", "last tuesday"]).exit_code == EXIT_INVALID
