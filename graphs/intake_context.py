"""Per-run knobs of the chat graph: everything the pack graph needs, plus the intake's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphs.context import PackContext
from tools.clarity import CLEAR_THRESHOLD
from tools.intake_slots import Extraction

# (message, known fields, field being asked about, what the rules read) -> what to use
FieldExtractor = Callable[[str, dict[str, Any], str | None, Extraction], Extraction]
# (kind, payload): kind is started, clarity_scored, clarification_requested, clarification_received or approved
IntakeEvents = Callable[[str, dict[str, Any]], None]


@dataclass(kw_only=True)
class ChatContext(PackContext):
    """Run-scoped configuration for the chat graph (the pack subgraph reads the PackContext part)."""

    extractor: FieldExtractor | None = field(default=None, metadata={
        "description": "Reads answers with an LLM (structured output); None means the deterministic rules only."})
    events: IntakeEvents | None = field(default=None, metadata={
        "description": "Stores intake events (clarity scored, clarification requested/received, approved)."})
    min_clarity: int = field(default=CLEAR_THRESHOLD, metadata={
        "description": "Ask follow-up questions while the brief's clarity score is below this."})
    max_asks: int = field(default=2, metadata={"description": "Times one field may be asked about."})
    max_questions: int = field(default=25, metadata={"description": "Questions per conversation, at most."})
