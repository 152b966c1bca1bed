"""The course also builds with Zensical (``coursekit build --engine zensical``):
every widget on its page, no quiz answer in its search index, and a broken quiz
stops the build with the check's own message."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from coursekit.cli import check_editions, load_edition
from coursekit.model.course import load_course, read_pages

from tests.conftest import ROOT, copy_project, served


def _zensical_installed() -> None:
    # Never skipped: the extra is part of the test setup (make test installs it).
    try:
        import zensical  # noqa: F401
    except ImportError:
        pytest.fail("Zensical is not installed: pip install -e '.[zensical]' (make test does it).")


def coursekit(*args: str, root: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit.cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=600, check=False, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def zensical_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The real course in every edition, built by Zensical as `make zensical` does, and served."""
    _zensical_installed()
    site = tmp_path_factory.mktemp("zensical") / "site"
    yield from served(site, lambda url: coursekit("build", "--engine", "zensical", "--site-dir", str(site), env={"SITE_URL": url}))


@pytest.fixture(scope="module")
def zensical_site(zensical_served: tuple[str, Path]) -> Path:
    return zensical_served[1]


def _page(site: Path, src_uri: str) -> str:
    url = src_uri.removesuffix("index.md") if src_uri.endswith("index.md") else src_uri.removesuffix(".md") + "/"
    return (site / url / "index.html").read_text(encoding="utf-8")


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[*_`]|<[^>]+>", " ", html.unescape(text)).split())


EDITIONS = [("", "mkdocs.yml"), ("en", "mkdocs.en.yml"), ("ro", "mkdocs.ro.yml")]


@pytest.mark.parametrize(("code", "config"), EDITIONS)
def test_every_widget_is_on_its_page(zensical_site: Path, code: str, config: str) -> None:
    site = zensical_site / code if code else zensical_site
    edition = load_edition(ROOT / config)
    course = load_course(edition.settings, read_pages(edition.settings.docs_dir))
    assert course.lessons and course.quizzes and course.checklists and course.conversations
    for lesson in course.lessons:
        page = _page(site, lesson.src_uri)
        assert page.count('class="coursekit-lesson-intro"') == 1, lesson.src_uri
        assert 'class="coursekit-key-points' in page or "coursekit-key-points" in page, lesson.src_uri
        for quiz_id in lesson.quizzes:
            assert f'data-quiz="{quiz_id}"' in page, (lesson.src_uri, quiz_id)
        if lesson.items:
            assert "coursekit-lesson-checklist" in page, lesson.src_uri
        for conversation_id in lesson.conversations:
            assert conversation_id in page and "coursekit-conversation" in page, (lesson.src_uri, conversation_id)
        assert "coursekit:" not in page.replace("coursekit:v", ""), f"a placeholder left in {lesson.src_uri}"
        assert "coursekit-lesson-widget" not in page
    for uri in course.generated_pages():
        page = _page(site, uri)
        assert "coursekit-" in page and "<!-- coursekit:" not in page, uri
    for checklist_id in course.checklists:
        assert "coursekit-sheet" in _page(site, f"checklists/{checklist_id}.md")
    overview = [uri for uri in course.overview_pages]
    assert overview, "the course path places the overview"
    for uri in overview:
        assert "coursekit-overview" in _page(site, uri), uri
    # The learner's progress: the script, its styles and the course data it checks saved results against.
    data = json.loads((site / "assets/coursekit/course.json").read_text(encoding="utf-8"))
    assert [lesson["title"] for lesson in data["lessons"]] == [lesson.title for lesson in course.lessons]
    for lesson in data["lessons"]:
        assert (site / "assets/coursekit" / lesson["url"] / "index.html").resolve().is_file(), lesson["url"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "assets/coursekit/coursekit.js" in home and "assets/coursekit/coursekit.css" in home


@pytest.mark.parametrize(("code", "config"), EDITIONS)
def test_search_holds_no_answers(zensical_site: Path, code: str, config: str) -> None:
    site = zensical_site / code if code else zensical_site
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    text = _plain(" ".join(item["title"] + " " + item["text"] for item in index["items"]))
    edition = load_edition(ROOT / config)
    course = load_course(edition.settings, read_pages(edition.settings.docs_dir))
    # What the lessons teach is there: their text, key points and checklist items.
    lesson = course.lessons[0]
    assert _plain(lesson.key_points[0]) in text
    assert any(_plain(item.text) in text for item in lesson.items)
    leaks = [_plain(option.feedback) for quiz in course.quizzes.values() for question in quiz.questions
             for option in question.options if _plain(option.feedback) in text]
    leaks += [_plain(question.explanation) for quiz in course.quizzes.values() for question in quiz.questions
              if question.explanation and _plain(question.explanation) in text]
    assert leaks == []
    # Nothing of the quiz's markup, and no coaching notes of the conversations.
    assert "coursekit-quiz" not in json.dumps(index)
    coaching = [_plain(reply.coaching) for conversation in course.conversations.values()
                for node in conversation.nodes for reply in node.replies if _plain(reply.coaching) in text]
    assert coaching == []


def test_a_broken_quiz_stops_the_zensical_build_with_the_checks_message(tmp_path: Path) -> None:
    _zensical_installed()
    project = copy_project(tmp_path / "course")
    assert coursekit("build", "--engine", "zensical", "--site-dir", str(tmp_path / "site"), root=project).returncode == 0
    quiz = project / "quizzes/es/confianza.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("correct: true", "correct: false", 1), encoding="utf-8")
    expected = [str(problem) for problem in check_editions(project)[1]]
    assert expected and "quizzes/es/confianza.yml:" in expected[0] and "Hint:" in expected[0]
    # Zensical itself, on the staged edition: its cache knows the quizzes changed.
    staged = project / "build/zensical/default/mkdocs.yml"
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(staged)],
                          capture_output=True, text=True, cwd=staged.parent, timeout=300, check=False)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    for line in expected:
        assert line in output
    assert "Traceback" not in output
    # And the one command stops before Zensical runs, with the same lines.
    done = coursekit("build", "--engine", "zensical", "--site-dir", str(tmp_path / "site2"), root=project)
    assert done.returncode != 0 and all(line in done.stdout for line in expected)


@pytest.mark.browser
def test_a_quiz_built_by_zensical_works_and_the_course_path_follows(page, zensical_served: tuple[str, Path]) -> None:
    url, _site = zensical_served
    edition = load_edition(ROOT / "mkdocs.yml")
    course = load_course(edition.settings, read_pages(edition.settings.docs_dir))
    lesson = course.lessons[0]
    quiz = course.quizzes[lesson.quizzes[0]]
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{url}/{lesson.src_uri.removesuffix('.md')}/")
    form = page.locator(f'form[data-quiz="{quiz.id}"]')
    assert "coursekit-quiz--js" in (form.get_attribute("class") or "")
    for number, question in enumerate(quiz.questions, 1):
        for option in question.options:
            if option.correct:
                form.locator(f'input[name="ck-{quiz.id}-{number}"][value="{option.id}"]').check()
    form.locator('[data-action="check"]').click()
    score = form.locator(".coursekit-quiz__score")
    score.wait_for()
    assert f"{len(quiz.questions)} de {len(quiz.questions)}" in score.inner_text()
    assert any(key.endswith(f":quiz:{quiz.id}") for key in page.evaluate("Object.keys(localStorage)"))
    # The course path reads course.json beside the script and shows the lesson passed.
    page.goto(f"{url}/{course.overview_pages[0].removesuffix('index.md').removesuffix('.md')}/")
    page.locator('.coursekit-overview__status[data-state="passed"]').first.wait_for()
    assert hosts == {urlsplit(url).netloc}, f"requests to other hosts: {hosts}"


def test_every_relative_link_leads_to_a_page(zensical_site: Path) -> None:
    """Widgets' links, the language links included, land on built pages (Zensical moves content links to the page's URL)."""
    broken = []
    for page in sorted(zensical_site.rglob("*.html")):
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', page.read_text(encoding="utf-8")):
            target = html.unescape(href).split("#", 1)[0].split("?", 1)[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^/", target):
                continue
            resolved = (page.parent / target).resolve()
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page.relative_to(zensical_site)} -> {href}")
    assert broken == []


def test_every_page_links_to_its_counterparts_under_its_title(zensical_site: Path) -> None:
    for page, others in (("lecciones/confianza/index.html", ["en/lessons/trust/", "ro/lectii/increderea/"]),
                         ("en/checklists/antes/index.html", ["checklists/antes/", "ro/checklists/antes/"])):
        text = (zensical_site / page).read_text(encoding="utf-8")
        switcher = re.search(r'</h1>\s*<nav class="coursekit-editions".*?</nav>', text, re.DOTALL)
        assert switcher, page
        hrefs = re.findall(r'href="([^"]*)"', switcher.group(0))
        assert [((zensical_site / page).parent / href).resolve() for href in hrefs] == \
            [(zensical_site / other).resolve() for other in others]
