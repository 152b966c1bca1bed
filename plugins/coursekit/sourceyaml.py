"""YAML loading that remembers the line of every value.

Authors need errors that point at a line. PyYAML's node marks carry it, so
mappings and sequences are built as ``dict``/``list`` subclasses that keep the
line of each key and item. Duplicate keys, which plain PyYAML silently
overwrites, are reported instead.
"""

from __future__ import annotations

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


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    mapping = LocatedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in mapping:
            raise YamlProblem(
                line,
                f"the key '{key}' appears twice in the same block.",
                f"keep one '{key}' (line {mapping.key_lines[key]} or {line}) and delete the other.",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    sequence = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load(text: str, first_line: int = 1) -> Any:
    """Parse YAML text; lines are counted from ``first_line`` (for front matter).

    Raises ``YamlProblem`` with a line and a hint on any syntax error.
    """
    padded = "\n" * (first_line - 1) + text
    try:
        return yaml.load(padded, Loader=_Loader)
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
