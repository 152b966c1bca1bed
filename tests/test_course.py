"""Lessons, widget placements and checklists, read as the build and the
check command read them (``load_course``): file and line in every message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from coursekit.model.checklists import MAX_ITEM_LENGTH, MAX_ITEMS
from coursekit.model.course import Settings, load_course, read_pages

FIXTURE = Path(__file__).parent / "fixtures" / "basic"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "basic")
    return tmp_path / "basic"


def load(project: Path):
    settings = Settings(root=project, docs_dir=project / "docs", quizzes_dir=project / "quizzes",
                        checklists_file=project / "checklists.yml", lessons_dir="lessons", language="en",
                        conversations_dir=project / "conversations")
    course = load_course(settings, read_pages(settings.docs_dir))
    course.set_order(["index.md", "lessons/first.md", "lessons/second.md"])
    return course


def messages(course) -> list[str]:
    return [str(problem).split(" Hint:")[0] for problem in course.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_fixture_course_is_valid_and_ordered(project: Path) -> None:
    course = load(project)
    assert not course.problems
    assert [lesson.src_uri for lesson in course.lessons] == ["lessons/first.md", "lessons/second.md"]
    assert course.total_time == 20
    items = course.checklists["before"].items
    assert [item.text for item in items] == [
        "Write down the one message that matters.", "Ask the client which place suits them.",
        "Gather the emails and screenshots first."]
    assert course.checklists["before"].lessons == ("lessons/first.md", "lessons/second.md")
    assert course.lesson("lessons/second.md").quizzes == ("second-quiz",)


def test_gathering_follows_the_course_order(project: Path) -> None:
    course = load(project)
    course.set_order(["lessons/second.md", "lessons/first.md"])
    assert course.checklists["before"].items[0].text == "Gather the emails and screenshots first."


def test_a_lesson_placing_an_unknown_quiz(project: Path) -> None:
    edit(project / "docs/lessons/first.md", '{{ quiz("first-quiz") }}', '{{ quiz("frist-quiz") }}')
    assert "docs/lessons/first.md:22: this page places the quiz 'frist-quiz', which does not exist." in messages(load(project))


def test_the_comment_form_is_checked_too(project: Path) -> None:
    edit(project / "docs/lessons/second.md", "coursekit:quiz second-quiz", "coursekit:quiz nope")
    assert "docs/lessons/second.md:17: this page places the quiz 'nope', which does not exist." in messages(load(project))


def test_an_unused_quiz_is_a_warning(project: Path) -> None:
    (project / "quizzes/spare.yml").write_text((project / "quizzes/second.yml").read_text().replace("second-quiz", "spare"))
    course = load(project)
    assert not course.problems.errors
    assert [str(p).split(" Hint:")[0] for p in course.problems.warnings] == ["quizzes/spare.yml:1: no page places the quiz 'spare'."]


def test_an_item_naming_an_unknown_checklist(project: Path) -> None:
    edit(project / "docs/lessons/second.md", "  before:\n", "  befor:\n")
    assert "docs/lessons/second.md:12: the checklist 'befor' does not exist." in messages(load(project))


def test_too_many_items_for_one_page(project: Path) -> None:
    many = "".join(f"    - Item number {n}.\n" for n in range(MAX_ITEMS))
    edit(project / "docs/lessons/second.md", "    - Gather the emails and screenshots first.\n", many)
    found = messages(load(project))
    assert f"docs/lessons/second.md:{12 + MAX_ITEMS - 2}: the checklist 'before' now has more than {MAX_ITEMS} items, " \
           "so it would not fit on one page." in found


def test_an_item_too_long_for_one_page(project: Path) -> None:
    edit(project / "docs/lessons/second.md", "Gather the emails and screenshots first.", "Gather " + "very " * 30 + "much.")
    assert f"docs/lessons/second.md:12: this checklist item has {len('Gather ' + 'very ' * 30 + 'much.')} characters; " \
           f"the limit is {MAX_ITEM_LENGTH}." in messages(load(project))


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("time: 12\n", "", "docs/lessons/first.md:2: the lesson's front matter has no 'time'."),
    ("  - Choose the second thing.\n", "", "docs/lessons/first.md:5: the lesson has 1 objectives."),
    ("key_points:\n  - The first key point.\n", "", "docs/lessons/first.md:2: the lesson's front matter has no 'key_points'."),
    ('{{ quiz("first-quiz") }}', "", "docs/lessons/first.md:1: this lesson places no quiz."),
    ("time: 12", "time: twelve", "docs/lessons/first.md:4: 'time' must be a whole number, not 'twelve'."),
    ("title: First lesson", "titel: First lesson", "docs/lessons/first.md:2: unknown key 'titel' in the lesson's front matter."),
])
def test_lesson_front_matter_is_validated(project: Path, old: str, new: str, expected: str) -> None:
    edit(project / "docs/lessons/first.md", old, new)
    assert expected in messages(load(project))
