"""Editions: one course in several languages, and which page is which.

An edition is a docs folder with its own configuration: the default edition's
is ``mkdocs.yml`` (published at the site's root), every other edition's is
``mkdocs.<code>.yml`` (published under ``<code>/``). Editions share ids, not
file names, so a page is matched across editions by its *page id*:

- a lesson's id is the id of the quiz it places (``{{ quiz("confianza") }}``):
  quiz ids are shared by every edition already, so a translated lesson may
  have any file name (``lecciones/confianza.md``, ``lessons/trust.md``);
- any other page's id is its ``id`` front matter key if it has one, else its
  path in the docs folder without ``.md`` (``index``, ``glosario``,
  ``checklists/antes``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from . import sourceyaml
from .course import Course
from .lessons import find_placements, split_front_matter
from .problems import Problems

DEFAULT_CONFIG = "mkdocs.yml"
_EDITION_CONFIG = re.compile(r"^mkdocs\.([a-z]{2,3}(?:-[a-z0-9]+)?)\.yml$")


def edition_configs(root: Path) -> list[tuple[str, Path]]:
    """(code, config file) of every edition, the default first with code ''."""
    default = root / DEFAULT_CONFIG
    others = sorted((match.group(1), path) for path in root.glob("mkdocs.*.yml")
                    if (match := _EDITION_CONFIG.match(path.name)))
    return ([("", default)] if default.is_file() else []) + others


def edition_code(config_file: Path) -> str:
    """The folder an edition is published under: '' for mkdocs.yml, 'en' for mkdocs.en.yml."""
    match = _EDITION_CONFIG.match(config_file.name)
    return match.group(1) if match else ""


def lesson_id(quizzes: tuple[str, ...], src_uri: str) -> str:
    """A lesson is the same lesson in every edition when it places the same quiz."""
    return quizzes[0] if quizzes else src_uri.removesuffix(".md")


def page_ids(course: Course, pages: Iterable[tuple[str, str]], generated: Iterable[str],
             problems: Problems | None = None) -> dict[str, str]:
    """Page id -> docs-relative path of every page of an edition, generated pages included."""
    lessons = {lesson.src_uri: lesson for lesson in course.lessons}
    ids: dict[str, str] = {}

    def add(page_id: str, src_uri: str) -> None:
        if page_id in ids and problems is not None:
            settings = course.settings
            problems.error(settings.display(settings.docs_dir / src_uri), 1,
                           f"this page has the id '{page_id}', like {ids[page_id]}.",
                           "every page of an edition needs its own id: change or remove 'id:' in its front matter.")
        ids.setdefault(page_id, src_uri)

    for src_uri, text in pages:
        if not isinstance(text, str):  # unreadable (sources.SourceError): reported by load_course
            text = ""
        if course.settings.is_lesson(src_uri):
            # A lesson with errors still has its id, so parity does not
            # report it missing on top of what is wrong with it.
            lesson = lessons.get(src_uri)
            quizzes = lesson.quizzes if lesson else tuple(p.argument for p in find_placements(text) if p.widget == "quiz")
            add(lesson_id(quizzes, src_uri), src_uri)
        else:
            add(_front_matter_id(text) or src_uri.removesuffix(".md"), src_uri)
    for src_uri in generated:
        add(src_uri.removesuffix(".md"), src_uri)
    return ids


def _front_matter_id(text: str) -> str:
    front, _body, _line = split_front_matter(text)
    if "id:" not in front:
        return ""
    try:
        data = sourceyaml.load(front)
    except sourceyaml.YamlProblem:
        return ""  # reported by the check and by MkDocs when it reads the page
    value = data.get("id") if isinstance(data, dict) else None
    return str(value).strip() if isinstance(value, (str, int)) else ""


def nav_pages(nav: object) -> list[str]:
    """The Markdown pages of a navigation as written in mkdocs.yml, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [uri for value in nav.values() for uri in nav_pages(value)]
    if isinstance(nav, list):
        return [uri for item in nav for uri in nav_pages(item)]
    return []
