"""The repository tells the truth about itself: the README lists every module,
CONTRIBUTING names no file outside the repository, the code passes the lint
that pre-commit runs, and CI runs what .ci/run runs."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

PACKAGE = ROOT / "plugins" / "coursekit"


def test_the_readme_lists_every_module_of_the_plugin() -> None:
    readme = (ROOT / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith("| `plugins/coursekit/`"))
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "__init__.py":
            assert f"`{path.name}`" in row, path.relative_to(ROOT)


def test_contributing_names_no_file_outside_the_repository() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text()
    # Relative paths are from a file inside the repository (a quiz, a lesson); none climbs out of it.
    for match in re.finditer(r"((?:\.\./)+)([\w.-]+)", text):
        assert match.group(2) in ("plugins", "glosario.md", "lecciones"), match.group(0)
    for path in re.findall(r"`((?:plugins|tests|content|quizzes|checklists|\.github)/[^`*<> ]+\.[a-z]+)`", text):
        assert (ROOT / path).exists(), path


def test_the_code_passes_the_lint_pre_commit_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(ROOT)], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout
    hooks = (ROOT / ".pre-commit-config.yaml").read_text()
    assert "entry: ruff check" in hooks and "ruff-format" not in hooks


def test_github_workflows_run_what_ci_runs() -> None:
    ci = (ROOT / ".ci/run").read_text()
    for target in ("make check", "make lint", "make test", "make build"):
        assert target in ci
    # Debian's chromium for the browser tests, npm for their SCORM runtime (npm ci), each when missing.
    assert 'missing="chromium"' in ci and 'missing="$missing npm"' in ci and "apt-get install -y -qq $missing" in ci
    for workflow in (ROOT / ".github/workflows").glob("*.yml"):
        text = workflow.read_text()
        assert ".ci/run" in text, workflow.name
        assert "google-chrome" not in text and "COURSEKIT_CHROMIUM" not in text, workflow.name
        assert "container: python:3.12-bookworm" in text, f"{workflow.name}: Debian, for Debian's chromium"
