"""The course passes its own gate: `coursekit check` with the rules written in
mkdocs.yml. The rules themselves are tested on fixtures (test_rules.py), so
nothing here repeats them; these helpers also judge a copy of the course
(a lesson made with `coursekit new`, in test_cli.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursekit.cli import check_editions, load_edition
from coursekit.model.checklists import Checklist, item_lines, printed_lines
from coursekit.model.course import load_course, read_pages
from coursekit.model.lessons import ChecklistItem
from coursekit.model.rules import SHEET_CAPACITY

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def course():
    settings = load_edition(ROOT / "mkdocs.yml").settings  # the plugin's options too, as the build reads them
    return load_course(settings, read_pages(settings.docs_dir))


def assert_course_passes(root: Path) -> None:
    courses, problems = check_editions(root)
    assert [str(p) for p in problems] == []
    for course in courses:
        assert course.lessons, "the course has lessons"
        for checklist in course.checklists.values():
            assert checklist.items, f"no lesson adds items to '{checklist.id}'"
        assert course.settings.rules.sheet_lines <= SHEET_CAPACITY


def test_the_course_passes_the_check() -> None:
    assert_course_passes(ROOT)


def test_a_sheet_of_eight_short_items_has_room_to_grow() -> None:
    """The course's standard sheet (5-8 items of up to 75 characters, from
    several lessons) leaves room for at least four more such items."""
    items = tuple(ChecklistItem("relacion", "x" * 75, "l.md", n, f"lecciones/l{n % 4}.md") for n in range(8))
    sheet = Checklist("relacion", "Construir la confianza desde el primer día", "w" * 120, "read-do",
                      ("Cliente", "Fecha", "Objetivo de la conversación"), "checklists/es.yml", 1, items)
    titles = ["Cuándo, dónde y por qué canal"] * 4
    used = printed_lines(sheet, titles, "es")
    assert used + 4 * item_lines("x" * 75) <= SHEET_CAPACITY, used


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
