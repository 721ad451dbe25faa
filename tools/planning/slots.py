"""Template slots: brief values our knowledge templates quote, inserted as data and never re-formatted."""

from __future__ import annotations

from collections.abc import Mapping


class Slots(dict[str, str]):
    """Template values; an unknown slot reads as an empty string, never as a brace."""

    def __missing__(self, key: str) -> str:
        return ""


def fill_slots(template: str, values: Mapping[str, str]) -> str:
    """Fill one of OUR templates with brief values and fold its white space."""
    slots = values if isinstance(values, Slots) else Slots(values)
    return " ".join(template.format_map(slots).split())


def join_and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
