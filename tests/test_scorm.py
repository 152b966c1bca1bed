"""SCORM 1.2 packages (``coursekit export scorm``): the zips and their
manifests, checked against SCORM 1.2's structure; the lessons in Chromium
against a real SCORM runtime (scorm-again, from npm, plays the LMS in a
harness page that frames the lesson); bad input; and the public site, which
never carries the package's script."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import pytest
from coursekit.cli import check_editions
from coursekit.export.scorm import ExportError, export_scorm

from tests.browser_setup import SCORM_RUNTIME as RUNTIME
from tests.browser_setup import browser_required
from tests.conftest import FIXTURES, ROOT, Server

IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
SUSPEND_LIMIT = 4096


def export(root: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit.cli", "--root", str(root), "export", "scorm", "--out", str(out)],
                          capture_output=True, text=True, cwd=root, timeout=600, check=False,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})


def exported(root: Path, out: Path) -> dict[str, Path]:
    result = export(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    zips = sorted(out.glob("*.zip"))
    assert sorted(line.removeprefix("wrote ") for line in result.stdout.splitlines()) == [str(z) for z in zips]
    return {re.search(r"-([a-z]{2})\.zip$", z.name).group(1): z for z in zips}


@pytest.fixture(scope="module")
def fixture_zips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three-edition fixture course, exported."""
    return exported(FIXTURES / "editions", tmp_path_factory.mktemp("scorm-fixture"))


@pytest.fixture(scope="module")
def course_zips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The real course, exported in every edition."""
    return exported(ROOT, tmp_path_factory.mktemp("scorm-course"))


def lessons_in_order(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Each edition's lessons, (title, page in the package), in course order, as the check reads them."""
    courses, problems = check_editions(root)
    assert not problems
    return {c.settings.language: [(lesson.title, lesson.src_uri.removesuffix(".md") + ".html") for lesson in c.lessons]
            for c in courses}


def test_one_zip_per_edition_named_by_course_and_language(fixture_zips: dict[str, Path], course_zips: dict[str, Path]) -> None:
    assert sorted(fixture_zips) == sorted(course_zips) == ["en", "es", "ro"]
    assert {z.name for z in course_zips.values()} == {f"conversaciones-dificiles-con-clientes-{code}.zip" for code in ("es", "en", "ro")}
    assert not [p for z in course_zips.values() for p in z.parent.iterdir() if p.suffix != ".zip"]  # no temp files left


def test_the_same_sources_give_the_same_zips(fixture_zips: dict[str, Path], tmp_path: Path) -> None:
    again = exported(FIXTURES / "editions", tmp_path)
    assert {code: path.read_bytes() for code, path in again.items()} == {code: path.read_bytes() for code, path in fixture_zips.items()}


def check_manifest(archive: zipfile.ZipFile, lessons: list[tuple[str, str]]) -> None:
    names = set(archive.namelist())
    assert archive.namelist()[0] == "imsmanifest.xml"
    root = ET.fromstring(archive.read("imsmanifest.xml"))
    assert root.tag == f"{IMSCP}manifest"
    assert root.findtext(f"{IMSCP}metadata/{IMSCP}schema") == "ADL SCORM"
    assert root.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
    identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
    assert [i for i, n in Counter(identifiers).items() if n > 1] == []
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in identifiers), identifiers  # xs:ID
    organizations = root.find(f"{IMSCP}organizations")
    organization = organizations.find(f"{IMSCP}organization")
    assert organizations.get("default") == organization.get("identifier")
    resources = {r.get("identifier"): r for r in root.iter(f"{IMSCP}resource")}
    items = list(organization.iter(f"{IMSCP}item"))
    # One item per lesson, in course order, each its own SCO whose page is the lesson.
    assert [item.findtext(f"{IMSCP}title") for item in items] == [title for title, _page in lessons]
    assert len({item.get("identifierref") for item in items}) == len(items)
    for item, (_title, page) in zip(items, lessons):
        resource = resources[item.get("identifierref")]
        assert resource.get(f"{ADLCP}scormtype") == "sco"
        assert resource.get("type") == "webcontent"
        assert resource.get("href") == page
    for resource in resources.values():
        assert resource.get(f"{ADLCP}scormtype") in ("sco", "asset")
        assert resource.get("href") is None or resource.get("href") in names
        for file in resource.iter(f"{IMSCP}file"):
            assert file.get("href") in names, file.get("href")
        for dependency in resource.iter(f"{IMSCP}dependency"):
            assert dependency.get("identifierref") in resources
    listed = {f.get("href") for f in root.iter(f"{IMSCP}file")}
    assert listed == names - {"imsmanifest.xml"}  # every file the pages need is listed
    assert not [n for n in names if n.startswith("/") or ".." in PurePosixPath(n).parts]


def test_fixture_manifests(fixture_zips: dict[str, Path]) -> None:
    lessons = lessons_in_order(FIXTURES / "editions")
    for code, path in fixture_zips.items():
        with zipfile.ZipFile(path) as archive:
            check_manifest(archive, lessons[code])


def test_course_manifests(course_zips: dict[str, Path]) -> None:
    lessons = lessons_in_order(ROOT)
    for code, path in course_zips.items():
        assert len(lessons[code]) == 9
        with zipfile.ZipFile(path) as archive:
            check_manifest(archive, lessons[code])


class _References(HTMLParser):
    """The URLs a page fetches (scripts, styles, images, icons) and the ones it links to."""

    FETCHED_LINKS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon", "prefetch"})

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.linked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            (self.fetched if set(a.get("rel", "").split()) & self.FETCHED_LINKS else self.linked).append(a.get("href", ""))
        elif tag == "a" and "href" in a:
            self.linked.append(a["href"])
        for name in ("src", "poster", "data"):
            if name in a and tag != "a":
                self.fetched.append(a[name])
        if "srcset" in a:
            self.fetched += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if "style" in a:
            self.fetched += re.findall(r"url\(\s*['\"]?([^'\")]+)", a["style"])


def _resolve(names: set[str], page: str, url: str) -> str | None:
    """The zip entry a relative URL from ``page`` names ('' for a fragment), or None if none."""
    path = unquote(urlsplit(url).path)
    if not path:
        return ""
    parts: list[str] = []
    for part in (str(PurePosixPath(page).parent / path)).split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    target = "/".join(parts)
    return target if target in names else None


def test_every_local_url_in_the_package_resolves_inside_it(course_zips: dict[str, Path]) -> None:
    for path in course_zips.values():
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for name in sorted(names):
                if name.endswith(".html"):
                    refs = _References()
                    refs.feed(archive.read(name).decode("utf-8"))
                    fetched, linked = refs.fetched, refs.linked
                elif name.endswith(".css"):
                    text = archive.read(name).decode("utf-8")
                    fetched = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
                    linked = []
                else:
                    continue
                for url in fetched:
                    if url.startswith("data:"):
                        continue
                    assert not urlsplit(url).scheme and not url.startswith("//"), f"{path.name}:{name} fetches {url}"
                    assert _resolve(names, name, url) is not None, f"{path.name}:{name} needs {url}, not in the zip"
                for url in linked:
                    if urlsplit(url).scheme or url.startswith("//"):
                        continue  # a link out (a licence, a source): the learner's choice, nothing is fetched
                    assert _resolve(names, name, url) is not None, f"{path.name}:{name} links to {url}, not in the zip"


def test_package_pages_are_files_without_instant_navigation_or_other_editions(course_zips: dict[str, Path]) -> None:
    with zipfile.ZipFile(course_zips["en"]) as archive:
        page = archive.read("lessons/trust.html").decode("utf-8")
        names = archive.namelist()
    assert '"navigation.instant"' not in page
    assert "coursekit-scorm.js" in page and page.index("coursekit.js") < page.index("coursekit-scorm.js")
    assert 'hreflang="es"' not in page and "coursekit-editions" not in page
    assert "404.html" not in names and "sitemap.xml" not in names


def test_public_site_has_no_trace_of_the_package_script(editions: tuple[str, Path]) -> None:
    _url, site = editions
    assert not list(site.rglob("coursekit-scorm*"))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "scorm" not in text.lower() and "saved-lms" not in text, page


def suspend_data(quizzes: dict[str, dict[str, list[str]]]) -> str:
    """What coursekit-scorm.js writes into cmi.suspend_data (JSON.stringify, no spaces)."""
    return json.dumps({"v": 1, "q": quizzes}, ensure_ascii=False, separators=(",", ":"))


def test_the_largest_lesson_stays_within_suspend_data_limit() -> None:
    """Every option of every question chosen, in the lesson with the most
    questions: the longest record a learner can leave (the browser test below
    holds the script to this format)."""
    courses, _problems = check_editions(ROOT)
    worst = max(((quiz_id, c.quizzes[quiz_id]) for c in courses for lesson in c.lessons for quiz_id in lesson.quizzes),
                key=lambda q: len(suspend_data({q[0]: {x.id: [o.id for o in x.options] for x in q[1].questions}})))
    text = suspend_data({worst[0]: {x.id: [o.id for o in x.options] for x in worst[1].questions}})
    most = max(len(q.questions) for c in courses for q in c.quizzes.values())
    assert len(worst[1].questions) >= most - 1
    assert len(text) <= SUSPEND_LIMIT // 2, (worst[0], len(text))  # with room to spare


# ---- Bad input ----

def broken_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "editions", project)
    quiz = project / "quizzes" / "en" / "confianza.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("correct: true", "correct: false", 1), encoding="utf-8")
    return project


def test_export_of_a_broken_course_stops_with_the_checks_messages(tmp_path: Path) -> None:
    project = broken_copy(tmp_path)
    checked = subprocess.run([sys.executable, "-m", "coursekit.cli", "--root", str(project), "check"],
                             capture_output=True, text=True, cwd=project, check=False)
    assert checked.returncode == 1 and "confianza.yml" in checked.stdout
    result = export(project, project / "dist" / "scorm")
    assert result.returncode == 1
    assert result.stdout == checked.stdout  # the same problems, word for word
    assert "Nothing was exported" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "dist").exists()


def test_a_build_that_fails_halfway_leaves_nothing_in_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.txt").write_text("mine")
    calls = []

    def build(config_file: Path, site: Path) -> str:
        calls.append(config_file)
        if len(calls) == 2:
            raise ExportError("the second edition does not build")
        (site / "assets").mkdir(parents=True)
        (site / "lesson.html").write_text("<p>x</p>")
        (site / "assets" / "course.json").write_text(json.dumps(
            {"course": "c", "edition": "en", "lessons": [{"url": "../lesson.html", "title": "L"}]}))
        return "Course"

    with pytest.raises(ExportError):
        export_scorm([Path("a.yml"), Path("b.yml")], out, build)
    assert sorted(p.name for p in out.iterdir()) == ["kept.txt"]
    assert export_scorm([Path("a.yml")], out, build, epoch=1700000000) == [out / "c-en.zip"]
    assert sorted(p.name for p in out.iterdir()) == ["c-en.zip", "kept.txt"]


# ---- In Chromium, against scorm-again ----

HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style>
<script src="scorm12.js"></script></head>
<body><iframe id="sco" title="Lesson"></iframe><script src="harness.js"></script></body></html>
"""
# The LMS: scorm-again's SCORM 1.2 API as window.API, optionally holding what an
# earlier session stored, and the lesson in a frame. It only counts LMSFinish.
HARNESS_JS = """
window.start = function (cmi, src) {
  window.finishes = 0;
  window.current = src;
  window.API = new Scorm12API({ logLevel: 5 });
  if (cmi) { window.API.loadFromJSON(cmi); }
  window.API.on("LMSFinish", function () { window.finishes += 1; });
  window.received = {};  /* every value the lesson set, as the runtime took it */
  window.API.on("LMSSetValue.cmi.*", function (element, value) { window.received[element] = value; });
  document.getElementById("sco").src = src;
};
/* The framed page is loaded and Material's search worker has its index (it loads
 * lunr's language files; a frame navigated away meanwhile reports their failure). */
window.settled = function () {
  var doc = document.getElementById("sco").contentDocument;
  var meta = doc && doc.URL.endsWith(window.current) && doc.querySelector(".md-search-result__meta");
  return !!meta && meta.textContent.trim() !== window.initializing;
};
window.leave = function () { document.getElementById("sco").src = "about:blank"; };
window.core = function () {
  var c = window.API.cmi.core;
  return { status: c.lesson_status, raw: c.score.raw, min: c.score.min, max: c.score.max,
           exit: window.received["cmi.core.exit"], session_time: window.received["cmi.core.session_time"], suspend_data: window.API.cmi.suspend_data,
           initialized: window.API.isInitialized(), terminated: window.API.isTerminated() };
};
"""


@pytest.fixture(scope="module")
def lms(fixture_zips: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    if not RUNTIME.is_file():
        message = "scorm-again is not installed: run 'npm ci' (make test does it)."
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("lms")
    (root / "index.html").write_text(HARNESS)
    shutil.copy(RUNTIME, root / "scorm12.js")
    with zipfile.ZipFile(fixture_zips["es"]) as archive:
        archive.extractall(root / "pkg")
    # What Material's search says until its index is ready (the edition's language).
    page = (root / "pkg" / "lecciones" / "confianza.html").read_text(encoding="utf-8")
    initializing = re.search(r'class="md-search-result__meta">\s*([^<]*?)\s*<', page).group(1)
    (root / "harness.js").write_text(f"window.initializing = {json.dumps(initializing)};\n{HARNESS_JS}")
    server = Server(root)
    yield server.url
    server.close()


def launch(page: object, src: str, cmi: dict | None = None) -> object:
    """The LMS launches the lesson ``src`` of the package, with what it kept (``cmi``); the lesson's frame."""
    page.evaluate("([cmi, src]) => start(cmi, src)", [cmi, src])
    page.wait_for_function("settled()")
    return page.frame_locator("#sco")


def _answer(frame: object, right: dict[str, bool]) -> dict[str, list[str]]:
    """Choose, per question, its right option or a wrong one; the choices made."""
    chosen = {}
    for question in frame.locator(".coursekit-quiz__question").all():
        qid = question.get_attribute("data-question")
        correct = question.locator(".coursekit-quiz__solution li").evaluate_all(
            "items => items.map(li => [li.dataset.option, li.dataset.correct === 'true'])")
        option = next(o for o, ok in correct if ok == right[qid])
        question.locator(f'input[value="{option}"]').check()
        chosen[qid] = [option]
    frame.locator('[data-action="check"]').click()
    return chosen


@pytest.mark.browser
def test_a_lesson_reports_to_the_lms_and_shows_earlier_answers_when_reopened(page: object, lms: str) -> None:
    page.goto(lms + "/index.html")
    frame = launch(page, "pkg/lecciones/confianza.html")
    frame.locator("form.coursekit-quiz.coursekit-quiz--js").wait_for()
    page.wait_for_function("window.API.isInitialized()")
    core = page.evaluate("core()")
    assert core["status"] == "incomplete" and core["raw"] == "" and core["suspend_data"] == ""

    # The way on is the LMS's: no "next lesson" button; a link to another page
    # opens beside the lesson, which stays open, its session running.
    assert frame.locator(".coursekit-quiz__next").is_hidden()
    with page.expect_popup() as popup:
        frame.locator(".md-content a[href='../checklists/antes.html']").first.click()
    popup.value.wait_for_load_state()
    assert popup.value.url.endswith("/pkg/checklists/antes.html")
    assert popup.value.evaluate("window.opener === null && typeof window.API === 'undefined'")
    popup.value.close()
    assert page.evaluate("finishes") == 0 and frame.locator("form.coursekit-quiz").count() == 1
    frame.locator(".md-sidebar--secondary a[href^='#']").first.click()  # within the page: stays in the frame, no popup
    assert page.evaluate("finishes") == 0 and page.evaluate("window.API.isInitialized()")

    # One right, one wrong: 50 %, under the pass mark (2 of 2 here).
    chosen = _answer(frame, {"pedido-tarde": True, "promesas-pequenas": False})
    frame.locator(".coursekit-quiz__score[data-score='1/2']").wait_for()
    core = page.evaluate("core()")
    assert (core["raw"], core["min"], core["max"], core["status"]) == ("50", "0", "100", "failed")
    assert "guardado en tu plataforma de formación" in frame.locator(".coursekit-quiz__score").inner_text()
    assert json.loads(core["suspend_data"]) == {"v": 1, "q": {"confianza": chosen}}

    frame.locator('[data-action="retry"]').click()
    chosen = _answer(frame, {"pedido-tarde": True, "promesas-pequenas": True})
    frame.locator(".coursekit-quiz__score[data-score='2/2']").wait_for()
    core = page.evaluate("core()")
    assert (core["raw"], core["status"]) == ("100", "passed")
    assert core["suspend_data"] == suspend_data({"confianza": chosen})  # the format the size test measures
    assert page.evaluate("finishes") == 0

    page.evaluate("leave()")
    page.wait_for_function("window.finishes > 0")
    core = page.evaluate("core()")
    assert page.evaluate("finishes") == 1 and core["terminated"]
    assert core["exit"] == "suspend" and re.fullmatch(r"\d{2,4}:\d\d:\d\d", core["session_time"])

    # Reopened: the LMS starts a new session with what it stored.
    stored = {"core": {"lesson_status": core["status"], "score": {"raw": core["raw"], "min": "0", "max": "100"}},
              "suspend_data": core["suspend_data"]}
    frame = launch(page, "pkg/lecciones/confianza.html", stored)
    frame.locator(".coursekit-quiz__score[data-score='2/2']").wait_for()
    for qid, options in chosen.items():
        question = frame.locator(f'[data-question="{qid}"]')
        assert question.locator("input:checked").evaluate_all("inputs => inputs.map(i => i.value)") == options
    assert frame.locator('[data-action="retry"]').is_visible()
    core = page.evaluate("core()")
    assert core["status"] == "passed" and core["raw"] == "100"  # kept, not reset to incomplete


@pytest.mark.browser
def test_in_an_lms_the_answers_are_the_learners_not_the_browsers(page: object, lms: str) -> None:
    """Another learner's answers in this browser's localStorage are not shown in a new LMS session."""
    page.goto(lms + "/pkg/lecciones/escuchar.html")  # outside the LMS first: the public behaviour
    form = page.locator("form.coursekit-quiz.coursekit-quiz--js")
    form.wait_for()
    for question in form.locator(".coursekit-quiz__question").all():
        question.locator("input").first.check()
    page.locator('[data-action="check"]').click()
    page.locator(".coursekit-quiz__score[data-score]").wait_for()
    assert "solo en este navegador" in page.locator(".coursekit-quiz__score").inner_text()  # as on the site
    assert page.locator(".coursekit-quiz__next").is_visible()
    assert page.evaluate("Object.keys(localStorage).some(k => k.endsWith(':quiz:escuchar'))")
    assert page.evaluate("typeof window.API") == "undefined"

    page.goto(lms + "/index.html")
    frame = launch(page, "pkg/lecciones/escuchar.html")
    frame.locator("form.coursekit-quiz.coursekit-quiz--js").wait_for()
    page.wait_for_function("window.API.isInitialized()")
    assert frame.locator("form.coursekit-quiz input:checked").count() == 0
    assert frame.locator('[data-action="check"]').is_visible()


@pytest.mark.browser
def test_a_page_without_a_quiz_reports_completed(page: object, lms: str) -> None:
    page.goto(lms + "/index.html")
    launch(page, "pkg/recorrido.html")
    page.wait_for_function("window.API.isInitialized()")
    assert page.evaluate("core()")["status"] == "completed"
    page.evaluate("leave()")
    page.wait_for_function("window.finishes > 0")
    assert page.evaluate("finishes") == 1


@pytest.mark.browser
def test_what_the_lms_kept_is_weighed_never_believed(page: object, lms: str) -> None:
    """Suspend data that is damaged, or names questions and options the quiz no longer has, shows nothing wrong."""
    page.goto(lms + "/index.html")
    for kept in ("{not json", json.dumps({"v": 1, "q": {"confianza": {"gone": ["x"], "pedido-tarde": ["gone-too"]}}}),
                 json.dumps({"v": 9, "q": {}})):
        frame = launch(page, "pkg/lecciones/confianza.html", {"suspend_data": kept})
        frame.locator("form.coursekit-quiz.coursekit-quiz--js").wait_for()
        page.wait_for_function("window.API.isInitialized()")
        assert frame.locator("form.coursekit-quiz input:checked").count() == 0
        assert frame.locator('[data-action="check"]').is_visible()
        assert page.evaluate("core()")["status"] == "incomplete"
