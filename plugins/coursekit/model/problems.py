"""Problems found in course sources, reported as ``file:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one source file, with a hint on how to fix it."""

    file: str
    line: int
    message: str
    hint: str = ""
    severity: str = "error"  # "error" stops the build; "warning" stops it only under --strict

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text} Hint: {self.hint}" if self.hint else text

    def check_line(self) -> str:
        """The problem as ``coursekit check`` prints it, and every engine's build with it: warnings say so."""
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}: {prefix}{self.message}" + (f" Hint: {self.hint}" if self.hint else "")


class CourseError(Exception):
    """Raised with every error found, so an author can fix them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems(list):
    """A list of problems with helpers to add errors and warnings."""

    def error(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.append(Problem(file, line, message, hint))

    def warning(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.append(Problem(file, line, message, hint, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == "warning"]
