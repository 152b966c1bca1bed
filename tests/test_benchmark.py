"""The benchmark's generator makes a course that builds strictly, so the
benchmark cannot rot unnoticed."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate
from tests.conftest import mkdocs_build


def test_generated_course_builds_strictly(tmp_path: Path) -> None:
    config = generate(6, tmp_path / "course")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/lessons/module-000/lesson-0005/index.html").is_file()
    assert (tmp_path / "site/checklists/list-001/index.html").is_file()
