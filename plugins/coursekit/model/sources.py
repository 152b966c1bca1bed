"""Reading source files: every way a file can be unreadable becomes a
``SourceError`` with a line and a hint, never a traceback.

Every source an author writes (pages, quizzes, checklists) is read here, by
the build and by ``coursekit check`` alike, so both see the same text: UTF-8,
a leading byte-order mark dropped (MkDocs drops it too), no control
characters that YAML or a browser would choke on.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

# C0 controls except tab, line feed and carriage return; DEL; the two
# Unicode non-characters YAML rejects. NUL among them usually means a file
# saved as UTF-16 or pasted from a binary document.
_CONTROL_CHARS = "".join(map(chr, [*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f, 0xfffe, 0xffff]))
_CONTROL = re.compile("[" + re.escape(_CONTROL_CHARS) + "]")
_BOM = "\ufeff"


class SourceError(Exception):
    """A source that cannot be used as it is: where, what, and how to fix it."""

    def __init__(self, line: int, message: str, hint: str = ""):
        self.line, self.message, self.hint = line, message, hint
        super().__init__(f"line {line}: {message}")


def line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def decode(data: bytes) -> str:
    """Bytes of a source file as text; raises ``SourceError``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(line, f"this file is not UTF-8 text (byte 0x{data[error.start]:02x} on this line).",
                          "save the file with the UTF-8 encoding (in most editors: 'Save with encoding' > UTF-8).") from None
    text = text.removeprefix(_BOM)
    check_characters(text)
    return text


def check_characters(text: str, first_line: int = 1) -> None:
    """Raise ``SourceError`` at the first control character in ``text``."""
    # Every page and YAML file is checked: looking for each character is a
    # fast scan in C, the pattern's search some sixty times slower per
    # character, so it only runs to tell which one and where.
    if not any(char in text for char in _CONTROL_CHARS):
        return
    match = _CONTROL.search(text)
    if match:
        line = first_line + text.count("\n", 0, match.start())
        column = match.start() - text.rfind("\n", 0, match.start())
        raise SourceError(line, f"this line holds an invisible control character (U+{ord(match.group()):04X}) "
                                f"at column {column}.",
                          "delete it; it often comes from pasting from another program or saving in UTF-16.")


def read(path: Path) -> str:
    """A source file's text; raises ``SourceError`` (line 1 if the file cannot be opened)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(1, f"this file cannot be read ({error.strerror or error}).",
                          "check that it exists and that you may read it.") from None
    return decode(data)


def shown_path(path: Path, resolved_root: Path) -> str:
    """A path as authors see it: relative to the project root (already
    resolved, so that is done once), or as given when it lies outside."""
    folder, name = os.path.split(os.fspath(path))
    full = os.path.join(_resolved_folder(folder), name)
    root = os.fspath(resolved_root)
    if full.startswith(root + os.sep):
        return full[len(root) + 1:].replace(os.sep, "/")
    return "." if full == root else path.as_posix()


# Resolving asks the file system about every part of a path: a large course
# has a thousand files in a few dozen folders, so each folder is resolved once.
@functools.lru_cache(maxsize=512)
def _resolved_folder(folder: str) -> str:
    return os.path.realpath(folder)
