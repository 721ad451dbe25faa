"""Honour a reviewer's instruction with the offline engine: lead with the named platform, shorten or lengthen."""

from __future__ import annotations

from dataclasses import dataclass, replace

from agents.copywriter import offline_writer
from agents.offline.sections import SectionInput
from graphs.context import WrittenSection
from tools.planning.channels import ChannelInfo
from tools.revision import add_paragraph, emphasis_note, lead_with, read_instruction, steer_rules


@dataclass
class InstructedOfflineWriter:
    """A SectionWriter: the offline composer's text, steered by what the instruction asks that it can honour."""

    catalog: dict[str, ChannelInfo]

    def __call__(self, inp: SectionInput) -> WrittenSection:
        """Write the section; with an instruction, apply its platform emphasis and length wish."""
        if not inp.instruction:
            return offline_writer(inp)
        steer = read_instruction(inp.instruction, self.catalog)
        if steer.is_empty:
            return offline_writer(inp)
        markdown = offline_writer(replace(inp, rules=steer_rules(inp.rules, steer))).markdown
        markdown = lead_with(markdown, steer.emphasis)
        for platform in steer.emphasis[:1]:
            note = emphasis_note(platform, inp.strategy, inp.brief.brand_name)
            if note:
                markdown = add_paragraph(markdown, note)
        return WrittenSection(markdown=markdown, engine="offline")
