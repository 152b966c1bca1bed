"""Every checklist prints on exactly one page, on A4 and on US Letter, in
Chromium; the pack prints one sheet per checklist. A checklist at every limit
the build allows fits too, so the limits keep the one-page promise."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from coursekit.model.checklists import MAX_ITEM_LENGTH, MAX_ITEMS, MAX_TITLE_LENGTH, MAX_WHEN_LENGTH
from pypdf import PdfReader

from tests.conftest import FIXTURES, built_and_served

pytestmark = pytest.mark.browser
PAPERS = ("A4", "Letter")
CHECKLISTS = ("relacion", "antes", "durante", "recuperar", "despues")


def pages_printed(page, url: str, paper: str) -> tuple[int, bytes]:
    page.goto(url)
    pdf = page.pdf(format=paper)
    return len(PdfReader(io.BytesIO(pdf)).pages), pdf


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("checklist", CHECKLISTS)
def test_each_checklist_prints_on_one_page(page, course_url: str, checklist: str, paper: str) -> None:
    count, _pdf = pages_printed(page, f"{course_url}/checklists/{checklist}/", paper)
    assert count == 1


@pytest.mark.parametrize("paper", PAPERS)
def test_the_pack_prints_one_sheet_per_checklist(page, course_url: str, paper: str) -> None:
    count, _ = pages_printed(page, f"{course_url}/checklists/todas/", paper)
    assert count == len(CHECKLISTS)


def test_print_hides_the_site_and_draws_boxes_with_css(page, course_url: str) -> None:
    page.goto(f"{course_url}/checklists/antes/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".coursekit-print-actions"):
        assert page.locator(f"{chrome}:visible").count() == 0, chrome
    box = page.locator(".coursekit-box").first
    style = box.evaluate("e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.width, e.textContent]; }")
    assert style[0] == "solid" and style[1] != "0px" and style[2] == ""
    assert page.locator(".coursekit-sheet__url").inner_text().endswith("/checklists/antes/")


def test_screen_has_a_print_button_and_works_on_a_phone(chromium, course_url: str) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{course_url}/checklists/antes/")
    assert page.locator("[data-coursekit-print]").is_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, "no horizontal scrolling on a phone"
    context.close()


@pytest.fixture(scope="module")
def worst_case_url(tmp_path_factory: pytest.TempPathFactory):
    project = tmp_path_factory.mktemp("worst") / "project"
    shutil.copytree(FIXTURES / "basic", project)
    title = ("Before the very hardest conversation of the whole year" * 2)[:MAX_TITLE_LENGTH]
    when = ("The evening before, and again on the morning of the call, with the whole team around. " * 3)[:MAX_WHEN_LENGTH]
    with (project / "checklists.yml").open("a") as definitions:
        definitions.write(f"  - id: worst\n    title: \"{title}\"\n    when: \"{when}\"\n    kind: do-confirm\n")
    item = ("Write down, in one short sentence, the single message that matters most to the client " * 3)[:MAX_ITEM_LENGTH]
    items = f"    - \"{item}\"\n" * MAX_ITEMS
    lesson = project / "docs/lessons/second.md"
    lesson.write_text(lesson.read_text().replace("checklist:\n", f"checklist:\n  worst:\n{items}", 1))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      - checklists/before.md\n", "      - checklists/before.md\n      - checklists/worst.md\n"))
    yield from built_and_served(config, project / "site")


@pytest.mark.parametrize("paper", PAPERS)
def test_a_checklist_at_every_limit_still_fits_one_page(page, worst_case_url, paper: str, tmp_path: Path) -> None:
    url, _site = worst_case_url
    count, pdf = pages_printed(page, f"{url}/checklists/worst/", paper)
    (tmp_path / "worst.pdf").write_bytes(pdf)
    assert count == 1, f"see {tmp_path / 'worst.pdf'}"
