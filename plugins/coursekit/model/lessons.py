"""Lessons: front matter, the widgets a page places, and their lines.

MkDocs parses front matter too, but without lines; we parse it again with
``sourceyaml`` so every message can point at the line to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import sourceyaml
from .fields import Field, Shape, check_mapping
from .problems import Problems
from .sourceyaml import LocatedDict, LocatedList

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)

# Widget placements: the macro form (mkdocs-macros) and the plain-comment form
# that works with no macros plugin at all. Both name the same widgets.
_MACRO = re.compile(r"\{\{-?\s*(quiz|checklist|conversation|course_overview)\(\s*(?:([\"'])(.*?)\2)?\s*\)\s*-?\}\}")
_COMMENT = re.compile(r"<!--\s*coursekit:(quiz|checklist|conversation|course_overview)(?:\s+([^\s>]*))?\s*-->")
# The same comment in rendered HTML, where it may also name the plugin's own
# widgets and Markdown may have wrapped it in a paragraph. The pattern starts
# with a literal "<" so the regex engine can skip ahead through a whole page;
# an optional group in front would cost a millisecond per page.
PLACEHOLDER_HTML = re.compile(r"<(?:p>\s*<)?!--\s*coursekit:([a-z_]+)(?:\s+([^\s>]*))?\s*-->(?:\s*</p>)?")

MIN_OBJECTIVES, MAX_OBJECTIVES = 2, 4

# Keys MkDocs, Material and macros read from front matter, allowed beside ours.
_THEME_KEYS = ("hide", "template", "icon", "status", "subtitle", "search", "tags", "render_macros", "comments")

LESSON_SHAPE = Shape("the lesson's front matter", {
    "title": Field(str, True, "the lesson's title"),
    "description": Field(str, True, "one sentence that says what the learner will get"),
    "time": Field(int, True, "the estimated time in minutes, reading and quiz"),
    "objectives": Field(list, True, f"{MIN_OBJECTIVES} to {MAX_OBJECTIVES} learning objectives"),
    "key_points": Field(list, True, "the key points shown at the end of the lesson"),
    "checklist": Field(dict, True, "the checklist items this lesson teaches, by checklist id"),
    **{key: Field(object) for key in _THEME_KEYS},
})


@dataclass(frozen=True)
class Placement:
    """A widget placed on a page, e.g. ``{{ quiz("trust") }}`` on line 40."""

    widget: str
    argument: str
    line: int


@dataclass(frozen=True)
class ChecklistItem:
    checklist: str
    text: str
    file: str
    line: int
    lesson: str  # the docs-relative path of the lesson that teaches it


@dataclass
class Lesson:
    src_uri: str
    file: str
    title: str
    description: str
    time: int
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]
    items: tuple[ChecklistItem, ...]
    quizzes: tuple[str, ...] = field(default=())
    conversations: tuple[str, ...] = field(default=())


def placeholder(widget: str, argument: str = "") -> str:
    return f"<!-- coursekit:{widget} {argument} -->" if argument else f"<!-- coursekit:{widget} -->"


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (front matter YAML, body, line where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text, 1
    return match.group(1) or "", text[match.end():], match.group(0).count("\n") + 1


def find_placements(text: str) -> list[Placement]:
    """Every widget placed in a page's Markdown, with its line."""
    found = []
    for pattern in (_MACRO, _COMMENT):
        for match in pattern.finditer(text):
            argument = match.group(3) if pattern is _MACRO else match.group(2)
            found.append(Placement(match.group(1), argument or "", text.count("\n", 0, match.start()) + 1))
    return sorted(found, key=lambda p: p.line)


def parse_lesson(src_uri: str, file: str, text: str, problems: Problems) -> Lesson | None:
    """Parse and validate a lesson's front matter; None if it has errors."""
    front, _body, _ = split_front_matter(text)
    if not front.strip():
        problems.error(file, 1, "this lesson has no front matter.",
                       "start the file with '---', the lesson's title, description, time, objectives, "
                       "key_points and checklist, then '---' (see CONTRIBUTING.md).")
        return None
    try:
        data = sourceyaml.load(front, first_line=2)
    except sourceyaml.YamlProblem as error:
        problems.error(file, error.line, error.message, error.hint)
        return None
    before = len(problems.errors)
    if not check_mapping(data, LESSON_SHAPE, file, 1, problems):
        return None
    assert isinstance(data, LocatedDict)
    time = data["time"]
    if not 1 <= time <= 120:
        problems.error(file, data.line_of("time"), f"'time' is {time} minutes.",
                       "give the estimated minutes for reading and quiz, between 1 and 120.")
    objectives = _texts(data, "objectives", file, problems)
    if objectives is not None and not MIN_OBJECTIVES <= len(objectives) <= MAX_OBJECTIVES:
        problems.error(file, data.line_of("objectives"), f"the lesson has {len(objectives)} objectives.",
                       f"write {MIN_OBJECTIVES} to {MAX_OBJECTIVES} objectives, each starting with a verb.")
    key_points = _texts(data, "key_points", file, problems)
    if key_points is not None and not key_points:
        problems.error(file, data.line_of("key_points"), "'key_points' is empty.", "list the lesson's key points.")
    items = _checklist_items(data["checklist"], src_uri, file, problems)
    placements = find_placements(text)
    quizzes = tuple(p.argument for p in placements if p.widget == "quiz")
    if not quizzes:
        problems.error(file, 1, "this lesson places no quiz.",
                       'add its quiz where learners should take it, e.g. {{ quiz("lesson-id") }}.')
    if len(problems.errors) > before:
        return None
    return Lesson(src_uri, file, data["title"], data["description"], time, tuple(objectives or ()),
                  tuple(key_points or ()), tuple(items), quizzes,
                  tuple(p.argument for p in placements if p.widget == "conversation"))


def _texts(data: LocatedDict, key: str, file: str, problems: Problems) -> list[str] | None:
    values = data[key]
    assert isinstance(values, LocatedList)
    texts = []
    for index, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            problems.error(file, values.line_of(index), f"every entry of '{key}' must be a line of text.",
                           "write each entry as '- text'.")
            return None
        texts.append(value.strip())
    return texts


def _checklist_items(data: LocatedDict, src_uri: str, file: str, problems: Problems) -> list[ChecklistItem]:
    items = []
    for checklist_id, texts in data.items():
        line = data.line_of(checklist_id)
        if not isinstance(texts, LocatedList):
            problems.error(file, line, f"the items for checklist '{checklist_id}' must be a list.",
                           "write each item on its own line starting with '- '.")
            continue
        if not texts:
            problems.error(file, line, f"the checklist '{checklist_id}' has no items here.", "add items or remove the key.")
        for index, text in enumerate(texts):
            if not isinstance(text, str) or not text.strip():
                problems.error(file, texts.line_of(index), "a checklist item must be a line of text.",
                               "write each item as '- Do this concrete thing.'")
                continue
            items.append(ChecklistItem(str(checklist_id), " ".join(text.split()), file, texts.line_of(index), src_uri))
    return items
