"""YAML loading that remembers the line of every value.

Authors need errors that point at a line. PyYAML's node marks carry it, so
mappings and sequences are built as ``dict``/``list`` subclasses that keep the
line of each key and item. Duplicate keys, which plain PyYAML silently
overwrites, are reported instead.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
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
        return self._resolve_plain(value) if implicit[0] else _STR

    @classmethod
    def _resolve_plain(cls, value: str) -> str:
        for tag, regexp in cls._by_first.get(value[:1], cls._wildcard):
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

# Course files are nearly all of one simple shape: block mappings and lists,
# plain or quoted one-line texts, '>-' and '|' blocks. PyYAML builds every
# token, event and node as a Python object, through libyaml too: on a large
# course, reading the quizzes was half of the plugin's cost. Files of that
# shape are read here, line by line, to the same values and lines; anything
# else (flow collections, anchors, tags, escapes, comments after values, odd
# indentation, any error) goes to PyYAML, which also words every error.
_NOT_SIMPLE = object()
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?:[ ]+(.*))?\Z")
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_BLOCK = {">-": (True, False), ">": (True, None), "|-": (False, False), "|": (False, None)}
# Tabs, other line breaks, a BOM, and what PyYAML refuses that check_characters lets through.
_UNSIMPLE_CHARS = "\t\r" + "".join(map(chr, range(0x80, 0xa0))) + "\u2028\u2029\ufeff\ufffe\uffff"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# [an-id, Two words]: plain words, one space after each comma
_FLOW_WORDS = r"[^\s,\[\]{}#&*!|>'\"%@`?:\-](?:[^,\[\]{}#:'\"]*[^\s,\[\]{}#:'\"])?"
_FLOW_IDS = re.compile(rf"\[({_FLOW_WORDS}(?:, {_FLOW_WORDS})*)?\]\Z")
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


@functools.lru_cache(maxsize=1024)  # the same few keys, thousands of times
def _is_text(key: str) -> bool:
    return _Loader._resolve_plain(key) == _STR


def _unsimple(text: str) -> bool:
    """Whether ``text`` holds a character the line-by-line reader leaves to PyYAML
    (looked for one by one: a scan in C each, where a pattern's search is many times slower)."""
    if any(char in text for char in _UNSIMPLE_CHARS):
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return False


class _NotSimple(Exception):
    pass


class _SimpleYaml:
    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first_line = first_line

    def document(self) -> Any:
        if _unsimple(self.text):
            return _NOT_SIMPLE
        self.raw = self.text.split("\n")
        # (raw line index, indent, content) of every line that is not blank or a comment
        self.tokens = [(number, len(line) - len(content), content.rstrip(" "))
                       for number, line in enumerate(self.raw)
                       if (content := line.lstrip(" ")) and content[0] != "#"]
        if not self.tokens:
            return _NOT_SIMPLE
        self.numbers = [token[0] for token in self.tokens]
        try:
            value, at = self._block(0, self.tokens[0][1], 0)
        except _NotSimple:
            return _NOT_SIMPLE
        return value if at == len(self.tokens) else _NOT_SIMPLE

    def _block(self, at: int, indent: int, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH // 2:
            raise _NotSimple
        content = self.tokens[at][2]
        if content == "-" or content.startswith("- "):
            return self._sequence(at, indent, depth)
        return self._mapping(at, indent, depth)

    def _mapping(self, at: int, indent: int, depth: int) -> tuple[LocatedDict, int]:
        tokens = self.tokens
        count = len(tokens)
        first_line = self.first_line
        mapping = LocatedDict()
        mapping.line = tokens[at][0] + first_line
        key_lines = mapping.key_lines = {}
        while at < count:
            number, token_indent, content = tokens[at]
            if token_indent != indent:
                if token_indent > indent:
                    raise _NotSimple
                break
            match = _KEY.match(content)
            if match is None:
                raise _NotSimple
            key, rest = match.groups()
            if key in key_lines or not _is_text(key):
                raise _NotSimple
            at += 1
            if rest:
                value, at = self._value(rest, number, at, indent)
            elif at < count and (tokens[at][1] > indent or (tokens[at][1] == indent and tokens[at][2][:2] in ("- ", "-"))):
                value, at = self._block(at, tokens[at][1], depth + 1)
            else:
                raise _NotSimple  # an empty value (null)
            mapping[key] = value
            key_lines[key] = number + first_line
        return mapping, at

    def _sequence(self, at: int, indent: int, depth: int) -> tuple[LocatedList, int]:
        tokens = self.tokens
        sequence = LocatedList()
        sequence.line = tokens[at][0] + self.first_line
        sequence.item_lines = []
        while at < len(tokens) and tokens[at][1] == indent and tokens[at][2].startswith("- "):
            number, _, content = tokens[at]
            rest = content[2:].lstrip(" ")
            if not rest or (rest[0] in "|>" and rest not in _BLOCK):  # '- >-' is a block, read by _value
                raise _NotSimple
            if _KEY.match(rest):  # '- id: x': a mapping that starts on the item's line
                inner = indent + len(content) - len(rest)
                tokens[at] = (number, inner, rest)
                value, at = self._mapping(at, inner, depth + 1)
            else:
                value, at = self._value(rest, number, at + 1, indent)
            sequence.append(value)
            sequence.item_lines.append(number + self.first_line)
        if at < len(tokens) and (tokens[at][1] > indent or (tokens[at][1] == indent and tokens[at][2] == "-")):
            raise _NotSimple
        return sequence, at

    def _value(self, text: str, number: int, at: int, indent: int) -> tuple[Any, int]:
        """A value written after its key or dash, on line ``number``; ``at`` is the next token."""
        if text in _BLOCK:
            return self._block_scalar(text, number, at, indent)
        # A plain text that goes on over the next lines is left to PyYAML.
        if at < len(self.tokens) and self.tokens[at][1] > indent:
            raise _NotSimple
        first = text[0]
        if first == "[" and (ids := _FLOW_IDS.match(text)):
            items = LocatedList(ids.group(1).split(", ") if ids.group(1) else ())
            if any(_Loader._resolve_plain(item) != _STR for item in items):
                raise _NotSimple
            items.line = number + self.first_line
            items.item_lines = [items.line] * len(items)
            return items, at
        if first == '"':
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
                raise _NotSimple
            return inner, at
        if first == "'":
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                raise _NotSimple
            return inner.replace("''", "'"), at
        if first in _PLAIN_START or ": " in text or " #" in text or text.endswith(":"):
            raise _NotSimple
        tag = _Loader._resolve_plain(text)
        if tag == _STR:
            return text, at
        if tag == _BOOL:
            return yaml.constructor.SafeConstructor.bool_values[text.lower()], at
        if tag == _INT and _DECIMAL.match(text):
            return int(text), at
        if tag == _NULL:
            return None, at
        raise _NotSimple

    def _block_scalar(self, indicator: str, number: int, at: int, indent: int) -> tuple[str, int]:
        """A '>-', '>', '|-' or '|' block whose lines all start at one indentation."""
        folded, chomp = _BLOCK[indicator]
        raw = self.raw
        size = len(raw)
        end = number + 1
        first = raw[end] if end < size else ""
        content = first.lstrip(" ")
        block_indent = len(first) - len(content)
        if not content or block_indent <= indent:
            raise _NotSimple  # an empty block, or blank lines first
        prefix = " " * block_indent
        lines = [content]  # content lines, and '' for blank ones between them
        last = end
        end += 1
        while end < size:
            line = raw[end]
            if line.startswith(prefix):
                content = line[block_indent:]
                if not content:
                    lines.append("")  # blank, as indented as the text
                elif content[0] == " ":
                    raise _NotSimple  # more indented (folded differently), or spaces beyond the text's indentation
                else:
                    lines.append(content)
                    last = end
            elif line.strip(" "):
                break  # less indented: the block is over
            else:
                lines.append("")  # blank, less indented than the text
            end += 1
        del lines[last - number:]  # trailing blank lines: chomped
        # The newline after the last line (none at the end of a file without one).
        last_break = "\n" if last < size - 1 else ""
        if not folded:
            value = "\n".join(lines)
        elif "" not in lines:
            value = " ".join(lines)
        else:
            parts: list[str] = []
            blanks = 0
            for line in lines:
                if not line:
                    blanks += 1
                    continue
                if parts:
                    parts.append("\n" * blanks if blanks else " ")
                parts.append(line)
                blanks = 0
            value = "".join(parts)
        if chomp is None:
            value += last_break
        # The next token is the first on a line after the block.
        return value, bisect.bisect_left(self.numbers, end, at)


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
    simple = _SimpleYaml(text, first_line).document()
    return load_with_pyyaml(text, first_line) if simple is _NOT_SIMPLE else simple


def load_with_pyyaml(text: str, first_line: int = 1) -> Any:
    """``load`` through PyYAML alone, for any YAML; ``load`` uses it for all but the simplest files,
    after checking the characters."""
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
