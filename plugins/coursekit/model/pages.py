"""Any page's front matter, read once with lines, and the keys MkDocs,
Material and mkdocs-macros read from it, checked for the type they need.

A wrong type there (``hide: 5``, ``search: [1]``, a template that does not
exist) ends in a traceback inside the theme; here it is a message with the
line to fix, in the check and in the build.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from . import sourceyaml
from .fields import PLAIN, Field, Shape, check_mapping
from .problems import Problems
from .sourceyaml import LocatedDict, LocatedList

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)

HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")

THEME_FIELDS = {
    "title": Field(str, False, "the page's title", text=PLAIN, max_length=100),
    "description": Field(str, False, "the page's description for search engines", text=PLAIN, max_length=300),
    "subtitle": Field(str, False, "a line shown under the title in the navigation", text=PLAIN, max_length=100),
    "hide": Field(list, False, "the parts of the page to hide, from: " + ", ".join(HIDE)),
    "template": Field(str, False, "a template of the theme, e.g. main.html"),
    "icon": Field(str, False, "an icon shown in the navigation, e.g. material/star"),
    "status": Field(str, False, "a status shown in the navigation, e.g. new"),
    "search": Field(dict, False, "search options, e.g. 'exclude: true' or 'boost: 2'"),
    "tags": Field(list, False, "the page's tags, each a line of text"),
    "render_macros": Field(bool, False, "whether mkdocs-macros renders the page (true or false)"),
    "comments": Field(bool, False, "whether the page shows comments (true or false)"),
}
_SEARCH_SHAPE = Shape("the 'search' options", {
    "exclude": Field(bool, False, "true to leave the page out of search"),
    "boost": Field(object, False, "a number that ranks the page higher or lower in search"),
})


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (front matter YAML, body, line where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text, 1
    return match.group(1) or "", text[match.end():], match.group(0).count("\n") + 1


def front_matter(text: str, file: str, problems: Problems) -> LocatedDict | None:
    """A page's front matter: an empty mapping if it has none, None if it is broken."""
    front, _body, _ = split_front_matter(text)
    empty = LocatedDict()
    empty.line, empty.key_lines = 1, {}
    if not front.strip():
        return empty
    try:
        data = sourceyaml.load(front, first_line=2)
    except sourceyaml.YamlProblem as error:
        problems.error(file, error.line, error.message, error.hint)
        return None
    if data is None:
        return empty
    if not isinstance(data, LocatedDict):
        problems.error(file, 2, "the front matter must be a mapping of 'key: value' lines.",
                       "write one 'key: value' per line between the two '---' lines.")
        return None
    return data


def check_page(data: LocatedDict, file: str, template_dirs: tuple[Path, ...], problems: Problems) -> bool:
    """Check the theme's keys of any page's front matter; other keys belong to other plugins."""
    shape = Shape("the page's front matter", {**THEME_FIELDS, **{key: Field(object) for key in data
                                                                  if key not in THEME_FIELDS}})
    ok = check_mapping(data, shape, file, data.line, problems)
    return check_theme_values(data, file, template_dirs, problems) and ok


def check_theme_values(data: LocatedDict, file: str, template_dirs: tuple[Path, ...], problems: Problems) -> bool:
    """What a type alone does not say: list items, search options, the template file."""
    ok = True
    hide = data.get("hide")
    if isinstance(hide, LocatedList):
        for index, item in enumerate(hide):
            if item not in HIDE:
                problems.error(file, hide.line_of(index), f"'hide' lists '{item}', which the theme cannot hide.",
                               "list some of: " + ", ".join(HIDE) + ".")
                ok = False
    tags = data.get("tags")
    if isinstance(tags, LocatedList):
        for index, item in enumerate(tags):
            if not isinstance(item, str) or not item.strip():
                problems.error(file, tags.line_of(index), "every tag must be a line of text.", "write each tag as '- text'.")
                ok = False
    search = data.get("search")
    if isinstance(search, LocatedDict):
        ok = check_mapping(search, _SEARCH_SHAPE, file, data.line_of("search"), problems) and ok
        boost = search.get("boost")
        if boost is not None and (isinstance(boost, bool) or not isinstance(boost, (int, float))):
            problems.error(file, search.line_of("boost"), "'boost' must be a number.", "for example 'boost: 2'.")
            ok = False
    template = data.get("template")
    if isinstance(template, str) and template_dirs:
        path = PurePosixPath(template)
        if path.is_absolute() or ".." in path.parts or not any((d / path).is_file() for d in template_dirs):
            problems.error(file, data.line_of("template"), f"the template '{template}' does not exist in the theme.",
                           "remove 'template:' to use the theme's page template, or add the file to the theme's "
                           "custom_dir.")
            ok = False
    return ok


def renders_macros(data: LocatedDict, by_default: bool) -> bool:
    """Whether mkdocs-macros renders a page with this front matter (when it is enabled)."""
    value = data.get("render_macros")
    return value if isinstance(value, bool) else by_default
