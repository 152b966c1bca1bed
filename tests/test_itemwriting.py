"""The item-writing check: a course whose right answers follow a pattern
(one position, one length rank, one true/false side) gets a warning in
``coursekit check`` and fails the strict build; a balanced course passes.
``coursekit check --stats`` prints the figures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from coursekit.model.itemwriting import ItemWritingRules, findings, single_answers
from coursekit.model.problems import Problems
from coursekit.model.quizzes import parse_quiz

from tests.conftest import FIXTURES, mkdocs_build
from tests.test_cli import coursekit

OPTIONS = 3


def option_texts(rank: int) -> list[str]:
    """Three texts of distinct length, longest first; ``rank`` picks the right one."""
    texts = ["Say what happened, what you will do and when you will call back.",
             "Say what happened and when you will call back.",
             "Say what happened."]
    return [texts[rank - 1]] + texts[: rank - 1] + texts[rank:]


def single(number: int, position: int, rank: int) -> str:
    right, *wrong = option_texts(rank)
    texts = wrong[: position - 1] + [right] + wrong[position - 1:]
    options = "".join(
        f"      - id: option-{index}\n        text: {text}\n"
        + ("        correct: true\n" if index == position else "")
        + "        feedback: Because.\n"
        for index, text in enumerate(texts, 1))
    return (f"  - id: question-{number}\n    type: {'scenario' if number % 2 else 'single'}\n"
            + ("    scenario: A client calls about a late delivery.\n" if number % 2 else "")
            + f"    prompt: What do you say?\n    options:\n{options}")


def true_false(number: int, answer: bool) -> str:
    return (f"  - id: statement-{number}\n    type: true-false\n    prompt: Statement {number}.\n"
            f"    answer: {'true' if answer else 'false'}\n    feedback_true: Because.\n    feedback_false: Because.\n")


def quiz(quiz_id: str, spots: list[tuple[int, int]], answers: list[bool], start: int = 0) -> str:
    questions = [single(start + i, p, r) for i, (p, r) in enumerate(spots)]
    questions += [true_false(start + i, a) for i, a in enumerate(answers)]
    return (f"# yaml-language-server: $schema=quiz.schema.json\nid: {quiz_id}\ntitle: Quiz\nquestions:\n"
            + "".join(questions))


# Twelve single-answer questions: each position and each length rank holds
# the answer four times (33%); three of six statements are true.
BALANCED = [(i % 3 + 1, (i + i // 3) % 3 + 1) for i in range(12)]
BALANCED_TRUE = [True, False, True, False, True, False]
PATTERNS = {
    "balanced": (BALANCED, BALANCED_TRUE, None),
    "always-first": ([(1, r) for _, r in BALANCED], BALANCED_TRUE,
                     "the right answer is option 1 in 12 of 12 single-answer questions (100%); the limit is 40%"),
    "always-longest": ([(p, 1) for p, _ in BALANCED], BALANCED_TRUE,
                       ("the right answer is the longest option (length rank 1) in 12 of 12 single-answer questions "
                        "(100%); the limit is 40%")),
    "all-false": (BALANCED, [False] * 6,
                  "0 of 6 true-false statements are true (0%); keep between 35% and 65% true"),
}


def parsed(text: str):
    problems = Problems()
    result = parse_quiz(text, "quizzes/q.yml", problems)
    assert not problems, problems
    return result


def test_the_generated_fixtures_have_the_figures_they_claim() -> None:
    answers = single_answers(parsed(quiz("q", BALANCED, [])))
    assert [(a.position, a.rank) for a in answers] == BALANCED


def test_position_and_length_rank() -> None:
    text = quiz("q", [], []) + (
        "  - id: ties\n    type: single\n    prompt: Pick.\n    options:\n"
        "      - {id: padded, text: '  four  ', feedback: x}\n"
        "      - {id: longer, text: five5, feedback: x}\n"
        "      - {id: answer, text: four, correct: true, feedback: x}\n"
        "      - {id: shorter, text: fo, feedback: x}\n"
        "  - id: many\n    type: multiple\n    prompt: Pick.\n    options:\n"
        "      - {id: one, text: a, correct: true, feedback: x}\n"
        "      - {id: two, text: bb, feedback: x}\n")
    [answer] = single_answers(parsed(text))
    # Option 'padded' is as long as the answer once stripped: only 'five5' is longer.
    assert (answer.question.id, answer.position, answer.rank) == ("ties", 3, 2)


@pytest.mark.parametrize("name", PATTERNS)
def test_each_pattern_is_found_over_the_course(name: str) -> None:
    spots, answers, expected = PATTERNS[name]
    # Split over two quizzes: the rules look at the course, not at one quiz.
    quizzes = [parsed(quiz("one", spots[:5], answers[:2])), parsed(quiz("two", spots[5:], answers[2:], 100))]
    found = findings(quizzes, ItemWritingRules())
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].message, found


def test_too_few_questions_for_a_rule() -> None:
    nine = [parsed(quiz("q", [(1, 1)] * 9, [False] * 4))]
    assert findings(nine, ItemWritingRules()) == []
    ten = [parsed(quiz("q", [(1, 1)] * 10, [False] * 5))]
    assert len(findings(ten, ItemWritingRules())) == 3
    assert len(findings(nine, ItemWritingRules(min_single=9, min_true_false=4))) == 3
    assert findings(ten, ItemWritingRules(enabled=False)) == []


def test_limits_are_inclusive() -> None:
    # 4 of 10 in position 1 is exactly 40%: allowed. 2 of 6 true is 33%: not.
    spots = [(1, 1), (1, 2), (1, 3), (1, 1), (2, 2), (2, 3), (2, 1), (3, 2), (3, 3), (3, 1)]
    found = findings([parsed(quiz("q", spots, [True, False, False, True, False, False]))], ItemWritingRules())
    assert [f.summary for f in found] == ["true-false statements are 33% true (range 35%-65%)"]


# Real runs: a copy of the basic fixture site whose two quizzes carry the pattern.


def pattern_project(tmp_path: Path, name: str, options: str = "") -> Path:
    project = tmp_path / name
    shutil.copytree(FIXTURES / "basic", project)
    spots, answers, _ = PATTERNS[name]
    (project / "quizzes/first.yml").write_text(quiz("first-quiz", spots[:6], answers[:3]))
    (project / "quizzes/second.yml").write_text(quiz("second-quiz", spots[6:], answers[3:], 100))
    if options:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("      lessons_dir: lessons\n",
                                                     f"      lessons_dir: lessons\n{options}"))
    return project


@pytest.mark.parametrize("name", [n for n in PATTERNS if n != "balanced"])
def test_check_warns_with_file_line_and_where_to_start(tmp_path: Path, name: str) -> None:
    project = pattern_project(tmp_path, name)
    result = coursekit("check", cwd=project)
    assert result.returncode == 1, result.stdout
    expected = PATTERNS[name][2]
    [warning] = [line for line in result.stdout.splitlines() if expected in line]
    assert result.stdout.splitlines() == [warning]
    file, line = re.match(r"^(quizzes/first\.yml):(\d+): warning: ", warning).groups()
    # The line is the first question concerned.
    first = (project / file).read_text().splitlines()[int(line) - 1]
    assert re.fullmatch(r"  - id: (question|statement)-\d+", first), first
    # The hint names the quiz files and the questions to rewrite.
    hint = warning.split(" Hint: ", 1)[1]
    assert "quizzes/first.yml: " in hint and "quizzes/second.yml: " in hint
    assert ("statement-" if name == "all-false" else "question-") in hint


@pytest.mark.parametrize("name", ["balanced", "always-longest"])
def test_strict_build(tmp_path: Path, name: str) -> None:
    project = pattern_project(tmp_path, name)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    if name == "balanced":
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr
        assert coursekit("check", cwd=project).returncode == 0
    else:
        assert result.returncode == 1
        assert PATTERNS[name][2] in result.stderr
        assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def test_the_build_fails_on_every_pattern_at_once(tmp_path: Path) -> None:
    project = pattern_project(tmp_path, "balanced")
    (project / "quizzes/first.yml").write_text(quiz("first-quiz", [(1, 1)] * 6, [False] * 3))
    (project / "quizzes/second.yml").write_text(quiz("second-quiz", [(1, 1)] * 6, [False] * 3, 100))
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    for name in ("always-first", "always-longest", "all-false"):
        assert PATTERNS[name][2] in result.stderr
    assert "Aborted with 3 warnings in strict mode!" in result.stdout + result.stderr


@pytest.mark.parametrize("options", [
    "      item_writing: false\n",
    "      item_writing_max_share: 1.0\n      item_writing_min_true: 0\n",
    "      item_writing_min_single: 13\n      item_writing_min_true_false: 7\n",
])
def test_options_turn_the_rules_down(tmp_path: Path, options: str) -> None:
    project = pattern_project(tmp_path, "balanced", options)
    (project / "quizzes/first.yml").write_text(quiz("first-quiz", [(1, 1)] * 6, [False] * 3))
    (project / "quizzes/second.yml").write_text(quiz("second-quiz", [(1, 1)] * 6, [False] * 3, 100))
    result = coursekit("check", cwd=project)
    assert result.returncode == 0, result.stdout


def test_a_share_out_of_range_is_a_clear_error(tmp_path: Path) -> None:
    project = pattern_project(tmp_path, "balanced", "      item_writing_max_share: 40\n")
    result = coursekit("check", cwd=project)
    assert result.returncode != 0
    assert "item_writing_max_share" in result.stdout + result.stderr
    assert "expected a share from 0 to 1 (0.4 is 40 %), got 40." in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def table(output: str, heading: str) -> dict[str, list[str]]:
    """The rows of one table of the report, by their first cell."""
    block = output.split(heading, 1)[1].split("\n\n", 1)[0]
    return {cells[0]: cells[1:] for line in block.splitlines()[1:] if (cells := line.split())}


def test_stats_report(tmp_path: Path) -> None:
    project = pattern_project(tmp_path, "always-longest")
    result = coursekit("check", "--stats", cwd=project)
    assert result.returncode == 1
    out = result.stdout
    assert out.startswith("Where the right answers sit: quizzes (2 quizzes)\n")
    positions = table(out, "Right answer by position")
    assert positions["quiz"] == ["n", "1", "2", "3"]
    assert positions["first-quiz"] == ["6", "2", "2", "2"]
    assert positions["second-quiz"] == ["6", "2", "2", "2"]
    assert positions["course"] == ["12", "4", "4", "4"]
    assert positions["share"] == ["33%", "33%", "33%"]
    ranks = table(out, "Right answer by length rank")
    assert ranks["course"] == ["12", "12", "0", "0"]
    assert ranks["share"] == ["100%", "0%", "0%"]
    balance = table(out, "True/false balance")
    assert balance["quiz"] == ["n", "true", "false"]
    assert balance["first-quiz"] == ["3", "2", "1"]
    assert balance["course"] == ["6", "3", "3", "50%", "true"]
    assert "Over the limits:\n  - length rank 1 holds the right answer in 100% (limit 40%)\n" in out
    # The warnings follow the report, as in a plain check.
    assert out.rstrip().splitlines()[-1].startswith("quizzes/first.yml:")

    balanced = coursekit("check", "--stats", cwd=pattern_project(tmp_path, "balanced"))
    assert balanced.returncode == 0
    assert balanced.stdout.rstrip().endswith("Within the limits.")


def test_stats_on_a_small_course_say_the_rules_wait(tmp_path: Path) -> None:
    project = tmp_path / "basic"
    shutil.copytree(FIXTURES / "basic", project)
    result = coursekit("check", "--stats", cwd=project)
    assert result.returncode == 0, result.stdout
    assert "Note: only 3 single-answer questions: the position and length rules do not apply yet." in result.stdout
    assert "Note: only 1 true-false statement: the balance rule does not apply yet." in result.stdout
    # Only the quizzes' single-answer questions count: 'pick-many' is multiple choice.
    assert table(result.stdout, "Right answer by position")["first-quiz"] == ["2", "2", "0"]


def test_stats_on_the_course_follow_the_course_order(tmp_path: Path) -> None:
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "course")
    result = coursekit("check", "--stats", cwd=project)
    assert result.returncode == 0, result.stdout
    nav = re.findall(r"^\s+- lecciones/([\w-]+)\.md$", (project / "mkdocs.yml").read_text(), re.MULTILINE)
    positions = table(result.stdout, "Right answer by position")
    assert [name for name in positions if name not in ("quiz", "course", "share")] == nav
    assert int(positions["course"][0]) == sum(int(row[0]) for name, row in positions.items() if name in nav)
