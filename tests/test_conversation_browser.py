"""Conversations in Chromium: played with plain links (no JavaScript), played
step by step (back, restart, an ending, the saved best outcome on reload and
on the course path), instant navigation, axe, phones, the search index, and
the printed role-play: one card per page on A4 and US Letter."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.test_quality import violations

pytestmark = pytest.mark.browser

ROOT_SEL = ".coursekit-conversation"
UID = "ck-conv-late-delivery"
KEY = "coursekit:v2:fixture-course:conversation:late-delivery"
CONVERSATIONS = sorted(p.stem for p in (ROOT / "conversations/es").glob("*.yml"))


def focused_class(page) -> str:
    return page.evaluate("() => document.activeElement.className || ''")


def transcript(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(".coursekit-conversation__transcript > li").all_inner_texts()]


def choose(page, text: str) -> None:
    page.locator(".coursekit-conversation__choice", has_text=text).click()


def test_without_javascript_links_lead_from_the_start_to_an_ending(chromium, fixture_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{fixture_url}/lessons/second/")
    assert page.locator(".coursekit-conversation__player").is_hidden()
    # Read from the top: the setting, how to play, then the first moment and the others; endings last.
    sections = page.locator(f"#{UID} section").evaluate_all("s => s.map(e => e.id.split('--')[1])")
    assert sections == ["opening", "details", "escalates", "repaired", "wary", "lost"]
    assert page.locator(f"#{UID}--opening h4").inner_text() == "Moment 1"
    assert page.locator(".coursekit-conversation__nojs").is_visible()

    page.locator(f"#{UID}--opening a[data-reply=blame-the-courier]").click()
    assert page.url.endswith(f"#{UID}--escalates")
    assert page.locator(f"#{UID}--escalates").evaluate("e => e.matches(':target')")
    page.locator(f"#{UID}--escalates a[data-reply=apologise-and-ask]").click()   # a loop with a way out
    page.locator(f"#{UID}--details a[data-reply=date-and-call]").click()
    assert page.url.endswith(f"#{UID}--repaired")
    ending = page.locator(f"#{UID}--repaired")
    assert ending.is_visible() and "Outcome: Relationship repaired" in ending.inner_text()
    assert "You listened, owned the delay" in ending.inner_text()
    # The coaching notes are there, folded, with a link to the lesson that teaches it.
    notes = page.locator(f"#{UID}--details details")
    notes.locator("summary").click()
    assert "A concrete step with a time is what calms a client most." in notes.inner_text()
    assert notes.locator("a").first.get_attribute("href").endswith("#practise-the-conversation")
    ending.locator(".coursekit-conversation__again a").click()
    assert page.url.endswith(f"#{UID}--opening")
    context.close()


def test_play_back_restart_end_save_and_see_it_on_the_course_path(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/second/")
    assert page.locator(".coursekit-conversation__script").is_hidden()
    assert transcript(page) == ["She sounds out of breath, as if she had been searching for a while.",
                                "Norma: My order is three days late. The party is tomorrow."]
    assert page.locator('[data-action="back"]').is_hidden() and page.locator('[data-action="restart"]').is_hidden()

    # Keyboard: the first reply is one Tab away from the group of choices.
    page.locator(".coursekit-conversation__choice").nth(1).focus()
    page.keyboard.press("Enter")
    live = page.locator(f"{ROOT_SEL} [data-live]")
    assert live.get_attribute("aria-live") == "polite"
    assert live.inner_text() == "Her voice rises. Norma: So what am I supposed to tell my daughter?"
    assert "coursekit-conversation__turn" in focused_class(page), "focus moves to the next choice"
    lines = transcript(page)
    assert lines[2] == "You: That is the courier's fault, not ours."
    assert lines[-1].startswith("Why the client reacts like this: Blaming someone else sounds like an escape")

    page.click('[data-action="back"]')
    assert len(transcript(page)) == 2 and "coursekit-conversation__turn" in focused_class(page)
    assert page.locator(".coursekit-conversation__choice").count() == 2

    choose(page, "Tell me what you need")
    choose(page, "send a new parcel by express")
    end = page.locator(".coursekit-conversation__end")
    assert end.is_visible() and page.locator(".coursekit-conversation__turn").is_hidden()
    assert "coursekit-conversation__end" in focused_class(page)
    text = " ".join(end.inner_text().split())
    assert "Ending: The present arrives in time" in text and "Outcome: Relationship repaired" in text
    assert "What worked: Let the client finish before answering Own the problem with a concrete next step" in text
    assert "To practise" not in text
    assert live.inner_text().endswith("Ending: The present arrives in time. Outcome: Relationship repaired")
    saved = page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}'))")
    assert saved == {"ending": "repaired", "outcome": "repaired", "replies": ["ask-what-matters", "date-and-call"]}

    page.click('[data-action="restart"]')
    assert len(transcript(page)) == 2 and "coursekit-conversation__turn" in focused_class(page)
    choose(page, "courier's fault")
    choose(page, "take another call")
    assert "To practise: Let the client finish before answering Own the problem" in " ".join(end.inner_text().split())
    assert page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}')).outcome") == "repaired", "the best one is kept"

    page.reload()
    best = page.locator(".coursekit-conversation__best")
    assert best.inner_text() == "Your best outcome: Relationship repaired."
    page.goto(f"{fixture_url}/path/")
    statuses = page.locator(".coursekit-overview__status").all_inner_texts()
    assert statuses == ["Not started", "Conversation: Relationship repaired"]


@pytest.mark.parametrize("stored", ["{not json", "null", '{"ending": 3, "outcome": "repaired"}', '{"ending": "x", "outcome": "best"}'])
def test_corrupt_saved_outcomes_are_ignored(page, fixture_url: str, stored: str) -> None:
    page.goto(f"{fixture_url}/lessons/second/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
    page.reload()
    assert page.locator(".coursekit-conversation__best").is_hidden()
    choose(page, "courier's fault")
    choose(page, "ten percent voucher")
    assert page.locator(".coursekit-conversation__best").inner_text().startswith("Your best outcome: Client stays, but wary.")
    page.goto(f"{fixture_url}/path/")
    assert page.locator(".coursekit-overview__status").nth(1).inner_text() == "Conversation: Client stays, but wary"


def test_instant_navigation_initialises_once(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/second/")
    page.evaluate("() => { window.__sameDocument = true; }")
    for target in ("first/", "second/", "first/", "second/"):
        page.click(f"a.md-nav__link[href$='{target}']")
        page.wait_for_url(f"**/lessons/{target}")
    page.wait_for_selector(f"{ROOT_SEL}[data-coursekit-ready]")
    assert page.evaluate("() => window.__sameDocument") is True, "navigation was instant"
    assert page.locator(".coursekit-conversation__choice").count() == 2
    choose(page, "courier's fault")
    assert len(transcript(page)) == 6, "one click, one step"


def test_on_a_phone_choices_are_large_and_nothing_scrolls_sideways(chromium, course_url: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{course_url}/lecciones/cuando-el-error-es-tuyo/")
    page.locator(".coursekit-conversation__choice").first.click()
    sizes = page.evaluate("""() => [...document.querySelectorAll('.coursekit-conversation__choice, .coursekit-conversation__actions button')]
        .filter(e => e.offsetParent !== null).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_conversation_its_ending_and_its_kit(chromium, axe: Axe, course_url: str, scheme: str) -> None:
    context = chromium.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{course_url}/lecciones/cuando-el-error-es-tuyo/")
    assert violations(axe, page) == []
    for _ in range(3):
        page.locator(".coursekit-conversation__choice").first.click()
    assert page.locator(".coursekit-conversation__end").is_visible()
    assert violations(axe, page) == [], "at an ending"
    for path in ("/conversations/", "/conversations/agua-en-el-dormitorio/"):
        page.goto(course_url + path)
        assert violations(axe, page) == [], path
    context.close()


def test_coaching_notes_and_endings_stay_out_of_the_search_index(course_site: Path) -> None:
    index = json.loads((course_site / "search/search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    for name in CONVERSATIONS:
        conversation = yaml.safe_load((ROOT / f"conversations/es/{name}.yml").read_text())
        for node in conversation["nodes"]:
            for reply in node["replies"]:
                assert reply["coaching"][:40] not in text
        for ending in conversation["endings"]:
            assert ending["debrief"][:40] not in text
        assert conversation["roleplay"]["client"]["feels"][:40] not in text


PAPERS = ("A4", "Letter")
CARDS = ("Tarjeta del cliente", "Tarjeta del profesional", "Hoja de observación")


def printed(page, url: str, paper: str) -> list[str]:
    page.goto(url)
    return [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format=paper))).pages]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", CONVERSATIONS)
def test_each_card_prints_on_one_page(page, course_url: str, name: str, paper: str) -> None:
    pages = printed(page, f"{course_url}/conversations/{name}/", paper)
    assert len(pages) == len(CARDS), f"{name}: {len(pages)} pages"
    for text, card in zip(pages, CARDS):
        assert card in text
        assert sum(other in text for other in CARDS) == 1, "one card per page"


@pytest.mark.parametrize("paper", PAPERS)
def test_the_print_all_page_prints_every_card_on_its_own_page(page, course_url: str, paper: str) -> None:
    pages = printed(page, f"{course_url}/conversations/todas/", paper)
    assert len(pages) == len(CARDS) * len(CONVERSATIONS)
    assert all(sum(card in text for card in CARDS) == 1 for text in pages)
