"""Real builds with ``mkdocs build --strict``: fixture sites in every plugin
arrangement, and the course itself. The HTML is parsed, not grepped."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, copy_project, mkdocs_build
from tests.test_render import Tree


def fixture_project(tmp_path: Path, *, macros_first: bool = True, instant: bool = True, macros: bool = True) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "basic", project)
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text().replace('!ENV [SITE_URL, "http://127.0.0.1/"]', '"http://127.0.0.1/"'))
    plugins = [p for p in config["plugins"] if p != "macros"]
    if macros:
        index = 1 if macros_first else len(plugins)
        plugins.insert(index, "macros")
    else:
        for page in (project / "docs").rglob("*.md"):
            text = page.read_text()
            text = text.replace('{{ quiz("first-quiz") }}', "<!-- coursekit:quiz first-quiz -->")
            text = text.replace("{{ course_overview() }}", "<!-- coursekit:course_overview -->")
            page.write_text(text.replace("{{ course.name }}", "Fixture course").replace("{{ course.contact }}", "us"))
    config["plugins"] = plugins
    config["theme"]["features"] = ["navigation.instant"] if instant else []
    config_file.write_text(yaml.safe_dump(config, sort_keys=False))
    return project


def build(project: Path) -> Path:
    site = project / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return site


@pytest.mark.parametrize(("macros_first", "instant", "macros"), [
    (True, True, True), (False, True, True), (True, False, True), (True, True, False)],
    ids=["macros-before", "macros-after", "no-instant", "no-macros"])
def test_fixture_site_builds_strictly(tmp_path: Path, macros_first: bool, instant: bool, macros: bool) -> None:
    site = build(fixture_project(tmp_path, macros_first=macros_first, instant=instant, macros=macros))
    first = Tree((site / "lessons/first/index.html").read_text())
    assert [f["data-quiz"] for f in first.all("form") if "data-quiz" in f] == ["first-quiz"]
    assert len(first.all("fieldset")) == 4
    second = Tree((site / "lessons/second/index.html").read_text())
    assert [f["data-quiz"] for f in second.all("form") if "data-quiz" in f] == ["second-quiz"]
    assert any(s.get("src", "").endswith("assets/coursekit/coursekit.js") for s in first.all("script"))
    assert any(link.get("href", "").endswith("assets/coursekit/coursekit.css") for link in first.all("link"))
    if macros:
        assert "Fixture course" in (site / "index.html").read_text()
    for page in ("checklists/index.html", "checklists/before/index.html", "checklists/todas/index.html", "path/index.html"):
        assert (site / page).is_file()


def test_lesson_parts_and_checklist_summary(tmp_path: Path) -> None:
    site = build(fixture_project(tmp_path))
    html = (site / "lessons/first/index.html").read_text()
    tree = Tree(html)
    assert "What the first lesson teaches." in tree.text
    assert "Estimated time: 12 min" in tree.text
    assert {h.get("id") for h in tree.all("h2")} >= {"key-points", "your-checklist"}
    assert "Write down the one message that matters." in tree.text
    assert any(a.get("href") == "../../checklists/before/" for a in tree.all("a"))


def test_checklist_page_in_html(tmp_path: Path) -> None:
    site = build(fixture_project(tmp_path))
    tree = Tree((site / "checklists/before/index.html").read_text())
    (h1,) = tree.all("h1")
    assert h1["id"] == "coursekit-sheet-before"
    text = " ".join(tree.text)
    for expected in ("Fixture course", "Before the conversation", "The day before the call.", "Read-do",
                     "Client:", "Date:", "Goal of the conversation:", "Gather the emails and screenshots first."):
        assert expected in text
    assert len([s for s in tree.all("span") if s.get("class") == "coursekit-box"]) == 3
    assert {a["href"] for a in tree.all("a") if a.get("href", "").startswith("../../lessons/")} == {
        "../../lessons/first/", "../../lessons/second/"}
    index = Tree((site / "checklists/index.html").read_text())
    assert any(a.get("href") == "todas/" for a in index.all("a"))


def test_macro_errors_fail_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    lesson = project / "docs/lessons/first.md"
    lesson.write_text(lesson.read_text().replace('quiz("first-quiz")', 'quiz("missing")'))
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode != 0
    assert "docs/lessons/first.md:22: this page places the quiz 'missing', which does not exist." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "lessons").exists(), "nothing half-written"


def test_the_course_builds_strictly(course_site: Path) -> None:
    lessons = sorted((course_site / "lecciones").glob("*/index.html"))
    assert len(lessons) >= 9
    for lesson in lessons:
        tree = Tree(lesson.read_text())
        assert len([f for f in tree.all("form") if "data-quiz" in f]) == 1, lesson
    for checklist in ("relacion", "antes", "durante", "recuperar", "despues", "todas"):
        assert (course_site / "checklists" / checklist / "index.html").is_file()
    # One <h1> per page: widgets added after the theme laid out the page must
    # not leave it without one, nor add a second.
    for page in course_site.rglob("index.html"):
        html = page.read_text()
        assert html.count("<h1") == 1, page
        assert "<!-- coursekit:" not in html and "coursekit-lesson-widget:" not in html, "a placeholder was left"
    # The course path gives the total time in hours and minutes, not "132 min".
    assert re.search(r"Tiempo total: \d+ h( \d+ min)?<", (course_site / "recorrido/index.html").read_text())


def test_answers_stay_out_of_the_search_index(course_site: Path) -> None:
    index = json.loads((course_site / "search/search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    quiz = yaml.safe_load((ROOT / "quizzes/es/confianza.yml").read_text())
    for question in quiz["questions"]:
        feedbacks = [o["feedback"] for o in question.get("options", [])] + [question.get("feedback_true", "")]
        for feedback in filter(None, feedbacks):
            assert feedback[:40] not in text
        if question.get("explanation"):
            assert question["explanation"][:40] not in text
    # The lesson intro (description, objectives, time) repeats the page and
    # stays out; its heading must not become an empty search result either.
    assert not [doc["location"] for doc in index["docs"] if "coursekit-objectives" in doc["location"]]
    lesson = next(doc for doc in index["docs"] if doc["location"] == "lecciones/confianza/")
    assert "Tiempo estimado" not in lesson["title"] + lesson["text"]



def test_a_checklist_sheet_is_found_by_its_items_not_by_its_paper(course_site: Path) -> None:
    """Search holds a sheet's title, when to use it and its items; the printed
    furniture (print button, course name, blank fields, notes, footer) would
    only make every sheet match the same words."""
    index = json.loads((course_site / "search/search_index.json").read_text())
    sheet = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]
                     if doc["location"].startswith("checklists/antes/"))
    assert "Resume en una o dos frases el mensaje central." in sheet and "Cuándo usarla" in sheet
    for furniture in ("Imprimir", "Cliente:", "Objetivo de la conversación:", "Notas", "Conversaciones difíciles con clientes"):
        assert furniture not in sheet, furniture

def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_and_sources_untouched(tmp_path: Path) -> None:
    before = _digest(ROOT / "content") | {f"q/{k}": v for k, v in _digest(ROOT / "quizzes").items()}
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "one", tmp_path / "two"
    for site in (first, second):
        result = mkdocs_build(ROOT / "mkdocs.yml", site, env)
        assert result.returncode == 0, result.stderr
    one, two = _digest(first), _digest(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    after = _digest(ROOT / "content") | {f"q/{k}": v for k, v in _digest(ROOT / "quizzes").items()}
    assert before == after, "the build wrote into content/ or quizzes/"


def test_editing_a_lessons_item_changes_the_checklist(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "course")
    lesson = project / "content/es/lecciones/preparar-la-conversacion.md"
    text = lesson.read_text()
    marker = "checklist:\n  antes:\n    - "
    assert marker in text
    lesson.write_text(text.replace(marker, marker + "Comprueba la sala de reuniones. ", 1))
    site = tmp_path / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "Comprueba la sala de reuniones." in (site / "checklists/antes/index.html").read_text()
    assert "Comprueba la sala de reuniones." in (site / "lecciones/preparar-la-conversacion/index.html").read_text()
