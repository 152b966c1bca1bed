"""Item writing: can a learner pass the quizzes by the pattern, not the lesson?

For every single-answer question (``single`` and ``scenario``) we note where
the right answer sits: its position (1 = first option) and its length rank
(1 + the number of options whose text is strictly longer; 1 = the longest).
For true-false questions, whether the statement is true. Over the course, no
position and no length rank may hold the right answer too often, and
true-false answers must not lean to one side: otherwise "always pick the
second-longest" or "always answer false" passes the quizzes.

The rules apply to the course as a whole, and only once it has enough
questions for a balance to be possible: three questions cannot spread over
four positions. ``report`` prints the figures per quiz and for the course.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .problems import Problems
from .quizzes import SCENARIO, SINGLE, TRUE_FALSE, Question, Quiz

_EPSILON = 1e-9  # shares are compared with counts: 0.4 of 10 is 4, not 4.000000001


@dataclass(frozen=True)
class ItemWritingRules:
    """The thresholds; each is a plugin option named ``item_writing_<name>``."""

    enabled: bool = True
    max_share: float = 0.40      # of single-answer questions, per position and per length rank
    min_true: float = 0.35       # share of true-false statements that are true
    max_true: float = 0.65
    min_single: int = 10         # fewer single-answer questions: no position/rank rule
    min_true_false: int = 5      # fewer true-false questions: no balance rule


@dataclass(frozen=True)
class Answer:
    """Where the right answer of one single-answer question sits."""

    quiz: Quiz
    question: Question
    position: int
    rank: int


def single_answers(quiz: Quiz) -> list[Answer]:
    answers = []
    for question in quiz.questions:
        if question.type not in (SINGLE, SCENARIO):
            continue
        lengths = [len(option.text.strip()) for option in question.options]
        index = next(i for i, option in enumerate(question.options) if option.correct)
        rank = 1 + sum(length > lengths[index] for length in lengths)
        answers.append(Answer(quiz, question, index + 1, rank))
    return answers


def true_false(quiz: Quiz) -> list[tuple[Quiz, Question, bool]]:
    return [(quiz, q, q.options[0].correct) for q in quiz.questions if q.type == TRUE_FALSE]


@dataclass(frozen=True)
class Finding:
    """One pattern over the course, located at the first question concerned."""

    file: str
    line: int
    message: str
    hint: str
    summary: str  # a short line for the report


def findings(quizzes: Iterable[Quiz], rules: ItemWritingRules) -> list[Finding]:
    """The patterns over the course that break the rules (none when disabled)."""
    if not rules.enabled:
        return []
    quizzes = list(quizzes)
    answers = [answer for quiz in quizzes for answer in single_answers(quiz)]
    found = []
    if len(answers) >= max(rules.min_single, 1):
        for label, key in (("position", lambda a: a.position), ("length rank", lambda a: a.rank)):
            for value, count in sorted(Counter(map(key, answers)).items()):
                if count > rules.max_share * len(answers) + _EPSILON:
                    found.append(_too_often(label, value, [a for a in answers if key(a) == value], len(answers), rules))
    statements = [entry for quiz in quizzes for entry in true_false(quiz)]
    if len(statements) >= max(rules.min_true_false, 1):
        true = sum(answer for _, _, answer in statements)
        share = true / len(statements)
        if true < rules.min_true * len(statements) - _EPSILON or true > rules.max_true * len(statements) + _EPSILON:
            side = share > rules.max_true
            to_rewrite = [(quiz, question) for quiz, question, answer in statements if answer == side]
            found.append(_unbalanced(true, len(statements), side, to_rewrite, rules))
    return found


def check_item_writing(quizzes: Iterable[Quiz], rules: ItemWritingRules, problems: Problems) -> None:
    """Report each finding as a warning (the strict build makes it fatal)."""
    for finding in findings(quizzes, rules):
        problems.warning(finding.file, finding.line, finding.message, finding.hint)


def _rank_name(rank: int) -> str:
    ordinal = {1: "", 2: "second-", 3: "third-"}.get(rank, f"{rank}th-")
    return f"the {ordinal}longest option"


def _where(questions: list[tuple[Quiz, Question]]) -> str:
    """Quiz files and question ids, grouped by file, in file order."""
    by_file: dict[str, list[str]] = {}
    for quiz, question in questions:
        by_file.setdefault(quiz.file, []).append(question.id)
    return "; ".join(f"{file}: {', '.join(ids)}" for file, ids in by_file.items())


def _too_often(label: str, value: int, concerned: list[Answer], total: int, rules: ItemWritingRules) -> Finding:
    share = len(concerned) / total
    first = concerned[0]
    figure = f"{len(concerned)} of {total} single-answer questions ({share:.0%}); the limit is {rules.max_share:.0%}"
    where = _where([(a.quiz, a.question) for a in concerned])
    if label == "position":
        message = (f"the right answer is option {value} in {figure}: "
                   f"a learner who always picks option {value} scores {share:.0%}.")
        hint = f"move the right answer to another position in some of these (reordering keeps saved results): {where}."
    else:
        message = (f"the right answer is {_rank_name(value)} (length rank {value}) in {figure}: "
                   f"a learner who always picks {_rank_name(value)} scores {share:.0%}.")
        hint = ("rewrite some of these so that length gives nothing away (a right answer as plain as the others, "
                f"wrong options as specific and as long as it): {where}.")
    return Finding(first.quiz.file, first.question.line or first.quiz.line, message, hint,
                   f"{label} {value} holds the right answer in {share:.0%} (limit {rules.max_share:.0%})")


def _unbalanced(true: int, total: int, too_true: bool, to_rewrite: list[tuple[Quiz, Question]], rules: ItemWritingRules) -> Finding:
    share = true / total
    majority = "true" if too_true else "false"
    minority = "false" if too_true else "true"
    quiz, question = to_rewrite[0]
    message = (f"{true} of {total} true-false statements {'is' if true == 1 else 'are'} true ({share:.0%}); keep between {rules.min_true:.0%} "
               f"and {rules.max_true:.0%} true: a learner who always answers '{majority}' scores "
               f"{max(share, 1 - share):.0%}.")
    hint = f"rewrite some of these {majority} statements as {minority} ones, or as scenario questions: {_where(to_rewrite)}."
    range_ = f"{rules.min_true:.0%}-{rules.max_true:.0%}"
    return Finding(quiz.file, question.line or quiz.line, message, hint,
                   f"true-false statements are {share:.0%} true (range {range_})")


def report(quizzes: list[Quiz], rules: ItemWritingRules, title: str) -> str:
    """The figures as plain text: per quiz and for the course, where the right
    answer sits by position and by length rank, and the true/false balance."""
    answers = {quiz.id: single_answers(quiz) for quiz in quizzes}
    statements = {quiz.id: true_false(quiz) for quiz in quizzes}
    everything = [a for quiz in quizzes for a in answers[quiz.id]]
    width = max([len("course"), *(len(quiz.id) for quiz in quizzes)])
    lines = [title, ""]

    columns = max([2, *(len(a.question.options) for a in everything)])
    for label, key, note in (
        ("position", lambda a: a.position, "1 = first option"),
        ("length rank", lambda a: a.rank, "1 = longest option; options of equal length share a rank"),
    ):
        lines.append(f"Right answer by {label} ({note}), single-answer questions:")
        lines.append(f"  {'quiz':<{width}} {'n':>4}" + "".join(f"{n:>6}" for n in range(1, columns + 1)))
        for quiz in quizzes:
            if answers[quiz.id]:
                lines.append(_row(quiz.id, answers[quiz.id], key, width, columns))
        lines.append(_row("course", everything, key, width, columns))
        if everything:
            counts = Counter(map(key, everything))
            lines.append(f"  {'share':<{width}} {'':>4}"
                         + "".join(f"{counts[n] / len(everything):>6.0%}" for n in range(1, columns + 1)))
        lines.append("")

    every_statement = [s for quiz in quizzes for s in statements[quiz.id]]
    lines.append("True/false balance (answer of each true-false statement):")
    lines.append(f"  {'quiz':<{width}} {'n':>4} {'true':>6} {'false':>6}")
    for quiz in quizzes:
        if statements[quiz.id]:
            lines.append(_balance_row(quiz.id, statements[quiz.id], width))
    lines.append(_balance_row("course", every_statement, width)
                 + (f"   {sum(s[2] for s in every_statement) / len(every_statement):.0%} true" if every_statement else ""))
    lines.append("")

    lines.append(_verdict(quizzes, rules, len(everything), len(every_statement)))
    return "\n".join(lines) + "\n"


def _row(name: str, answers: list[Answer], key, width: int, columns: int) -> str:
    counts = Counter(map(key, answers))
    return f"  {name:<{width}} {len(answers):>4}" + "".join(f"{counts[n]:>6}" for n in range(1, columns + 1))


def _balance_row(name: str, statements: list[tuple[Quiz, Question, bool]], width: int) -> str:
    true = sum(answer for _, _, answer in statements)
    return f"  {name:<{width}} {len(statements):>4} {true:>6} {len(statements) - true:>6}"


def _verdict(quizzes: list[Quiz], rules: ItemWritingRules, singles: int, statements: int) -> str:
    limits = (f"Limits over the course: at most {rules.max_share:.0%} of single-answer questions in one position or "
              f"one length rank (from {rules.min_single} questions); {rules.min_true:.0%}-{rules.max_true:.0%} "
              f"of true-false statements true (from {rules.min_true_false} statements).")
    notes = []
    if not rules.enabled:
        notes.append("the check is off for this edition (item_writing: false): nothing below is reported as a warning.")
    if singles < rules.min_single:
        notes.append(f"{_few(singles)} single-answer question{'s' * (singles != 1)}: "
                     "the position and length rules do not apply yet.")
    if statements < rules.min_true_false:
        notes.append(f"{_few(statements)} true-false statement{'s' * (statements != 1)}: "
                     "the balance rule does not apply yet.")
    found = findings(quizzes, replace(rules, enabled=True))
    verdict = ["Over the limits:", *(f"  - {f.summary}" for f in found)] if found else ["Within the limits."]
    return "\n".join([limits, *(f"Note: {note}" for note in notes), *verdict])


def _few(count: int) -> str:
    return f"only {count}" if count else "no"
