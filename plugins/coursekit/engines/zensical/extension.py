"""Python-Markdown extension that Zensical runs: the course's widgets, from the same core.

Zensical runs Python-Markdown extensions but no MkDocs plugin, so this is the
whole adapter. When Zensical first loads it, it loads and checks the course
(the rules of ``coursekit check``) and stops the build on any problem, warnings
included (the course builds strictly). Then, page by page, it adds a lesson's
key points and checklist sections and fills each placeholder with its widget.

Zensical indexes the HTML a page's Markdown becomes, and leaves out any element
marked ``data-search-exclude``: the widgets search must not hold (quizzes and
their feedback, conversations...) carry that mark, in this engine only.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from zensical.extensions.context import ContextPreprocessor

from ...model.checklists import PAGES_DIR
from ...model.course import Course, load_course, read_pages
from ...model.links import check_course_links
from ...model.problems import Problems
from ...model.strings import strings_for
from ...model.widgets import LESSON_MARK, NOT_INDEXED, PLACEHOLDER_HTML, lesson_sections, placeholder, rendered_placement_problem
from ...render.renderer import Renderer
from . import settings as edition_settings

_LESSON_WIDGET = re.compile(r"<p>\s*" + LESSON_MARK + r"(key_points|lesson_checklist)\s*</p>")
_H1_END = re.compile(r"</h1>")
_FIRST_TAG = re.compile(r"^(\s*<[a-zA-Z][\w-]*)")


class CourseProblems(Exception):
    """The course does not pass the check: every problem, as ``coursekit check`` prints it."""


class _Loaded:
    def __init__(self, edition: edition_settings.Edition, course: Course) -> None:
        self.edition, self.course = edition, course
        self.renderer = Renderer(course, edition.site_name, edition.course_key, edition.pass_mark, edition.legacy_key)


_loaded: dict[str, _Loaded] = {}  # one course per settings file, loaded once per Zensical process


def load(settings_file: str) -> _Loaded:
    """The course, checked; raises ``CourseProblems`` when the check would fail."""
    if settings_file in _loaded:
        return _loaded[settings_file]
    edition = edition_settings.read(Path(settings_file))
    s = edition.settings
    sources = read_pages(s.docs_dir)
    course = load_course(s, sources)
    problems = Problems(course.problems)
    check_course_links(course, sources, problems)
    if problems:  # the course builds strictly: a warning stops it too
        lines = "\n".join(f"  {p.check_line()}" for p in sorted(problems))
        raise CourseProblems(f"The course has {len(problems)} problem(s) to fix:\n{lines}")
    _loaded[settings_file] = loaded = _Loaded(edition, course)
    return loaded


def page_url(src_uri: str) -> str:
    """A page's URL below the site's root, as Zensical writes it (directory URLs)."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri.removesuffix(".md") + "/" if src_uri.endswith(".md") else src_uri


def relative_link(from_uri: str) -> Callable[[str], str]:
    """Docs-relative path -> URL relative to the page ``from_uri``'s source folder.

    Zensical takes every relative link in a page's HTML as relative to its
    Markdown file, as MkDocs does only for links to '.md' files, and moves it
    to the page's own URL (one folder deeper for 'x.md' served at 'x/')."""
    return links_from(posixpath.dirname(from_uri))


def links_from(folder: str) -> Callable[[str], str]:
    """Docs-relative path -> URL relative to the site's ``folder`` ('' for the root)."""
    base = folder.rstrip("/") or "."

    def link(target: str) -> str:
        url = page_url(target)
        relative = posixpath.relpath(url.rstrip("/") or ".", base)
        return relative + "/" if url.endswith("/") or not url else relative
    return link


def _unsearched(html: str) -> str:
    """The widget with its outer element marked for Zensical's search to leave out."""
    return _FIRST_TAG.sub(r"\1 data-search-exclude", str(html), 1)


class _LessonSections(Preprocessor):
    """A lesson's key points and checklist go in as Markdown headings, so they reach the table of contents."""

    def __init__(self, md: Markdown, loaded: _Loaded) -> None:
        super().__init__(md)
        self.loaded = loaded

    def run(self, lines: list[str]) -> list[str]:
        lesson = self.loaded.course.lesson(_page_path(self.md))
        if lesson is None:
            return lines
        extra = [line for block in lesson_sections(bool(lesson.items), strings_for(self.loaded.course.settings.language))
                 for line in ("", block)]
        return [placeholder("lesson_intro"), "", *lines, *extra, ""]


class _LanguageLinks(Preprocessor):
    """Every page of a course in several editions links to its counterparts (placed under the title later)."""

    def __init__(self, md: Markdown, loaded: _Loaded) -> None:
        super().__init__(md)
        self.loaded = loaded

    def run(self, lines: list[str]) -> list[str]:
        if _page_path(self.md) not in self.loaded.edition.language_links:
            return lines
        return [placeholder("edition_switcher"), "", *lines]


class _Widgets(Postprocessor):
    """Each placeholder replaced by its widget, rendered by the core.

    Markdown also runs postprocessors on each heading's inner HTML (for the
    table of contents): only text that holds a placeholder is touched.
    """

    def __init__(self, md: Markdown, loaded: _Loaded) -> None:
        super().__init__(md)
        self.loaded = loaded

    def run(self, text: str) -> str:
        if "coursekit:" not in text and LESSON_MARK not in text:
            return text
        uri = _page_path(self.md)
        course = self.loaded.course
        text = _LESSON_WIDGET.sub(lambda m: placeholder(m.group(1)), text)
        switcher = placeholder("edition_switcher")  # ours, not an author's: placed after the check
        has_switcher = switcher in text
        text = text.replace(switcher, "", 1)
        if problem := rendered_placement_problem(text, course.quizzes, course.checklists, course.conversations):
            _stop(f"{uri}: {problem}")
        widgets = self._widgets(uri)

        def fill(match: re.Match) -> str:
            widget = widgets[match.group(1)](match.group(2) or "")
            return _unsearched(widget) if match.group(1) in NOT_INDEXED and widget else str(widget)
        text = PLACEHOLDER_HTML.sub(fill, text)
        if has_switcher:  # under the page's own <h1> (a checklist's), or first, under the theme's
            links = _unsearched(widgets["edition_switcher"](""))
            text = _H1_END.sub(lambda m: m.group(0) + links, text, 1) if "<h1" in text else links + text
        return text

    def _widgets(self, uri: str) -> dict[str, Callable[[str], Any]]:
        course, renderer = self.loaded.course, self.loaded.renderer
        link = relative_link(uri)
        site = (self.loaded.edition.site_url or "/").rstrip("/") + "/"
        lesson = course.lesson(uri)
        return {
            "quiz": lambda arg: renderer.quiz(course.quizzes[arg], lesson, link),
            "lesson_intro": lambda arg: renderer.lesson_intro(lesson) if lesson else "",
            "checklist": lambda arg: renderer.checklist_sheet(course.checklists[arg], link,
                                                               site + page_url(f"{PAGES_DIR}/{arg}.md"), level=3),
            "course_overview": lambda arg: renderer.overview(link),
            "key_points": lambda arg: renderer.key_points(lesson) if lesson else "",
            "lesson_checklist": lambda arg: renderer.lesson_checklist(lesson, link) if lesson else "",
            "checklist_page": lambda arg: renderer.checklist_page(course.checklists[arg], link, site + page_url(uri)),
            "checklist_index": lambda arg: renderer.checklist_index(link),
            "checklist_pack": lambda arg: renderer.checklist_pack(
                link, lambda cid: site + page_url(f"{PAGES_DIR}/{cid}.md")),
            "conversation": lambda arg: renderer.conversation(course.conversations[arg], link),
            "conversation_page": lambda arg: renderer.conversation_page(course.conversations[arg], link),
            "conversation_pack": lambda arg: renderer.conversation_pack(link),
            "conversation_index": lambda arg: renderer.conversation_index(link),
            "edition_switcher": lambda arg: renderer.edition_switcher(self._language_links(uri)),
        }

    def _language_links(self, uri: str) -> list[dict]:
        links = self.loaded.edition.language_links[uri]
        here = next(link["path"] for link in links if link["current"])  # this page, from the site's root
        source_folder = posixpath.join(here[: len(here) - len(page_url(uri))], posixpath.dirname(uri))
        return [{**link, "href": _relative(link["path"], source_folder)} for link in links]


def _stop(message: str) -> NoReturn:
    """Stop the build with the check's words. Zensical prints any exception an
    extension raises with its Python traceback, and has no error of its own
    that ends a build with a message: so the message, then the exit status."""
    print(f"Aborted: {message}", file=sys.stderr, flush=True)
    os._exit(1)


def _relative(path: str, here: str) -> str:
    href = posixpath.relpath(path.rstrip("/") or ".", here.rstrip("/") or ".")
    return href + "/" if path == "" or path.endswith("/") else href


def _page_path(md: Markdown) -> str:
    context = ContextPreprocessor.from_markdown(md)
    return context.page.path if context and context.page else ""


class CourseKitExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"settings": ["", "the edition's settings file, written by 'coursekit build --engine zensical'"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        try:
            loaded = load(self.getConfig("settings"))
        except CourseProblems as problems:
            _stop(str(problems))
        # After Zensical's macros (35) have turned {{ quiz("x") }} into a placeholder.
        md.preprocessors.register(_LessonSections(md, loaded), "coursekit_lesson", 25)
        md.preprocessors.register(_LanguageLinks(md, loaded), "coursekit_language_links", 24)
        # After raw HTML is put back (30), so the placeholder comments are in the text.
        md.postprocessors.register(_Widgets(md, loaded), "coursekit_widgets", 5)


def makeExtension(**kwargs: Any) -> CourseKitExtension:
    return CourseKitExtension(**kwargs)
