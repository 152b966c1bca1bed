"""Printable checklists: their definitions and the items gathered from lessons.

Items are written once, in the lesson that teaches them; a checklist is the
ordered gathering of its items across lessons. Every checklist prints on one
page of A4 and of US Letter: its printed length is estimated from the length
of its texts (``printed_lines``) and kept within the course's ``sheet_lines``.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from pathlib import Path

from . import sources, sourceyaml
from .fields import PLAIN, Field, Shape, check_mapping
from .lessons import ChecklistItem, Lesson
from .problems import Problems
from .sourceyaml import LocatedDict, LocatedList
from .strings import strings_for
from .widgets import placeholder

PAGES_DIR = "checklists"  # generated pages: checklists/index.md, checklists/<id>.md, ...
PACK_SLUG = "todas"  # the page with every checklist, to print them all at once
# Ids whose page would be one of the generated pages above.
RESERVED_IDS = frozenset({"index", PACK_SLUG})
MAX_TITLE_LENGTH = 60
MAX_WHEN_LENGTH = 180
MAX_FIELDS = 4
MAX_FIELD_LENGTH = 40

# How a sheet prints (assets/coursekit.css, @media print), in lines of its
# 12 pt body text. Measured in Chromium on the narrower page (A4: 182 mm
# between margins) with Liberation Sans, the metric twin of Arial and
# Helvetica, which fits about 88 characters a line; 75 leaves room for wider
# fonts (DejaVu Sans fits about 78) and for words that wrap early.
CHARS_PER_LINE = 75
SHEET_FIXED_LINES = 11.4  # course name, notes lines, the page's URL, the space between parts
TITLE_LINE = 1.7          # one line of the 20 pt title
TITLE_CHARS = 45          # characters in a line of the title
FIELD_ROW = 1.8           # one row of blank fields (two to a row; the last has a row of its own)
ITEM_GAP = 0.5            # the space under every item
FOOTER_LINE = 0.75        # one line of the 9 pt "from the lessons" footer
FOOTER_CHARS = 100
READ_DO, DO_CONFIRM = "read-do", "do-confirm"

CHECKLIST_SHAPE = Shape("a checklist", {
    "id": Field(str, True, "the checklist's stable id; its page is checklists/<id>/", is_id=True),
    "title": Field(str, True, "the checklist's title", text=PLAIN),
    "when": Field(str, True, "the pause point: when the team picks up this checklist"),
    "kind": Field(str, True, "how the team uses it", enum=(READ_DO, DO_CONFIRM)),
    "fields": Field(list, False, "blank fields the team fills in by hand (default: client, date, goal)"),
})


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    when: str
    kind: str
    fields: tuple[str, ...]
    file: str
    line: int
    items: tuple[ChecklistItem, ...] = ()

    @property
    def lessons(self) -> tuple[str, ...]:
        """The lessons its items come from, in course order, each once."""
        return tuple(dict.fromkeys(item.lesson for item in self.items))


def load_checklists(path: Path | None, file: str, default_fields: tuple[str, ...], problems: Problems) -> dict[str, Checklist]:
    """Read the checklist definitions file (a YAML list under ``checklists:``)."""
    if path is None or not path.is_file():
        return {}
    try:
        data = sourceyaml.load(sources.read(path))
    except sources.SourceError as error:
        problems.error(file, error.line, error.message, error.hint)
        return {}
    entries = data.get("checklists") if isinstance(data, LocatedDict) else None
    if not isinstance(entries, LocatedList):
        problems.error(file, 1, "the checklists file must have a 'checklists:' list.",
                       "write 'checklists:' then one '- id: ...' block per checklist.")
        return {}
    checklists: dict[str, Checklist] = {}
    for index, raw in enumerate(entries):
        line = entries.line_of(index)
        if not check_mapping(raw, CHECKLIST_SHAPE, file, line, problems):
            continue
        if raw["id"] in RESERVED_IDS:
            problems.error(file, raw.line_of("id"), f"the checklist id '{raw['id']}' is taken by a generated page "
                           f"({PAGES_DIR}/{raw['id']}/).", "choose another id, e.g. the pause point it is for.")
            continue
        if raw["id"] in checklists:
            problems.error(file, line, f"the checklist id '{raw['id']}' is used twice (also line {checklists[raw['id']].line}).",
                           "give every checklist its own id.")
            continue
        if len(raw["title"]) > MAX_TITLE_LENGTH or len(raw["when"]) > MAX_WHEN_LENGTH:
            problems.error(file, line, f"the title or 'when' of checklist '{raw['id']}' is too long to fit on one page.",
                           f"keep the title under {MAX_TITLE_LENGTH} characters and 'when' under {MAX_WHEN_LENGTH}.")
            continue
        fields = raw.get("fields", default_fields)
        if (not all(isinstance(f, str) and len(f) <= MAX_FIELD_LENGTH for f in fields)
                or len(fields) > MAX_FIELDS):
            problems.error(file, raw.line_of("fields"),
                           f"'fields' must be up to {MAX_FIELDS} short labels of up to {MAX_FIELD_LENGTH} characters.",
                           "for example: [Client, Date, Goal of the conversation].")
            continue
        checklists[raw["id"]] = Checklist(raw["id"], raw["title"], raw["when"], raw["kind"], tuple(fields), file, line)
    return checklists


def _lines(text: str, per_line: int) -> int:
    return max(1, math.ceil(len(text) / per_line))


def item_lines(text: str) -> float:
    """The printed lines of one item, with the space under it."""
    return _lines(text, CHARS_PER_LINE) + ITEM_GAP


def printed_lines(checklist: Checklist, lesson_titles: list[str], language: str) -> float:
    """An estimate, on the safe side, of how many lines the printed sheet fills.

    ``lesson_titles`` are the lessons its items come from (the sheet's footer).
    tests/test_print.py prints sheets at this estimate's limit on A4 and Letter."""
    t = strings_for(language)
    kind_label, _, kind_text = t["checklist_kind"][checklist.kind].partition(":")
    rows = (len(checklist.fields) + 2) // 2 if checklist.fields else 0  # two to a row, the last alone
    return (SHEET_FIXED_LINES
            + TITLE_LINE * _lines(checklist.title, TITLE_CHARS)
            + _lines(f"{t['when']}: {checklist.when}", CHARS_PER_LINE)
            + _lines(f"{kind_label}: {kind_text.strip()}", CHARS_PER_LINE)
            + FIELD_ROW * rows
            + FOOTER_LINE * _lines(f"{t['from_lessons']} " + ", ".join(lesson_titles), FOOTER_CHARS)
            + sum(item_lines(item.text) for item in checklist.items))


def gather_items(checklists: dict[str, Checklist], lessons: list[Lesson], problems: Problems,
                 language: str = "en", sheet_lines: float = 46, item_length: int = 120) -> dict[str, Checklist]:
    """Attach each lesson's items to their checklist in course order (``lessons``'
    order), and report the lesson whose items first make a sheet too long."""
    gathered: dict[str, list[ChecklistItem]] = {key: [] for key in checklists}
    titles = {lesson.src_uri: lesson.title for lesson in lessons}
    full: set[str] = set()
    for lesson in lessons:
        for item in lesson.items:
            if item.checklist not in checklists:
                close = difflib.get_close_matches(item.checklist, list(checklists), n=1, cutoff=0.5)
                known = ", ".join(checklists) or "none are defined"
                problems.error(item.file, item.line, f"the checklist '{item.checklist}' does not exist.",
                               f"did you mean '{close[0]}'?" if close else f"use one of the checklist ids ({known}).")
                continue
            if len(item.text) > item_length:
                problems.error(item.file, item.line,
                               f"this checklist item has {len(item.text)} characters; the limit is {item_length}.",
                               "a checklist item is a short reminder: keep the action, move the explanation into the lesson.")
                continue
            gathered[item.checklist].append(item)
        for key in dict.fromkeys(item.checklist for item in lesson.items):
            if key not in checklists or key in full:
                continue
            sheet = Checklist(**{**checklists[key].__dict__, "items": tuple(gathered[key])})
            used = printed_lines(sheet, [titles[uri] for uri in sheet.lessons], language)
            if used > sheet_lines:
                full.add(key)
                mine = [item for item in lesson.items if item.checklist == key]
                problems.error(mine[0].file, mine[0].line,
                               f"with this lesson's {len(mine)} item(s), the checklist '{key}' would print on about "
                               f"{math.ceil(used)} lines ({len(sheet.items)} items); a sheet holds {sheet_lines:g}. "
                               f"Its items come from: {_contributions(sheet)}.",
                               "shorten items (one action each, about ten words), merge two that say the same, "
                               "or split the sheet in two in the checklists file and move items to the new one.")
    result = {}
    for key, checklist in checklists.items():
        if not gathered[key]:
            problems.warning(checklist.file, checklist.line, f"no lesson adds items to the checklist '{key}'.",
                             f"add items under 'checklist: {key}:' in a lesson's front matter, or remove the checklist.")
        result[key] = Checklist(**{**checklist.__dict__, "items": tuple(gathered[key])})
    return result


def _contributions(checklist: Checklist) -> str:
    counts: dict[str, int] = {}
    for item in checklist.items:
        counts[item.file] = counts.get(item.file, 0) + 1
    return ", ".join(f"{file} ({count})" for file, count in counts.items())


def room(checklist: Checklist, lesson_titles: list[str], language: str, sheet_lines: float) -> str:
    """How much room a sheet has left, in words a contributor can act on."""
    used = printed_lines(checklist, lesson_titles, language)
    left = sheet_lines - used
    one_line = math.floor(left / item_lines("x"))
    return (f"'{checklist.id}': {len(checklist.items)} items, about {math.ceil(used)} of {sheet_lines:g} lines; "
            + (f"room for about {one_line} more item(s) of up to {CHARS_PER_LINE} characters"
               if one_line > 0 else "full: split it or shorten items before adding one"))


def generated_pages(checklists: dict[str, Checklist], language: str) -> dict[str, str]:
    """The pages the checklists add to the site: docs-relative path -> Markdown.

    Each page is only a title and a placeholder the plugin fills in, so the
    same page builds (empty) with the plugin switched off. The title is data
    (a YAML string), and no template engine renders these pages.
    """
    if not checklists:
        return {}
    t = strings_for(language)
    pages = {f"{PAGES_DIR}/index.md": (t["checklists_title"], "checklist_index", "", False),
             f"{PAGES_DIR}/{PACK_SLUG}.md": (t["all_checklists"], "checklist_pack", "", True)}
    for checklist in checklists.values():
        pages[f"{PAGES_DIR}/{checklist.id}.md"] = (checklist.title, "checklist_page", checklist.id, False)
    return {uri: f"---\ntitle: {sourceyaml.scalar(title)}\nsearch:\n  exclude: {sourceyaml.scalar(hidden)}\n"
                 "render_macros: false\n---\n\n"
                 f"{placeholder(widget, argument)}\n"
            for uri, (title, widget, argument, hidden) in pages.items()}
