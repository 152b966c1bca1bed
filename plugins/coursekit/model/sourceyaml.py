"""YAML loading that remembers the line of every value.

Authors need errors that point at a line. PyYAML's node marks carry it, so
mappings and sequences are built as ``dict``/``list`` subclasses that keep the
line of each key and item. Duplicate keys, which plain PyYAML silently
overwrites, are reported instead.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any

import yaml


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


class YamlProblem(Exception):
    """A YAML file that cannot be read: syntax error or duplicate key."""

    def __init__(self, line: int, message: str, hint: str):
        self.line, self.message, self.hint = line, message, hint
        super().__init__(f"line {line}: {message}")


# libyaml's parser when PyYAML has it (several times faster; it keeps node
# marks too), the pure-Python one otherwise. Both construct only safe types.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


_STR = "tag:yaml.org,2002:str"


class _Builder:
    """Python values from the node tree, keeping lines. Strings (nearly every
    value) are taken straight from their node; PyYAML builds the rest. Each
    node is built once, so aliases share their value as in PyYAML."""

    def __init__(self, loader: _Loader):
        self.loader = loader
        self.built: dict[int, Any] = {}

    def __call__(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            return node.value
        if id(node) in self.built:
            value = self.built[id(node)]
            if value is _IN_PROGRESS:
                raise YamlProblem(node.start_mark.line + 1, "this alias refers to the block that contains it.",
                                  "copy the text instead of using an anchor ('&') and alias ('*').")
            return value
        self.built[id(node)] = _IN_PROGRESS
        if isinstance(node, yaml.SequenceNode):
            value = self._sequence(node)
        elif isinstance(node, yaml.MappingNode):
            value = self._mapping(node)
        else:
            value = self.loader.construct_object(node)
        self.built[id(node)] = value
        return value

    def _sequence(self, node: yaml.SequenceNode) -> LocatedList:
        sequence = LocatedList(self(child) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence

    def _mapping(self, node: yaml.MappingNode) -> LocatedDict:
        self.loader.flatten_mapping(node)  # merge keys ("<<: *anchor")
        mapping = LocatedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self(key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, Hashable):
                raise YamlProblem(line, "this key is a list or a block, not a name.", "write the key as plain text.")
            if key in mapping:
                raise YamlProblem(
                    line,
                    f"the key '{key}' appears twice in the same block.",
                    f"keep one '{key}' (line {mapping.key_lines[key]} or {line}) and delete the other.",
                )
            mapping[key] = self(value_node)
            mapping.key_lines[key] = line
        return mapping


_IN_PROGRESS = object()


def load(text: str, first_line: int = 1) -> Any:
    """Parse YAML text; lines are counted from ``first_line`` (for front matter).

    Raises ``YamlProblem`` with a line and a hint on any syntax error.
    """
    padded = "\n" * (first_line - 1) + text
    loader = _Loader(padded)
    try:
        node = loader.get_single_node()
        return None if node is None else _Builder(loader)(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else first_line
        problem = (error.problem or "invalid YAML").rstrip(".")
        raise YamlProblem(
            line,
            f"this is not valid YAML: {problem}.",
            "check the indentation and quote any text that contains ': ' or starts "
            "with a special character ('*', '&', '!', '[', '{', '>', '|', '#', '@', '`').",
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"this is not valid YAML: {error}.", "") from None
    finally:
        loader.dispose()


def scalar(value: str | bool) -> str:
    """``value`` as a YAML scalar that reads back as exactly itself, whatever
    it holds: JSON strings and booleans are valid YAML."""
    return json.dumps(value, ensure_ascii=False)
