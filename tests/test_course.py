"""Lessons, widget placements and checklists, read as the build and the
check command read them (``load_course``): file and line in every message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from coursekit.model.course import load_course, read_pages

from tests.conftest import fixture_settings

FIXTURE = Path(__file__).parent / "fixtures" / "basic"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "basic")
    return tmp_path / "basic"


ORDER = ("index.md", "lessons/first.md", "lessons/second.md")


def load(project: Path, order: tuple[str, ...] = ORDER, **changes: object):
    settings = fixture_settings(project, order=order, **changes)
    return load_course(settings, read_pages(settings.docs_dir))


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
    course = load(project, order=("lessons/second.md", "lessons/first.md"))
    assert course.checklists["before"].items[0].text == "Gather the emails and screenshots first."
    course.set_order(["lessons/first.md", "lessons/second.md"])  # another plugin may reorder the navigation
    assert course.checklists["before"].items[0].text == "Write down the one message that matters."


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
    assert [str(p).split(" Hint:")[0] for p in course.problems.warnings] == ["quizzes/spare.yml:2: no page places the quiz 'spare'."]


def test_an_item_naming_an_unknown_checklist(project: Path) -> None:
    edit(project / "docs/lessons/second.md", "  before:\n", "  befor:\n")
    assert "docs/lessons/second.md:12: the checklist 'befor' does not exist." in messages(load(project))


def test_a_full_sheet_names_the_lesson_that_filled_it_in_course_order(project: Path) -> None:
    # second.md comes first in the course; first.md's items then overflow the
    # sheet, whatever the alphabetical order of the files.
    many = "".join(f"    - Item number {n}, a short action to take before the call.\n" for n in range(17))
    edit(project / "docs/lessons/second.md", "    - Gather the emails and screenshots first.\n", many)
    course = load(project, order=("lessons/second.md", "lessons/first.md"))
    (problem,) = [p for p in course.problems if "would print on about" in p.message]
    assert (problem.file, problem.line) == ("docs/lessons/first.md", 12)
    assert problem.message.startswith("with this lesson's 2 item(s), the checklist 'before' would print on about ")
    assert "(19 items); a sheet holds 46. Its items come from: docs/lessons/second.md (17), " \
           "docs/lessons/first.md (2)." in problem.message
    assert "split the sheet in two" in problem.hint and "shorten items" in problem.hint


def test_room_left_on_each_sheet(project: Path) -> None:
    (room,) = load(project).sheet_room()
    assert room.startswith("'before': 3 items, about 24 of 46 lines; room for about 14 more item(s) of up to 75 ")


def test_an_item_too_long_for_one_page(project: Path) -> None:
    edit(project / "docs/lessons/second.md", "Gather the emails and screenshots first.", "Gather " + "very " * 30 + "much.")
    assert f"docs/lessons/second.md:12: this checklist item has {len('Gather ' + 'very ' * 30 + 'much.')} characters; " \
           "the limit is 120." in messages(load(project))


def test_an_unquoted_quiz_id_names_its_line(project: Path) -> None:
    edit(project / "docs/lessons/first.md", '{{ quiz("first-quiz") }}', "{{ quiz(first-quiz) }}")
    problems = load(project).problems
    assert [(p.file, p.line, p.message) for p in problems.errors] == [
        ("docs/lessons/first.md", 22, "the quiz id first-quiz is not in quotes.")]
    assert problems[0].hint == 'write it in quotes: {{ quiz("first-quiz") }}.'


def test_a_mistyped_quiz_id_gets_the_nearest_one(project: Path) -> None:
    edit(project / "docs/lessons/first.md", '{{ quiz("first-quiz") }}', '{{ quiz("frist-quiz") }}')
    (problem,) = [p for p in load(project).problems if "frist-quiz" in p.message]
    assert (problem.line, problem.hint) == (22, "did you mean 'first-quiz'?")


def test_a_colon_in_a_list_entry_says_to_quote_it(project: Path) -> None:
    edit(project / "docs/lessons/first.md", "  - The first key point.", "  - Listen first: then answer.")
    (problem,) = load(project).problems
    assert (problem.file, problem.line) == ("docs/lessons/first.md", 9)
    assert problem.hint == ("the text holds ': ', so YAML read it as a key and a value: put the whole text in double quotes, "
                            'like this: - "Listen first: then answer."')


def test_a_colon_in_a_value_says_to_quote_it(project: Path) -> None:
    edit(project / "docs/lessons/first.md", "description: What the first lesson teaches.",
         "description: What it teaches: the first thing.")
    (problem,) = load(project).problems
    assert (problem.file, problem.line) == ("docs/lessons/first.md", 3)
    assert problem.hint.startswith("this line holds ': ' inside a text, so YAML reads a second key. Put the whole")


def test_a_quiz_file_names_its_schema(project: Path) -> None:
    edit(project / "quizzes/second.yml", "# yaml-language-server: $schema=../../../../plugins/coursekit/schema/quiz.schema.json\n", "")
    (problem,) = load(project).problems
    assert (problem.file, problem.line) == ("quizzes/second.yml", 1)
    assert problem.hint.startswith("make the first line '# yaml-language-server: $schema=")


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
