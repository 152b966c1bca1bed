"""Generate a synthetic course of N lessons, each with a quiz and checklist items.

    python benchmarks/generate.py 500 /tmp/course-500            # for coursekit
    python benchmarks/generate.py 500 /tmp/peer-500 mkdocs-quiz  # the same lessons for mkdocs-quiz

The mkdocs-quiz course holds the same lessons (same front matter, prose and
table) and the same six scenario questions, written in that plugin's syntax
(``<quiz>`` blocks, ``- [x]`` answers, ``>`` feedback), so the two plugins can
be compared on equal content.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

from coursekit.model.schema import SCHEMA_FILE

LESSONS_PER_CHECKLIST = 4  # two items each: 8 one-line items per sheet, well within one page
LESSONS_PER_MODULE = 10    # a large course comes in modules, one nav section each
QUESTIONS = 6
# The right answer is the shortest, a middle or the longest option, and sits
# first, second or third in turn: the course passes the item-writing check.
RIGHT_TEXTS = ("Listen, then give a date.", "Listen, then give a date to answer.",
               "Listen, then give a date for the answer.")
WRONG_OPTIONS = (
    ("defend", "Explain why it was not your fault.", "It sounds defensive and leaves the problem open."),
    ("promise", "Promise a fix today without checking.", "A promise you may break costs more trust."),
)


def _options(q: int) -> list[tuple[str, str, bool, str]]:
    """Question ``q``'s options as (id, text, correct, feedback): the same in both syntaxes."""
    right = ("listen-and-plan", RIGHT_TEXTS[(q + q // 3) % 3], True, "It shows you heard them and will follow through.")
    options = [(option_id, text, False, feedback) for option_id, text, feedback in WRONG_OPTIONS]
    options.insert(q % 3, right)
    return options


def _question(number: int, q: int) -> str:
    lines = [f"  - id: question-{q}", "    type: scenario", f"    scenario: {_scenario(number, q)}",
             "    prompt: What do you say?", "    options:"]
    for option_id, text, correct, feedback in _options(q):
        lines += [f"      - id: {option_id}", f"        text: {text}"]
        lines += ["        correct: true"] if correct else []
        lines += [f"        feedback: {feedback}"]
    return "\n".join(lines) + "\n"


PEER_CONFIG, PEER_CONFIG_OFF = "mkdocs.yml", "mkdocs-off.yml"


def _lesson(number: int, quiz: str) -> str:
    """A lesson's Markdown: front matter, prose, a table, then ``quiz``."""
    checklist_id = f"list-{number // LESSONS_PER_CHECKLIST:03d}"
    return textwrap.dedent(f"""\
        ---
        title: Lesson {number}
        description: What lesson {number} teaches.
        time: 12
        objectives:
          - Recognise the first idea of lesson {number}.
          - Choose the second idea of lesson {number}.
        key_points:
          - The key point of lesson {number}.
        checklist:
          {checklist_id}:
            - Do the first thing that lesson {number} teaches.
            - Do the second thing that lesson {number} teaches.
        ---

        ## A situation to start with

        {"A client calls about a late delivery and wants to know what happened. " * 12}

        ## What to do

        {"Listen first, then say what you know, what you do not know yet and when you will call back. " * 20}

        | Instead of saying | Try |
        | --- | --- |
        | "It is not our fault." | "Let me find out what happened and call you at four." |

        ## Check what you have learned

        """) + quiz


def _scenario(number: int, question: int) -> str:
    return f"A client of lesson {number} is upset about question {question}."


def _lessons(docs: Path, count: int, quiz_for) -> None:
    for number in range(count):
        module = docs / "lessons" / f"module-{number // LESSONS_PER_MODULE:03d}"
        module.mkdir(parents=True, exist_ok=True)
        (module / f"lesson-{number:04d}.md").write_text(_lesson(number, quiz_for(number)))


def _mkdocs_yml(site_name: str, plugins: str, extensions: str) -> str:
    return textwrap.dedent(f"""\
        site_name: {site_name}
        site_url: http://127.0.0.1:8000/
        docs_dir: docs
        theme:
          name: material
          language: en
          font: false
          # Material renders the whole nav into every page unless pruned; a
          # large course needs this, with or without a quiz plugin.
          features: [navigation.instant, navigation.prune]
        plugins:
        """) + plugins + f"markdown_extensions: [{extensions}]\n"


def generate(count: int, target: Path) -> Path:
    """Write mkdocs.yml, lessons, quizzes and checklists; return the config file."""
    docs, quizzes = target / "docs", target / "quizzes"
    schema = f"# yaml-language-server: $schema={Path(os.path.relpath(SCHEMA_FILE, quizzes)).as_posix()}"
    docs.mkdir(parents=True, exist_ok=True)
    quizzes.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Generated course\n\n{{ course_overview() }}\n")
    _lessons(docs, count, lambda number: f'{{{{ quiz("lesson-{number:04d}") }}}}\n')
    checklists = ["checklists:"]
    for number in range(0, count, LESSONS_PER_CHECKLIST):
        checklist_id = f"list-{number // LESSONS_PER_CHECKLIST:03d}"
        checklists += [f"  - id: {checklist_id}", f"    title: Checklist {checklist_id}",
                       "    when: Before the call.", "    kind: read-do"]
    for number in range(count):
        questions = "".join(_question(number, q) for q in range(QUESTIONS))
        (quizzes / f"lesson-{number:04d}.yml").write_text(f"{schema}\nid: lesson-{number:04d}\ntitle: Quiz {number}\nquestions:\n{questions}")
    (target / "checklists.yml").write_text("\n".join(checklists) + "\n")
    config = target / "mkdocs.yml"
    config.write_text(_mkdocs_yml("Generated course", textwrap.indent(textwrap.dedent("""\
        - search
        - macros
        - coursekit:
            quizzes_dir: quizzes
            checklists_file: checklists.yml
            lessons_dir: lessons
            rules:
              sections: 3
              opening_section: A situation to start with  # every edition's text is English
        """), "  "), "admonition, attr_list, tables, toc"))
    return config


def generate_peer(count: int, target: Path) -> tuple[Path, Path]:
    """The same lessons and questions for mkdocs-quiz. Returns two configs:
    with mkdocs-quiz, and the same pages without it (its baseline)."""
    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Generated course\n")

    def quiz(number: int) -> str:
        blocks = []
        for q in range(QUESTIONS):
            answers = "".join(f"- [{'x' if correct else ' '}] {text}\n    > {feedback}\n"
                              for _, text, correct, feedback in _options(q))
            blocks.append(f"<quiz>\n{_scenario(number, q)} What do you say?\n{answers}</quiz>\n")
        # Its intro (with a reset button) and results panel: our quiz has both.
        return "<!-- mkdocs-quiz intro -->\n\n" + "\n".join(blocks) + "\n<!-- mkdocs-quiz results -->\n"

    _lessons(docs, count, quiz)
    extensions = "admonition, attr_list, tables, toc"
    (target / PEER_CONFIG).write_text(_mkdocs_yml("Generated course", "  - search\n  - mkdocs_quiz\n", extensions))
    (target / PEER_CONFIG_OFF).write_text(_mkdocs_yml("Generated course", "  - search\n", extensions))
    return target / PEER_CONFIG, target / PEER_CONFIG_OFF


def generate_editions(count: int, target: Path, languages: tuple[str, ...] = ("en", "es", "ro")) -> Path:
    """The generated course in several editions: mkdocs.yml (the first language)
    and one mkdocs.<code>.yml per other language, each with its own copy of the
    pages; quizzes and checklists are shared. Returns the project folder."""
    import shutil

    config = generate(count, target)
    base = config.read_text().replace("language: en", f"language: {languages[0]}")
    config.write_text(base)
    for code in languages[1:]:
        shutil.copytree(target / "docs", target / f"docs-{code}")
        (target / f"mkdocs.{code}.yml").write_text(textwrap.dedent(f"""\
            INHERIT: mkdocs.yml
            docs_dir: docs-{code}
            theme:
              language: {code}
            """))
    return target


if __name__ == "__main__":
    if sys.argv[3:] == ["mkdocs-quiz"]:
        print(*generate_peer(int(sys.argv[1]), Path(sys.argv[2])))
    else:
        print(generate(int(sys.argv[1]), Path(sys.argv[2])))
