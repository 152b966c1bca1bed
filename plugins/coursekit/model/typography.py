"""Typography an edition's language requires, checked in every source it has.

Romanian writes ș ț Ș Ț with a comma below (U+0219, U+021B, U+0218, U+021A).
The cedilla forms ş ţ Ş Ţ look alike on screen but are other letters: search,
hyphenation and screen readers treat them as Turkish, and old keyboards still
type them. The check names the file, the line and the letter to use instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .problems import Problems
from .sources import SourceError, line_at, read

# Per language: a pattern of wrong characters and what each should be.
_RULES: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {
    "ro": (re.compile("[\u015e\u015f\u0162\u0163]"), {"\u015e": "Ș", "\u015f": "ș", "\u0162": "Ț", "\u0163": "ț"}),
}


def check_text(language: str, file: str, text: str, problems: Problems, first_line: int = 1) -> None:
    """Report every line of ``text`` that holds a character the language does not write."""
    rule = _RULES.get(language.split("-")[0].split("_")[0])
    if rule is None:
        return
    pattern, replacements = rule
    seen: set[int] = set()
    for match in pattern.finditer(text):
        line = first_line + line_at(text, match.start()) - 1
        if line in seen:
            continue
        seen.add(line)
        wrong = sorted(set(pattern.findall(text.splitlines()[line - first_line])))
        fixes = ", ".join(f"'{c}' (cedilla) with '{replacements[c]}' (comma below)" for c in wrong)
        problems.error(file, line, f"this line writes {', '.join(repr(c) for c in wrong)} with a cedilla.",
                       f"Romanian uses the comma-below letters: replace {fixes}.")


def check_files(language: str, paths: Iterable[Path], display, problems: Problems) -> None:
    """The same check on source files (quizzes, checklists, conversations); unreadable ones are reported elsewhere."""
    if language.split("-")[0].split("_")[0] not in _RULES:
        return
    for path in paths:
        try:
            text = read(path)
        except SourceError:
            continue
        check_text(language, display(path), text, problems)
