"""The benchmark's generator makes a course that builds strictly, so the
benchmark cannot rot unnoticed."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate
from tests.conftest import ROOT, mkdocs_build


def test_generated_course_builds_strictly(tmp_path: Path) -> None:
    config = generate(6, tmp_path / "course")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/lessons/module-000/lesson-0005/index.html").is_file()
    assert (tmp_path / "site/checklists/list-001/index.html").is_file()


def test_plugin_off_baseline_builds_the_same_pages(tmp_path: Path) -> None:
    """The ratio compares like with like: with the plugin off, the baseline
    still builds every page the plugin's build has, strictly."""
    from benchmarks.bench import build_once, same_pages_without_plugin

    config = ROOT / "tests/fixtures/basic/mkdocs.yml"
    docs = same_pages_without_plugin(config, tmp_path / "docs")
    build_once(config, tmp_path / "with")
    build_once(config, tmp_path / "without", plugin=False, docs_dir=docs)

    def pages(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}

    assert "checklists/before/index.html" in pages(tmp_path / "with")
    assert pages(tmp_path / "with") == pages(tmp_path / "without")
    assert "coursekit-sheet" not in (tmp_path / "without/checklists/before/index.html").read_text()


def test_generated_editions_build_into_one_site(tmp_path: Path) -> None:
    """The benchmark's three-edition course passes the check and builds every edition."""
    from benchmarks.generate import generate_editions
    from tests.conftest import coursekit_build

    project = generate_editions(3, tmp_path / "course")
    result = coursekit_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("lessons/module-000/lesson-0002/index.html", "es/lessons/module-000/lesson-0002/index.html",
                 "ro/lessons/module-000/lesson-0002/index.html"):
        assert (tmp_path / "site" / page).is_file(), page
