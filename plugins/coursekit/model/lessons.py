"""Lessons: front matter, the widgets a page places, and their lines.

MkDocs parses front matter too, but without lines; we parse it again with
``sourceyaml`` so every message can point at the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import MARKDOWN, PLAIN, Field, Shape, check_mapping, check_text
from .pages import THEME_FIELDS, front_matter, split_front_matter  # noqa: F401 (split_front_matter re-exported)
from .problems import Problems
from .sourceyaml import LocatedDict, LocatedList
from .widgets import PLACEHOLDER_HTML, Placement, find_placements, placeholder, unquoted_placements  # noqa: F401 (re-exported)

MIN_OBJECTIVES, MAX_OBJECTIVES = 2, 4


def _colon_hint(entry: dict) -> str:
    """A list entry that YAML read as a mapping because its text holds ': ': show the author their own
    line, quoted, in the edition's language rather than an example in another one."""
    if len(entry) == 1:
        key, value = next(iter(entry.items()))
        if isinstance(key, str) and isinstance(value, str):
            quoted = f"{key}: {value}".replace("\\", "\\\\").replace('"', '\\"')
            return ("the text holds ': ', so YAML read it as a key and a value: put the whole text in double quotes, like this: "
                    f'- "{quoted}"')
    return "the text holds ': ', so YAML read it as a key and a value: put the whole text in double quotes."

MAX_TITLE_LENGTH, MAX_DESCRIPTION_LENGTH = 100, 300

# Keys MkDocs, Material and macros read from front matter (pages.py) are
# allowed beside ours; title and description are ours and required.
LESSON_SHAPE = Shape("the lesson's front matter", {
    **THEME_FIELDS,
    "title": Field(str, True, "the lesson's title", text=PLAIN, max_length=MAX_TITLE_LENGTH),
    "description": Field(str, True, "one sentence that says what the learner will get", text=PLAIN,
                         max_length=MAX_DESCRIPTION_LENGTH),
    "time": Field(int, True, "the estimated time in minutes, reading and quiz"),
    "objectives": Field(list, True, f"{MIN_OBJECTIVES} to {MAX_OBJECTIVES} learning objectives"),
    "key_points": Field(list, True, "the key points shown at the end of the lesson"),
    "checklist": Field(dict, True, "the checklist items this lesson teaches, by checklist id"),
})


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
    lines: dict[str, int] = field(default_factory=dict)  # front matter key -> line, for messages


def parse_lesson(src_uri: str, file: str, text: str, problems: Problems, *,
                 front: LocatedDict | None = None, placements: list[Placement] | None = None) -> Lesson | None:
    """Parse and validate a lesson's front matter; None if it has errors.

    ``front`` and ``placements`` are the page's, when the caller has read them already.
    """
    data = front if front is not None else front_matter(text, file, problems)
    if data is None:
        return None
    if not data:
        problems.error(file, 1, "this lesson has no front matter.",
                       "start the file with '---', the lesson's title, description, time, objectives, "
                       "key_points and checklist, then '---' (see CONTRIBUTING.md).")
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
    if placements is None:
        placements = find_placements(text)
    quizzes = tuple(dict.fromkeys(p.argument for p in placements if p.widget == "quiz"))
    if not quizzes and not unquoted_placements(text):  # an unquoted one is reported with its line
        problems.error(file, 1, "this lesson places no quiz.",
                       'add its quiz where learners should take it, e.g. {{ quiz("lesson-id") }}.')
    if len(problems.errors) > before:
        return None
    return Lesson(src_uri, file, data["title"], data["description"], time, tuple(objectives or ()),
                  tuple(key_points or ()), tuple(items), quizzes,
                  tuple(p.argument for p in placements if p.widget == "conversation"), dict(data.key_lines))


def _texts(data: LocatedDict, key: str, file: str, problems: Problems) -> list[str] | None:
    values = data[key]
    assert isinstance(values, LocatedList)
    texts = []
    for index, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            problems.error(file, values.line_of(index), f"every entry of '{key}' must be a line of text.",
                           _colon_hint(value) if isinstance(value, dict) else "write each entry as '- text'.")
            return None
        if not check_text(value, MARKDOWN, f"this entry of '{key}'", file, values.line_of(index), problems):
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
                               _colon_hint(text) if isinstance(text, dict) else "write each item as '- Do this concrete thing.'")
                continue
            if not check_text(text, MARKDOWN, "this checklist item", file, texts.line_of(index), problems):
                continue
            items.append(ChecklistItem(str(checklist_id), " ".join(text.split()), file, texts.line_of(index), src_uri))
    return items
