"""`aicmo chat` driven the way a person uses it: typing into a real terminal (pty), leaving, coming back later."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from api.cli_chat import app

ROOT = Path(__file__).resolve().parents[2]
EDITOR_SCRIPT = """import sys
path = sys.argv[1]
with open(path, "a", encoding="utf-8") as handle:
    handle.write("\\n\\nEdited in the terminal: the counter opens at 7am on weekdays.\\n")
"""


def _spawn(home: Path, tmp_path: Path, *args: str) -> pexpect.spawn:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR_SCRIPT, encoding="utf-8")
    env = {**os.environ, "AICMO_HOME": str(home), "EDITOR": f"{sys.executable} {editor}", "TERM": "xterm",
           "NO_COLOR": "1", "COLUMNS": "200", "LINES": "50"}
    env.pop("VISUAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "api.cli_chat", *args], cwd=str(ROOT), env=env, encoding="utf-8",
                          timeout=120, dimensions=(50, 200))
    child.logfile_read = (tmp_path / "terminal.log").open("a", encoding="utf-8")
    return child


def _answer(child: pexpect.spawn, text: str, expect: str, prompt: str = "you> ") -> str:
    child.sendline(text)
    child.expect(expect)
    before = child.before + child.after
    child.expect(prompt)
    return before


def test_a_person_chats_leaves_comes_back_reviews_and_exports(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "exports"
    first = _spawn(home, tmp_path, "--pack", "quick_social_basic", "--today", "2026-11-22")
    first.expect(r"resume with: aicmo chat --thread (\w+)")
    thread = first.match.group(1)
    first.expect("you> ")
    _answer(first, "We're a vegan bakery opening in Austin, we want more foot traffic.", "What is the brand called")
    _answer(first, "Crumb & Co", "What does Crumb & Co sell")
    first.sendline("quit")
    first.expect(f"Resume any time with: aicmo chat --thread {thread}")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 0

    again = _spawn(home, tmp_path, "--thread", thread)
    again.expect("Resuming conversation")
    again.expect(f"resume with: aicmo chat --thread {thread}")
    again.expect("What does Crumb & Co sell")
    again.expect("you> ")
    _answer(again, "Vegan pastries, cakes and coffee", "Who buys from Crumb & Co")
    _answer(again, "everyone", "still broad to plan around")
    _answer(again, "Plant-based millennials and office workers within 2 miles of South Congress",
            "number with a deadline")
    _answer(again, "300 new weekly visitors within 3 months", "What can you spend")
    _answer(again, "about $18k", "Which platforms")
    _answer(again, "Instagram and TikTok, email too. Actually no TikTok", "Should the plan use TikTok")
    _answer(again, "no", "Shall I write the pack")
    written = _answer(again, "yes", "All sections pass", prompt="review> ")
    assert len(re.findall(r"written \(attempt 1\)", written)) == 8, "one live progress line per section"
    _review(again, out)
    assert again.exitstatus == 0

    markdown = (out / "pack.md").read_text(encoding="utf-8")
    assert "Instagram leads for Crumb & Co" in markdown and "the counter opens at 7am" in markdown
    pack = json.loads((out / "pack.json").read_text(encoding="utf-8"))
    assert pack["thread_id"] == thread and pack["brief"]["avoid_platforms"] == ["TikTok"]
    assert "Traceback" not in (tmp_path / "terminal.log").read_text(encoding="utf-8")


def _review(child: pexpect.spawn, out: Path) -> None:
    _answer(child, "show nope", "Unknown section 'nope'", prompt="review> ")
    child.sendline("regenerate overview")
    child.expect("What should change in overview")
    _answer(child, "", "Empty instruction: nothing changed", prompt="review> ")
    changed = _answer(child, "regenerate overview make it more Instagram-heavy", "Other sections untouched: True",
                      prompt="review> ")
    assert "overview: attempt 2, PASS; text changed" in changed
    _answer(child, "show overview", "Instagram leads for Crumb & Co", prompt="review> ")
    edited = _answer(child, "edit final_summary", "Other sections untouched: True", prompt="review> ")
    assert "final_summary: attempt 2" in edited and "text changed" in edited
    _answer(child, f"export md {out}", "Exported draft", prompt="review> ")
    _answer(child, "approve", "Pack approved", prompt="pack> ")
    _answer(child, f"export json {out}", "Exported approved pack as json", prompt="pack> ")
    _answer(child, "regenerate overview more TikTok", "This pack is approved and closed", prompt="pack> ")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()


@pytest.mark.parametrize("args,message", [
    (["--thread", "no-such-thread"], "No conversation with thread id 'no-such-thread'"),
    (["--pack", "no_such_pack"], "--pack: unknown pack 'no_such_pack'"),
    (["--today", "someday"], "--today: 'someday' is not a date"),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
