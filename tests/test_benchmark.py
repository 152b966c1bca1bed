"""The benchmark's generator makes a course that builds strictly, so the
benchmark cannot rot unnoticed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from benchmarks.generate import generate, generate_peer
from tests.conftest import ROOT, mkdocs_build


def test_generated_course_builds_strictly(tmp_path: Path) -> None:
    config = generate(6, tmp_path / "course")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/lessons/module-000/lesson-0005/index.html").is_file()
    assert (tmp_path / "site/checklists/list-001/index.html").is_file()


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.mark.parametrize("course", ["fixture", "generated"])
def test_plugin_off_baseline_builds_the_same_pages(tmp_path: Path, course: str) -> None:
    """The ratio compares like with like: with the plugin off, the baseline
    still builds every page the plugin's build has, strictly; each build
    reports its CPU time, the figure that decides."""
    from benchmarks.bench import build_once, same_pages_without_plugin

    config = ROOT / "tests/fixtures/basic/mkdocs.yml" if course == "fixture" else generate(6, tmp_path / "course")
    docs = same_pages_without_plugin(config, tmp_path / "docs")
    on = build_once(config, tmp_path / "with")
    off = build_once(config, tmp_path / "without", plugin=False, docs_dir=docs)

    checklist = "checklists/before/index.html" if course == "fixture" else "checklists/list-001/index.html"
    assert checklist in _pages(tmp_path / "with")
    assert _pages(tmp_path / "with") == _pages(tmp_path / "without")
    assert "coursekit-sheet" not in (tmp_path / f"without/{checklist}").read_text()
    assert on["cpu"] > 0 and off["cpu"] > 0


def test_peer_course_holds_the_same_lessons_and_questions(tmp_path: Path) -> None:
    """mkdocs-quiz gets the same lessons, and each quiz the same questions and
    options in the same order, written in its syntax."""
    ours = generate(3, tmp_path / "ours").parent
    peer_on, peer_off = generate_peer(3, tmp_path / "peer")
    assert peer_on.parent == peer_off.parent
    for number in range(3):
        lesson = f"docs/lessons/module-000/lesson-{number:04d}.md"
        our_text, peer_text = (ours / lesson).read_text(), (peer_on.parent / lesson).read_text()
        assert our_text.split("## Check what you have learned")[0] == peer_text.split("## Check what you have learned")[0]
        quiz = yaml.safe_load((ours / f"quizzes/lesson-{number:04d}.yml").read_text())
        blocks = re.findall(r"<quiz>\n(.*?)</quiz>", peer_text, re.DOTALL)
        assert len(blocks) == len(quiz["questions"])
        for question, block in zip(quiz["questions"], blocks):
            answers = re.findall(r"^- \[([x ])\] (.*)$", block, re.MULTILINE)
            assert answers == [("x" if o.get("correct") else " ", o["text"]) for o in question["options"]]
            assert block.startswith(question["scenario"])


@pytest.mark.skipif(importlib.util.find_spec("mkdocs_quiz") is None, reason="mkdocs-quiz is a benchmark-only extra")
def test_peer_course_builds_with_and_without_mkdocs_quiz(tmp_path: Path) -> None:
    from benchmarks.bench import build_once

    peer_on, peer_off = generate_peer(2, tmp_path / "peer")
    build_once(peer_on, tmp_path / "on", plugin=None)
    build_once(peer_off, tmp_path / "off", plugin=None)
    assert _pages(tmp_path / "on") == _pages(tmp_path / "off")
    assert 'class="quiz"' in (tmp_path / "on/lessons/module-000/lesson-0001/index.html").read_text()


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
