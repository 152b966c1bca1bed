"""Loading and validating quiz YAML: every rejection names the file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from coursekit.model.problems import Problems
from coursekit.model.quizzes import TRUE_FALSE, load_quizzes, parse_quiz

VALID = """\
id: trust
title: Trust
questions:
  - id: say-you-do-not-know
    type: scenario
    scenario: A client asks something you cannot answer yet.
    prompt: What do you say?
    options:
      - id: ask-for-time
        text: I will check and answer by Friday.
        correct: true
        feedback: Honest, with a date.
      - id: guess
        text: Yes, surely.
        feedback: A guess that may break trust.
  - id: statement
    type: true-false
    prompt: Trust matters only inside the team.
    answer: false
    feedback_true: It matters with clients too.
    feedback_false: Right.
"""


def problems_of(text: str, file: str = "quizzes/q.yml") -> Problems:
    problems = Problems()
    parse_quiz(textwrap.dedent(text), file, problems)
    return problems


def only(problems: Problems) -> tuple[int, str]:
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file == "quizzes/q.yml"
    return problem.line, str(problem)


def test_a_valid_quiz_loads_with_stable_ids() -> None:
    problems = Problems()
    quiz = parse_quiz(VALID, "quizzes/q.yml", problems, ("True", "False"))
    assert not problems
    assert quiz is not None and quiz.id == "trust"
    assert [q.id for q in quiz.questions] == ["say-you-do-not-know", "statement"]
    assert [o.id for o in quiz.questions[0].options] == ["ask-for-time", "guess"]
    true_false = quiz.questions[1]
    assert true_false.type == TRUE_FALSE
    assert [(o.id, o.text, o.correct) for o in true_false.options] == [("true", "True", False), ("false", "False", True)]


def test_yaml_syntax_error_names_the_line() -> None:
    line, message = only(problems_of(VALID.replace("    prompt: What do you say?", "    prompt: [unclosed")))
    assert line in (7, 8)
    assert "not valid YAML" in message and "Hint:" in message


def test_unknown_key_suggests_the_right_one() -> None:
    line, message = only(problems_of(VALID.replace("        feedback: Honest, with a date.", "        feedbak: Honest, with a date.")))
    assert line == 12
    assert "unknown key 'feedbak'" in message and "did you mean 'feedback'" in message


def test_missing_required_field() -> None:
    line, message = only(problems_of(VALID.replace("    prompt: What do you say?\n", "")))
    assert line == 4
    assert "has no 'prompt'" in message


def test_fewer_than_two_options() -> None:
    text = VALID.replace("""      - id: guess
        text: Yes, surely.
        feedback: A guess that may break trust.
""", "")
    line, message = only(problems_of(text))
    assert line == 9
    assert "needs at least two" in message


@pytest.mark.parametrize("kind", ["single", "scenario"])
def test_single_and_scenario_need_exactly_one_correct(kind: str) -> None:
    text = VALID.replace("        feedback: A guess that may break trust.", "        correct: true\n        feedback: A guess.")
    if kind == "single":
        text = text.replace("    type: scenario\n    scenario: A client asks something you cannot answer yet.\n", "    type: single\n")
    line, message = only(problems_of(text))
    assert line == (9 if kind == "scenario" else 8)
    assert "2 correct options; it needs exactly one" in message

    none_correct = VALID.replace("        correct: true\n", "")
    line, message = only(problems_of(none_correct))
    assert "0 correct options" in message and line == 9


def test_multiple_choice_needs_a_correct_option() -> None:
    text = VALID.replace("    type: scenario\n    scenario: A client asks something you cannot answer yet.\n", "    type: multiple\n")
    text = text.replace("        correct: true\n", "")
    line, message = only(problems_of(text))
    assert line == 8
    assert "has no correct option" in message


def test_duplicate_question_id_within_a_quiz() -> None:
    line, message = only(problems_of(VALID.replace("  - id: statement", "  - id: say-you-do-not-know")))
    assert line == 16
    assert "used twice in this quiz (also line 4)" in message


def test_duplicate_option_id_within_a_question() -> None:
    line, message = only(problems_of(VALID.replace("      - id: guess", "      - id: ask-for-time")))
    assert line == 13
    assert "option id 'ask-for-time' is used twice" in message


def test_duplicate_yaml_key_is_not_silently_overwritten() -> None:
    line, message = only(problems_of(VALID.replace("title: Trust\n", "title: Trust\ntitle: Again\n")))
    assert line == 3
    assert "appears twice" in message


@pytest.mark.parametrize(("change", "expected_line", "words"), [
    (("title: Trust\n", "title: Trust\n? [a, b]\n: c\n"), 3, "key is a list"),
    (("questions:\n", "loop: &self [1, *self]\nquestions:\n"), 3, "alias refers to the block"),
])
def test_odd_yaml_is_a_problem_not_a_traceback(change: tuple[str, str], expected_line: int, words: str) -> None:
    line, message = only(problems_of(VALID.replace(*change)))
    assert line == expected_line
    assert words in message and "Hint:" in message


def test_yaml_anchors_and_merge_keys_still_work() -> None:
    from coursekit.model import sourceyaml

    data = sourceyaml.load("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\nsame: *b\nflag: yes\nn: 3\n")
    assert data == {"base": {"x": 1}, "other": {"x": 1, "y": 2}, "same": {"x": 1}, "flag": True, "n": 3}
    assert data["other"].line_of("y") == 4


def test_true_false_needs_answer_and_both_feedbacks() -> None:
    line, message = only(problems_of(VALID.replace("    feedback_false: Right.\n", "")))
    assert line == 16
    assert "'feedback_false'" in message


def test_invalid_id_and_type() -> None:
    problems = problems_of(VALID.replace("id: trust", "id: Trust Quiz").replace("type: true-false", "type: truefalse"))
    messages = "\n".join(map(str, problems))
    assert "quizzes/q.yml:1: the id 'Trust Quiz' is not a valid id" in messages
    assert "quizzes/q.yml:17: 'type' is 'truefalse'" in messages and "did you mean 'true-false'" in messages


def test_duplicate_quiz_ids_across_files(tmp_path: Path) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "a.yml").write_text(VALID)
    (folder / "b.yml").write_text("# same id\n" + VALID)
    problems = Problems()
    quizzes = load_quizzes(folder, tmp_path, problems)
    assert list(quizzes) == ["trust"]
    assert [str(p).split(" Hint")[0] for p in problems] == [
        "quizzes/b.yml:2: the quiz id 'trust' is already used by quizzes/a.yml:1."
    ]


def test_yaml_values_are_typed_as_pyyaml_types_them() -> None:
    """sourceyaml resolves scalar tags itself (it is faster); the values are
    exactly the ones PyYAML's safe loader gives."""
    import yaml
    from coursekit.model import sourceyaml

    text = ("a: ''\nb: yes\nc: ~\nd: 1.5e3\ne: 0x1F\nf: .inf\ng: 2020-01-01\nj: -1\nk: +.5\nl: \"3\"\n"
            "m: 'true'\nn: Null\no: [1, x, true, False, 0o17, 1_000]\np: .NaN\nq: 12:30:00\nr: 2001-12-14t21:59:43.10-05:00\n"
            "s: |\n  true\nt: !!str 5\nw: {<<: {z: 1}, y: 2}\n")
    expected, ours = yaml.safe_load(text), sourceyaml.load(text)
    assert repr(ours) == repr(expected)


def _same_located(ours: object, expected: object, where: str = "$") -> None:
    """The same values, of the same types, with the same lines (sourceyaml's located dicts and lists)."""
    assert type(ours) is type(expected), where
    if isinstance(expected, dict):
        assert (list(ours), ours.line, ours.key_lines) == (list(expected), expected.line, expected.key_lines), where
        for key in expected:
            _same_located(ours[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert (len(ours), ours.line, ours.item_lines) == (len(expected), expected.line, expected.item_lines), where
        for index, (mine, theirs) in enumerate(zip(ours, expected)):
            _same_located(mine, theirs, f"{where}[{index}]")
    else:
        assert ours == expected, where


ROOT = Path(__file__).resolve().parent.parent
TRICKY = [
    "a: >-\n  one\n  two\n\n  three\n\n\n  four   \nb: x\n", "a: >\n  one\n  two\n", "a: |\n  one\n\n  two\n",
    "a: |-\n  one\n   two\n", "a: >-\n  one\n    more\n  two\n", "a: >\n  one\n  two", "a: |\n  x\n\n\n",
    "a: >-\n\n  one\n", "a: >-\n  one\n   \n  two\n", "a: >-\n  one\n  # not a comment\n# a comment\nb: 1\n",
    "a: >-\nb: 1\n", "a:\n- x\n- y\nb: 2\n", "a:\n  - >-\n    one\n    two\n  - |\n    x\n  - >-\n  - y\n",
    "- >-\n  one\n\n  two\n- >-\n   three\n  four\n", "a:\n- >-\n  one\n b: 1\n", "a:\n  - x\n   - y\n", "- a: 1\n  b: 2\n-   c: 3\n    d: yes\n",
    "a: 'it''s'\nb: \"q\"\nc: 'x' # c\nd: \"a\\tb\"\ne: \"x\" y\n", "a: x: y\nb: x #y\nc: x#y\nd: c:\n", "a: 012\nb: 12\nc: -3\nd: +4\n",
    "a: [x, y z, Ünïcödé]\nb: [x,y]\nc: []\nd: [ x ]\ne: [1, 2]\nf: [x, yes]\n", "a:\nb: 1\n", "a: 1\na: 2\n",
    "yes: 1\n", "a:\n  b:\n    c: 1\n  d: 2\n e: 3\n", "a: 1\n  b: 2\n", "&x a: 1\n", "a: *x\n", "a: !!str 5\n",
    "a: x\n  continued\n", "- x\n- - y\n", "-\n  a: 1\n", "a: 1\n---\nb: 2\n", "a: \"x\ny\"\n", "\ufeffa: 1\n",
    "a: 1\r\nb: 2\r\n", "a:\tb\n", "# only a comment\n", "", "just text\n", "a: ~\nb: null\nc: NULL\n", "key with space: 1\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_line_by_line_reader_reads_as_pyyaml_or_leaves_it_to_pyyaml(text: str) -> None:
    """sourceyaml reads simple files itself, line by line (it is several times faster than
    PyYAML); what it reads is exactly what PyYAML reads, lines included, and it leaves
    everything else, errors too, to PyYAML."""
    from coursekit.model import sourceyaml

    for first_line in (1, 2):
        try:
            expected = sourceyaml.load_with_pyyaml(text, first_line)
        except sourceyaml.YamlProblem as problem:
            with pytest.raises(sourceyaml.YamlProblem) as ours:
                sourceyaml.load(text, first_line)
            assert (ours.value.line, ours.value.message) == (problem.line, problem.message)
            continue
        _same_located(sourceyaml.load(text, first_line), expected)


def test_the_line_by_line_reader_reads_the_course_itself() -> None:
    """Every YAML source and front matter of the course: the same values and lines as
    through PyYAML, and nearly all read without it."""
    from coursekit.model import sourceyaml

    sources = [(path.read_text(encoding="utf-8"), 1) for folder in ("quizzes", "conversations", "checklists")
               for path in sorted((ROOT / folder).rglob("*.yml"))]
    sources += [(text[4:].split("\n---\n", 1)[0] + "\n", 2) for path in sorted((ROOT / "content").rglob("*.md"))
                if (text := path.read_text(encoding="utf-8")).startswith("---\n")]
    simple = 0
    for text, first_line in sources:
        _same_located(sourceyaml.load(text, first_line), sourceyaml.load_with_pyyaml(text, first_line))
        simple += sourceyaml._SimpleYaml(text, first_line).document() is not sourceyaml._NOT_SIMPLE
    assert simple >= 0.9 * len(sources) and len(sources) > 50
