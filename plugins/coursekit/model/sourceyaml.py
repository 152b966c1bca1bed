"""YAML loading that remembers the line of every value.

Authors need errors that point at a line. PyYAML's node marks carry it, so
mappings and sequences are built as ``dict``/``list`` subclasses that keep the
line of each key and item. Duplicate keys, which plain PyYAML silently
overwrites, are reported instead.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any, ClassVar

import yaml

from .sources import SourceError, check_characters, line_at


class LocatedDict(dict):
    """A mapping that knows its own line and the line of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class YamlProblem(SourceError):
    """A YAML file that cannot be read: syntax error, duplicate key, too deep."""


# Deeper than any course file needs, and far below Python's recursion limit
# (the builder recurses once per level).
MAX_DEPTH = 40


# libyaml's parser when PyYAML has it (several times faster; it keeps node
# marks too), the pure-Python one otherwise. Both construct only safe types.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    # The parser asks for the tag of every node, and a large course has some
    # hundred thousand. This answers as PyYAML's Resolver.resolve does for
    # scalars (implicit tags by first character, then str), without its list
    # concatenation and path-resolver steps, which safe loaders never use.
    _wildcard: ClassVar[tuple] = tuple(yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, ()))
    _by_first: ClassVar[dict] = {key: (*value, *yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, ()))
                                 for key, value in yaml.resolver.Resolver.yaml_implicit_resolvers.items() if key is not None}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if implicit[0]:
            for tag, regexp in self._by_first.get(value[:1], self._wildcard):
                if regexp.match(value):
                    return tag
        return _STR


_STR = "tag:yaml.org,2002:str"


class _Builder:
    """Python values from the node tree, keeping lines. Strings (nearly every
    value) are taken straight from their node; PyYAML builds the rest. Each
    node is built once, so aliases share their value as in PyYAML."""

    def __init__(self, loader: _Loader):
        self.loader = loader
        self.built: dict[int, Any] = {}

    def __call__(self, node: yaml.Node, depth: int = 0) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            return node.value
        if depth > MAX_DEPTH:
            raise YamlProblem(node.start_mark.line + 1, f"the text is nested more than {MAX_DEPTH} levels deep here.",
                              "a course file needs a few levels at most: check the indentation and the brackets.")
        if id(node) in self.built:
            value = self.built[id(node)]
            if value is _IN_PROGRESS:
                raise YamlProblem(node.start_mark.line + 1, "this alias refers to the block that contains it.",
                                  "copy the text instead of using an anchor ('&') and alias ('*').")
            return value
        self.built[id(node)] = _IN_PROGRESS
        if isinstance(node, yaml.SequenceNode):
            value = self._sequence(node, depth + 1)
        elif isinstance(node, yaml.MappingNode):
            value = self._mapping(node, depth + 1)
        else:
            try:
                value = self.loader.construct_object(node)
            except (ValueError, TypeError, OverflowError) as error:  # e.g. '!!timestamp 2024-13-45'
                raise YamlProblem(node.start_mark.line + 1, f"this value cannot be read: {error}.",
                                  "write it as plain text, or quote it.") from None
        self.built[id(node)] = value
        return value

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> LocatedList:
        sequence = LocatedList(self(child, depth) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence

    def _mapping(self, node: yaml.MappingNode, depth: int) -> LocatedDict:
        self.loader.flatten_mapping(node)  # merge keys ("<<: *anchor")
        mapping = LocatedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self(key_node, depth)
            line = key_node.start_mark.line + 1
            if not isinstance(key, Hashable):
                raise YamlProblem(line, "this key is a list or a block, not a name.", "write the key as plain text.")
            if key in mapping:
                raise YamlProblem(
                    line,
                    f"the key '{key}' appears twice in the same block.",
                    f"keep one '{key}' (line {mapping.key_lines[key]} or {line}) and delete the other.",
                )
            mapping[key] = self(value_node, depth)
            mapping.key_lines[key] = line
        return mapping


_IN_PROGRESS = object()

# Errors whose cause is where something opens (a quote, a bracket), not where
# the parser gives up, which may be the end of the file: what is left open.
_OPENED = {
    "while scanning a quoted scalar": "the quoted text that starts on this line is never closed",
    "while parsing a flow sequence": "the '[' on this line is never closed with ']'",
    "while parsing a flow mapping": "the '{' on this line is never closed with '}'",
}


def _where_and_what(error: yaml.MarkedYAMLError, first_line: int) -> tuple[int, str]:
    problem = (error.problem or "invalid YAML").rstrip(".")
    opened = _OPENED.get(error.context or "")
    if opened and error.context_mark is not None:
        return error.context_mark.line + 1, f"{opened} ({problem})"
    mark = error.problem_mark or error.context_mark
    return (mark.line + 1 if mark else first_line), problem


def load(text: str, first_line: int = 1) -> Any:
    """Parse YAML text; lines are counted from ``first_line`` (for front matter).

    Raises ``YamlProblem`` with a line and a hint on any syntax error.
    """
    try:
        check_characters(text, first_line)
    except SourceError as error:
        raise YamlProblem(error.line, error.message, error.hint) from None
    padded = "\n" * (first_line - 1) + text
    loader = _Loader(padded)
    try:
        node = loader.get_single_node()
        return None if node is None else _Builder(loader)(node)
    except yaml.reader.ReaderError as error:  # a character YAML refuses, with its position
        raise YamlProblem(line_at(padded, error.position), f"this is not valid YAML: {error.reason}.",
                          "delete the character; it often comes from pasting from another program.") from None
    except yaml.MarkedYAMLError as error:
        line, problem = _where_and_what(error, first_line)
        mark = error.problem_mark
        lines = padded.splitlines()
        char = lines[mark.line][mark.column:mark.column + 1] if mark and mark.line < len(lines) else ""
        raise YamlProblem(line, f"this is not valid YAML: {problem}.", plain_hint(problem, char)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"this is not valid YAML: {error}.", "") from None
    except RecursionError:  # the pure-Python parser, which recurses per level
        raise YamlProblem(first_line, f"the text is nested more than {MAX_DEPTH} levels deep.",
                          "a course file needs a few levels at most: check the indentation and the brackets.") from None
    finally:
        loader.dispose()


# What a parser's complaint usually means in a course file, in plain words.
_HINTS = (
    ("mapping values are not allowed", ("this line holds ': ' inside a text, so YAML reads a second key. Put the "
     "whole text in double quotes: key: \"Ni huyas ni pelees: ataca la situación.\"")),
    ("found undefined alias", "a text that starts with '*' is read as a reference: put it in double quotes."),
    ("expected alphabetic or numeric character", ("a text that starts with '*' or '&' is read as YAML syntax: "
     "put it in double quotes.")),
    ("could not find expected ':'", ("a line is missing ': ' after its key, or a text goes on to the next line "
     "unquoted: put long text in double quotes or after '>-'.")),
    ("did not find expected key", ("the indentation changes in the middle of a block: line up this line with the "
     "keys above it, or quote a text that starts with '[', '{' or '\"'.")),
    ("did not find expected '-' indicator", ("the items of this list are not lined up: start each one with '- ' at "
     "the same indentation.")),
    ("did not find expected ',' or ']'", "a text that starts with '[' is read as a list: put it in double quotes."),
    ("did not find expected ',' or '}'", "a text that starts with '{' is read as a mapping: put it in double quotes."),
    ("found unexpected end of stream", "a quote is opened and never closed: close it at the end of the text."),
    ("found unknown escape character", ("inside double quotes, a backslash starts an escape: write '\\\\' for one "
     "backslash, or use single quotes.")),
)


def plain_hint(problem: str, char: str = "") -> str:
    """What to do about a parser's complaint (and the character it stopped at), in plain words."""
    if char == "\t":
        return "this line is indented with a tab; YAML needs spaces (two per level)."
    if char in ("@", "`") and "cannot start any token" in problem:
        return f"a text cannot start with '{char}' in YAML: put the whole text in double quotes."
    for wording, hint in _HINTS:
        if wording in problem:
            return hint
    return ("check the indentation (spaces, two per level) and put in double quotes any text that contains ': ' "
            "or starts with a special character ('*', '&', '!', '[', '{', '>', '|', '#', '@', '`').")


def scalar(value: str | bool) -> str:
    """``value`` as a YAML scalar that reads back as exactly itself, whatever
    it holds: JSON strings and booleans are valid YAML."""
    return json.dumps(value, ensure_ascii=False)
