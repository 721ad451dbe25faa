"""Say a few things on a chat thread in its own process, then print what the thread waits for (JSON).

Tests run it with ``python -m tests.support.chat_driver`` to prove that a new process continues the same thread.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from api.chat import open_chat
from api.settings import Settings


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, send each message on the thread, print the pause payload as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--thread", required=True)
    parser.add_argument("--pack", default="quick_social_basic")
    parser.add_argument("--today", default="2026-11-22")
    parser.add_argument("messages", nargs="+")
    args = parser.parse_args(argv)
    settings = Settings(home=Path(args.home), database_url=args.database_url, engine="offline")
    with open_chat(settings, args.thread, args.pack, "offline", today=date.fromisoformat(args.today)) as session:
        for text in args.messages:
            session.send(text)
        print(json.dumps(session.pause()))


if __name__ == "__main__":
    main()
