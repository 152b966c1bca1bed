"""The course's rules (``rules:`` in mkdocs.yml): each one is enforced by the
core with a file, a line and a hint, and the options are validated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from coursekit.model.course import load_course, read_pages
from coursekit.model.rules import SHEET_CAPACITY, CourseRules, RulesError, describe, rules_from

from tests.conftest import FIXTURES, ROOT, fixture_settings


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "basic", tmp_path / "basic")
    return tmp_path / "basic"


def problems_with(project: Path, **rules: object) -> list[tuple[str, int, str, str]]:
    """Problems of the fixture under the default rules changed by ``rules``."""
    defaults = CourseRules(**rules)
    settings = fixture_settings(project, rules=defaults)
    course = load_course(settings, read_pages(settings.docs_dir))
    return [(p.file, p.line, p.message, p.hint) for p in course.problems.errors]


LOOSE = {"questions": (1, 12), "minutes": (1, 120), "scenario_share": 0, "sections": 1, "opening_section": ""}


def only(found: list[tuple[str, int, str, str]], text: str) -> tuple[str, int, str, str]:
    matching = [entry for entry in found if text in entry[2]]
    assert len(matching) == 1, found
    return matching[0]


def test_the_fixture_passes_its_own_looser_rules(project: Path) -> None:
    assert problems_with(project, **LOOSE) == []


def test_questions_per_quiz(project: Path) -> None:
    file, line, message, hint = only(problems_with(project, **{**LOOSE, "questions": (5, 8)}), "4 question")
    assert (file, line) == ("quizzes/first.yml", 4)
    assert message == "the quiz has 4 question(s); this course's quizzes have 5 to 8."
    assert hint == "add questions: 5 to 8 in all."


def test_minutes_per_lesson(project: Path) -> None:
    file, line, message, hint = only(problems_with(project, **{**LOOSE, "minutes": (10, 20)}), "'time' is 8")
    assert (file, line) == ("docs/lessons/second.md", 4)
    assert message == "'time' is 8 minutes; this course's lessons take 10 to 20."
    assert "split it in two" in hint


def test_scenarios_are_more_than_half(project: Path) -> None:
    file, line, message, hint = only(problems_with(project, **{**LOOSE, "scenario_share": 0.5}), "1 of the quiz's 4")
    assert (file, line) == ("quizzes/first.yml", 4)
    assert message == "1 of the quiz's 4 questions are scenarios; more than 50% must be."
    assert hint.startswith("make at least 3 of them 'type: scenario'")


def test_checklist_items_per_lesson(project: Path) -> None:
    lesson = project / "docs/lessons/second.md"
    lesson.write_text(lesson.read_text().replace("checklist:\n  before:\n    - Gather the emails and screenshots first.\n",
                                                 "checklist: {}\n"))
    file, line, message, hint = only(problems_with(project, **LOOSE), "checklist item")
    assert (file, line) == ("docs/lessons/second.md", 10)
    assert message == "the lesson teaches 0 checklist item(s); each lesson adds at least 1."
    assert hint.startswith("under 'checklist:', name a checklist and list the actions")


def test_sections_and_the_opening_section(project: Path) -> None:
    found = problems_with(project, **{**LOOSE, "sections": 4, "opening_section": None})
    file, line, message, hint = only([f for f in found if f[0].endswith("first.md")], "the lesson has 2")
    assert (file, line) == ("docs/lessons/first.md", 20)
    assert message == "the lesson has 2 '##' section(s); this course's lessons have at least 4, the quiz's included."
    file, line, message, hint = only(found, "opens with")
    assert (file, line) == ("docs/lessons/second.md", 15)
    assert message == ("a lesson opens with the section '## A situation to start with'; "
                       "it starts with '## Quiz without macros'.")
    assert hint.startswith("start the body with '## A situation to start with': a concrete scene")


def test_a_placeholder_left_in_names_its_line(project: Path) -> None:
    lesson = project / "docs/lessons/first.md"
    lesson.write_text(lesson.read_text().replace("A client writes in anger.", "TODO: a concrete scene with a client."))
    (file, line, message, hint), = problems_with(project, **LOOSE)
    assert (file, line) == ("docs/lessons/first.md", 18)
    assert message == "this line still holds a placeholder of 'coursekit new' («TODO: a concrete scene with a client.»)."
    assert hint == "replace the whole placeholder, marker included, with your own text."


def test_drafts_tolerate_placeholders_but_keep_them(project: Path) -> None:
    lesson = project / "docs/lessons/first.md"
    lesson.write_text(lesson.read_text().replace("A client writes in anger.", "TODO: a scene."))
    settings = fixture_settings(project, drafts=True)
    course = load_course(settings, read_pages(settings.docs_dir))
    assert not course.problems.errors
    assert [p.line for p in course.drafts] == [18]


@pytest.mark.parametrize(("options", "message"), [
    ({"question": [5, 8]}, "unknown rule(s): question. The rules are: questions, minutes"),
    ({"questions": [8, 5]}, "the rule 'questions: [8, 5]' is not usable: it is the fewest and most questions of a quiz"),
    ({"scenario_share": 2}, "the rule 'scenario_share: 2' is not usable"),
    ({"sheet_lines": SHEET_CAPACITY + 1}, f"is more than one page holds; a sheet prints on one page of A4 and Letter up to {SHEET_CAPACITY}"),
])
def test_unusable_rules_are_explained(options: dict, message: str) -> None:
    with pytest.raises(RulesError) as error:
        rules_from(options)
    assert message in str(error.value)


def test_the_course_writes_its_rules_out_and_contributing_lists_every_one() -> None:
    config = (ROOT / "mkdocs.yml").read_text()
    contributing = (ROOT / "CONTRIBUTING.md").read_text()
    for name, _default, _doc in describe():
        assert f"        {name}:" in config, name
        assert f"`{name}`" in contributing, name


def test_a_bad_rule_stops_the_build_with_a_message(tmp_path: Path) -> None:
    from tests.conftest import mkdocs_build

    shutil.copytree(FIXTURES / "basic", tmp_path / "p")
    config = tmp_path / "p/mkdocs.yml"
    config.write_text(config.read_text().replace("questions: [1, 12]", "questions: [9, 8]"))
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml: in the coursekit plugin's 'rules:', the rule 'questions: [9, 8]' is not usable" in result.stderr
    assert "Traceback" not in result.stderr
