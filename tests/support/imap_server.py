"""A small IMAP4rev1 server for reply-poller tests: LOGIN, SELECT, UID SEARCH UNSEEN, UID FETCH, UID STORE, LOGOUT.

It speaks the subset of RFC 3501 that Python's imaplib uses for this, over a real TCP socket, with the literal
syntax ({n}) for message bodies, so the poller's parsing runs against real protocol bytes.
"""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

USER, PASSWORD = "replies@agency.example", "imap-test-password"


@dataclass
class Mailbox:
    """Messages by UID and the UIDs flagged seen."""

    messages: dict[int, bytes] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)

    def add(self, raw: bytes) -> int:
        """Deliver a message; its UID."""
        uid = max(self.messages, default=0) + 1
        self.messages[uid] = raw
        return uid


class _Handler(socketserver.StreamRequestHandler):
    mailbox: Mailbox

    def _send(self, line: str | bytes) -> None:
        self.wfile.write((line.encode() if isinstance(line, str) else line) + b"\r\n")

    def handle(self) -> None:
        """Answer commands until LOGOUT."""
        self._send("* OK IMAP4rev1 test server ready")
        authed = False
        while raw := self.rfile.readline():
            tag, _, rest = raw.decode().strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command == "CAPABILITY":
                self._send("* CAPABILITY IMAP4rev1")
                self._send(f"{tag} OK CAPABILITY completed")
            elif command == "LOGIN":
                authed = args.replace('"', "").split() == [USER, PASSWORD]
                self._send(f"{tag} {'OK' if authed else 'NO'} LOGIN")
            elif command == "LOGOUT":
                self._send("* BYE logging out")
                self._send(f"{tag} OK LOGOUT completed")
                return
            elif not authed:
                self._send(f"{tag} BAD log in first")
            elif command == "SELECT":
                self._send(f"* {len(self.mailbox.messages)} EXISTS")
                self._send(f"{tag} OK [READ-WRITE] SELECT completed")
            elif command == "UID":
                self._uid(tag, args)
            else:
                self._send(f"{tag} BAD unknown command {command}")

    def _uid(self, tag: str, args: str) -> None:
        sub, _, rest = args.partition(" ")
        sub = sub.upper()
        if sub == "SEARCH":
            unseen = [str(u) for u in sorted(self.mailbox.messages) if u not in self.mailbox.seen]
            self._send("* SEARCH" + "".join(f" {u}" for u in unseen))
        elif sub == "FETCH":
            uid = int(rest.split()[0])
            raw = self.mailbox.messages[uid]
            self.wfile.write(f"* {uid} FETCH (UID {uid} BODY[] {{{len(raw)}}}\r\n".encode() + raw + b")\r\n")
        elif sub == "STORE":
            uid = int(rest.split()[0])
            if re.search(r"\\Seen", rest):
                self.mailbox.seen.add(uid)
            self._send(f"* {uid} FETCH (UID {uid} FLAGS (\\Seen))")
        self._send(f"{tag} OK UID {sub} completed")


@contextmanager
def imap_server() -> Iterator[tuple[int, Mailbox]]:
    """A running server on 127.0.0.1: yields its port and its mailbox."""
    mailbox = Mailbox()
    handler = type("Handler", (_Handler,), {"mailbox": mailbox})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], mailbox
    finally:
        server.shutdown()
        server.server_close()
