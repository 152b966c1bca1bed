"""Printable checklists: their definitions and the items gathered from lessons.

Items are written once, in the lesson that teaches them; a checklist is the
ordered gathering of its items across lessons. The limits keep the promise
that every checklist prints on one page: checklist practice (one pause point,
five to nine short items) and what fits on A4 and US Letter alike.
"""

from __future__ import annotations

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
MAX_ITEMS = 9
MAX_ITEM_LENGTH = 120
MAX_TITLE_LENGTH = 60
MAX_WHEN_LENGTH = 180
MAX_FIELDS = 4
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
        if not all(isinstance(f, str) for f in fields) or len(fields) > MAX_FIELDS:
            problems.error(file, raw.line_of("fields"), f"'fields' must be up to {MAX_FIELDS} short labels.",
                           "for example: [Client, Date, Goal of the conversation].")
            continue
        checklists[raw["id"]] = Checklist(raw["id"], raw["title"], raw["when"], raw["kind"], tuple(fields), file, line)
    return checklists


def gather_items(checklists: dict[str, Checklist], lessons: list[Lesson], problems: Problems) -> dict[str, Checklist]:
    """Attach each lesson's items to their checklist, in course order, enforcing the limits."""
    gathered: dict[str, list[ChecklistItem]] = {key: [] for key in checklists}
    for lesson in lessons:
        for item in lesson.items:
            if item.checklist not in checklists:
                known = ", ".join(checklists) or "none are defined"
                problems.error(item.file, item.line, f"the checklist '{item.checklist}' does not exist.",
                               f"use one of the checklist ids ({known}).")
                continue
            if len(item.text) > MAX_ITEM_LENGTH:
                problems.error(item.file, item.line,
                               f"this checklist item has {len(item.text)} characters; the limit is {MAX_ITEM_LENGTH}.",
                               "a checklist item is a short reminder: keep the action, move the explanation into the lesson.")
                continue
            items = gathered[item.checklist]
            items.append(item)
            if len(items) == MAX_ITEMS + 1:
                problems.error(item.file, item.line,
                               f"the checklist '{item.checklist}' now has more than {MAX_ITEMS} items, so it would not fit on one page.",
                               f"a checklist for one pause point keeps {MAX_ITEMS} items at most: merge or drop items.")
    result = {}
    for key, checklist in checklists.items():
        if not gathered[key]:
            problems.warning(checklist.file, checklist.line, f"no lesson adds items to the checklist '{key}'.",
                             f"add items under 'checklist: {key}:' in a lesson's front matter, or remove the checklist.")
        result[key] = Checklist(**{**checklist.__dict__, "items": tuple(gathered[key])})
    return result


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
