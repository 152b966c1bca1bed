"""The real course in all its editions: each edition's key pages pass axe in
both palettes and its checklists print on one page; the footer states the
licences; a learner's saved results follow them from one edition to another,
and results saved under the version 1 keys are moved, not lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.test_quality import violations

pytestmark = pytest.mark.browser

# Each edition's pages that carry our widgets, by the path of the Spanish page.
EDITIONS = {
    "es": {"home": "/", "path": "/recorrido/", "lesson": "/lecciones/confianza/",
           "conversation lesson": "/lecciones/escuchar-de-verdad/", "checklist": "/checklists/antes/",
           "kit": "/conversations/las-peonias-de-la-boda/"},
    "en": {"home": "/en/", "path": "/en/course-path/", "lesson": "/en/lessons/trust/",
           "conversation lesson": "/en/lessons/really-listen/", "checklist": "/en/checklists/antes/",
           "kit": "/en/conversations/las-peonias-de-la-boda/"},
    "ro": {"home": "/ro/", "path": "/ro/parcurs/", "lesson": "/ro/lectii/increderea/",
           "conversation lesson": "/ro/lectii/sa-asculti-cu-adevarat/", "checklist": "/ro/checklists/antes/",
           "kit": "/ro/conversations/las-peonias-de-la-boda/"},
}
CHECKLISTS = ("relacion", "antes", "durante", "recuperar", "despues")
PREFIX = {"es": "", "en": "/en", "ro": "/ro"}
V1 = "coursekit:v1:conversaciones-dif-ciles-con-clientes:es:quiz:confianza"
V2 = "coursekit:v2:conversaciones-dificiles-con-clientes:quiz:confianza"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("edition", list(EDITIONS))
def test_axe_finds_no_violations_in_any_edition(chromium, axe: Axe, course_url: str, edition: str, scheme: str) -> None:
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    for name, path in EDITIONS[edition].items():
        page.goto(course_url + path)
        assert page.evaluate("() => document.documentElement.lang") == edition, path
        assert violations(axe, page) == [], f"{edition} {name} ({path})"
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("edition", ["en", "ro"])
def test_every_checklist_of_every_edition_prints_on_one_page(page, course_url: str, edition: str, paper: str) -> None:
    from tests.test_print import pages_printed

    for checklist in CHECKLISTS:
        count, _ = pages_printed(page, f"{course_url}{PREFIX[edition]}/checklists/{checklist}/", paper)
        assert count == 1, f"{edition} {checklist} on {paper}"


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_footer_states_both_licences(course_site: Path, edition: str) -> None:
    html = (course_site / EDITIONS[edition]["lesson"].strip("/") / "index.html").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in html and "CC BY-SA 4.0" in html
    assert "MIT" in html



SITE_NAMES = {"es": "Conversaciones difíciles con clientes", "en": "Difficult conversations with clients",
              "ro": "Conversații dificile cu clienții"}


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_home_page_title_names_the_course_once_and_other_pages_add_it(course_site: Path, edition: str) -> None:
    def title(url: str) -> str:
        html = (course_site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        return html.split("<title>", 1)[1].split("</title>", 1)[0]

    assert title(EDITIONS[edition]["home"]) == SITE_NAMES[edition]
    assert title(EDITIONS[edition]["path"]).endswith(" - " + SITE_NAMES[edition])

def seed_version_1(page, course_url: str) -> dict:
    """A learner who passed the first quiz before the keys changed: the
    result sits under its version 1 key, and nothing has run since."""
    page.goto(course_url + "/glosario/")  # a page with no widget: nothing reads or moves results
    result = all_right(course_url, page)
    page.evaluate("([key, value]) => { localStorage.clear(); localStorage.setItem(key, JSON.stringify(value)); }", [V1, result])
    return result


def all_right(course_url: str, page) -> dict:
    data = json.loads(page.request.get(f"{course_url}/assets/coursekit/course.json").text())
    quiz = data["quizzes"]["confianza"]
    answers = {qid: q["correct"] for qid, q in quiz["questions"].items()}
    return {"answers": answers, "score": len(answers), "total": len(answers)}


def test_version_1_results_move_to_the_new_key_and_follow_the_learner_to_another_edition(page, course_url: str) -> None:
    result = seed_version_1(page, course_url)
    page.goto(course_url + "/recorrido/")
    page.wait_for_selector(".coursekit-overview__status")
    first = page.locator(".coursekit-overview__status").first.inner_text()
    stored = page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")
    assert json.loads(stored[V2]) == result, "copied to the new key"
    assert V1 in stored, "the old key is left in place"
    # The same learner in the English edition: the lesson shows as passed there too.
    page.goto(course_url + "/en/course-path/")
    page.wait_for_selector(".coursekit-overview__status")
    english = page.locator(".coursekit-overview__status").first.inner_text()
    assert first.startswith("Superada: 7 de 7") and english.startswith("Passed: 7 of 7"), (first, english)
    page.goto(course_url + "/lecciones/confianza/")
    page.wait_for_selector(".coursekit-quiz__score:not(:empty)")
    assert page.locator(".coursekit-quiz__score").inner_text().strip() != ""
    page.goto(course_url + "/en/lessons/trust/")
    page.wait_for_selector(".coursekit-quiz__score:not(:empty)")
    assert "Quiz passed" in page.locator(".coursekit-quiz__score").inner_text()


def test_clearing_progress_does_not_bring_version_1_results_back(page, course_url: str) -> None:
    seed_version_1(page, course_url)
    page.goto(course_url + "/recorrido/")
    page.wait_for_selector(".coursekit-overview__status")
    assert page.evaluate(f"() => localStorage.getItem('{V2}')") is not None
    page.evaluate(f"() => localStorage.removeItem('{V2}')")  # as clearing progress does
    page.goto(course_url + "/recorrido/")
    page.wait_for_selector(".coursekit-overview__status")
    assert page.evaluate(f"() => localStorage.getItem('{V2}')") is None
