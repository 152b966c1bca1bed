"""The widgets a page can hold, and where a page's Markdown places them.

One set of names serves the placement parser, the check and the plugin: a
name the check accepts is one the build renders, and the reverse.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

# Widgets an author places, and what their argument names ("" for none).
PLACEABLE = {"quiz": "quiz", "checklist": "checklist", "conversation": "conversation", "course_overview": ""}
# Widgets the plugin places itself, on lessons and on generated pages.
GENERATED = frozenset({"lesson_intro", "key_points", "lesson_checklist", "checklist_page", "checklist_index",
                       "checklist_pack", "conversation_page", "conversation_pack", "conversation_index"})
WIDGETS = frozenset(PLACEABLE) | GENERATED
# Widgets the search index must not hold, whatever the engine: quizzes (their
# answers), the lesson intro (it repeats the page), the course overview (a list
# of links; a search for a lesson should find the lesson, not the lists),
# conversations and their printed cards (coaching notes and endings) and the
# links to the other editions.
NOT_INDEXED = frozenset({"quiz", "lesson_intro", "course_overview", "conversation", "conversation_page",
                         "conversation_pack", "edition_switcher"})
MACRO, COMMENT = "macro", "comment"
# Where a lesson's own widgets go, under their headings; never left in a page.
LESSON_MARK = "coursekit-lesson-widget:"


def lesson_sections(has_items: bool, t) -> list[str]:
    """The Markdown blocks every engine appends to a lesson: its key points and,
    when it has items, its checklist, each a heading (so it reaches the table of
    contents) over a plain marker paragraph that the engine fills with the
    widget (an HTML comment would cost Markdown five times more)."""
    blocks = [f"## {t['key_points']}", LESSON_MARK + "key_points"]
    if has_items:
        blocks += [f"## {t['your_checklist']}", LESSON_MARK + "lesson_checklist"]
    return blocks

# The macro form (mkdocs-macros) and the plain-comment form that works with no
# macros plugin at all. The comment form is matched with any name, so that a
# misspelt one is reported instead of silently left in the page.
_MACRO = re.compile(r"\{\{-?\s*(" + "|".join(PLACEABLE) + r")\(\s*(?:([\"'])(.*?)\2)?\s*\)\s*-?\}\}")
# A widget whose argument is not quoted, e.g. {{ quiz(confianza) }}: Jinja
# would read it as a variable, so it is reported rather than silently skipped.
_UNQUOTED = re.compile(r"\{\{-?\s*(" + "|".join(w for w, arg in PLACEABLE.items() if arg)
                       + r")\(\s*([^\s\"')][^)]*?)\s*\)\s*-?\}\}")
_COMMENT = re.compile(r"<!--\s*coursekit:([\w-]*)(?:\s+([^\s>]*))?\s*-->")
# The same comment in rendered HTML, where Markdown may have wrapped it in a
# paragraph. The pattern starts with a literal "<" so the regex engine can
# skip ahead through a whole page; an optional group in front would cost a
# millisecond per page.
PLACEHOLDER_HTML = re.compile(r"<(?:p>\s*<)?!--\s*coursekit:([a-z_]+)(?:\s+([^\s>]*))?\s*-->(?:\s*</p>)?")
_CLOSING_P = re.compile(r"\s*</p>")

# Code is shown, never run: a placement inside a fence or a code span is text.
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Placement:
    """A widget placed on a page, e.g. ``{{ quiz("trust") }}`` on line 40."""

    widget: str
    argument: str
    line: int
    form: str = MACRO


def placeholder(widget: str, argument: str = "") -> str:
    return f"<!-- coursekit:{widget} {argument} -->" if argument else f"<!-- coursekit:{widget} -->"


def without_code(text: str) -> str:
    """``text`` with fenced code and code spans blanked out; lines keep their numbers."""
    if "`" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line[opening.end():].strip():
                fence = ""
            lines[index] = ""
        elif opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end():]):
            fence = opening.group(1)
            lines[index] = ""
        elif "`" in line:
            lines[index] = _CODE_SPAN.sub("", line)
    return "\n".join(lines)


def find_placements(text: str) -> list[Placement]:
    """Every widget placed in a page's Markdown, with its line; code is skipped."""
    if "coursekit:" not in text and "{{" not in text:
        return []
    text = without_code(text)
    found = [Placement(m.group(1), m.group(3) or "", text.count("\n", 0, m.start()) + 1, MACRO)
             for m in _MACRO.finditer(text)]
    found += [Placement(m.group(1), m.group(2) or "", text.count("\n", 0, m.start()) + 1, COMMENT)
              for m in _COMMENT.finditer(text)]
    return sorted(found, key=lambda p: p.line)


def unquoted_placements(text: str) -> list[Placement]:
    """Widgets placed with an unquoted argument, which Jinja would take for a variable; code is skipped."""
    if "{{" not in text:
        return []
    text = without_code(text)
    return [Placement(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in _UNQUOTED.finditer(text)]


def unknown_widget(name: str) -> tuple[str, str]:
    """Message and hint for a name that is no widget an author may place."""
    if name in GENERATED:
        return (f"'{name}' is placed by coursekit itself, not by a page.",
                "place one of: " + ", ".join(PLACEABLE) + ".")
    close = difflib.get_close_matches(name, list(PLACEABLE), n=1)
    return (f"there is no widget called '{name}'.",
            f"did you mean '{close[0]}'?" if close else "place one of: " + ", ".join(PLACEABLE) + ".")


def placements_span(html: str) -> tuple[int, int]:
    """Where in ``html`` the matches of PLACEHOLDER_HTML lie: from the first
    placement's start to the last one's end ((0, 0) if none). A page is tens
    of kilobytes and a thousand tags, and its placements a few lines of it:
    the regex runs over this stretch only (an equal result, found sooner).

    Every match holds "coursekit:" with only ``<p>``, ``<!--`` and spaces
    before it, and no ">" between it and its closing "-->"."""
    first = html.find("coursekit:")
    if first < 0:
        return 0, 0
    start = first
    while start and html[start - 1].isspace():
        start -= 1
    if start >= 4 and html.startswith("<!--", start - 4):
        start -= 4
        paragraph = start
        while paragraph and html[paragraph - 1].isspace():
            paragraph -= 1
        if paragraph >= 3 and html.startswith("<p>", paragraph - 3):
            start = paragraph - 3
    else:
        start = first  # the first "coursekit:" is in no placement; the others come later
    end = html.find(">", html.rfind("coursekit:")) + 1 or len(html)
    closing = _CLOSING_P.match(html, end)
    return start, closing.end() if closing else end


def fill_placements(html: str, fill: Callable[[re.Match[str]], str]) -> str:
    """``PLACEHOLDER_HTML.sub(fill, html)``, the regex run over the placements' stretch only."""
    start, end = placements_span(html)
    if start == end:
        return html
    return html[:start] + PLACEHOLDER_HTML.sub(fill, html[start:end]) + html[end:]


def rendered_placement_problem(html: str, quizzes: object, checklists: object, conversations: object) -> str:
    """What is wrong with the placements left in a page's rendered HTML ('' if nothing).

    Placements the check cannot see (a macro called with a computed id, or in
    a loop) are stopped by the build with this message, instead of a traceback.
    """
    seen: set[tuple[str, str]] = set()
    for match in PLACEHOLDER_HTML.finditer(html, *placements_span(html)):
        widget, argument = match.group(1), match.group(2) or ""
        problem = ""
        if widget not in WIDGETS:
            problem = f"there is no widget called '{widget}'."
        elif widget == "quiz" and argument not in quizzes:
            problem = f"this page places the quiz '{argument}', which does not exist."
        elif widget in ("checklist", "checklist_page") and argument not in checklists:
            problem = f"this page places the checklist '{argument}', which does not exist."
        elif widget in ("conversation", "conversation_page") and argument not in conversations:
            problem = f"this page places the conversation '{argument}', which does not exist."
        elif (widget, argument) in seen:
            problem = f"this page places the {widget} '{argument}' twice; two copies would share their element ids."
        seen.add((widget, argument))
        if problem:
            return (f"{problem} Hint: place each widget once, with an id written in quotes, "
                    'e.g. {{ quiz("lesson-id") }}.')
    return ""
