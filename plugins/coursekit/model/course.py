"""The whole course read from its sources: quizzes, lessons, checklists.

``load_course`` is the one set of rules. The MkDocs plugin calls it during a
build and ``coursekit check`` calls it without one, so both report the same
problems in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import checklists as checklist_pages
from . import conversations as conversation_pages
from .checklists import Checklist, gather_items, load_checklists
from .conversations import Conversation, load_conversations
from .itemwriting import ItemWritingRules, check_item_writing
from .lessons import Lesson, Placement, find_placements, parse_lesson
from .problems import Problems
from .quizzes import Quiz, load_quizzes
from .strings import strings_for


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

    def display(self, path: Path) -> str:
        """A path as authors see it: relative to the project root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

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

    def lesson(self, src_uri: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.src_uri == src_uri), None)

    def set_order(self, src_uris: list[str]) -> None:
        """Put lessons in course order (the navigation's) and regather checklist items."""
        rank = {uri: index for index, uri in enumerate(src_uris)}
        self.lessons.sort(key=lambda lesson: (rank.get(lesson.src_uri, len(rank)), lesson.src_uri))
        self.checklists = gather_items(self.definitions, self.lessons, Problems())

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


def read_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Every Markdown page below the docs dir as (docs-relative path, text)."""
    return [(path.relative_to(docs_dir).as_posix(), path.read_text(encoding="utf-8"))
            for path in sorted(docs_dir.rglob("*.md"))]


def load_course(settings: Settings, pages: Iterable[tuple[str, str]]) -> Course:
    """Read and validate everything; problems are collected on ``course.problems``."""
    problems = Problems()
    labels = strings_for(settings.language)
    broken: set[str] = set()
    quizzes = load_quizzes(settings.quizzes_dir, settings.root, problems, (labels["true"], labels["false"]), broken)
    definitions = load_checklists(
        settings.checklists_file,
        settings.display(settings.checklists_file) if settings.checklists_file else "",
        tuple(labels["fields"]), problems)
    if settings.checklists_file and not settings.checklists_file.is_file():
        problems.error(settings.display(settings.checklists_file), 1, "the checklists file does not exist.",
                       "create it, or remove 'checklists_file' from the plugin's options.")

    conversations = load_conversations(settings.conversations_dir, settings.root, problems, broken)

    lessons: list[Lesson] = []
    used: set[str] = set()
    placed_on: dict[str, str] = {}
    pages = dict(pages)
    for src_uri, text in pages.items():
        file = settings.display(settings.docs_dir / src_uri)
        for placement in find_placements(text):
            if placement.argument not in broken:
                _check_placement(placement, file, quizzes, definitions, conversations, problems)
            if placement.widget == "quiz":
                used.add(placement.argument)
            elif placement.widget == "conversation":
                placed_on.setdefault(placement.argument, src_uri)
        if settings.is_lesson(src_uri):
            lesson = parse_lesson(src_uri, file, text, problems)
            if lesson is not None:
                lessons.append(lesson)

    for quiz in quizzes.values():
        if quiz.id not in used:
            problems.warning(quiz.file, quiz.line, f"no page places the quiz '{quiz.id}'.",
                             f'place it in its lesson with {{{{ quiz("{quiz.id}") }}}}, or delete the file.')
    check_item_writing(quizzes.values(), settings.item_writing, problems)
    for conversation in conversations.values():
        if conversation.id not in placed_on:
            problems.warning(conversation.file, conversation.line, f"no page places the conversation '{conversation.id}'.",
                             f'place it in the lesson it practises with {{{{ conversation("{conversation.id}") }}}}, or delete the file.')
    labels = conversation_pages.check_links(conversations, pages, set(definitions), problems)
    course = Course(settings, quizzes, definitions, lessons, problems, conversations=conversations,
                    link_labels=labels, placed_on=placed_on)
    course.checklists = gather_items(definitions, lessons, problems)
    return course


def _check_placement(placement: Placement, file: str, quizzes: dict[str, Quiz], checklists: dict[str, Checklist],
                     conversations: dict[str, Conversation], problems: Problems) -> None:
    if placement.widget == "quiz" and placement.argument not in quizzes:
        known = ", ".join(sorted(quizzes)) or "there are none yet"
        problems.error(file, placement.line, f"this page places the quiz '{placement.argument}', which does not exist.",
                       f"use the id of a quiz in the quizzes folder ({known}).")
    elif placement.widget == "checklist" and placement.argument not in checklists:
        known = ", ".join(checklists) or "there are none yet"
        problems.error(file, placement.line, f"this page places the checklist '{placement.argument}', which does not exist.",
                       f"use a checklist id ({known}).")
    elif placement.widget == "conversation" and placement.argument not in conversations:
        known = ", ".join(sorted(conversations)) or "there are none yet"
        problems.error(file, placement.line, f"this page places the conversation '{placement.argument}', which does not exist.",
                       f"use the id of a conversation in the conversations folder ({known}).")
