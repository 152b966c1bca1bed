"""Quizzes: the model, loading from YAML and validation.

A quiz file holds one quiz. Every quiz, question and option has an id chosen
by the author; saved results are keyed by those ids, never by position, so
they survive edits and reordering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import sources, sourceyaml
from .fields import Field, Shape, check_mapping
from .problems import Problems
from .sourceyaml import LocatedDict, LocatedList

SINGLE, MULTIPLE, TRUE_FALSE, SCENARIO = "single", "multiple", "true-false", "scenario"
QUESTION_TYPES = (SINGLE, MULTIPLE, TRUE_FALSE, SCENARIO)
MAX_OPTIONS = 6  # more than a learner weighs at once, and than a phone shows

QUIZ_SHAPE = Shape("a quiz", {
    "id": Field(str, True, "the quiz's stable id, used by lessons to place it", is_id=True),
    "title": Field(str, True, "the quiz's title as learners see it"),
    "questions": Field(list, True, "the list of questions"),
})
QUESTION_SHAPE = Shape("a question", {
    "id": Field(str, True, "the question's stable id, unique in its quiz", is_id=True, descriptive=True),
    "type": Field(str, True, "the kind of question", enum=QUESTION_TYPES),
    "scenario": Field(str, False, "the client situation a scenario question is about"),
    "prompt": Field(str, True, "the question or statement learners answer"),
    "options": Field(list, False, "the list of options (not for true-false)"),
    "answer": Field(bool, False, "whether the statement of a true-false question is true"),
    "feedback_true": Field(str, False, "the feedback for learners who answer 'true'"),
    "feedback_false": Field(str, False, "the feedback for learners who answer 'false'"),
    "explanation": Field(str, False, "an optional explanation shown with the answer"),
})
OPTION_SHAPE = Shape("an option", {
    "id": Field(str, True, "the option's stable id, unique in its question", is_id=True, descriptive=True),
    "text": Field(str, True, "the option as learners see it"),
    "correct": Field(bool, False, "true for a correct option (false if left out)"),
    "feedback": Field(str, True, "why this option is right or wrong"),
})


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]
    scenario: str = ""
    explanation: str = ""
    line: int = field(default=0, compare=False)  # where the question starts in its file

    @property
    def multiple(self) -> bool:
        return self.type == MULTIPLE


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    questions: tuple[Question, ...]
    file: str
    line: int
    questions_line: int = 0  # where 'questions:' is, for messages about the quiz as a whole


_DECLARED_ID = re.compile(r"^id:\s*['\"]?([\w-]+)", re.MULTILINE)


def load_quizzes(quiz_dir: Path, root: Path, problems: Problems,
                 true_false_labels: tuple[str, str] = ("True", "False"),
                 broken: set[str] | None = None, texts: dict[str, str] | None = None) -> dict[str, Quiz]:
    """Load every ``*.yml``/``*.yaml`` file below ``quiz_dir``, adding problems.

    Ids of quizzes that failed validation go into ``broken``, so a lesson that
    places one is not also told the quiz "does not exist". ``texts`` gets each
    file's text, by its path as quizzes name it, for the checks that read it.
    """
    quizzes: dict[str, Quiz] = {}
    if not quiz_dir.is_dir():
        return quizzes
    paths = sorted(p for p in quiz_dir.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
    root = root.resolve()  # once, not for each file: resolving asks the file system about each part
    for path in paths:
        file = sources.shown_path(path, root)
        try:
            text = sources.read(path)
        except sources.SourceError as error:
            problems.error(file, error.line, error.message, error.hint)
            continue
        if texts is not None:
            texts[file] = text
        quiz = parse_quiz(text, file, problems, true_false_labels)
        if quiz is None:
            if broken is not None and (declared := _DECLARED_ID.search(text)):
                broken.add(declared.group(1))
            continue
        if quiz.id in quizzes:
            first = quizzes[quiz.id]
            problems.error(file, quiz.line, f"the quiz id '{quiz.id}' is already used by {first.file}:{first.line}.",
                           "quiz ids must be unique across the course: rename one of them.")
            continue
        quizzes[quiz.id] = quiz
    return quizzes


def parse_quiz(text: str, file: str, problems: Problems,
               true_false_labels: tuple[str, str] = ("True", "False")) -> Quiz | None:
    """Parse and validate one quiz file; return None when it has errors."""
    before = len(problems.errors)
    try:
        data = sourceyaml.load(text)
    except sourceyaml.YamlProblem as error:
        problems.error(file, error.line, error.message, error.hint)
        return None
    if not check_mapping(data, QUIZ_SHAPE, file, 1, problems) and not isinstance(data, LocatedDict):
        return None
    questions = data.get("questions")
    if not isinstance(questions, LocatedList):
        return None
    if not questions:
        problems.error(file, data.line_of("questions"), "the quiz has no questions.", "add at least one question.")
    parsed: list[Question] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(questions):
        line = questions.line_of(index)
        question = _parse_question(raw, file, line, problems, true_false_labels)
        if question is None:
            continue
        if question.id in seen:
            problems.error(file, line, f"the question id '{question.id}' is used twice in this quiz (also line {seen[question.id]}).",
                           "give every question its own id.")
            continue
        seen[question.id] = line
        parsed.append(question)
    if len(problems.errors) > before:
        return None
    return Quiz(data["id"], data["title"], tuple(parsed), file, data.line_of("id"), data.line_of("questions"))


def _parse_question(raw: object, file: str, line: int, problems: Problems,
                    true_false_labels: tuple[str, str]) -> Question | None:
    if not check_mapping(raw, QUESTION_SHAPE, file, line, problems):
        return None
    assert isinstance(raw, LocatedDict)
    kind = raw["type"]
    qid = raw["id"]
    for key in ("answer", "feedback_true", "feedback_false"):
        if key in raw and kind != TRUE_FALSE:
            problems.error(file, raw.line_of(key), f"'{key}' only belongs to true-false questions, and '{qid}' is {kind}.",
                           "use 'options' with 'correct: true' on the right ones.")
            return None
    if "scenario" in raw and kind != SCENARIO:
        problems.error(file, raw.line_of("scenario"), f"'scenario' only belongs to scenario questions, and '{qid}' is {kind}.",
                       "set 'type: scenario' or move the situation into 'prompt'.")
        return None
    if kind == TRUE_FALSE:
        return _true_false(raw, file, problems, true_false_labels)
    if kind == SCENARIO and not raw.get("scenario"):
        problems.error(file, raw.line, f"the scenario question '{qid}' has no 'scenario'.",
                       "add 'scenario:' with the client situation the question is about.")
        return None
    options_raw = raw.get("options")
    if not isinstance(options_raw, LocatedList):
        problems.error(file, raw.line, f"the question '{qid}' has no 'options'.", "add 'options:' with at least two options.")
        return None
    options: list[Option] = []
    seen: dict[str, int] = {}
    for index, option_raw in enumerate(options_raw):
        option_line = options_raw.line_of(index)
        if not check_mapping(option_raw, OPTION_SHAPE, file, option_line, problems):
            continue
        option = Option(option_raw["id"], option_raw["text"], bool(option_raw.get("correct", False)), option_raw["feedback"])
        if option.id in seen:
            problems.error(file, option_line, f"the option id '{option.id}' is used twice in question '{qid}' (also line {seen[option.id]}).",
                           "give every option of a question its own id.")
            continue
        seen[option.id] = option_line
        options.append(option)
    if len(options_raw) > MAX_OPTIONS:
        problems.error(file, options_raw.line, f"the question '{qid}' has {len(options_raw)} options; the limit is {MAX_OPTIONS}.",
                       "keep the options a learner can weigh at once: three or four plausible ones.")
        return None
    if len(options_raw) < 2:
        problems.error(file, options_raw.line, f"the question '{qid}' has {len(options_raw)} option(s); a question needs at least two.",
                       "add another option, or make it a true-false question.")
        return None
    correct = sum(option.correct for option in options)
    if kind in (SINGLE, SCENARIO) and correct != 1 and len(options) == len(options_raw):
        problems.error(file, options_raw.line,
                       f"the {kind} question '{qid}' has {correct} correct options; it needs exactly one.",
                       "mark exactly one option with 'correct: true', or use 'type: multiple'.")
        return None
    if kind == MULTIPLE and correct == 0 and len(options) == len(options_raw):
        problems.error(file, options_raw.line, f"the multiple-choice question '{qid}' has no correct option.",
                       "mark at least one option with 'correct: true'.")
        return None
    return Question(qid, kind, raw["prompt"], tuple(options), raw.get("scenario") or "", raw.get("explanation") or "",
                    raw.line)


def _true_false(raw: LocatedDict, file: str, problems: Problems, labels: tuple[str, str]) -> Question | None:
    qid = raw["id"]
    if "options" in raw:
        problems.error(file, raw.line_of("options"), f"the true-false question '{qid}' cannot have 'options'.",
                       "write 'answer: true' or 'answer: false' and 'feedback_true'/'feedback_false' instead.")
        return None
    missing = [key for key in ("answer", "feedback_true", "feedback_false") if key not in raw]
    if missing:
        problems.error(file, raw.line, f"the true-false question '{qid}' has no {' or '.join(repr(m) for m in missing)}.",
                       "a true-false question needs 'answer' and a feedback for each choice: 'feedback_true', 'feedback_false'.")
        return None
    answer = raw["answer"]
    options = (
        Option("true", labels[0], answer is True, raw["feedback_true"]),
        Option("false", labels[1], answer is False, raw["feedback_false"]),
    )
    return Question(qid, TRUE_FALSE, raw["prompt"], options, "", raw.get("explanation") or "", raw.line)
