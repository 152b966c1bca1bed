"""HTML for our widgets: plain data in, HTML out (Jinja, autoescape on; the
quiz, rendered thousands of times on a large course, in plain Python:
``quizhtml.py``).

Every text an author wrote goes through ``markup.Markdown`` (inline Markdown,
raw HTML escaped); never through the page's Jinja or Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model import conversations as conversation_pages
from ..model.checklists import PACK_SLUG, Checklist
from ..model.conversations import Conversation, Ending, Node
from ..model.course import Course
from ..model.lessons import ChecklistItem, Lesson
from ..model.quizzes import Quiz
from ..model.strings import duration, strings_for
from .markup import Markdown
from .progress import DEFAULT_PASS_MARK, pass_score
from .quizhtml import QuizHtml

Link = Callable[[str], str]  # docs-relative source path -> URL relative to the current page

_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
STORAGE_VERSION = "v2"


class _UnindentedLoader(FileSystemLoader):
    """Template indentation is for people; pages do not need it. It is taken
    out of the source once, before compiling, rather than out of every page."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        return _INDENT.sub("", source), filename, uptodate


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's compiled-template cache in its per-user temp folder (like
    __pycache__): later builds skip compiling our templates."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temp folder: compile every time
        return None


class _Strings(dict):
    """The interface strings, also readable as attributes. Templates write
    ``t.check``; on a plain dict Jinja first tries the attribute and raises
    and catches an AttributeError, some sixty times per quiz. No key names a
    dict method (a test in test_render.py sees to it)."""

    def __init__(self, strings: dict) -> None:
        super().__init__(strings)
        self.__dict__ = self


class Renderer:
    """Renders the widgets of one course edition."""

    def __init__(self, course: Course, course_name: str, course_key: str, pass_mark: float = DEFAULT_PASS_MARK,
                 legacy_key: str = "", lms: bool = False):
        self.course = course
        self.lms = lms  # pages for a learning platform's package: quizzes also say where the LMS keeps results
        self.course_name = course_name
        self.course_key = course_key
        self.pass_mark = pass_mark
        self.t = _Strings(strings_for(course.settings.language))
        # Saved results: <storage_base><kind>:<id>, kind 'quiz' or 'conversation';
        # course.json tells the script the base. The key names the course, not
        # the edition, so progress follows a learner who switches language.
        # Version 1 keys also named the edition and a cruder slug of the
        # course's name: the script copies them forward once (never deletes).
        self.storage_base = f"coursekit:{STORAGE_VERSION}:{course_key}:"
        self.storage_legacy = f"coursekit:v1:{legacy_key}:{course.settings.language}:" if legacy_key else ""
        self.storage_prefix = self.storage_base + "quiz:"
        self.conversation_prefix = self.storage_base + "conversation:"
        markdown = self.markdown = Markdown()
        self.env = Environment(
            loader=_UnindentedLoader(Path(__file__).parent / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
            bytecode_cache=_bytecode_cache(),
            # A build renders hundreds of widgets from templates that cannot
            # change under it (a new build makes a new Renderer): no stat of
            # the template file on every render.
            auto_reload=False,
            # Jinja's constant folding makes compiling our templates a tenth
            # slower and rendering them no faster: each build compiles them.
            optimized=False,
        )
        self.env.globals.update(storage_base=self.storage_base, storage_legacy=self.storage_legacy)
        self.env.filters["inline"] = markdown.inline
        self.env.filters["block"] = markdown.block
        self.env.filters["duration"] = duration
        self._quiz_html = QuizHtml(self.t, markdown, self.storage_base, self.storage_legacy)
        self._groups: dict[str, list[tuple[Checklist, list[ChecklistItem]]]] = {}
        self._groups_for: dict[str, Checklist] | None = None

    def _render(self, template: str, **context: object) -> Markup:
        return Markup(self.env.get_template(template).render(t=self.t, **context))

    def quiz(self, quiz: Quiz, lesson: Lesson | None = None, link: Link | None = None) -> Markup:
        """A quiz; placed in a lesson, it ends with the way on to the next one."""
        return Markup(self._quiz_html(quiz, uid=f"ck-{quiz.id}", storage_key=self.storage_prefix + quiz.id,
                                      pass_score=pass_score(len(quiz.questions), self.pass_mark), lms=self.lms,
                                      next_step=self._next_step(lesson, link) if lesson and link else None))

    def _next_step(self, lesson: Lesson, link: Link) -> tuple[str, str, str] | None:
        """(sentence before the link, link text, URL): the next lesson, or the
        course path after the last one."""
        lessons = self.course.lessons
        position = self.course.position(lesson)
        if position + 1 < len(lessons):
            following = lessons[position + 1]
            return "", self.t["next_lesson"].format(lesson=following.title), link(following.src_uri)
        pages = self.course.overview_pages
        if not pages:
            return None
        # The course path rather than the home page, when both show the overview.
        path = next((uri for uri in pages if uri.split("/")[-1] != "index.md"), pages[0])
        return self.t["course_end"], self.t["see_path"], link(path)

    def lesson_intro(self, lesson: Lesson) -> Markup:
        return self._render("lesson_intro.html", lesson=lesson, position=self.course.position(lesson) + 1,
                            lesson_total=len(self.course.lessons))

    def key_points(self, lesson: Lesson) -> Markup:
        return self._render("key_points.html", lesson=lesson)

    def lesson_checklist(self, lesson: Lesson, link: Link) -> Markup:
        return self._render("lesson_checklist.html", groups=self._groups_by_lesson().get(lesson.src_uri, []), link=link)

    def _groups_by_lesson(self) -> dict[str, list[tuple[Checklist, list[ChecklistItem]]]]:
        """Each lesson's items grouped by checklist, in checklist order. Gathered
        once for all lessons: going through every checklist for each lesson made
        a large course quadratic. Gathered again when the course's checklists
        are (``Course.set_order`` replaces them)."""
        if self._groups_for is not self.course.checklists:
            by_lesson: dict[str, dict[str, tuple[Checklist, list[ChecklistItem]]]] = {}
            for checklist in self.course.checklists.values():
                for item in checklist.items:
                    by_lesson.setdefault(item.lesson, {}).setdefault(checklist.id, (checklist, []))[1].append(item)
            self._groups = {uri: list(groups.values()) for uri, groups in by_lesson.items()}
            self._groups_for = self.course.checklists
        return self._groups

    def checklist_sheet(self, checklist: Checklist, link: Link, page_url: str, level: int = 1) -> Markup:
        lessons = [lesson for uri in checklist.lessons if (lesson := self.course.lesson(uri))]
        return self._render("checklist_sheet.html", checklist=checklist, lessons=lessons, link=link,
                            page_url=page_url, level=level, course_name=self.course_name)

    def checklist_page(self, checklist: Checklist, link: Link, page_url: str) -> Markup:
        # The sheet's title is the page's <h1>, so the theme adds no second one.
        return self._render("checklist_page.html", sheet=self.checklist_sheet(checklist, link, page_url, level=1))

    def checklist_index(self, link: Link) -> Markup:
        return self._render("checklist_index.html", checklists=list(self.course.checklists.values()),
                            link=link, pack_slug=PACK_SLUG)

    def checklist_pack(self, link: Link, page_url: Callable[[str], str]) -> Markup:
        sheets = [self.checklist_sheet(c, link, page_url(c.id), level=2) for c in self.course.checklists.values()]
        return self._render("checklist_pack.html", sheets=sheets)

    def edition_switcher(self, links: list[dict]) -> Markup:
        """Links to this page in the other editions: dicts with href, lang, name, current, found."""
        return self._render("edition_switcher.html", links=links)

    def not_found(self, links: list[dict]) -> Markup:
        """The 404 page's text, with every edition's home (this edition's first)."""
        return self._render("not_found.html", links=sorted(links, key=lambda link: not link["current"]))

    def overview(self, link: Link) -> Markup:
        percent = self.t["percent"].format(n=round(self.pass_mark * 100))
        return self._render("overview.html", lessons=self.course.lessons, link=link,
                            total_time=self.course.total_time, pass_rule=self.t["pass_rule"].format(percent=percent),
                            file_name=f"{self.course_key}-{self.t['export_file']}.json")

    @staticmethod
    def _href(link: Link) -> Callable[[str], str]:
        """A docs-relative link with an optional anchor ('lecciones/x.md#y') as a URL from this page."""
        def href(target: str) -> str:
            uri, _, anchor = target.partition("#")
            return link(uri) + (f"#{anchor}" if anchor else "")
        return href

    def conversation(self, conversation: Conversation, link: Link, level: int = 3) -> Markup:
        steps = conversation.steps
        return self._render("conversation.html", c=conversation, uid=f"ck-conv-{conversation.id}", level=level,
                            nodes=[s for s in steps if isinstance(s, Node)], endings=[s for s in steps if isinstance(s, Ending)],
                            storage_key=self.conversation_prefix + conversation.id,
                            href=self._href(link), labels=self.course.link_labels)

    def conversation_kit(self, conversation: Conversation, link: Link, level: int = 2) -> Markup:
        """The three printed cards of one role-play; each prints on its own page."""
        checklist = self.course.checklists.get(conversation.roleplay.checklist)
        start = next(node for node in conversation.nodes if node.id == conversation.start)
        return self._render("conversation_cards.html", c=conversation, checklist=checklist, start=start,
                            level=level, course_name=self.course_name)

    def conversation_page(self, conversation: Conversation, link: Link) -> Markup:
        placed = self.course.placed_on.get(conversation.id)
        return self._render("conversation_page.html", c=conversation, cards=self.conversation_kit(conversation, link),
                            play=link(placed) + f"#ck-conv-{conversation.id}" if placed else "")

    def conversation_pack(self, link: Link) -> Markup:
        kits = [(c, self.conversation_kit(c, link, level=3)) for c in self.course.conversations.values()]
        return self._render("conversation_pack.html", kits=kits)

    def conversation_index(self, link: Link) -> Markup:
        return self._render("conversation_index.html", conversations=list(self.course.conversations.values()),
                            link=link, placed_on=self.course.placed_on, pages_dir=conversation_pages.PAGES_DIR,
                            pack_slug=conversation_pages.PACK_SLUG)
