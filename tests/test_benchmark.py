"""The benchmark's generator makes a course that builds strictly, so the
benchmark cannot rot unnoticed."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml
from coursekit.model.widgets import fill_placements

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


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


# The theme's edit button: the plugin's generated pages have no source to
# edit, the same pages written out do.
_EDIT_BUTTON = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon" rel="edit">.*?</a>', re.DOTALL)


def _article(html: str) -> str:
    return re.sub(r">\s+<", "><", _EDIT_BUTTON.sub("", _ARTICLE.search(html).group(1))).strip()


def _search_index(site: Path) -> list[tuple[str, str, str]]:
    """The index's entries; a page's title-only entry (its whole content
    placed after indexing: Material indexes the blank between two
    placeholders, and written out there is one) is left aside."""
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return sorted((doc["location"], doc["title"], doc["text"]) for doc in docs
                  if doc["text"] or "#" in doc["location"] or not doc["location"])


@pytest.mark.parametrize("course", ["fixture", "generated", "real"])
def test_baseline_is_the_same_pages_without_the_plugin(tmp_path: Path, course: str) -> None:
    """The ratio compares like with like: with the plugin off, the baseline
    builds every page the plugin's build has, strictly, with the same search
    index, and each article is the plugin's once the widgets it places after
    indexing are put in; each build reports its CPU time."""
    from benchmarks.bench import build_once
    from benchmarks.same_pages import same_pages

    config = {"fixture": ROOT / "tests/fixtures/basic/mkdocs.yml", "real": ROOT / "mkdocs.yml"}.get(course) \
        or generate(6, tmp_path / "course")
    widgets: dict[tuple[str, str, str], str] = {}
    docs = same_pages(config, tmp_path / "docs", widgets)
    on = build_once(config, tmp_path / "with")
    off = build_once(config, tmp_path / "without", plugin=False, docs_dir=docs)
    assert on["cpu"] > 0 and off["cpu"] > 0

    with_plugin, without = tmp_path / "with", tmp_path / "without"
    pages = _pages(with_plugin)
    assert pages == _pages(without)
    assert _search_index(with_plugin) == _search_index(without)
    uris = {uri for uri, _, _ in widgets}
    assert any(name == "quiz" for _, name, _ in widgets) and any(name == "key_points" for _, name, _ in widgets)
    compared = 0
    for uri in sorted(uris):
        page = uri[:-3] + ".html" if uri.endswith("index.md") else uri[:-3] + "/index.html"
        if page not in pages:
            continue
        filled = fill_placements((without / page).read_text(encoding="utf-8"),
                                 lambda m, uri=uri: widgets[uri, m.group(1), m.group(2) or ""])
        assert _article(filled) == _article((with_plugin / page).read_text(encoding="utf-8")), page
        compared += 1
    assert compared >= len(uris) - 1  # the home page of a fixture may be no index.md


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
