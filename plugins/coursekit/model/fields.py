"""Declarative field rules for the mappings authors write in YAML.

One table of rules per kind of mapping serves the validator and the JSON
Schema we publish for editors (``schema.py``), so the two cannot drift apart.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .problems import Problems
from .sourceyaml import LocatedDict

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)

_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number", list: "a list", dict: "a mapping"}


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its type, whether it is required, what it is for."""

    kind: type
    required: bool = False
    doc: str = ""
    enum: tuple[str, ...] = ()
    is_id: bool = False


@dataclass(frozen=True)
class Shape:
    """The keys a mapping may have; ``what`` names the mapping in messages."""

    what: str
    fields: dict[str, Field] = field(default_factory=dict)


def check_mapping(value: Any, shape: Shape, file: str, line: int, problems: Problems) -> bool:
    """Check keys and scalar types of one mapping; return False if it is unusable."""
    if not isinstance(value, LocatedDict):
        problems.error(file, line, f"{shape.what} must be a mapping of 'key: value' lines.",
                       f"see the example in CONTRIBUTING.md for the keys of {shape.what}.")
        return False
    ok = True
    suggested = set()
    for key in value:
        if key not in shape.fields:
            close = difflib.get_close_matches(str(key), list(shape.fields), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(shape.fields) + "."
            problems.error(file, value.line_of(key), f"unknown key '{key}' in {shape.what}.", hint)
            suggested.update(close)
            ok = False
    for name, rule in shape.fields.items():
        if name not in value or value[name] is None:
            if rule.required and name not in suggested:  # a typo of it was reported already
                problems.error(file, value.line, f"{shape.what} has no '{name}'.",
                               f"add '{name}:' ({rule.doc}).")
                ok = False
            continue
        item = value[name]
        if not _is_kind(item, rule.kind):
            problems.error(file, value.line_of(name),
                           f"'{name}' must be {_TYPE_NAMES[rule.kind]}, not {_describe(item)}.",
                           rule.doc and f"'{name}' is {rule.doc}.")
            ok = False
        elif rule.kind is str and not item.strip():
            problems.error(file, value.line_of(name), f"'{name}' is empty.", f"write {rule.doc}.")
            ok = False
        elif rule.enum and item not in rule.enum:
            close = difflib.get_close_matches(item, rule.enum, n=1)
            hint = f"did you mean '{close[0]}'?" if close else ""
            problems.error(file, value.line_of(name),
                           f"'{name}' is '{item}', which is not one of: {', '.join(rule.enum)}.", hint)
            ok = False
        elif rule.is_id and not _ID.match(item):
            problems.error(file, value.line_of(name), f"the id '{item}' is not a valid id.",
                           "use lowercase letters, digits and single hyphens, like 'ask-for-time'.")
            ok = False
    return ok


def _is_kind(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"
