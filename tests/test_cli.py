"""``coursekit check`` and ``coursekit new``, run as contributors run them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


def problem_at(result: subprocess.CompletedProcess, text: str) -> tuple[str, int, str]:
    """(file, line, whole message) of the one problem that mentions ``text``."""
    lines = [line for line in result.stdout.splitlines() if text in line]
    assert len(lines) == 1, result.stdout
    file, line, rest = lines[0].split(":", 2)
    return file, int(line), rest.strip()


@pytest.mark.parametrize(("old", "new", "message", "hint"), [
    ("](../glosario.md#", "](../glosari.md#", "points to a page that does not exist", "Hint: did you mean '../glosario.md'?"),
    ("glosario.md#revision-periodica", "glosario.md#revision-periodic", "names an anchor", "Hint: did you mean '#revision-periodica'?"),
    ("](../glosario.md#", "](../glosario#", "does not point to a '.md' file", "Hint: did you mean '../glosario.md#"),
    ('{{ quiz("confianza") }}', '{{ quiz("confianz") }}', "which does not exist", "Hint: did you mean 'confianza'?"),
])
def test_did_you_mean(project: Path, old: str, new: str, message: str, hint: str) -> None:
    line = replace(project / LESSON, old, new)
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    file, reported, text = problem_at(result, message)
    assert (file, reported) == (LESSON, line)
    assert hint in text


def test_a_lesson_link_without_md_is_rejected_as_the_build_rejects_it(project: Path, tmp_path: Path) -> None:
    lesson = project / LESSON
    lesson.write_text(lesson.read_text() + "\nVuelve a [las emociones](emociones-y-actitud).\n")
    result = coursekit("check", cwd=project)
    file, line, text = problem_at(result, "does not point to a '.md' file")
    assert (file, line) == (LESSON, len(lesson.read_text().splitlines()))
    assert "Hint: did you mean 'emociones-y-actitud.md'?" in text
    assert mkdocs_build(project / "mkdocs.yml", tmp_path / "site").returncode != 0, "the strict build rejects it too"


def fill_placeholders(files: list[Path]) -> None:
    """What a contributor does: replace each placeholder (marker and instruction) with text."""
    for path in files:
        path.write_text(path.read_text().replace("PENDIENTE: ", "Texto escrito: ").replace("TODO: ", "Written text: "))


def created_files(result: subprocess.CompletedProcess, project: Path) -> list[Path]:
    """The files 'coursekit new' says it created, in every edition."""
    return [project / name for line in result.stdout.splitlines() if line.startswith("created ")
            for name in re.findall(r"(\S+\.(?:md|yml))", line)]


def test_a_new_lesson_passes_the_gate_once_written(project: Path, tmp_path: Path) -> None:
    from tests.test_course_content import assert_course_passes

    result = coursekit("new", "decir-que-no", "--title", "Decir que no sin perder al cliente", "--after", "confianza",
                       cwd=project)
    assert result.returncode == 0, result.stderr
    files = created_files(result, project)
    lesson = project / "content/es/lecciones/decir-que-no.md"
    quiz = project / "quizzes/es/decir-que-no.yml"
    assert lesson in files and quiz in files and all(path.is_file() for path in files)
    nav = (project / "mkdocs.yml").read_text().splitlines()
    position = nav.index("      - lecciones/decir-que-no.md")
    assert nav[position - 1].strip() == "- lecciones/confianza.md", "placed in the course order"
    # In the edition's language and style: Spanish ids, «Cuestionario: decir que…».
    text = quiz.read_text()
    assert 'title: "Cuestionario: decir que no sin perder al cliente"' in text
    assert "  - id: situacion-1\n" in text and "id: respuesta-recomendada" in text
    assert text.startswith("# yaml-language-server: $schema=../../plugins/coursekit/schema/quiz.schema.json\n")

    unwritten = coursekit("check", cwd=project)
    assert unwritten.returncode == 1
    flagged = {(line.split(":")[0], int(line.split(":")[1])) for line in unwritten.stdout.splitlines()}
    expected = {(path.relative_to(project).as_posix(), number) for path in files
                for number, line in enumerate(path.read_text().splitlines(), 1) if re.search(r"\b(PENDIENTE|TODO):", line)}
    assert flagged == expected, "every placeholder, and nothing else, is reported by its line"
    assert mkdocs_build(project / "mkdocs.yml", tmp_path / "draft").returncode != 0, "the build applies the same rule"

    fill_placeholders(files)
    check = coursekit("check", cwd=project)
    assert check.returncode == 0, check.stdout
    assert_course_passes(project)
    build = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.stderr
    assert 'data-quiz="decir-que-no"' in (tmp_path / "site/lecciones/decir-que-no/index.html").read_text()
    again = coursekit("new", "decir-que-no", "--title", "Otra", cwd=project)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_check_reports_room_on_every_sheet(project: Path) -> None:
    result = coursekit("check", cwd=project)
    assert "Room on the printed checklists (es):" in result.stderr
    for checklist in yaml.safe_load((project / "checklists/es.yml").read_text())["checklists"]:
        assert f"  '{checklist['id']}': " in result.stderr


def test_edition_parity(project: Path) -> None:
    """A second edition that differs is reported against the first: every difference, each named."""
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
        "      conversations_dir: conversations/en\n"
        "      rules:\n        opening_section: Una situación para empezar\n")
    assert coursekit("check", cwd=project).returncode == 0
    replace(project / "quizzes/en/confianza.yml", "  - id: ", "  - id: renamed-")
    replace(project / "quizzes/en/escuchar-de-verdad.yml", "      - id: ", "      - id: renamed-")
    (project / "content/en/lecciones/comunicacion-constante.md").unlink()
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    out = result.stdout
    assert "quizzes/en/confianza.yml:2: the quiz 'confianza' lacks the question(s)" in out
    assert "has the question(s) 'renamed-" in out, "extra ids are named too"
    assert "of the quiz 'escuchar-de-verdad' lacks the option(s)" in out
    assert "the lesson 'comunicacion-constante' has no 'en' edition" in out


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
