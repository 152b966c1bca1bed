"""The Spanish course itself: every lesson has all its parts, and every quiz
follows the course's own standard (5-8 questions, mostly scenarios)."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursekit.cli import load_edition
from coursekit.model.course import load_course, read_pages
from coursekit.model.lessons import split_front_matter
from coursekit.model.quizzes import SCENARIO

from tests.conftest import ROOT

LESSONS = sorted((ROOT / "content/es/lecciones").glob("*.md"))


@pytest.fixture(scope="module")
def course():
    settings = load_edition(ROOT / "mkdocs.yml").settings  # the plugin's options too, as the build reads them
    return load_course(settings, read_pages(settings.docs_dir))


def test_the_course_has_no_problems(course) -> None:
    assert [str(p) for p in course.problems] == []


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_has_its_parts(course, path: Path) -> None:
    name = path.relative_to(ROOT).as_posix()
    lesson = course.lesson(path.relative_to(ROOT / "content/es").as_posix())
    assert lesson is not None, f"{name}: not read as a lesson (see 'coursekit check')"
    assert 10 <= lesson.time <= 20, f"{name}: estimated time {lesson.time} min is outside 10-20"
    assert 2 <= len(lesson.objectives) <= 4, f"{name}: needs 2-4 objectives"
    assert lesson.key_points, f"{name}: has no key points"
    assert lesson.items, f"{name}: teaches no checklist item"
    assert len(lesson.quizzes) == 1, f"{name}: needs exactly one quiz"
    _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert "## Una situación para empezar" in body, f"{name}: has no opening client situation"
    assert body.count("\n## ") >= 4, f"{name}: the guidance needs sections"
    quiz = course.quizzes[lesson.quizzes[0]]
    assert 5 <= len(quiz.questions) <= 8, f"{name}: its quiz has {len(quiz.questions)} questions, not 5-8"
    scenarios = sum(q.type == SCENARIO for q in quiz.questions)
    assert scenarios * 2 > len(quiz.questions), f"{name}: most questions should be scenarios"


def test_every_question_kind_is_used(course) -> None:
    kinds = {q.type for quiz in course.quizzes.values() for q in quiz.questions}
    assert kinds == {"single", "multiple", "true-false", "scenario"}


def test_every_checklist_is_filled_and_within_limits(course) -> None:
    assert set(course.checklists) == {"relacion", "antes", "durante", "recuperar", "despues"}
    for checklist in course.checklists.values():
        assert 5 <= len(checklist.items) <= 9, checklist.id


# Characters of the conversations: names from one pool, each used by one character only.
NAMES = ("Aitana Segura", "Baltasar Ferrán", "Carmen Losada", "Dionisio Galván", "Elvira Cabello", "Ernesto Salinas",
         "Florencia Vega", "Gerardo Tapia", "Jimena Lobo", "Marta Berenguer", "Norberto Cid", "Pilar Echeverría")


def test_conversations_are_placed_and_branch_for_real(course) -> None:
    assert len(course.conversations) >= 4
    for conversation in course.conversations.values():
        name = conversation.file
        placed = course.placed_on.get(conversation.id)
        assert placed and course.lesson(placed), f"{name}: placed in no lesson"
        assert len(conversation.nodes) >= 3, f"{name}: needs at least three decision points"
        assert len({ending.outcome for ending in conversation.endings}) >= 3, f"{name}: needs three distinct endings"
        assert all(len(node.replies) >= 2 for node in conversation.nodes)
        assert conversation.roleplay.checklist in course.checklists, f"{name}: the observer sheet needs a checklist"


def test_conversation_characters_come_from_the_pool_once_each(course) -> None:
    texts = {c.id: (ROOT / c.file).read_text(encoding="utf-8") for c in course.conversations.values()}
    for full_name in NAMES:
        first = full_name.split()[0]
        users = [cid for cid, text in texts.items() if first in text]
        assert len(users) <= 1, f"{first} appears in {users}"
        if users:
            assert full_name in texts[users[0]], f"{first} is used without the full name {full_name}"
    for conversation in course.conversations.values():
        assert any(conversation.setting.client_name == n.split()[0] for n in NAMES), conversation.file
