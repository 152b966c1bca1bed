"""A course in several editions: one site, a page's counterparts linked both
ways, the editions kept in step by the parity check. Built for real from the
three-edition fixture (es at the root, en/ and ro/)."""

from __future__ import annotations

import hashlib
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from coursekit.model.editions import edition_code, edition_configs
from coursekit.model.strings import STRINGS

from tests.conftest import FIXTURES, coursekit_build, mkdocs_build
from tests.test_cli import coursekit
from tests.test_render import Tree

EDITIONS = {"": "es", "en": "en", "ro": "ro"}  # folder -> language
SAME_LESSON = {"es": "lecciones/confianza/", "en": "en/lessons/trust/", "ro": "ro/lectii/incredere/"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "editions", tmp_path / "course"))


def pages_of(site: Path) -> dict[str, Tree]:
    return {p.relative_to(site).as_posix(): Tree(p.read_text()) for p in sorted(site.rglob("index.html"))}


def edition_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in ("en", "ro") else ""


# -- Finding editions ---------------------------------------------------------------------------

def test_editions_are_found_by_file_name(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "mkdocs.en.yml", "mkdocs.pt-br.yml", "mkdocs.insiders.backup.yml"):
        (tmp_path / name).write_text("")
    assert [(code, path.name) for code, path in edition_configs(tmp_path)] == [
        ("", "mkdocs.yml"), ("en", "mkdocs.en.yml"), ("pt-br", "mkdocs.pt-br.yml")]
    assert edition_code(Path("mkdocs.ro.yml")) == "ro" and edition_code(Path("mkdocs.yml")) == ""


def test_every_language_has_every_interface_string() -> None:
    keys = {language: set(strings) for language, strings in STRINGS.items()}
    assert {"es", "en", "ro"} <= set(keys)
    for language, have in keys.items():
        assert have == keys["es"], f"'{language}' lacks {sorted(keys['es'] - have)} and has extra {sorted(have - keys['es'])}"
    assert not any(c in str(STRINGS["ro"]) for c in "şţŞŢ"), "Romanian uses the comma-below letters ș ț"


# -- Parity ---------------------------------------------------------------------------------------

def test_the_fixture_editions_match(project: Path) -> None:
    result = coursekit("check", cwd=project)
    assert result.returncode == 0, result.stdout


def test_a_missing_translation_is_named_with_the_file_it_belongs_in(project: Path) -> None:
    (project / "content/en/lessons/listening.md").unlink()
    (project / "content/ro/parcurs.md").unlink()
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    out = result.stdout
    assert ("content/es/lecciones/escuchar.md:1: the lesson 'escuchar' has no 'en' edition: no lesson in "
            "content/en/lessons/ places the quiz 'escuchar'. Hint: add content/en/lessons/escuchar.md") in out
    assert "content/es/recorrido.md:1: the page 'recorrido' has no 'ro' edition: content/ro/recorrido.md is missing." in out
    assert "Traceback" not in result.stderr


def test_a_mismatched_quiz_names_every_id_at_once(project: Path) -> None:
    quiz = project / "quizzes/ro/confianza.yml"
    text = quiz.read_text()
    text = text.replace("id: culpar-al-transporte", "id: vina-curierului")
    text = text.replace("    answer: false", "    answer: true")
    quiz.write_text(text)
    lesson = project / "content/ro/lectii/ascultare.md"
    lesson.write_text(lesson.read_text().replace("    - Notează două întrebări deschise cu care să începi.\n", ""))
    lesson.write_text(lesson.read_text().replace("checklist:\n  antes:\n", "checklist: {}\n"))
    (project / "quizzes/en/escuchar.yml").write_text(
        (project / "quizzes/en/escuchar.yml").read_text().replace("id: folletos", "id: leaflets"))
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    out = result.stdout
    for expected in (
        ("quizzes/ro/confianza.yml:2: the question 'pedido-tarde' of the quiz 'confianza' lacks the option(s) "
         "'culpar-al-transporte' of the 'es' edition."),
        "the question 'pedido-tarde' of the quiz 'confianza' has the option(s) 'vina-curierului'",
        ("the question 'promesas-pequenas' of the quiz 'confianza' has other right answers than the 'es' edition: "
         "'true' here, 'false' there."),
        "quizzes/en/escuchar.yml:2: the quiz 'escuchar' lacks the question(s) 'folletos' of the 'es' edition.",
        "the quiz 'escuchar' has the question(s) 'leaflets', which the 'es' edition does not have.",
        "content/ro/lectii/ascultare.md:1: the lesson 'escuchar' adds 0 item(s) to the checklist 'antes' here and 1",
    ):
        assert expected in out, out


def test_the_build_fails_on_parity_and_builds_nothing(project: Path, tmp_path: Path) -> None:
    quiz = project / "quizzes/en/confianza.yml"
    quiz.write_text(quiz.read_text().replace("id: reconocer-y-fecha", "id: own-the-delay"))
    result = coursekit_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "lacks the option(s) 'reconocer-y-fecha'" in result.stdout
    assert not (tmp_path / "site").exists()
    # One edition built alone cannot skip the check either: its plugin reads the others.
    alone = mkdocs_build(project / "mkdocs.yml", tmp_path / "es")
    assert alone.returncode != 0
    assert "quizzes/en/confianza.yml:2: the question 'pedido-tarde' of the quiz 'confianza' lacks the option(s)" in alone.stderr
    assert "Traceback" not in alone.stderr


def test_a_cedilla_in_the_romanian_edition_fails_the_check_and_the_build(project: Path, tmp_path: Path) -> None:
    """Romanian writes ș and ț with a comma below; the look-alike cedilla letters are an error, at their line."""
    lesson = project / "content/ro/lectii/incredere.md"
    lesson.write_text(lesson.read_text().replace("se construiește", "se construie\u015fte", 1))
    quiz = project / "quizzes/ro/confianza.yml"
    quiz.write_text(quiz.read_text().replace("Aveți dreptate", "Ave\u0163i dreptate", 1))
    expected = ("content/ro/lectii/incredere.md:2: this line writes 'ş' with a cedilla. "
                "Hint: Romanian uses the comma-below letters: replace 'ş' (cedilla) with 'ș' (comma below).")
    result = coursekit("check", cwd=project)
    assert result.returncode == 1
    assert expected in result.stdout
    assert "quizzes/ro/confianza.yml:11: this line writes 'ţ' with a cedilla." in result.stdout
    build = mkdocs_build(project / "mkdocs.ro.yml", tmp_path / "ro")
    assert build.returncode != 0 and expected in build.stderr
    # Other languages may write these letters (a Turkish name, say): only Romanian is checked.
    es = project / "content/es/lecciones/confianza.md"
    es.write_text(es.read_text() + "\nLa clienta, Ay\u015fe, lo agradece.\n")
    assert "content/es/lecciones/confianza.md" not in coursekit("check", cwd=project).stdout


# -- The built site -------------------------------------------------------------------------------

def test_each_edition_has_its_language_and_its_own_pages(editions: tuple[str, Path]) -> None:
    _url, site = editions
    pages = pages_of(site)
    assert {edition_of(p) for p in pages} == {"", "en", "ro"}
    for path, tree in pages.items():
        (html,) = tree.all("html")
        assert html["lang"] == EDITIONS[edition_of(path)], path
    assert "Estimated time: 10 min" in " ".join(pages["en/lessons/trust/index.html"].text)
    assert "Timp estimat: 10 min" in " ".join(pages["ro/lectii/incredere/index.html"].text)
    assert "Tiempo estimado: 10 min" in " ".join(pages["lecciones/confianza/index.html"].text)


def test_every_page_links_to_its_counterparts_with_hreflang(editions: tuple[str, Path]) -> None:
    url, site = editions
    for path, tree in pages_of(site).items():
        alternates = {link["hreflang"]: link["href"] for link in tree.all("link") if link.get("rel", "").split() == ["alternate"]}
        assert set(alternates) == {"es", "en", "ro", "x-default"}, path
        assert alternates["x-default"] == alternates["es"]
        own = url + "/" + path.removesuffix("index.html")
        assert alternates[EDITIONS[edition_of(path)]] == own, "each page lists itself too"
        for href in alternates.values():
            assert (site / href.removeprefix(url + "/") / "index.html").is_file(), (path, href)
    lesson = pages_of(site)["ro/lectii/incredere/index.html"]
    alternates = {link["hreflang"]: link["href"] for link in lesson.all("link") if link.get("rel", "").split() == ["alternate"]}
    assert alternates == {lang: f"{url}/{where}" for lang, where in SAME_LESSON.items()} | {"x-default": f"{url}/{SAME_LESSON['es']}"}


def test_each_edition_has_its_own_sitemap_and_404(editions: tuple[str, Path]) -> None:
    url, site = editions
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for folder in EDITIONS:
        sitemap = ET.parse(site / folder / "sitemap.xml")
        locations = [loc.text for loc in sitemap.findall(".//s:loc", namespace)]
        assert locations and all(edition_of(loc.removeprefix(url + "/")) == folder for loc in locations), folder
    not_found = {folder: Tree((site / folder / "404.html").read_text()) for folder in EDITIONS}
    headings = {folder: " ".join(tree.text) for folder, tree in not_found.items()}
    assert "Página no encontrada" in headings[""] and "Page not found" in headings["en"]
    assert "Pagina nu a fost găsită" in headings["ro"]
    for folder, tree in not_found.items():
        assert tree.all("html")[0]["lang"] == EDITIONS[folder]
        homes = {a["href"] for a in tree.all("a") if a.get("hreflang")}
        assert homes == {f"{url}/", f"{url}/en/", f"{url}/ro/"}


def test_search_indexes_are_per_edition(editions: tuple[str, Path]) -> None:
    import json

    _url, site = editions
    for folder, language in EDITIONS.items():
        index = json.loads((site / folder / "search/search_index.json").read_text())
        assert index["config"]["lang"] == [language]
        assert all(edition_of(folder + "/" + doc["location"]) == folder if folder else
                   not doc["location"].startswith(("en/", "ro/")) for doc in index["docs"])


def test_two_builds_of_every_edition_are_byte_identical(tmp_path: Path) -> None:
    def digest(site: Path) -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site.rglob("*")) if p.is_file()}

    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    for name in ("one", "two"):
        result = coursekit_build(FIXTURES / "editions", tmp_path / name, env)
        assert result.returncode == 0, result.stdout + result.stderr
    one, two = digest(tmp_path / "one"), digest(tmp_path / "two")
    assert any(name.startswith("ro/") for name in one) and one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert not (FIXTURES / "editions" / "site").exists(), "the build wrote into the sources"


# -- In the browser -------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_switcher_leads_to_the_same_lesson_and_back_after_instant_navigation(page, editions: tuple[str, Path]) -> None:
    url, _site = editions
    page.goto(f"{url}/en/lessons/listening/")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.click("a.md-nav__link[href$='trust/']")  # instant navigation: the header stays, the page changes
    page.wait_for_url("**/en/lessons/trust/")
    assert page.evaluate("() => window.__sameDocument") is True, "navigation was instant"
    switcher = page.get_by_role("navigation", name="This page in other languages")
    switcher.get_by_role("link", name="Español").click()
    page.wait_for_url(f"{url}/{SAME_LESSON['es']}")
    assert page.evaluate("() => document.documentElement.lang") == "es"
    assert page.locator("form[data-quiz=confianza]").count() == 1
    page.get_by_role("navigation", name="Esta página en otros idiomas").get_by_role("link", name="Română").click()
    page.wait_for_url(f"{url}/{SAME_LESSON['ro']}")
    page.get_by_role("navigation", name="Această pagină în alte limbi").get_by_role("link", name="English").click()
    page.wait_for_url(f"{url}/{SAME_LESSON['en']}")
    assert page.locator("h1").inner_text() == "Build trust before you need it"


@pytest.mark.browser
def test_a_search_in_one_edition_finds_no_page_of_another(page, editions: tuple[str, Path]) -> None:
    url, _site = editions
    for folder, expected in (("en", "/en/lessons/trust/"), ("ro", "/ro/lectii/incredere/"), ("", "/lecciones/confianza/")):
        page.goto(f"{url}/{folder + '/' if folder else ''}", wait_until="networkidle")  # the index is loaded
        page.locator("input.md-search__input").first.press_sequentially("Nortelia")  # the same client in every edition
        results = page.locator(".md-search-result__item a")
        results.first.wait_for()
        hrefs = [href.split("#")[0].removeprefix(url) for href in
                 results.evaluate_all("links => links.map(a => a.href)")]
        assert hrefs and set(hrefs) == {expected}, (folder, hrefs)


@pytest.mark.browser
def test_no_page_of_any_edition_requests_another_host(chromium, editions: tuple[str, Path]) -> None:
    from urllib.parse import urlsplit

    url, site = editions
    host = urlsplit(url).netloc
    paths = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert {edition_of(p) for p in paths} == {"", "en", "ro"}
    context = chromium.new_context()
    outside: list[str] = []
    failed: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).scheme in ("http", "https")
               and urlsplit(r.url).netloc != host else None)
    context.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page = context.new_page()
    for path in paths:
        page.goto(f"{url}/{'' if path == '.' else path + '/'}", wait_until="networkidle")
    page.goto(f"{url}/ro/404.html", wait_until="networkidle")
    context.close()
    assert outside == []
    assert failed == [], "no page asks for what is not there (Material looks for sitemaps beside alternate links)"


@pytest.mark.browser
def test_axe_finds_no_violations_around_the_switcher(chromium, editions: tuple[str, Path]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_quality import violations

    url, _site = editions
    axe = Axe()
    for scheme in ("light", "dark"):
        context = chromium.new_context(color_scheme=scheme)
        page = context.new_page()
        for path in ("/en/lessons/trust/", "/ro/", "/ro/404.html"):
            page.goto(url + path)
            assert violations(axe, page) == [], (scheme, path)
        context.close()
