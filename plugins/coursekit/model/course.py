"""The whole course read from its sources: quizzes, lessons, checklists.

``load_course`` is the one set of rules. The MkDocs plugin calls it during a
build and ``coursekit check`` calls it without one, so both report the same
problems in the same words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import checklists as checklist_pages
from . import conversations as conversation_pages
from . import pages as page_rules
from . import rules as course_rules
from .checklists import Checklist, gather_items, load_checklists
from .conversations import Conversation, load_conversations
from .itemwriting import ItemWritingRules, check_item_writing
from .lessons import Lesson, parse_lesson
from .problems import Problems
from .quizzes import Quiz, load_quizzes
from .rules import CourseRules
from .schema import SCHEMA_FILE
from .sources import SourceError, read, shown_path
from .strings import strings_for
from .typography import check_files, check_text
from .widgets import COMMENT, MACRO, PLACEABLE, Placement, find_placements, unknown_widget, unquoted_placements

# A page's text, or why it could not be read (see ``read_pages``).
PageSource = tuple[str, "str | SourceError"]


@dataclass(frozen=True)
class Settings:
    """Where the course's sources are; paths are absolute."""

    root: Path
    docs_dir: Path
    quizzes_dir: Path
    checklists_file: Path | None
    lessons_dir: str
    language: str
    item_writing: ItemWritingRules = field(default_factory=ItemWritingRules)
    conversations_dir: Path | None = None
    # The engine's configuration, when there is one: the file (for messages
    # about an option), the theme's template folders, and whether
    # mkdocs-macros renders pages (None: unknown, placements not checked).
    config_file: Path | None = None
    template_dirs: tuple[Path, ...] = ()
    macros: bool | None = None
    macros_by_default: bool = True

    def option_line(self, name: str) -> int:
        """The line of an option in the configuration file, or 1."""
        if self.config_file is not None:
            try:
                lines = self.config_file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                return 1
            pattern = re.compile(rf"^\s*(?:-\s+)?{re.escape(name)}\s*:")
            return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), 1)
        return 1
    rules: CourseRules = field(default_factory=CourseRules)
    order: tuple[str, ...] = ()  # docs-relative paths in course order (the navigation's)
    # Drafts (mkdocs serve): placeholders of 'coursekit new' are not errors yet,
    # so a new lesson can be previewed while it is written.
    drafts: bool = False

    def display(self, path: Path) -> str:
        """A path as authors see it: relative to the project root."""
        return shown_path(path, self._resolved_root)

    @cached_property
    def _resolved_root(self) -> Path:
        # Resolved once: resolving asks the file system about every part of
        # the path, and every page and quiz of a large course is displayed.
        return self.root.resolve()

    def is_lesson(self, src_uri: str) -> bool:
        prefix = self.lessons_dir.strip("/") + "/"
        return src_uri.startswith(prefix) and src_uri.endswith(".md") and not src_uri.endswith("index.md")


@dataclass
class Course:
    settings: Settings
    quizzes: dict[str, Quiz]
    definitions: dict[str, Checklist]
    lessons: list[Lesson]
    problems: Problems = field(default_factory=Problems)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    conversations: dict[str, Conversation] = field(default_factory=dict)
    # Each lesson link of the conversations, with its label (heading or page title).
    link_labels: dict[str, str] = field(default_factory=dict)
    # Where each conversation is placed (docs-relative page), for links to play it.
    placed_on: dict[str, str] = field(default_factory=dict)
    drafts: Problems = field(default_factory=Problems)  # placeholders still to write (errors unless drafting)
    overview_pages: list[str] = field(default_factory=list)  # pages that place the course overview
    _by_uri: dict[str, Lesson] = field(default_factory=dict, init=False, repr=False, compare=False)
    _positions: dict[int, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def lesson(self, src_uri: str) -> Lesson | None:
        # Every page asks, several times, so a scan of the lessons made a
        # large course quadratic. The index is rebuilt when lessons are added.
        if len(self._by_uri) != len(self.lessons):
            self._by_uri = {lesson.src_uri: lesson for lesson in self.lessons}
        return self._by_uri.get(src_uri)

    def position(self, lesson: Lesson) -> int:
        """The lesson's index in course order. ``lessons.index`` compared
        lessons field by field, from the first, for every page: quadratic on
        a large course. The index is checked on every use, and rebuilt when
        lessons were added or sorted."""
        index = self._positions.get(id(lesson))
        if index is None or index >= len(self.lessons) or self.lessons[index] is not lesson:
            self._positions = {id(each): i for i, each in enumerate(self.lessons)}
            index = self._positions.get(id(lesson))
            if index is None:
                raise ValueError(f"{lesson.src_uri} is not a lesson of this course")
        return index

    def set_order(self, src_uris: list[str]) -> None:
        """Put lessons in course order (the navigation's) and regather checklist items."""
        _sort(self.lessons, src_uris)
        self.checklists = _gather(self.settings, self.definitions, self.lessons, Problems())

    def sheet_room(self) -> list[str]:
        """How much room each printed checklist has left."""
        from .checklists import room

        return [room(checklist, [lesson.title for uri in checklist.lessons if (lesson := self.lesson(uri))],
                     self.settings.language, self.settings.rules.sheet_lines)
                for checklist in self.checklists.values()]

    def quizzes_in_order(self) -> list[Quiz]:
        """Quizzes in the order of the lessons that place them, then any others."""
        placed = [qid for lesson in self.lessons for qid in lesson.quizzes if qid in self.quizzes]
        return [self.quizzes[qid] for qid in dict.fromkeys([*placed, *self.quizzes])]

    @property
    def total_time(self) -> int:
        return sum(lesson.time for lesson in self.lessons)

    def generated_pages(self) -> dict[str, str]:
        """The pages the course adds to the site (checklists, role-play kits): path -> Markdown."""
        language = self.settings.language
        return {**checklist_pages.generated_pages(self.checklists, language),
                **conversation_pages.generated_pages(self.conversations, language)}


def _sort(lessons: list[Lesson], src_uris: Iterable[str]) -> None:
    rank = {uri: index for index, uri in enumerate(src_uris)}
    lessons.sort(key=lambda lesson: (rank.get(lesson.src_uri, len(rank)), lesson.src_uri))


def _gather(settings: Settings, definitions: dict[str, Checklist], lessons: list[Lesson],
            problems: Problems) -> dict[str, Checklist]:
    return gather_items(definitions, lessons, problems, settings.language,
                        settings.rules.sheet_lines, settings.rules.item_length)


def read_pages(docs_dir: Path) -> list[PageSource]:
    """Every Markdown page below the docs dir as (docs-relative path, text),
    or (path, SourceError) for a page that cannot be read."""
    return [(path.relative_to(docs_dir).as_posix(), read_page(path)) for path in sorted(docs_dir.rglob("*.md"))]


def read_page(path: Path) -> str | SourceError:
    try:
        return read(path)
    except SourceError as error:
        return error


def load_course(settings: Settings, pages: Iterable[PageSource], checks: bool = True) -> Course:
    """Read and validate everything; problems are collected on ``course.problems``.

    ``checks=False`` reads the course without the rules that only report
    (wording, typography, placeholders, where right answers sit): for another
    edition, which a build reads for its links and parity, and whose own
    problems its own build and the check report."""
    problems = Problems()
    labels = strings_for(settings.language)
    quizzes_known, checklists_known = _check_settings(settings, problems)
    broken: set[str] = set()
    quiz_texts: dict[str, str] = {}
    quizzes = load_quizzes(settings.quizzes_dir, settings.root, problems, (labels["true"], labels["false"]), broken,
                           quiz_texts)
    before = len(problems.errors)
    definitions = load_checklists(
        settings.checklists_file,
        settings.display(settings.checklists_file) if settings.checklists_file else "",
        tuple(labels["fields"]), problems)
    # While the checklists file has errors, which ids exist is not known: a
    # lesson's items are not also reported as naming a missing checklist.
    checklists_known = checklists_known and len(problems.errors) == before
    # A missing source is reported once, at its option: no "does not exist" per placement.
    known_quizzes = quizzes if quizzes_known else None
    known_checklists = definitions if checklists_known else None

    conversations = load_conversations(settings.conversations_dir, settings.root, problems, broken)

    rules = settings.rules
    drafts = Problems()  # placeholders left by 'coursekit new'
    lessons: list[Lesson] = []
    used: set[str] = set()
    placed_on: dict[str, str] = {}
    overview_pages: list[str] = []
    uris: dict[str, str] = {}
    texts: dict[str, str] = {}
    for src_uri, text in pages:
        file = settings.display(settings.docs_dir / src_uri)
        uris[src_uri] = file
        if isinstance(text, SourceError):
            problems.error(file, text.line, text.message, text.hint)
            continue
        texts[src_uri] = text
        front = page_rules.front_matter(text, file, problems)
        placements = find_placements(text)
        if front is not None:
            macros = settings.macros is not False and page_rules.renders_macros(front, settings.macros_by_default)
            placements = _check_placements(placements, macros, settings, file, known_quizzes, known_checklists,
                                           conversations, broken, problems)
        used.update(p.argument for p in placements if p.widget == "quiz")
        for placement in placements:
            if placement.widget == "conversation":
                placed_on.setdefault(placement.argument, src_uri)
            elif placement.widget == "course_overview":
                overview_pages.append(src_uri)
        for placement in unquoted_placements(text):
            problems.error(file, placement.line, f"the {placement.widget} id {placement.argument} is not in quotes.",
                           f'write it in quotes: {{{{ {placement.widget}("{placement.argument}") }}}}.')
        if checks:
            course_rules.check_placeholders(file, text, drafts)
        if settings.is_lesson(src_uri):
            if front is not None:
                if checks:
                    page_rules.check_theme_values(front, file, settings.template_dirs, problems)
                lesson = parse_lesson(src_uri, file, text, problems, front=front, placements=placements)
                if lesson is not None:
                    if checks:
                        course_rules.check_lesson(lesson, text, rules, settings.language, problems)
                    lessons.append(lesson)
        elif front is not None and checks:
            page_rules.check_page(front, file, settings.template_dirs, problems)
    for quiz in quizzes.values() if checks else ():
        course_rules.check_quiz(quiz, rules, problems)
        path = settings.root / quiz.file
        text = quiz_texts.get(quiz.file)
        if text is None:
            try:
                text = read(path)
            except SourceError:  # reported with the quiz already
                continue
        course_rules.check_schema_comment(path, quiz.file, text, SCHEMA_FILE, problems)
        course_rules.check_placeholders(quiz.file, text, drafts)
    if not settings.drafts:
        problems.extend(drafts)

    generated = {**checklist_pages.generated_pages(definitions, settings.language),
                 **conversation_pages.generated_pages(conversations, settings.language)}
    for uri in generated:
        if uri in uris:
            problems.error(uris[uri], 1, "this page has the path of a page the course generates.",
                           f"move or rename it: the pages under {uri.split('/')[0]}/ are made from the course's sources.")
    for quiz in quizzes.values():
        if quiz.id not in used:
            problems.warning(quiz.file, quiz.line, f"no page places the quiz '{quiz.id}'.",
                             f'place it in its lesson with {{{{ quiz("{quiz.id}") }}}}, or delete the file.')
    if checks:
        check_item_writing(quizzes.values(), settings.item_writing, problems)
        for src_uri, text in texts.items():
            check_text(settings.language, uris[src_uri], text, problems)
        check_files(settings.language, _source_files(settings), settings.display, problems)
    for conversation in conversations.values():
        if conversation.id not in placed_on:
            problems.warning(conversation.file, conversation.line, f"no page places the conversation '{conversation.id}'.",
                             f'place it in the lesson it practises with {{{{ conversation("{conversation.id}") }}}}, or delete the file.')
    # The links' labels are for rendering this edition's conversations: another edition's are never rendered here.
    labels = conversation_pages.check_links(conversations, texts, set(definitions), problems) if checks else {}
    course = Course(settings, quizzes, definitions, lessons, problems, conversations=conversations,
                    link_labels=labels, placed_on=placed_on, overview_pages=overview_pages)
    course.drafts = drafts
    _sort(lessons, settings.order)  # limits are checked in course order
    course.checklists = _gather(settings, definitions, lessons, problems if checklists_known else Problems())
    return course


def _source_files(settings: Settings) -> list[Path]:
    """The edition's YAML sources besides its pages."""
    files = [settings.checklists_file] if settings.checklists_file and settings.checklists_file.is_file() else []
    for folder in (settings.quizzes_dir, settings.conversations_dir):
        if folder is not None and folder.is_dir():
            files += sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    return files


def _check_settings(settings: Settings, problems: Problems) -> tuple[bool, bool]:
    """Report options that point nowhere, at the option; say which sources can be checked."""
    config = settings.display(settings.config_file) if settings.config_file else "mkdocs.yml"
    lessons = settings.docs_dir / settings.lessons_dir.strip("/")
    if not lessons.is_dir():
        folders = sorted(p.name for p in settings.docs_dir.iterdir() if p.is_dir()) if settings.docs_dir.is_dir() else []
        close = difflib.get_close_matches(settings.lessons_dir.strip("/"), folders, n=1)
        problems.error(config, settings.option_line("lessons_dir"),
                       f"the option 'lessons_dir' names '{settings.lessons_dir}', which is not a folder of "
                       f"{settings.display(settings.docs_dir)}.",
                       f"did you mean '{close[0]}'?" if close else "set it to the folder (inside the docs dir) that holds the lessons.")
    quizzes_known = settings.quizzes_dir.is_dir()
    if not quizzes_known:
        problems.error(config, settings.option_line("quizzes_dir"),
                       f"the option 'quizzes_dir' names '{settings.display(settings.quizzes_dir)}', which is not a folder.",
                       "set it to the folder of quiz files, relative to the configuration file.")
    checklists_known = settings.checklists_file is None or settings.checklists_file.is_file()
    if not checklists_known:
        problems.error(config, settings.option_line("checklists_file"),
                       f"the option 'checklists_file' names '{settings.display(settings.checklists_file)}', "
                       "which does not exist.",
                       "create it, or set the option to the checklists file, relative to the configuration file.")
    return quizzes_known, checklists_known


def _check_placements(placements: list[Placement], macros: bool, settings: Settings, file: str,
                      quizzes: dict[str, Quiz] | None, checklists: dict[str, Checklist] | None,
                      conversations: dict[str, Conversation], broken: set[str], problems: Problems) -> list[Placement]:
    """Report placements the build would not render as written; return those it renders."""
    kept: list[Placement] = []
    seen: dict[tuple[str, str], int] = {}
    for placement in placements:
        if placement.form == COMMENT and placement.widget not in PLACEABLE:
            message, hint = unknown_widget(placement.widget)
            problems.error(file, placement.line, message, hint)
            continue
        if placement.form == MACRO and not macros:
            reason = ("mkdocs-macros is not enabled" if settings.macros is False
                      else "this page sets 'render_macros: false'" if settings.macros_by_default
                      else "this page does not set 'render_macros: true'")
            problems.error(file, placement.line, f"this {{{{ {placement.widget}(…) }}}} is never rendered: {reason}.",
                           f"write the placement as an HTML comment instead: "
                           f"{'<!-- coursekit:' + placement.widget + (' ' + placement.argument if placement.argument else '') + ' -->'}.")
            continue
        key = (placement.widget, placement.argument)
        if key in seen:
            problems.error(file, placement.line, f"this page already places this {placement.widget} on line {seen[key]}.",
                           "place each widget once per page: two copies would share their element ids.")
            continue
        seen[key] = placement.line
        kept.append(placement)
        if placement.argument not in broken:
            _check_placement(placement, file, quizzes, checklists, conversations, problems)
    return kept


def _check_placement(placement: Placement, file: str, quizzes: dict[str, Quiz] | None,
                     checklists: dict[str, Checklist] | None, conversations: dict[str, Conversation],
                     problems: Problems) -> None:
    if not PLACEABLE[placement.widget]:
        if placement.argument:
            problems.error(file, placement.line, f"'{placement.widget}' takes no argument, but this one has '{placement.argument}'.",
                           f"write it as {{{{ {placement.widget}() }}}}.")
    elif placement.widget == "quiz" and quizzes is not None and placement.argument not in quizzes:
        problems.error(file, placement.line, f"this page places the quiz '{placement.argument}', which does not exist.",
                       _did_you_mean(placement.argument, quizzes, "the id of a quiz in the quizzes folder"))
    elif placement.widget == "checklist" and checklists is not None and placement.argument not in checklists:
        problems.error(file, placement.line, f"this page places the checklist '{placement.argument}', which does not exist.",
                       _did_you_mean(placement.argument, checklists, "a checklist id from the checklists file"))
    elif placement.widget == "conversation" and placement.argument not in conversations:
        problems.error(file, placement.line, f"this page places the conversation '{placement.argument}', which does not exist.",
                       _did_you_mean(placement.argument, conversations, "the id of a conversation in the conversations folder"))


def _did_you_mean(wrong: str, known: Iterable[str], what: str) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else f"use {what}."
