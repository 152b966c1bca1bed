"""``coursekit check`` and ``coursekit new``, run as contributors run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project, mkdocs_build


def coursekit(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | (env or {})
    return subprocess.run([sys.executable, "-m", "coursekit.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=environ, timeout=120, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "course")


def replace(path: Path, old: str, new: str) -> int:
    """Replace once and return the line where the change is."""
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


def test_check_passes_on_the_course(project: Path) -> None:
    result = coursekit("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


QUIZ = "quizzes/es/confianza.yml"
LESSON = "content/es/lecciones/confianza.md"
CONVERSATION = "conversations/es/agua-en-el-dormitorio.yml"
PLACED_IN = "content/es/lecciones/cuando-el-error-es-tuyo.md"


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    (QUIZ, "questions:\n", "questions: [\n", "this is not valid YAML"),
    (QUIZ, "    prompt:", "    promt:", "unknown key 'promt' in a question. Hint: did you mean 'prompt'?"),
    (QUIZ, "        correct: true\n", "", "correct options; it needs exactly one"),
    (LESSON, "checklist:\n  relacion:", "checklist:\n  relacoin:", "the checklist 'relacoin' does not exist."),
    (LESSON, '{{ quiz("confianza") }}', '{{ quiz("confianza-2") }}', "places the quiz 'confianza-2', which does not exist"),
    (LESSON, "](../glosario.md#", "](../glosari.md#", "points to a page that does not exist"),
    (CONVERSATION, "        next: pide-cuentas\n", "        next: pide-cuenta\n", "leads to 'pide-cuenta', which is neither"),
    (CONVERSATION, "lesson: lecciones/cuando-el-error-es-tuyo.md#das-la-cara-tu",
     "lesson: lecciones/cuando-el-error-es-tuyo.md#da-la-cara", "names an anchor that 'lecciones/cuando-el-error-es-tuyo.md'"),
    (PLACED_IN, 'conversation("agua-en-el-dormitorio")', 'conversation("agua")', "places the conversation 'agua', which does not exist"),
])
def test_check_reports_file_and_line(project: Path, file: str, old: str, new: str, message: str) -> None:
    line = replace(project / file, old, new)
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    lines = [entry for entry in result.stdout.splitlines() if message in entry]
    assert lines, result.stdout
    reported = int(lines[0].split(":")[1])
    assert lines[0].startswith(f"{file}:")
    # The line of the change, or of the block it belongs to (e.g. a question's options).
    assert -2 <= line - reported <= 12, (reported, line, lines[0])
    assert "Traceback" not in result.stderr


def test_check_emits_github_annotations(project: Path) -> None:
    replace(project / QUIZ, "    prompt:", "    promt:")
    result = coursekit("check", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations and annotations[0].startswith(f"::error file={QUIZ},line=")
    assert "unknown key 'promt'" in annotations[0]
    plain = coursekit("check", cwd=project)
    assert "::error" not in plain.stdout


def test_check_finds_a_broken_anchor(project: Path) -> None:
    replace(project / LESSON, "glosario.md#", "glosario.md#no-such-")
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    assert "names an anchor that 'glosario.md' does not have" in result.stdout


def test_scaffolded_lesson_builds_strictly(project: Path, tmp_path: Path) -> None:
    result = coursekit("new", "decir-que-no", "--title", "Decir que no: sin perder al cliente", "--after", "confianza",
                       cwd=project)
    assert result.returncode == 0, result.stderr
    lesson = project / "content/es/lecciones/decir-que-no.md"
    assert lesson.is_file() and (project / "quizzes/es/decir-que-no.yml").is_file()
    nav = (project / "mkdocs.yml").read_text().splitlines()
    position = nav.index("      - lecciones/decir-que-no.md")
    assert nav[position - 1].strip() == "- lecciones/confianza.md", "placed in the course order"
    check = coursekit("check", cwd=project)
    assert check.returncode == 0, check.stdout
    site = tmp_path / "site"
    build = mkdocs_build(project / "mkdocs.yml", site)
    assert build.returncode == 0, build.stderr
    html = (site / "lecciones/decir-que-no/index.html").read_text()
    assert 'data-quiz="decir-que-no"' in html
    again = coursekit("new", "decir-que-no", "--title", "Otra", cwd=project)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_edition_parity(project: Path) -> None:
    """A second edition that misses a quiz is reported against the first."""
    import shutil

    # The real course's own English pages are replaced by a full copy of the Spanish ones,
    # so that the only difference between the editions is the one made below.
    for edition_dir in ("content/en", "quizzes/en", "conversations/en"):
        shutil.rmtree(project / edition_dir, ignore_errors=True)
    shutil.copytree(project / "content/es", project / "content/en")
    shutil.copytree(project / "quizzes/es", project / "quizzes/en")
    shutil.copytree(project / "conversations/es", project / "conversations/en")
    shutil.copy(project / "checklists/es.yml", project / "checklists/en.yml")
    (project / "mkdocs.en.yml").write_text(
        "INHERIT: mkdocs.yml\ndocs_dir: content/en\nsite_dir: site/en\ntheme:\n  language: en\n"
        "plugins:\n  - search\n  - macros\n  - coursekit:\n      quizzes_dir: quizzes/en\n"
        "      checklists_file: checklists/en.yml\n      lessons_dir: lecciones\n"
        "      conversations_dir: conversations/en\n")
    assert coursekit("check", cwd=project).returncode == 0
    replace(project / "quizzes/en/confianza.yml", "  - id: ", "  - id: renamed-")
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    assert "quizzes/en/confianza.yml:1: the quiz 'confianza' lacks the question(s)" in result.stdout
    assert "has the question(s) 'renamed-" in result.stdout, "extra ids are named too"


def test_scaffolded_conversation_is_placed_and_builds_strictly(project: Path, tmp_path: Path) -> None:
    result = coursekit("new", "--conversation", "decir-que-no", "--title", "Decir que no", "--lesson", "confianza", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "conversations/es/decir-que-no.yml").is_file()
    assert 'conversation("decir-que-no")' in (project / LESSON).read_text()
    assert "      - conversations/decir-que-no.md" in (project / "mkdocs.yml").read_text().splitlines()
    check = coursekit("check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    site = tmp_path / "site"
    build = mkdocs_build(project / "mkdocs.yml", site)
    assert build.returncode == 0, build.stderr
    assert 'data-conversation="decir-que-no"' in (site / "lecciones/confianza/index.html").read_text()
    assert (site / "conversations/decir-que-no/index.html").is_file()
    again = coursekit("new", "--conversation", "decir-que-no", cwd=project)
    assert again.returncode == 2 and "already exists" in again.stderr
