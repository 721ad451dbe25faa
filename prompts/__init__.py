"""Prompt templates as data: each YAML file declares its variables; rendering refuses missing or extra ones."""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator


class PromptError(ValueError):
    """A template was rendered with missing or undeclared variables, or declares the wrong ones."""


class PromptTemplate(BaseModel):
    """A versioned chat prompt: a system message and a user message with declared variables."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str
    description: str
    variables: tuple[str, ...]
    system: str
    user: str

    @model_validator(mode="after")
    def _declared_match_used(self) -> PromptTemplate:
        used = {f for text in (self.system, self.user)
                for _, f, _, _ in string.Formatter().parse(text) if f}
        if used != set(self.variables):
            raise PromptError(f"prompt {self.name}: declared {sorted(self.variables)} but uses {sorted(used)}")
        return self

    def render(self, **values: str) -> tuple[str, str]:
        """(system, user) with every declared variable filled; values are inserted verbatim, never parsed."""
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise PromptError(f"prompt {self.name}: missing {sorted(missing)}, undeclared {sorted(extra)}")
        return self.system.format(**values), self.user.format(**values)


def templates_dir() -> Path:
    """Folder of the packaged prompt templates."""
    return Path(str(resources.files("prompts") / "templates"))


@cache
def load_prompt(name: str) -> PromptTemplate:
    """Load one template by name (file stem)."""
    path = templates_dir() / f"{name}.yaml"
    if not path.exists():
        raise PromptError(f"no prompt template named '{name}' in {templates_dir()}")
    return PromptTemplate.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def all_prompts() -> list[PromptTemplate]:
    """Every packaged template."""
    return [load_prompt(p.stem) for p in sorted(templates_dir().glob("*.yaml"))]
