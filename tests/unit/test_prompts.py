"""Every prompt renders with its declared variables and refuses missing or undeclared ones."""

from __future__ import annotations

import pytest

from prompts import PromptError, PromptTemplate, all_prompts, load_prompt
from prompts.render import revision_note, rules_as_instructions
from tools.catalog import default_catalog
from tools.result import Issue


@pytest.mark.parametrize("template", all_prompts(), ids=lambda t: t.name)
def test_every_prompt_renders_with_its_declared_variables(template: PromptTemplate) -> None:
    values = {name: f"<{name} value>" for name in template.variables}
    system, user = template.render(**values)
    for name in template.variables:
        assert f"<{name} value>" in system + user
    assert "{" not in system.replace("{{", "")


def test_missing_and_undeclared_variables_are_refused() -> None:
    template = load_prompt("copywriter_section")
    values = {name: "x" for name in template.variables}
    with pytest.raises(PromptError, match="missing"):
        template.render(**{k: v for k, v in values.items() if k != "brief"})
    with pytest.raises(PromptError, match="undeclared"):
        template.render(**values, extra="y")


def test_declared_variables_must_match_the_text() -> None:
    with pytest.raises(ValueError, match="declared"):
        PromptTemplate(name="x", version="1", description="d", variables=("a",), system="{b}", user="")


def test_brief_text_with_braces_is_inserted_verbatim() -> None:
    template = load_prompt("critic_rubric")
    _, user = template.render(section_title="t", section="{not_a_variable} {{x}}", brief="{}")
    assert "{not_a_variable} {{x}}" in user


def test_rules_and_revision_notes_carry_the_exact_requirements() -> None:
    rules = default_catalog().rules_for("quick_social_basic", "hashtag_strategy")
    text = rules_as_instructions(rules, "Café Ñandú")
    assert "### Brand Hashtags" in text and "100-300 words" in text and "Café Ñandú" in text
    note = revision_note([Issue(code="TOO_SHORT", severity="error", message="80 words, min 100")], "old draft", None)
    assert "TOO_SHORT: 80 words, min 100" in note and "old draft" in note
