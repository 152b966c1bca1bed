"""MkDocs plugin: wires MkDocs events to the course core. No rules live here."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ...model.checklists import PAGES_DIR
from ...model.course import Course, PageSource, Settings, load_course
from ...model.editions import nav_pages
from ...model.itemwriting import ItemWritingRules
from ...model.problems import Problems
from ...model.rules import RulesError, rules_from
from ...model.sources import SourceError, decode
from ...model.strings import strings_for
from ...model.widgets import LESSON_MARK, NOT_INDEXED, fill_placements, lesson_sections, placeholder, rendered_placement_problem
from ...render.progress import DATA_FILE, course_data, course_key, legacy_course_key
from ...render.renderer import Renderer
from . import macros, theme
from .config import CourseKitConfig
from .editions import Editions, editions_for

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parents[2] / "assets"  # shared by every engine
CSS, JS = "assets/coursekit/coursekit.css", "assets/coursekit/coursekit.js"
GUARD = "assets/coursekit/material-guard.js"  # loaded in <head> (theme.py)
SCORM = "assets/coursekit/coursekit-scorm.js"  # only in a SCORM package's pages (package.py)
DATA = f"assets/coursekit/{DATA_FILE}"  # beside the script, which finds it by its own URL
# Marks where a lesson's own widgets go; never left in a page.
# Widgets placed after search indexing (see on_post_page).
AFTER_INDEXING = NOT_INDEXED
_H1_END = re.compile(r"</h1>")
_NOT_FOUND = re.compile(r"<h1>404 - Not found</h1>")  # Material's 404.html


def settings_for(config: MkDocsConfig, options: CourseKitConfig, drafts: bool = False) -> Settings:
    """Where the course's sources are, its rules and order, from mkdocs.yml and our options."""
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    root = config_file.parent
    # Another edition's configuration is read without its plugins or theme
    # (editions.py): then whether macros render is unknown, and not checked.
    plugins = getattr(config, "plugins", None)
    macros_plugin = next((p for p in plugins.values() if hasattr(p, "register_macros")), None) if plugins is not None else None
    try:
        rules = rules_from(options.rules)
    except RulesError as error:
        raise PluginError(f"{config_file.name}: in the coursekit plugin's 'rules:', {error} "
                          "Hint: see 'Course rules' in CONTRIBUTING.md.") from None
    return Settings(
        root=root,
        docs_dir=Path(config.docs_dir),
        quizzes_dir=root / options.quizzes_dir,
        checklists_file=root / options.checklists_file if options.checklists_file else None,
        lessons_dir=options.lessons_dir,
        language=config.theme.get("language") or "en",
        item_writing=ItemWritingRules(
            enabled=options.item_writing, max_share=options.item_writing_max_share,
            min_true=options.item_writing_min_true, max_true=options.item_writing_max_true,
            min_single=options.item_writing_min_single, min_true_false=options.item_writing_min_true_false),
        conversations_dir=root / options.conversations_dir,
        config_file=config_file,
        template_dirs=tuple(Path(folder) for folder in getattr(config.theme, "dirs", ())),
        macros=None if plugins is None else macros_plugin is not None,
        macros_by_default=bool(getattr(macros_plugin, "config", {}).get("render_by_default", True)),
        rules=rules,
        order=tuple(nav_pages(config.nav or [])),
        drafts=drafts,
    )


def page_source(file: File) -> PageSource:
    """A page's text as the check reads it (sources.decode), or why it cannot be read."""
    try:
        return file.src_uri, decode(file.content_bytes)
    except SourceError as error:
        return file.src_uri, error



class CourseKitPlugin(BasePlugin[CourseKitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course: Course | None = None
        self.renderer: Renderer | None = None
        self.files: Files | None = None
        self.editions: Editions | None = None
        self.serving = False
        self.scorm = False  # set by package.py: this build goes into a SCORM package, never on the site

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # The macros are registered even when the plugin is off: they only
        # leave placeholders, so pages that place widgets still build.
        for plugin in config.plugins.values():
            if hasattr(plugin, "register_macros"):  # mkdocs-macros, placed before or after us
                macros.register(plugin)
        if not self.config.enabled:
            return None
        if not 0 < self.config.pass_mark <= 1:
            raise PluginError(f"{config.config_file_path}: the coursekit option 'pass_mark' is "
                              f"{self.config.pass_mark}; it must be a share of the questions above 0 and up to 1. "
                              "Hint: 0.7 means 7 of 10 questions right.")
        config.extra_css.append(CSS)
        config.extra_javascript.append(JS)
        if self.scorm:  # after JS: it uses the quizzes' hooks
            config.extra_javascript.append(SCORM)
        return config

    # Run after other plugins have added their files, so a generated page that
    # places a quiz is validated too, and before the navigation is built.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        settings = settings_for(config, self.config, drafts=self.serving)
        pages = [page_source(file) for file in files.documentation_pages()]
        course = load_course(settings, pages)
        if course.problems.errors:
            raise PluginError(_report(course))
        for warning in course.problems.warnings:
            log.warning(str(warning))
        # A course in several editions: each page links to its counterparts,
        # and the editions must match (checked here too, from their sources).
        parity = Problems()
        generated = list(course.generated_pages())
        self.editions = editions_for(config, course, pages, generated, parity)
        if parity.errors:
            raise PluginError(_report_problems(parity.errors))
        if self.scorm:  # a package holds one edition: no links to the others
            self.editions = None
        for draft in course.drafts:  # only while serving; an error in any build
            log.info(f"still to write: {draft}")
        self.course = course
        self.renderer = Renderer(course, config.site_name, course_key(config.site_name, self.config.course_key),
                                 self.config.pass_mark, legacy_course_key(config.site_name), lms=self.scorm)

        for uri in (CSS, JS, GUARD) + ((SCORM,) if self.scorm else ()):
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / Path(uri).name)))
        files.append(File.generated(config, DATA, content=""))  # written in on_nav, once lessons are in order
        for uri, source in course.generated_pages().items():
            if files.get_file_from_path(uri):
                raise PluginError(f"{settings.display(settings.docs_dir / uri)}: this page is generated from "
                                  "the checklists or conversations. Hint: move or rename your file; generated "
                                  f"pages live under {uri.split('/')[0]}/.")
            files.append(File.generated(config, uri, content=source))
        return files

    # Run after other plugins may have reordered or filtered the navigation,
    # so the course order is the one learners see.
    @event_priority(-50)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or self.course is None:
            return None
        self.course.set_order([page.file.src_uri for page in nav.pages])
        self.files = files  # final by now; on_post_page needs it for links
        data = files.get_file_from_path(DATA)
        if data is not None and self.renderer is not None:
            data.content_string = course_data(
                self.course, self.renderer.course_key, self.renderer.storage_base, self.renderer.pass_mark,
                lambda uri: (target.url_relative_to(data) if (target := files.get_file_from_path(uri)) else uri))
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.course is None:
            return None
        lesson = self.course.lesson(page.file.src_uri)
        if lesson is None:
            return None
        return "\n\n".join([markdown, *lesson_sections(bool(lesson.items), strings_for(self.course.settings.language))]) + "\n"

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.course is None:
            return None
        result = self._page_content(html, page, config, files)
        if self.editions is None:
            return result
        # The other editions' links go under the page's title: the page's own
        # <h1> (a checklist's), or the one the theme puts before the content.
        html, mark = result or html, placeholder("edition_switcher")
        return _H1_END.sub(lambda m: m.group(0) + mark, html, 1) if "<h1" in html else mark + html

    def _page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        assert self.course is not None
        lesson = self.course.lesson(page.file.src_uri)
        if lesson is None and "coursekit:" not in html:
            return None
        widgets = self._widgets(page, config, files)
        if lesson is not None:
            for name in ("key_points", "lesson_checklist"):
                html = html.replace(f"<p>{LESSON_MARK}{name}</p>", widgets[name](""), 1)
            html = placeholder("lesson_intro") + "\n" + html
        _check_placeholders(html, page, self.course)
        return fill_placements(html, lambda m: m.group(0) if m.group(1) in AFTER_INDEXING
                               else widgets[m.group(1)](m.group(2) or ""))

    # Widgets that search must not index go into the finished page, after the
    # search plugin has indexed the content (on_page_context): the index never
    # holds quiz answers, and the indexer does not parse their markup at all.
    @event_priority(50)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.files is None:
            return None
        links = ""
        if self.editions is not None:
            links = self.editions.head_links(self.editions.links(page.file.src_uri, page.url))
        output = self._frame(output, get_relative_url(GUARD, page.url), config, links)
        if "coursekit:" not in output:
            return output
        widgets = self._widgets(page, config, self.files)
        return fill_placements(output, lambda m: widgets[m.group(1)](m.group(2) or "") if m.group(1) in AFTER_INDEXING
                               else m.group(0))

    # The 404 page is no page of the docs, and Material's says "Not found" in
    # English: in a course with several editions, it speaks the edition's
    # language and links to every edition's home (absolute links: it is
    # served at any address). It gets Material's page frame fixes too.
    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or template_name != "404.html":
            return None
        if self.editions is not None and self.renderer is not None:
            links = [{**link, "href": link["absolute"]} for link in self.editions.links(None, "")]
            output = _NOT_FOUND.sub(lambda m: str(self.renderer.not_found(links)), output, 1)
        # Served at any depth: the guard's link starts from the site's root path.
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        return self._frame(output, f"{base}/{GUARD}", config)

    def _frame(self, html: str, guard: str, config: MkDocsConfig, head: str = "") -> str:
        """Material's page frame, made whole (theme.py); ``head`` goes at the end of <head>, before the guard."""
        if config.theme.name != "material":
            return html.replace("</head>", head + "</head>", 1) if head else html
        label = strings_for(config.theme.get("language") or "en")["search_dialog"]
        return theme.add_head_script(theme.name_search_dialog(html, label), guard, before=head)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer | None:
        if not self.config.enabled:
            return None
        settings = settings_for(config, self.config)
        for path in (settings.quizzes_dir, settings.checklists_file, settings.conversations_dir):
            if path is not None and path.exists():
                server.watch(str(path))
        for edition in self.editions.editions if self.editions else []:  # parity follows the other editions
            other = edition.course.settings
            if edition is not self.editions.current:
                for path in (other.docs_dir, other.quizzes_dir, other.checklists_file):
                    if path is not None and path.exists():
                        server.watch(str(path))
        return server

    def _widgets(self, page: Page, config: MkDocsConfig, files: Files) -> dict[str, Callable[[str], str]]:
        course, renderer = self.course, self.renderer
        assert course is not None and renderer is not None

        def link(src_uri: str) -> str:
            target = files.get_file_from_path(src_uri)
            return target.url_relative_to(page.file) if target else src_uri

        def absolute(src_uri: str) -> str:
            target = files.get_file_from_path(src_uri)
            return (config.site_url or "/").rstrip("/") + "/" + (target.url if target else "")

        lesson = course.lesson(page.file.src_uri)
        return {
            "quiz": lambda arg: renderer.quiz(course.quizzes[arg], lesson, link),
            "lesson_intro": lambda arg: renderer.lesson_intro(lesson) if lesson else "",
            "checklist": lambda arg: renderer.checklist_sheet(course.checklists[arg], link,
                                                               absolute(f"{PAGES_DIR}/{arg}.md"), level=3),
            "course_overview": lambda arg: renderer.overview(link),
            "key_points": lambda arg: renderer.key_points(lesson) if lesson else "",
            "lesson_checklist": lambda arg: renderer.lesson_checklist(lesson, link) if lesson else "",
            "checklist_page": lambda arg: renderer.checklist_page(course.checklists[arg], link,
                                                                   absolute(page.file.src_uri)),
            "checklist_index": lambda arg: renderer.checklist_index(link),
            "checklist_pack": lambda arg: renderer.checklist_pack(link, lambda cid: absolute(f"{PAGES_DIR}/{cid}.md")),
            "conversation": lambda arg: renderer.conversation(course.conversations[arg], link),
            "conversation_page": lambda arg: renderer.conversation_page(course.conversations[arg], link),
            "conversation_pack": lambda arg: renderer.conversation_pack(link),
            "conversation_index": lambda arg: renderer.conversation_index(link),
            "edition_switcher": lambda arg: renderer.edition_switcher(self.editions.links(page.file.src_uri, page.url))
            if self.editions else "",
        }


def _check_placeholders(html: str, page: Page, course: Course | None) -> None:
    if course is not None and (problem := rendered_placement_problem(html, course.quizzes, course.checklists,
                                                                      course.conversations)):
        raise PluginError(f"{page.file.src_uri}: {problem}")


def _report(course: Course) -> str:
    return _report_problems(course.problems.errors)


def _report_problems(errors: list) -> str:
    lines = "\n".join(f"  {problem}" for problem in sorted(errors))
    return f"The course has {len(errors)} problem(s) to fix:\n{lines}"
