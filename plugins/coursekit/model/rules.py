"""The course's own standard: how long a lesson is, how many questions a quiz
has, how a lesson is built, how much a printed checklist holds.

The rules are options of the course (``rules:`` under the plugin in
mkdocs.yml), with the defaults below. ``load_course`` applies them, so
``coursekit check`` and the build report the same problems, with a line.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .lessons import Lesson, split_front_matter
from .problems import Problems
from .quizzes import SCENARIO, Quiz
from .scaffold import PLACEHOLDER, PLACEHOLDER_MARKS
from .strings import for_language

# The heading a lesson opens with when the course does not name one.
OPENING_SECTION = {"es": "Una situación para empezar", "en": "A situation to start with",
                   "ro": "O situație de pornire"}
# What one sheet holds, in the lines ``checklists.printed_lines`` estimates:
# in Chromium, sheets estimated at 48 lines still printed on one US Letter
# page (the shorter paper); 46 keeps about one item in hand.
SHEET_CAPACITY = 46
SCHEMA_COMMENT = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S*quiz\.schema\.json)\s*$")
_SECTION = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


class RulesError(ValueError):
    """The rules in the configuration are not usable (e.g. a minimum above its maximum)."""


@dataclass(frozen=True)
class CourseRules:
    """Each field is an option of ``rules:``; its metadata says what it means."""

    questions: tuple[int, int] = dataclasses.field(default=(5, 8), metadata={
        "doc": "the fewest and most questions of a quiz"})
    minutes: tuple[int, int] = dataclasses.field(default=(10, 20), metadata={
        "doc": "the shortest and longest 'time' of a lesson, in minutes"})
    scenario_share: float = dataclasses.field(default=0.5, metadata={
        "doc": "a quiz's scenario questions are more than this share of its questions (0 turns the rule off)"})
    checklist_items: int = dataclasses.field(default=1, metadata={
        "doc": "the fewest checklist items a lesson teaches"})
    sections: int = dataclasses.field(default=4, metadata={
        "doc": "the fewest '##' sections of a lesson, the quiz's included"})
    opening_section: str | None = dataclasses.field(default=None, metadata={
        "doc": "the heading of a lesson's first section (default: the edition's, e.g. 'Una situación para "
               "empezar'; '' requires none)"})
    sheet_lines: int = dataclasses.field(default=SHEET_CAPACITY, metadata={
        "doc": f"the printed lines a checklist sheet may fill, at most {SHEET_CAPACITY} (one page of A4 and Letter)"})
    item_length: int = dataclasses.field(default=120, metadata={
        "doc": "the most characters of one checklist item"})

    def opening(self, language: str) -> str:
        return for_language(OPENING_SECTION, language) if self.opening_section is None else self.opening_section


def rules_from(options: Mapping | None) -> CourseRules:
    """The rules from the ``rules:`` option; raises ``RulesError`` with what to fix."""
    options = dict(options or {})
    fields = {f.name: f for f in dataclasses.fields(CourseRules)}
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise RulesError(f"unknown rule(s): {', '.join(unknown)}. The rules are: {', '.join(fields)}.")
    values = {}
    for name, value in options.items():
        default = fields[name].default
        doc = fields[name].metadata["doc"]
        if isinstance(default, tuple):
            ok = (isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_count(v) for v in value)
                  and value[0] <= value[1])
            value = tuple(value) if ok else value
        elif name == "opening_section":
            ok = isinstance(value, str)
        elif isinstance(default, float):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1
        else:
            ok = _is_count(value)
        if not ok:
            raise RulesError(f"the rule '{name}: {value!r}' is not usable: it is {doc}"
                             f" (default: {_show(default)}).")
        values[name] = value
    rules = CourseRules(**values)
    if rules.sheet_lines > SHEET_CAPACITY:
        raise RulesError(f"the rule 'sheet_lines: {rules.sheet_lines}' is more than one page holds; "
                         f"a sheet prints on one page of A4 and Letter up to {SHEET_CAPACITY} lines.")
    return rules


def describe() -> list[tuple[str, str, str]]:
    """(option, default, meaning) of every rule, for documentation and tests."""
    return [(f.name, _show(f.default), f.metadata["doc"]) for f in dataclasses.fields(CourseRules)]


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return f"[{value[0]}, {value[1]}]"
    return "the edition's" if value is None else str(value)


def check_lesson(lesson: Lesson, text: str, rules: CourseRules, language: str, problems: Problems) -> None:
    """A lesson's time, checklist items, quiz and sections against the course's rules."""
    low, high = rules.minutes
    if not low <= lesson.time <= high:
        problems.error(lesson.file, lesson.lines.get("time", 1), f"'time' is {lesson.time} minutes; "
                       f"this course's lessons take {low} to {high}.",
                       f"give the minutes for reading and the quiz; if the lesson needs more than {high}, "
                       "split it in two ('coursekit new').")
    if len(lesson.items) < rules.checklist_items:
        problems.error(lesson.file, lesson.lines.get("checklist", 1),
                       f"the lesson teaches {len(lesson.items)} checklist item(s); each lesson adds at least "
                       f"{rules.checklist_items}.",
                       "under 'checklist:', name a checklist and list the actions the lesson teaches, "
                       "e.g. 'antes: [Escribe el mensaje central en una frase.]'.")
    if len(lesson.quizzes) > 1:
        problems.error(lesson.file, 1, f"the lesson places {len(lesson.quizzes)} quizzes ({', '.join(lesson.quizzes)}).",
                       "a lesson has one quiz: merge the questions into it.")
    _, body, first_line = split_front_matter(text)
    body = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    sections = [(m.group(1).strip(), first_line + body.count("\n", 0, m.start())) for m in _SECTION.finditer(body)]
    opening = rules.opening(language)
    if opening and (not sections or sections[0][0] != opening):
        line = sections[0][1] if sections else first_line
        found = f"it starts with '## {sections[0][0]}'" if sections else "it has no '##' section"
        problems.error(lesson.file, line, f"a lesson opens with the section '## {opening}'; {found}.",
                       f"start the body with '## {opening}': a concrete scene with a named client "
                       "(who, what happened, what is at stake).")
    if len(sections) < rules.sections:
        line = sections[-1][1] if sections else first_line
        problems.error(lesson.file, line, f"the lesson has {len(sections)} '##' section(s); this course's "
                       f"lessons have at least {rules.sections}, the quiz's included.",
                       f"give the guidance its own sections between '## {opening or '…'}' and the quiz "
                       "(e.g. what to do, what to say, what to avoid).")


def check_quiz(quiz: Quiz, rules: CourseRules, problems: Problems) -> None:
    """A quiz's number of questions and its share of scenarios."""
    count = len(quiz.questions)
    low, high = rules.questions
    line = quiz.questions_line or quiz.line
    if not low <= count <= high:
        advice = "add questions" if count < low else "keep the questions that test the lesson's key points"
        problems.error(quiz.file, line, f"the quiz has {count} question(s); this course's quizzes have {low} to {high}.",
                       f"{advice}: {low} to {high} in all.")
    scenarios = sum(question.type == SCENARIO for question in quiz.questions)
    if count and rules.scenario_share and scenarios <= rules.scenario_share * count:
        needed = int(rules.scenario_share * count) + 1
        problems.error(quiz.file, line, f"{scenarios} of the quiz's {count} questions are scenarios; "
                       f"more than {rules.scenario_share:.0%} must be.",
                       f"make at least {needed} of them 'type: scenario': a client situation and what you would "
                       "say or do.")


def find_placeholders(text: str) -> list[tuple[int, str]]:
    """(line, placeholder) of every placeholder 'coursekit new' wrote that is still there."""
    found: list[tuple[int, str]] = []
    if not any(mark in text for mark in PLACEHOLDER_MARKS):  # nearly always: a plain search, not a pattern per line
        return found
    for number, line in enumerate(text.splitlines(), 1):
        match = PLACEHOLDER.search(line)
        if match:
            rest = line[match.start():].rstrip().rstrip('"')
            found.append((number, rest if len(rest) <= 60 else rest[:59].rstrip() + "…"))
    return found


def check_placeholders(file: str, text: str, problems: Problems) -> None:
    for line, found in find_placeholders(text):
        problems.error(file, line, f"this line still holds a placeholder of 'coursekit new' («{found}»).",
                       "replace the whole placeholder, marker included, with your own text.")


def check_schema_comment(quiz_path: Path, file: str, text: str, schema_file: Path, problems: Problems) -> None:
    """Every quiz file names the JSON Schema on its first line, so any editor validates it."""
    first = text.split("\n", 1)[0]
    if not SCHEMA_COMMENT.match(first):
        relative = Path(os.path.relpath(schema_file, quiz_path.parent)).as_posix()
        problems.error(file, 1, "the quiz file does not name its JSON Schema on the first line.",
                       f"make the first line '# yaml-language-server: $schema={relative}' so editors "
                       "check the quiz as you type.")
