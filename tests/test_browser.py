"""Quizzes in Chromium: keyboard only, feedback, score, announcements, saved
results, retry, blocked or corrupt storage, and Material's instant navigation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

QUIZ = "form.coursekit-quiz"
KEY = "coursekit:v2:fixture-course:quiz:first-quiz"


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, value: e.value || '', type: e.type || '', cls: e.className || '',
                action: e.getAttribute('data-action') || ''}; }""")


def tab_to(page, predicate, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return
    raise AssertionError(f"never reached the element with the keyboard; last: {focused(page)}")


def check_now(page) -> None:
    """Check answers, past the warning about blank questions if there is one."""
    page.click('[data-action="check"]')
    if page.locator(".coursekit-quiz__warning").is_visible():
        page.click('[data-action="check-anyway"]')


def answer_with_keyboard(page) -> None:
    """Answers all four questions right, using only Tab, Space and arrow keys."""
    tab_to(page, lambda e: e["value"] == "right-one")
    page.keyboard.press("Space")                      # single: first option
    tab_to(page, lambda e: e["value"] == "also-right")
    page.keyboard.press("Space")                      # multiple: two boxes
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, lambda e: e["value"] == "true")
    page.keyboard.press("ArrowDown")                  # true-false: arrow selects "False"
    assert focused(page)["value"] == "false"
    tab_to(page, lambda e: e["value"] == "listen-first")
    page.keyboard.press("Space")                      # scenario
    assert page.locator(".coursekit-quiz__verdict:visible").count() == 0, "arrow keys and choices never check"


def test_keyboard_only_quiz_with_feedback_score_and_announcement(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    assert page.locator(f"{QUIZ} .coursekit-quiz__solution:visible").count() == 0, "answers hidden until checked"
    answer_with_keyboard(page)
    tab_to(page, lambda e: e["action"] == "check")
    page.keyboard.press("Enter")

    status = page.locator(f"{QUIZ} [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("You got 4 of 4 right.")
    assert "saved in this browser only" in status.inner_text()
    assert "coursekit-quiz__result" in focused(page)["cls"], "focus moves to the result"
    verdicts = page.locator(f"{QUIZ} .coursekit-quiz__verdict")
    assert verdicts.all_inner_texts() == ["Right"] * 4
    feedback = page.locator(f"{QUIZ} .coursekit-quiz__feedback:visible")
    assert feedback.count() == 5  # one per chosen option
    assert "It is right because it is." in feedback.first.inner_text()
    assert page.locator(f"{QUIZ} input:disabled").count() == 9
    assert page.locator('[data-action="retry"]').is_visible()


def test_wrong_and_partial_answers_are_said_in_words(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    page.check("input[value=wrong-one]")
    page.check("input[value=also-right]")
    page.check("input[value=not-right]")
    check_now(page)
    verdicts = page.locator(f"{QUIZ} .coursekit-quiz__verdict").all_inner_texts()
    assert verdicts == ["Not right", "Nearly: one is missing or extra", "Not answered", "Not answered"]
    wrong = page.locator(".coursekit-quiz__option:has(input[value=wrong-one])")
    assert wrong.locator("label").inner_text().endswith("Incorrect")
    assert "It is wrong." in wrong.locator(".coursekit-quiz__feedback").inner_text()
    assert page.locator(f"{QUIZ} [role=status]").inner_text().startswith("You got 0 of 4 right.")


def test_results_survive_a_reload_and_retry_clears_them(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    page.check("input[value=right-one]")
    check_now(page)
    saved = page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}'))")
    assert saved["answers"]["pick-one"] == ["right-one"] and saved["score"] == 1 and saved["total"] == 4

    page.reload()
    assert page.locator("input[value=right-one]").is_checked()
    assert page.locator(f"{QUIZ} [role=status]").inner_text().startswith("You got 1 of 4 right.")
    assert page.locator(f"{QUIZ} .coursekit-quiz__verdict").first.inner_text() == "Right"

    page.click('[data-action="retry"]')
    assert not page.locator("input[value=right-one]").is_checked()
    assert page.locator(f"{QUIZ} input:disabled").count() == 0
    assert focused(page)["value"] == "right-one", "focus returns to the first question"
    assert page.locator(f"{QUIZ} .coursekit-quiz__verdict:visible").count() == 0


def test_course_overview_shows_saved_scores(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/path/")
    page.wait_for_selector(".coursekit-progress:not([hidden])")  # painted once course.json is read
    statuses = page.locator(".coursekit-overview__status").all_inner_texts()
    assert statuses == ["Not started", "Not started"]
    page.goto(f"{fixture_url}/lessons/second/")
    page.check("input[value=first-option]")
    page.click('[data-action="check"]')
    page.goto(f"{fixture_url}/path/")
    page.wait_for_selector(".coursekit-progress:not([hidden])")
    statuses = page.locator(".coursekit-overview__status").all_inner_texts()
    assert statuses == ["Not started", "Passed: 1 of 1"]
    assert page.locator(".coursekit-progress__text").inner_text() == "You have passed 1 of 2 lessons."


def test_the_quiz_works_when_storage_is_blocked(chromium, fixture_url: str) -> None:
    context = chromium.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });""")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{fixture_url}/lessons/first/")
    page.check("input[value=right-one]")
    check_now(page)
    text = page.locator(f"{QUIZ} [role=status]").inner_text()
    assert text.startswith("You got 1 of 4 right.") and "does not let us save" in text
    page.goto(f"{fixture_url}/path/")
    # The course path is painted once course.json is read, in the browser's own time.
    page.wait_for_function("() => document.querySelector('.coursekit-overview__status').textContent.trim() !== ''")
    assert page.locator(".coursekit-overview__status").first.inner_text() == "Not started"
    assert [e for e in errors if "coursekit" in e or "localStorage" in e] == []
    context.close()


@pytest.mark.parametrize("stored", ["{not json", '{"answers": 5}', "null", "[]", '{"answers": {"pick-one": "right-one"}}',
                                    '{"answers": {"pick-one": [3]}}'])
def test_corrupt_storage_is_ignored(page, fixture_url: str, stored: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
    page.reload()
    assert page.locator(f"{QUIZ} .coursekit-quiz__verdict:visible").count() == 0
    page.check("input[value=right-one]")
    check_now(page)
    assert page.locator(f"{QUIZ} [role=status]").inner_text().startswith("You got 1 of 4 right.")


def test_results_saved_before_an_edit_restore_what_still_exists(page, fixture_url: str) -> None:
    """Ids are stable: a removed option or question is dropped, the rest restores."""
    page.goto(f"{fixture_url}/lessons/first/")
    stored = '{"answers": {"pick-one": ["gone-option"], "is-it-true": ["false"], "gone-question": ["x"]}, "score": 2, "total": 4}'
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
    page.reload()
    assert page.locator("input[value=false]").is_checked()
    assert page.locator(f"{QUIZ} .coursekit-quiz__verdict").all_inner_texts() == [
        "Not answered", "Not answered", "Right", "Not answered"]
    assert page.locator(f"{QUIZ} [role=status]").inner_text().startswith("You got 1 of 4 right.")


COUNT_LISTENERS = """
window.__coursekitListeners = new WeakMap();
const original = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if (this instanceof HTMLFormElement && this.classList.contains('coursekit-quiz')) {
    const counts = window.__coursekitListeners.get(this) || {};
    counts[type] = (counts[type] || 0) + 1;
    window.__coursekitListeners.set(this, counts);
  }
  return original.call(this, type, listener, options);
};
"""


def test_instant_navigation_a_b_a_initialises_once(chromium, fixture_url: str) -> None:
    context = chromium.new_context()
    context.add_init_script(COUNT_LISTENERS)
    page = context.new_page()
    page.goto(f"{fixture_url}/lessons/first/")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.click("a.md-nav__link[href$='second/']")
    page.wait_for_url("**/lessons/second/")
    page.wait_for_selector("form[data-quiz=second-quiz][data-coursekit-ready]")
    page.click("a.md-nav__link[href$='first/']")
    page.wait_for_url("**/lessons/first/")
    page.wait_for_selector("form[data-quiz=first-quiz][data-coursekit-ready]")
    assert page.evaluate("() => window.__sameDocument") is True, "navigation was instant (no reload)"
    counts = page.evaluate("() => window.__coursekitListeners.get(document.querySelector('form.coursekit-quiz'))")
    assert counts == {"submit": 1, "click": 1, "change": 1}
    page.check("input[value=right-one]")
    check_now(page)
    assert page.locator(f"{QUIZ} [role=status]").inner_text().startswith("You got 1 of 4 right.")
    context.close()


def test_without_javascript_answers_can_be_revealed(chromium, fixture_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{fixture_url}/lessons/first/")
    assert page.locator('[data-action="check"]').is_hidden()
    assert page.locator(".coursekit-quiz__nojs").first.is_visible()
    details = page.locator(f"{QUIZ} .coursekit-quiz__solution").first
    details.locator("summary").click()
    assert "It is right because it is." in details.inner_text()
    assert "Because of reasons." in details.inner_text()
    context.close()


def test_printed_lesson_is_a_worksheet_without_answers(page, fixture_url: str) -> None:
    page.goto(f"{fixture_url}/lessons/first/")
    page.check("input[value=right-one]")
    check_now(page)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.hidden = false; d.open = true; })")
    page.emulate_media(media="print")
    assert page.locator(".coursekit-quiz__question legend").first.is_visible()
    assert page.locator(".coursekit-quiz__option:has(input[value=right-one]) label").is_visible()
    for hidden in (".coursekit-quiz__solution", ".coursekit-quiz__feedback", ".coursekit-quiz__verdict",
                   ".coursekit-quiz__actions", ".coursekit-quiz__score"):
        assert page.locator(f"{QUIZ} {hidden}:visible").count() == 0, hidden
    pdf = page.pdf(format="A4")
    assert b"It is right because it is" not in pdf
