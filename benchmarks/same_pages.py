"""The baseline the plugin is measured against: the same pages without it.

Without coursekit, someone who wanted these pages would write them out by
hand: each lesson's key points and checklist under their headings, the
checklist pages and role-play kits in full, the widgets' HTML pasted where
the pages place them. This module writes exactly those sources. It builds the
course once with the plugin, records each page's Markdown as the plugin hands
it on and the HTML of every widget it fills in, and writes a docs folder in
which each page holds its own front matter, that Markdown and, in place of
each widget, its HTML as a raw HTML block.

The widgets search must not index (quizzes, the lesson intro, the course
overview, conversations, the links to other editions) are the exception:
the plugin puts them into the finished page after Material has indexed it,
which no page written by hand can do, so they stay placeholders here and are
counted as the plugin's cost in full. Everything MkDocs and Material see
before that point is then the same on both sides: built with the plugin off,
these sources give the same search index and, once the placeholders are
filled, the same articles (``tests/test_benchmark.py`` checks both).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coursekit.engines.mkdocs.plugin import CourseKitPlugin
from coursekit.model.widgets import LESSON_MARK, NOT_INDEXED, PLACEHOLDER_HTML, placeholder
from mkdocs.commands.build import build
from mkdocs.config import load_config

Widgets = dict[tuple[str, str, str], str]  # (page, widget, argument) -> the HTML the plugin put in

_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)
_MARK = re.compile("^" + re.escape(LESSON_MARK) + r"([a-z_]+)$", re.MULTILINE)
_H1 = re.compile(r"^# .*\n|</h1>", re.MULTILINE)  # a Markdown title, or the end of one in a widget's HTML


@contextmanager
def _recording(markdown: dict[str, tuple[str, str]], widgets: Widgets) -> Iterator[None]:
    """While inside, the plugin records each page's source and the Markdown
    it hands on, and the HTML of each widget it renders."""
    on_page_markdown, page_widgets = CourseKitPlugin.on_page_markdown, CourseKitPlugin._widgets

    def record_markdown(self, text, /, *, page, config, files):
        result = on_page_markdown(self, text, page=page, config=config, files=files)
        markdown[page.file.src_uri] = (page.file.content_string, text if result is None else result)
        return result

    def record_widgets(self, page, config, files):
        def recorder(name, render):
            def record(argument):
                widgets[page.file.src_uri, name, argument] = html = str(render(argument))
                return html
            return record
        return {name: recorder(name, render) for name, render in page_widgets(self, page, config, files).items()}

    CourseKitPlugin.on_page_markdown, CourseKitPlugin._widgets = record_markdown, record_widgets
    try:
        yield
    finally:
        CourseKitPlugin.on_page_markdown, CourseKitPlugin._widgets = on_page_markdown, page_widgets


def same_pages(config_file: Path, target: Path, widgets: Widgets | None = None) -> Path:
    """Write into ``target`` the docs of ``config_file``'s course as the
    plugin finishes its pages, for a build with the plugin off; return
    ``target``. ``widgets``, if given, receives every widget's HTML."""
    markdown: dict[str, tuple[str, str]] = {}
    widgets = {} if widgets is None else widgets
    with tempfile.TemporaryDirectory() as site, _recording(markdown, widgets):
        config = load_config(str(config_file), site_dir=site)
        build(config)
    shutil.copytree(config.docs_dir, target)  # images and the like, as they are
    for uri, (source, text) in markdown.items():

        def widget(match: re.Match[str], uri: str = uri) -> str:
            name, argument = match.group(1), match.group(2) if match.re is PLACEHOLDER_HTML else ""
            if name in NOT_INDEXED:
                return match.group(0)
            return "\n\n" + widgets[uri, name, argument or ""].strip("\n") + "\n\n"

        body = _MARK.sub(widget, PLACEHOLDER_HTML.sub(widget, text))
        # Where the plugin puts the lesson intro and the other editions' links
        # (on_page_content): the intro first; the links after the page's first
        # <h1>, in Markdown or in a widget's HTML, else before everything.
        if (uri, "lesson_intro", "") in widgets:
            body = placeholder("lesson_intro") + "\n\n" + body
        if (uri, "edition_switcher", "") in widgets:
            mark = placeholder("edition_switcher")
            title = _H1.search(body)
            body = body[:title.end()] + mark + body[title.end():] if title else mark + "\n\n" + body
        front = _FRONT_MATTER.match(source)
        page = target / uri
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text((front.group(0) if front else "") + body, encoding="utf-8")
    return target
