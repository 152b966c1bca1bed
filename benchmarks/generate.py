"""Generate a synthetic course of N lessons, each with a quiz and checklist items.

    python benchmarks/generate.py 500 /tmp/course-500
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

from coursekit.model.schema import SCHEMA_FILE

LESSONS_PER_CHECKLIST = 4  # two items each: 8 one-line items per sheet, well within one page
LESSONS_PER_MODULE = 10    # a large course comes in modules, one nav section each


# The right answer is the shortest, a middle or the longest option, and sits
# first, second or third in turn: the course passes the item-writing check.
RIGHT_TEXTS = ("Listen, then give a date.", "Listen, then give a date to answer.",
               "Listen, then give a date for the answer.")
WRONG_OPTIONS = (
    ("defend", "Explain why it was not your fault.", "It sounds defensive and leaves the problem open."),
    ("promise", "Promise a fix today without checking.", "A promise you may break costs more trust."),
)


def _question(number: int, q: int) -> str:
    right = ("listen-and-plan", RIGHT_TEXTS[(q + q // 3) % 3], "It shows you heard them and will follow through.")
    options = list(WRONG_OPTIONS)
    options.insert(q % 3, right)
    lines = [f"  - id: question-{q}", "    type: scenario",
             f"    scenario: A client of lesson {number} is upset about question {q}.",
             "    prompt: What do you say?", "    options:"]
    for option_id, text, feedback in options:
        lines += [f"      - id: {option_id}", f"        text: {text}"]
        lines += ["        correct: true"] if option_id == right[0] else []
        lines += [f"        feedback: {feedback}"]
    return "\n".join(lines) + "\n"


def generate(count: int, target: Path) -> Path:
    """Write mkdocs.yml, lessons, quizzes and checklists; return the config file."""
    docs, quizzes = target / "docs", target / "quizzes"
    schema = f"# yaml-language-server: $schema={Path(os.path.relpath(SCHEMA_FILE, quizzes)).as_posix()}"
    (docs / "lessons").mkdir(parents=True, exist_ok=True)
    quizzes.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Generated course\n\n{{ course_overview() }}\n")
    checklists = ["checklists:"]
    for number in range(count):
        lesson_id = f"lesson-{number:04d}"
        checklist_id = f"list-{number // LESSONS_PER_CHECKLIST:03d}"
        if number % LESSONS_PER_CHECKLIST == 0:
            checklists += [f"  - id: {checklist_id}", f"    title: Checklist {checklist_id}",
                           "    when: Before the call.", "    kind: read-do"]
        module = docs / "lessons" / f"module-{number // LESSONS_PER_MODULE:03d}"
        module.mkdir(exist_ok=True)
        (module / f"{lesson_id}.md").write_text(textwrap.dedent(f"""\
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

            {{{{ quiz("{lesson_id}") }}}}
            """))
        questions = "".join(_question(number, q) for q in range(6))
        (quizzes / f"{lesson_id}.yml").write_text(f"{schema}\nid: {lesson_id}\ntitle: Quiz {number}\nquestions:\n{questions}")
    (target / "checklists.yml").write_text("\n".join(checklists) + "\n")
    config = target / "mkdocs.yml"
    config.write_text(textwrap.dedent("""\
        site_name: Generated course
        site_url: http://127.0.0.1:8000/
        docs_dir: docs
        theme:
          name: material
          language: en
          font: false
          # Material renders the whole nav into every page unless pruned; a
          # large course needs this, with or without our plugin.
          features: [navigation.instant, navigation.prune]
        plugins:
          - search
          - macros
          - coursekit:
              quizzes_dir: quizzes
              checklists_file: checklists.yml
              lessons_dir: lessons
              rules:
                sections: 3
                opening_section: A situation to start with  # every edition's text is English
        markdown_extensions: [admonition, attr_list, tables, toc]
        """))
    return config


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
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
