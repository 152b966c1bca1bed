"""Every checklist prints on exactly one page, on A4 and on US Letter, in
Chromium; the pack prints one sheet per checklist. Checklists at every limit
the build allows fit too (the longest title and 'when', the most fields, and
items up to the printed length a sheet may fill), so the limits keep the
one-page promise."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from coursekit.model.checklists import (
    CHARS_PER_LINE,
    MAX_FIELD_LENGTH,
    MAX_FIELDS,
    MAX_TITLE_LENGTH,
    MAX_WHEN_LENGTH,
    Checklist,
    printed_lines,
)
from coursekit.model.lessons import ChecklistItem
from coursekit.model.rules import CourseRules
from pypdf import PdfReader

from tests.conftest import FIXTURES, ROOT, built_and_served

pytestmark = pytest.mark.browser
PAPERS = ("A4", "Letter")
CHECKLISTS = tuple(c["id"] for c in yaml.safe_load((ROOT / "checklists/es.yml").read_text())["checklists"])


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


TITLE = ("Before the very hardest conversation of the whole year" * 2)[:MAX_TITLE_LENGTH]
WHEN = ("The evening before, and again on the morning of the call, with the whole team around. " * 3)[:MAX_WHEN_LENGTH]
FIELDS = [("Goal of the conversation, in a few words " * 2)[:MAX_FIELD_LENGTH]] * MAX_FIELDS
SENTENCE = "Write down, in one short sentence, the single message that matters most to the client " * 3
RULES = CourseRules()
# Items as long as one estimated line allows, and as long as an item may be:
# each many times over, up to the lines a sheet may fill.
WORST = {"worst-short": SENTENCE[:CHARS_PER_LINE], "worst-long": SENTENCE[:RULES.item_length]}


def items_that_fill_a_sheet(sheet_id: str, text: str, lessons: list[str]) -> int:
    """How many items of ``text`` the estimate lets onto the sheet."""
    count = 0
    while True:
        items = tuple(ChecklistItem(sheet_id, text, "l.md", 1, "l.md") for _ in range(count + 1))
        sheet = Checklist(sheet_id, TITLE, WHEN, "do-confirm", tuple(FIELDS), "c.yml", 1, items)
        if printed_lines(sheet, lessons, "en") > RULES.sheet_lines:
            return count
        count += 1


@pytest.fixture(scope="module")
def worst_case_url(tmp_path_factory: pytest.TempPathFactory):
    project = tmp_path_factory.mktemp("worst") / "project"
    shutil.copytree(FIXTURES / "basic", project)
    lesson = project / "docs/lessons/second.md"
    entries = ""
    for sheet_id, text in WORST.items():
        with (project / "checklists.yml").open("a") as definitions:
            definitions.write(f"  - id: {sheet_id}\n    title: \"{TITLE}\"\n    when: \"{WHEN}\"\n    kind: do-confirm\n"
                              f"    fields: {json.dumps(FIELDS)}\n")
        count = items_that_fill_a_sheet(sheet_id, text, ["Second lesson"])
        assert count >= 8
        entries += f"  {sheet_id}:\n" + f"    - \"{text}\"\n" * count
    lesson.write_text(lesson.read_text().replace("checklist:\n", f"checklist:\n{entries}", 1))
    config = project / "mkdocs.yml"
    pages = "".join(f"      - checklists/{sheet_id}.md\n" for sheet_id in WORST)
    config.write_text(config.read_text().replace("      - checklists/before.md\n", "      - checklists/before.md\n" + pages))
    yield from built_and_served(config, project / "site")


@pytest.mark.parametrize("sheet", list(WORST))
@pytest.mark.parametrize("paper", PAPERS)
def test_a_checklist_at_every_limit_still_fits_one_page(page, worst_case_url, paper: str, sheet: str,
                                                        tmp_path: Path) -> None:
    url, _site = worst_case_url
    count, pdf = pages_printed(page, f"{url}/checklists/{sheet}/", paper)
    (tmp_path / f"{sheet}.pdf").write_bytes(pdf)
    assert count == 1, f"see {tmp_path / sheet}.pdf"


def lines_by_page(pdf: bytes) -> list[list[tuple[float, str]]]:
    """Each page's text lines as (height from the page's foot, text), lowest first."""
    pages = []
    for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
        found: dict[float, list[str]] = {}

        def visit(text, cm, tm, font, size, found=found) -> None:
            if text.strip():
                found.setdefault(round(tm[5] * cm[3] + cm[5]), []).append(text.strip())

        pdf_page.extract_text(visitor_text=visit)
        pages.append(sorted((y, " ".join(parts)) for y, parts in found.items()))
    return pages


LESSONS = sorted(p.stem for p in (Path(__file__).parent.parent / "content/es/lecciones").glob("*.md"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_printed_lesson_leaves_no_heading_at_the_foot_of_a_page(page, course_url: str, lesson: str) -> None:
    page.goto(f"{course_url}/lecciones/{lesson}/")
    keep_with_next = {text.strip().rstrip("¶").strip() for text in page.locator(
        ".md-content h2, .md-content h3, .coursekit-quiz__intro").all_inner_texts()}
    pages = lines_by_page(page.pdf(format="A4"))
    assert len(pages) > 1
    for number, lines in enumerate(pages[:-1], start=1):
        foot = lines[0][1]
        assert foot not in keep_with_next, f"page {number} ends with «{foot}»"


@pytest.mark.parametrize("paper", PAPERS)
def test_a_printed_checklist_uses_the_sheet_and_its_notes_clear_the_footer(page, course_url: str, paper: str) -> None:
    page.goto(f"{course_url}/checklists/antes/")
    pdf = page.pdf(format=paper)
    (lines,) = lines_by_page(pdf)
    height = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height)
    footer = min(y for y, text in lines if text.startswith("Viene de las lecciones"))
    assert footer < 0.2 * height, "the footer sits at the foot of the sheet, not a third of the way up"
    page.emulate_media(media="print")
    gap = page.evaluate("""() => {
        const notes = document.querySelector('.coursekit-sheet__notes').getBoundingClientRect();
        const lines = [...document.querySelectorAll('.coursekit-sheet__notes span')].map(s => s.getBoundingClientRect())
            .filter(r => r.bottom <= notes.bottom + 0.5);
        const footer = document.querySelector('.coursekit-sheet__footer').getBoundingClientRect();
        return [lines.length, footer.top - lines[lines.length - 1].bottom]; }""")
    assert gap[0] >= 3, "at least three ruled lines for notes"
    assert gap[1] >= 12, f"the last notes line is {gap[1]} px above the footer rule"
