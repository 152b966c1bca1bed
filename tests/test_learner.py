"""The learner's way through the course, in Chromium: the start button,
lesson position and progress, the course path's states, saved data that is
stale or tampered with, clearing progress, moving it to another browser
through a file, the warning about blank questions, marks on the chosen
options, and the quiz at phone width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BASE = "coursekit:v2:fixture-course:"
FIRST, SECOND = BASE + "quiz:first-quiz", BASE + "quiz:second-quiz"
ALL_RIGHT = {"pick-one": ["right-one"], "pick-many": ["also-right", "right-too"], "is-it-true": ["false"],
             "the-scenario": ["listen-first"]}


def seed(page, url: str, values: dict[str, object]) -> None:
    page.goto(url)
    page.evaluate("(values) => { for (const [k, v] of Object.entries(values)) localStorage.setItem(k, JSON.stringify(v)); }",
                  values)


def stored(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def open_path(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/path/")
    page.wait_for_selector(".coursekit-manage:not([hidden])")
    page.wait_for_selector(".coursekit-progress:not([hidden])")


def statuses(page) -> list[str]:
    return page.locator(".coursekit-overview__status").all_inner_texts()


def pass_first_quiz(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    for values in ALL_RIGHT.values():
        for value in values:
            page.check(f"form[data-quiz=first-quiz] input[value={value}]")
    page.click('[data-action="check"]')


def test_start_button_becomes_continue_with_the_next_lesson(page, fixture_url: str) -> None:
    open_path(page, fixture_url)
    start = page.locator("[data-start]")
    assert start.inner_text() == "Start the course" and start.get_attribute("href").endswith("/lessons/first/")
    pass_first_quiz(page, fixture_url)
    assert page.locator(".coursekit-quiz__score").inner_text().startswith("You got 4 of 4 right. Quiz passed.")
    open_path(page, fixture_url)
    assert start.inner_text() == "Continue: Second lesson"
    assert start.get_attribute("href").endswith("/lessons/second/")
    start.click()
    page.wait_for_url("**/lessons/second/")


def test_a_started_but_not_passed_lesson_is_where_the_learner_continues(page, fixture_url: str) -> None:
    seed(page, f"{fixture_url}/path/", {SECOND: {"answers": {"only-question": ["first-option"]}, "score": 1, "total": 1},
                                        FIRST: {"answers": {"pick-one": ["wrong-one"]}, "score": 0, "total": 4}})
    open_path(page, fixture_url)
    assert page.locator("[data-start]").inner_text() == "Continue: First lesson"


def test_lesson_shows_its_position_progress_and_the_way_on(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    assert page.locator(".coursekit-position__number").inner_text() == "Lesson 1 of 2"
    progress = page.locator(".coursekit-lesson-intro .coursekit-progress")
    # Filled in by the script once the page is ready: waited for, not read at once.
    expect(progress.locator("p")).to_have_text("You have passed 0 of 2 lessons.")
    pass_first_quiz(page, fixture_url)
    assert progress.locator("p").inner_text() == "You have passed 1 of 2 lessons.", "updated after checking"
    bar = progress.locator(".coursekit-progress__bar span").evaluate("e => e.style.width")
    assert bar == "50%"
    next_link = page.locator(".coursekit-quiz__next a")
    assert next_link.inner_text().startswith("Next lesson: Second lesson")
    page.keyboard.press("Tab")  # from the result, which has focus after checking, to the way on
    assert page.evaluate("() => document.activeElement.textContent").startswith("Next lesson: Second lesson")
    page.goto(f"{fixture_url}/lessons/second/")
    assert page.locator(".coursekit-position__number").inner_text() == "Lesson 2 of 2"
    last = page.locator(".coursekit-quiz__next")
    assert last.inner_text().startswith("You have reached the end of the course.")
    assert last.locator("a").get_attribute("href").endswith("path/")


def test_course_path_tells_not_started_tried_and_passed(page, fixture_url: str) -> None:
    open_path(page, fixture_url)
    assert statuses(page) == ["Not started", "Not started"]
    # Three of four right passes on score (pass mark 0.7), but a blank question is never a pass.
    page.goto(f"{fixture_url}/lessons/first/")
    for value in ("right-one", "also-right", "right-too", "listen-first"):
        page.check(f"input[value={value}]")
    page.click('[data-action="check"]')
    page.click('[data-action="check-anyway"]')
    assert "To pass, answer every question" in page.locator(".coursekit-quiz__score").inner_text()
    open_path(page, fixture_url)
    assert statuses(page) == ["In progress: 3 of 4", "Not started"]
    assert page.locator(".coursekit-overview__status").first.get_attribute("data-state") == "tried"
    page.goto(f"{fixture_url}/lessons/first/")  # a full, passing attempt replaces it
    page.click('[data-action="retry"]')
    for values in ALL_RIGHT.values():
        for value in values:
            page.check(f"input[value={value}]")
    page.click('[data-action="check"]')
    open_path(page, fixture_url)
    assert statuses(page) == ["Passed: 4 of 4", "Not started"]
    assert page.locator(".coursekit-progress__text").inner_text() == "You have passed 1 of 2 lessons."
    assert page.evaluate("() => getComputedStyle(document.querySelector('[data-state=passed]'), '::after').content") \
        .startswith('"✓"'), "an icon besides the word"


def test_stale_or_tampered_results_are_neither_shown_nor_counted(page, fixture_url: str) -> None:
    stale = {"answers": {"old-question": ["old-option"], "another": ["x"]}, "score": 2, "total": 2}
    tampered = {"answers": {"only-question": ["first-option"]}, "score": 99, "total": 8}
    seed(page, f"{fixture_url}/path/", {FIRST: stale, SECOND: tampered})
    open_path(page, fixture_url)
    assert statuses(page) == ["Not started", "Not started"]
    assert page.locator(".coursekit-progress__text").inner_text() == "You have passed 0 of 2 lessons."
    assert page.locator("[data-start]").inner_text() == "Start the course"
    for url in ("/lessons/first/", "/lessons/second/"):
        page.goto(fixture_url + url)
        assert page.locator(".coursekit-quiz__score").inner_text() == ""
        assert page.locator(".coursekit-quiz__verdict:visible").count() == 0
    assert json.loads(stored(page)[FIRST]) == stale, "kept, never deleted: only ignored"
    # A score in range but wrong for its answers is worked out again, not believed.
    seed(page, f"{fixture_url}/path/", {SECOND: {"answers": {"only-question": ["second-option"]}, "score": 1, "total": 1}})
    open_path(page, fixture_url)
    assert statuses(page) == ["Not started", "In progress: 0 of 1"]


@pytest.mark.parametrize("value", [{"answers": {}, "score": 1e308, "total": -5}, {"answers": {}, "score": 1.5, "total": 4},
                                   {"answers": {"pick-one": "right-one"}, "score": 1, "total": 4}])
def test_malformed_results_are_ignored(page, fixture_url: str, value: dict) -> None:
    seed(page, f"{fixture_url}/path/", {FIRST: value})
    open_path(page, fixture_url)
    assert statuses(page)[0] == "Not started"


def confirm(page, which: str, answer: str) -> None:
    dialog = page.locator(f"dialog[data-confirm={which}]")
    dialog.wait_for(state="visible")  # after a file is read, which the browser does in its own time
    message = ".coursekit-manage__message"
    page.evaluate(f"() => {{ document.querySelector('{message}').textContent = ''; }}")
    dialog.locator(f"button[value={answer}]").click()
    dialog.wait_for(state="hidden")
    if answer == "yes":  # the dialog's close event comes after it hides; the message says it was handled
        page.wait_for_function(f"() => document.querySelector('{message}').textContent !== ''")


def test_reset_asks_first_and_clears_only_this_course(page, fixture_url: str) -> None:
    other = "coursekit:v2:another-course:quiz:x"
    seed(page, f"{fixture_url}/path/", {FIRST: {"answers": ALL_RIGHT, "score": 4, "total": 4}, other: {"keep": True}})
    open_path(page, fixture_url)
    page.click('[data-action="reset"]')
    assert page.evaluate("() => document.activeElement.value") == "no", "focus starts on Cancel"
    confirm(page, "reset", "no")
    assert statuses(page)[0] == "Passed: 4 of 4" and FIRST in stored(page)
    page.click('[data-action="reset"]')
    page.keyboard.press("Escape")
    assert FIRST in stored(page), "Escape cancels"
    page.click('[data-action="reset"]')
    confirm(page, "reset", "yes")
    assert statuses(page) == ["Not started", "Not started"]
    assert page.locator(".coursekit-manage__message").inner_text().startswith("Your progress is cleared.")
    assert FIRST not in stored(page) and other in stored(page)


def export_file(page, fixture_url: str, tmp_path: Path) -> Path:
    open_path(page, fixture_url)
    with page.expect_download() as info:
        page.click('[data-action="export"]')
    download = info.value
    assert download.suggested_filename == "fixture-course-progress.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_export_then_import_into_a_fresh_browser(chromium, page, fixture_url: str, tmp_path: Path) -> None:
    pass_first_quiz(page, fixture_url)
    page.goto(f"{fixture_url}/lessons/second/")
    page.check("input[value=second-option]")
    page.click('[data-action="check"]')
    path = export_file(page, fixture_url, tmp_path)
    data = json.loads(path.read_text())
    assert data["format"] == "coursekit-progress" and data["course"] == "fixture-course"
    assert set(data["results"]) == {"quiz:first-quiz", "quiz:second-quiz"}
    assert path.name in page.locator(".coursekit-manage__message").inner_text()

    context = chromium.new_context()  # another browser: nothing saved
    fresh = context.new_page()
    requests: list[str] = []
    fresh.on("request", lambda request: requests.append(request.method))
    open_path(fresh, fixture_url)
    assert statuses(fresh) == ["Not started", "Not started"]
    with fresh.expect_file_chooser() as chooser:
        fresh.click('[data-action="import"]')
    chooser.value.set_files(str(path))
    fresh.wait_for_function("() => document.querySelector('.coursekit-manage__message').textContent !== ''")
    assert fresh.locator(".coursekit-manage__message").inner_text().startswith("Done: your progress is loaded")
    assert statuses(fresh) == ["Passed: 4 of 4", "In progress: 0 of 1"]
    assert fresh.locator("[data-start]").inner_text() == "Continue: Second lesson"
    fresh.goto(f"{fixture_url}/lessons/first/")
    assert fresh.locator(".coursekit-quiz__score").inner_text().startswith("You got 4 of 4 right.")
    assert set(requests) == {"GET"}, "nothing is sent anywhere"

    # Loading over progress already there asks first.
    open_path(fresh, fixture_url)
    fresh.locator("[data-import-file]").set_input_files(str(path))
    confirm(fresh, "import", "yes")
    assert statuses(fresh) == ["Passed: 4 of 4", "In progress: 0 of 1"]
    context.close()


BAD_FILES = {
    "not json": ("{this is not json", "This file is not progress saved from this site."),
    "another format": (json.dumps({"answers": {}}), "This file is not progress saved from this site."),
    "another course": (json.dumps({"format": "coursekit-progress", "version": 1, "course": "another", "results": {}}),
                       "This file holds progress from another course."),
    "tampered score": (json.dumps({"format": "coursekit-progress", "version": 1, "course": "fixture-course",
                                   "results": {"quiz:first-quiz": {"answers": {}, "score": 99, "total": 8}}}),
                       "This file is damaged or was edited"),
    "no current quiz": (json.dumps({"format": "coursekit-progress", "version": 1, "course": "fixture-course",
                                    "results": {"quiz:gone": {"answers": {"a": ["b"]}, "score": 1, "total": 1}}}),
                        "This file has no results for the course's current quizzes."),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_import_file_is_refused_and_changes_nothing(page, fixture_url: str, tmp_path: Path, name: str) -> None:
    text, message = BAD_FILES[name]
    seed(page, f"{fixture_url}/path/", {SECOND: {"answers": {"only-question": ["first-option"]}, "score": 1, "total": 1}})
    before = stored(page)
    open_path(page, fixture_url)
    path = tmp_path / "progress.json"
    path.write_text(text)
    page.locator("[data-import-file]").set_input_files(str(path))
    page.wait_for_function("() => document.querySelector('.coursekit-manage__message').textContent !== ''")
    said = page.locator(".coursekit-manage__message")
    assert said.inner_text().startswith(message) and said.inner_text().endswith("Nothing was changed.")
    assert said.get_attribute("role") == "status"
    assert page.locator("dialog[open]").count() == 0
    assert stored(page) == before
    assert statuses(page) == ["Not started", "Passed: 1 of 1"]


def test_checking_with_blank_questions_warns_first(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    page.check("input[value=right-one]")
    page.check("input[value=also-right]")
    page.click('[data-action="check"]')
    warning = page.locator(".coursekit-quiz__warning")
    assert warning.locator("[role=alert]").inner_text() == "2 questions are not answered yet: 3 and 4."
    assert page.locator(".coursekit-quiz__verdict:visible").count() == 0, "nothing checked yet"
    assert page.locator('[data-action="check-anyway"]').is_visible()
    page.check("input[value=listen-first]")
    assert warning.is_hidden(), "answering hides the warning"
    page.click('[data-action="check"]')
    assert warning.locator("[role=alert]").inner_text() == "1 question is not answered yet: 3."
    page.click('[data-action="check-anyway"]')
    assert page.locator(".coursekit-quiz__score").inner_text().startswith("You got 2 of 4 right.")
    assert warning.is_hidden()


def test_chosen_options_are_marked_right_or_wrong_on_the_option(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    for value in ("wrong-one", "also-right", "not-right", "false", "listen-first"):
        page.check(f"input[value={value}]")
    page.click('[data-action="check"]')
    marks = {value: page.locator(f".coursekit-quiz__option:has(input[value={value}]) label") for value in
             ("wrong-one", "also-right", "not-right", "false", "listen-first", "right-one")}
    assert marks["wrong-one"].get_attribute("data-mark") == "wrong" and marks["wrong-one"].inner_text().endswith("Incorrect")
    assert marks["also-right"].get_attribute("data-mark") == "right" and marks["also-right"].inner_text().endswith("Correct")
    assert marks["not-right"].inner_text().endswith("Incorrect") and marks["false"].inner_text().endswith("Correct")
    assert marks["right-one"].get_attribute("data-mark") is None, "options not chosen carry no mark"
    icons = [marks[v].evaluate("e => getComputedStyle(e, '::before').content") for v in ("wrong-one", "also-right")]
    assert icons[0].startswith('"✗"') and icons[1].startswith('"✓"'), "an icon, not colour alone"
    page.click('[data-action="retry"]')
    assert page.locator("label[data-mark]").count() == 0 and page.locator(".coursekit-quiz__mark-chip").count() == 0


def test_on_a_phone_the_quiz_uses_the_width(chromium, course_url: str, tmp_path: Path) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{course_url}/lecciones/confianza/")
    for question in page.locator(".coursekit-quiz__question").all():
        question.locator("label").first.click()
    page.click('[data-action="check"]')
    option = page.locator(".coursekit-quiz__option label").first
    option.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "quiz-phone.png")
    content = page.locator(".md-content__inner").evaluate(
        "e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);"
        " return [r.left + parseFloat(s.paddingLeft), r.right - parseFloat(s.paddingRight)]; }")
    box = option.bounding_box()
    assert box["x"] - content[0] <= 1 and content[1] - (box["x"] + box["width"]) <= 1, \
        f"options span the text column at 390 px ({box}, {content}); see {tmp_path / 'quiz-phone.png'}"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()


def test_without_javascript_the_pages_stay_readable(chromium, fixture_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{fixture_url}/path/")
    start = page.locator("[data-start]")
    assert start.is_visible() and start.inner_text() == "Start the course", "a plain link that works without script"
    for needs_script in (".coursekit-manage", ".coursekit-progress", ".coursekit-overview__status"):
        assert page.locator(f"{needs_script}:visible").count() == 0, needs_script
    page.goto(f"{fixture_url}/lessons/first/")
    assert page.locator(".coursekit-position__number").inner_text() == "Lesson 1 of 2"
    assert page.locator(".coursekit-quiz__next a").is_visible()
    context.close()


def test_instant_navigation_repaints_progress_and_initialises_once(page, fixture_url: str) -> None:
    pass_first_quiz(page, fixture_url)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.click("a.md-nav__link[href$='path/']")
    page.wait_for_url("**/path/")
    page.wait_for_selector(".coursekit-manage:not([hidden])")
    assert statuses(page) == ["Passed: 4 of 4", "Not started"]
    assert page.evaluate("() => window.__sameDocument") is True
    page.click('[data-action="reset"]')
    confirm(page, "reset", "yes")
    assert page.locator("dialog[open]").count() == 0, "one listener: the dialog opened once"
    assert statuses(page) == ["Not started", "Not started"]


def test_real_course_home_starts_and_continues_in_spanish(page, course_url: str) -> None:
    page.goto(course_url + "/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Conversaciones difíciles con clientes", "not the menu label «Inicio»"
    assert page.locator("h1").count() == 1
    page.wait_for_selector(".coursekit-manage:not([hidden])")
    start = page.locator("[data-start]")
    assert start.inner_text() == "Empieza el curso"
    assert page.locator("a[href='mailto:equipo@conversaciones-dificiles.org']").count() == 1
    page.goto(course_url + "/lecciones/confianza/")
    assert page.locator(".coursekit-position__number").inner_text() == "Lección 1 de 9"
    right = page.evaluate("""() => [...document.querySelectorAll('.coursekit-quiz__solution li[data-correct=true]')]
        .map(li => [li.closest('.coursekit-quiz__question').dataset.question, li.dataset.option])""")
    for question, option in right:
        page.check(f'.coursekit-quiz__question[data-question="{question}"] input[value="{option}"]')
    page.click('[data-action="check"]')
    assert "Cuestionario superado." in page.locator(".coursekit-quiz__score").inner_text()
    page.goto(course_url + "/")
    assert start.inner_text() == "Continúa: Preparar la conversación"
    assert page.locator(".coursekit-progress__text").inner_text() == "Has superado 1 de 9 lecciones."


CONVERSATION = BASE + "conversation:late-delivery"


def test_a_conversation_outcome_joins_the_lesson_state_and_travels_in_the_file(chromium, page, fixture_url: str,
                                                                               tmp_path: Path) -> None:
    seed(page, f"{fixture_url}/path/", {
        SECOND: {"answers": {"only-question": ["first-option"]}, "score": 1, "total": 1},
        CONVERSATION: {"ending": "repaired", "outcome": "lost", "replies": []},  # the outcome is the ending's, not the stored one
    })
    open_path(page, fixture_url)
    assert statuses(page) == ["Not started", "Passed: 1 of 1 · Conversation: Relationship repaired"]
    path = export_file(page, fixture_url, tmp_path)
    assert json.loads(path.read_text())["results"]["conversation:late-delivery"]["ending"] == "repaired"

    context = chromium.new_context()
    fresh = context.new_page()
    open_path(fresh, fixture_url)
    fresh.locator("[data-import-file]").set_input_files(str(path))
    fresh.wait_for_function("() => document.querySelector('.coursekit-manage__message').textContent !== ''")
    assert statuses(fresh) == ["Not started", "Passed: 1 of 1 · Conversation: Relationship repaired"]
    context.close()

    seed(page, f"{fixture_url}/path/", {CONVERSATION: {"ending": "an-ending-since-removed", "outcome": "repaired"}})
    open_path(page, fixture_url)
    assert statuses(page) == ["Not started", "Passed: 1 of 1"], "a stale ending is not shown"
