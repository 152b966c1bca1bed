"""Quality gates in Chromium: axe-core finds no violations, no page asks any
host but our own, touch targets are large enough, motion and colour modes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "course path": "/recorrido/",
    "lesson with quiz": "/lecciones/confianza/",
    "checklist": "/checklists/antes/",
    "checklist index": "/checklists/",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def violations(axe: Axe, page) -> list[str]:
    results = axe.run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(chromium, axe: Axe, course_url: str, name: str, scheme: str) -> None:
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(course_url + PAGES[name])
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected
    if page.locator(".coursekit-progress").count():
        page.wait_for_selector(".coursekit-progress:not([hidden])")  # progress and marks painted
    assert violations(axe, page) == []
    if name == "lesson with quiz":
        page.locator(".coursekit-quiz__question label").first.click()
        page.click('[data-action="check"]')
        assert violations(axe, page) == [], "with the warning about blank questions"
        for question in page.locator(".coursekit-quiz__question").all()[1:]:
            question.locator("label").nth(1).click()
        page.click('[data-action="check"]')
        page.locator(".coursekit-quiz__solution summary").first.click()
        assert violations(axe, page) == [], "after checking answers (options marked right and wrong)"
        page.goto(course_url + "/recorrido/")
        page.wait_for_selector("[data-state=tried]")
        assert violations(axe, page) == [], "course path with a lesson in progress"
        page.click('[data-action="reset"]')
        assert violations(axe, page) == [], "with the confirmation open"
    context.close()


def test_touch_targets_are_at_least_24px(chromium, course_url: str) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(course_url + "/lecciones/confianza/")
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        '.coursekit-quiz label, .coursekit-quiz button:not([hidden]), .coursekit-quiz summary')]
        .filter(e => e.offsetParent !== null)
        .map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    context.close()


def test_reduced_motion_and_forced_colours(chromium, course_url: str) -> None:
    context = chromium.new_context(reduced_motion="reduce", forced_colors="active")
    page = context.new_page()
    page.goto(course_url + "/lecciones/confianza/")
    page.locator(".coursekit-quiz__option label").first.click()
    duration = page.evaluate("() => getComputedStyle(document.querySelector('.coursekit-quiz__option label')).transitionDuration")
    assert duration in ("0s", "")
    page.click('[data-action="check"]')
    page.click('[data-action="check-anyway"]')
    verdict = page.locator(".coursekit-quiz__verdict").first
    assert verdict.inner_text() in ("Bien", "No es correcto", "Sin responder"), "verdicts are words, not colours"
    mark = page.locator(".coursekit-quiz__option label[data-mark]").first
    assert mark.inner_text().endswith(("Correcta", "Incorrecta")), "so are the marks on chosen options"
    context.close()


def test_no_page_requests_another_host(chromium, course_url: str, course_site: Path) -> None:
    pages = sorted(p.parent.relative_to(course_site).as_posix() for p in course_site.rglob("index.html"))
    assert len(pages) >= 15
    context = chromium.new_context()
    outside: list[str] = []

    def watch(request) -> None:
        if urlsplit(request.url).scheme in ("data", "blob", "about"):
            return
        if urlsplit(request.url).netloc != urlsplit(course_url).netloc:
            outside.append(request.url)

    context.on("request", watch)
    page = context.new_page()
    for path in pages:
        page.goto(f"{course_url}/{'' if path == '.' else path + '/'}", wait_until="networkidle")
    page.locator("input.md-search__input").first.fill("cliente")  # the search worker loads too
    page.wait_for_timeout(300)
    context.close()
    assert outside == []


def test_home_page_says_results_stay_in_the_browser(course_site: Path) -> None:
    home = (course_site / "index.html").read_text()
    assert "navegador" in home and "privacidad" in home.lower()


def test_material_runs_without_errors_when_storage_is_blocked(chromium, course_url: str) -> None:
    """Browsers that block site data throw on any use of localStorage and
    sessionStorage; Material's own scripts must carry on (our guard), and our
    quiz still says its result cannot be saved."""
    context = chromium.new_context()
    context.add_init_script("""for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
            get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } }); }""")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in [*PAGES.values(), "/no-such-page/"]:
        page.goto(course_url + path)
    page.goto(course_url + PAGES["lesson with quiz"])
    page.locator(".coursekit-quiz__option label").first.click()
    page.click('[data-action="check"]')
    page.click('[data-action="check-anyway"]')  # the other questions are blank
    assert "no permite guardar" in page.locator(".coursekit-quiz__score").first.inner_text()
    context.close()
    assert errors == []


def test_the_search_dialog_has_a_name(course_site: Path) -> None:
    for page in ("index.html", "lecciones/confianza/index.html", "404.html"):
        html = (course_site / page).read_text()
        assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Búsqueda">' in html, page
