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
from .text import markup_in, unsafe_link

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
# Ids become file names, URLs and storage keys; text has to fit a page.
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 1000
PLAIN, MARKDOWN = "plain", "markdown"  # how a text field is shown (see text.py)
# Ids of questions and options describe them: a letter or a number alone
# ('a', 'b', '1') is a position, and positions change when options move.
DESCRIPTIVE_ID_PATTERN = r"^(?![a-z]$)(?![0-9]+$)[a-z0-9]+(?:-[a-z0-9]+)*$"
_DESCRIPTIVE = re.compile(DESCRIPTIVE_ID_PATTERN)

_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number", list: "a list", dict: "a mapping"}


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its type, whether it is required, what it is for."""

    kind: type
    required: bool = False
    doc: str = ""
    enum: tuple[str, ...] = ()
    is_id: bool = False
    text: str = MARKDOWN  # for str fields: PLAIN or MARKDOWN
    max_length: int = MAX_TEXT_LENGTH
    descriptive: bool = False  # an id that must not be a bare letter or number


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
        elif rule.is_id and not is_id(item):
            problems.error(file, value.line_of(name), f"the id '{shown(item)}' is not a valid id.", ID_HINT)
            ok = False
        elif rule.kind is str and not rule.is_id and not rule.enum:
            ok = check_text(item, rule.text, f"'{name}'", file, value.line_of(name), problems,
                            rule.max_length) and ok
        elif rule.descriptive and not _DESCRIPTIVE.match(item):
            problems.error(file, value.line_of(name), f"the id '{item}' is a position, not a description.",
                           "learners' answers are saved by id, and positions change: describe it in a few words, "
                           "like 'ask-for-time'.")
            ok = False
    return ok


ID_HINT = f"use lowercase letters, digits and single hyphens, up to {MAX_ID_LENGTH} characters, like 'ask-for-time'."


def shown(text: str, limit: int = 70) -> str:
    """Text quoted in a message: invisible characters made visible ('\\n'), long text cut."""
    visible = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return visible if len(visible) <= limit else visible[:limit] + "…"


def is_id(value: str) -> bool:
    """A stable id: lowercase words joined by single hyphens, nothing after them."""
    return len(value) <= MAX_ID_LENGTH and _ID.fullmatch(value) is not None


def check_text(text: str, kind: str, what: str, file: str, line: int, problems: Problems,
               max_length: int = MAX_TEXT_LENGTH) -> bool:
    """The rules every author text follows, by kind; False (and a problem) if it breaks one."""
    if len(text) > max_length:
        problems.error(file, line, f"{what} has {len(text)} characters; the limit is {max_length}.",
                       "shorten it: keep what the learner needs here, move the rest into the lesson.")
        return False
    if kind == PLAIN:
        found = markup_in(text)
        if found:
            problems.error(file, line, f"{what} holds {found[0]} ('{found[1]}'), but it is plain text.",
                           "write it as it should read, without HTML, '&...;' or '{{ }}': it is shown as written "
                           "in the navigation, the page title and search results.")
            return False
    else:
        found = unsafe_link(text)
        if found:
            problems.error(file, line, f"{what} links to '{found[0]}', a '{found[1]}:' link, which could run code.",
                           "link only to pages of the course (a relative .md path) or to http:, https:, mailto: or tel: "
                           "addresses.")
            return False
    return True


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
