"""Hostile and broken input: no script runs, no template runs, no traceback.

Unit tests of the mechanisms (link schemes decided as a browser decides them,
plain-text fields, the one source reader, the YAML loader, placements), then
fixture sites broken one way at a time: ``coursekit check`` and the strict
build both fail, with the same message at the same file and line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from coursekit.model import sourceyaml
from coursekit.model.checklists import Checklist, generated_pages
from coursekit.model.fields import MARKDOWN, PLAIN, check_text, is_id
from coursekit.model.problems import Problems
from coursekit.model.quizzes import Option, Question, Quiz
from coursekit.model.sources import SourceError, decode
from coursekit.model.text import markup_in, unsafe_link, unsafe_scheme
from coursekit.model.widgets import find_placements
from coursekit.render.markup import Markdown

from tests.conftest import FIXTURES, mkdocs_build
from tests.test_cli import coursekit
from tests.test_render import Tree, renderer

# Links that run script once the browser has decoded the attribute.
HOSTILE_LINKS = ["javascript&#58;alert(1)", "java&#x09;script:alert(2)", "&#106;avascript:alert(3)",
                 " JaVaScRiPt:alert(4)", "&#x6A&#x61vascript:alert(5)", "javascript&colon;alert(6)",
                 "&amp;#106;avascript:alert(7)", "data:text/html,<script>alert(8)</script>", "vbscript:x"]


@pytest.mark.parametrize("href", HOSTILE_LINKS)
def test_a_link_scheme_is_decided_after_decoding(href: str) -> None:
    assert unsafe_scheme(href)
    assert unsafe_link(f"Read [this]({href}) first.")
    assert unsafe_link(f"[this][ref]\n\n[ref]: {href}")


@pytest.mark.parametrize("href", ["https://example.org/a?b=1&amp;c=2", "mailto:team@example.org", "../glosario.md#escucha",
                                  "#anchor", "tel:+34900000000", "otra-leccion.md"])
def test_safe_links_are_kept(href: str) -> None:
    assert unsafe_scheme(href) == ""
    html = Markdown().inline(f"[text]({href})")
    assert "<a href=" in html


@pytest.mark.parametrize("href", HOSTILE_LINKS)
def test_the_renderer_drops_an_unsafe_link_in_every_markdown_text(href: str) -> None:
    """Even text that never met the check (it would refuse it) renders no unsafe link."""
    hostile = f"Read [this]({href}) first."
    option = Option("one", hostile, True, hostile)
    questions = (Question("q", "scenario", hostile, (option, Option("two", "Two", False, hostile)), hostile, hostile),)
    r = renderer()
    html = str(r.quiz(Quiz("evil", hostile, questions, "quizzes/evil.yml", 1)))
    lesson = r.course.lessons[0]
    lesson.objectives = lesson.key_points = (hostile,)
    html += str(r.lesson_intro(lesson)) + str(r.key_points(lesson))
    assert html.count("this") >= 8, "the link text stays"
    for anchor in Tree(html).all("a"):
        assert not unsafe_scheme(anchor.get("href", "")), anchor


@pytest.mark.parametrize(("text", "found"), [
    ("<img src=x onerror=alert(1)>", "HTML"), ("Antes </h1><script>", "HTML"), ("<!-- x -->", "HTML"),
    ("{{ lipsum.__globals__.os.popen('id').read() }}", "template syntax"), ("{% if x %}", "template syntax"),
    ("Tom &amp; Jerry", "an HTML character reference"), ("&#60;b&#62;", "an HTML character reference"),
])
def test_plain_text_refuses_markup(text: str, found: str) -> None:
    assert markup_in(text)[0] == found
    problems = Problems()
    assert not check_text(text, PLAIN, "'title'", "f.md", 3, problems)
    assert problems[0].line == 3 and "plain text" in problems[0].message and problems[0].hint


@pytest.mark.parametrize("text", ["R&D sin sorpresas", "Precio < valor", "Qué decir: «no» a tiempo", "100 % claro"])
def test_plain_text_allows_ordinary_punctuation(text: str) -> None:
    assert markup_in(text) is None
    assert check_text(text, PLAIN, "'title'", "f.md", 1, Problems())


def test_markdown_text_is_checked_for_links_and_length() -> None:
    problems = Problems()
    assert not check_text("[a](javascript&#58;x)", MARKDOWN, "'prompt'", "q.yml", 4, problems)
    assert not check_text("x" * 1001, MARKDOWN, "'prompt'", "q.yml", 5, problems)
    assert [p.line for p in problems] == [4, 5]


@pytest.mark.parametrize("value", ["q1\n", "q1 ", "Q1", "q--1", "a" * 65, ""])
def test_ids_are_matched_whole(value: str) -> None:
    assert not is_id(value)


def test_the_source_reader_turns_bytes_into_text_or_a_line() -> None:
    assert decode("\ufeff---\ntitle: Á\n".encode()) == "---\ntitle: Á\n", "a byte-order mark is dropped"
    with pytest.raises(SourceError) as latin1:
        decode("a: 1\nb: 2\nc: caf\xe9\n".encode("latin-1"))
    assert latin1.value.line == 3 and "UTF-8" in latin1.value.message and latin1.value.hint
    with pytest.raises(SourceError) as utf16:
        decode("a: 1\n".encode("utf-16"))
    assert utf16.value.line == 1
    with pytest.raises(SourceError) as nul:
        decode(b"a: 1\nb: x\x00y\n")
    assert nul.value.line == 2 and "U+0000" in nul.value.message and nul.value.hint


@pytest.mark.parametrize(("text", "line", "words"), [
    ('a: 1\nb: "abc\nc: 2\nd: 3\n', 2, "quoted text that starts on this line is never closed"),
    ("a: 1\ntitle: [abc\nc: 2\n", 2, "'[' on this line is never closed"),
    ("a: 1\nb: {x: 1\nc: 2\n", 2, "'{' on this line is never closed"),
    ("a: 1\nb: \x00\n", 2, "control character"),
    ("x: " + "[" * 500 + "]" * 500, 1, "nested more than"),
    ("a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 300)), 42, "nested more than"),
    ("when: !!timestamp 2024-13-45\n", 1, "cannot be read"),
])
def test_yaml_problems_have_the_line_where_they_start(text: str, line: int, words: str) -> None:
    with pytest.raises(sourceyaml.YamlProblem) as problem:
        sourceyaml.load(text)
    assert problem.value.line == line
    assert words in problem.value.message
    assert problem.value.hint


def test_placements_in_code_are_text() -> None:
    text = ("Intro\n\n```md\n{{ quiz(\"a\") }}\n<!-- coursekit:quiz b -->\n```\n\n"
            "    ~~~\n    <!-- coursekit:quiz c -->\n    ~~~\n\nInline `{{ quiz(\"d\") }}` too.\n\n<!-- coursekit:quiz e -->\n")
    assert [(p.argument, p.line) for p in find_placements(text)] == [("e", 14)]


def test_generated_pages_are_data_for_every_template_engine() -> None:
    title = "{{ lipsum.__globals__.os.popen('id').read() }}"
    pages = generated_pages({"antes": Checklist("antes", title, "x", "read-do", (), "c.yml", 1)}, "es")
    for source in pages.values():
        front = sourceyaml.load(source.split("---\n")[1])
        assert front["render_macros"] is False
    assert sourceyaml.load(pages["checklists/antes.md"].split("---\n")[1])["title"] == title


# Fixture sites, broken one way at a time --------------------------------------------------------

LESSON, QUIZ, CHECKLISTS, CONFIG = "docs/lessons/first.md", "quizzes/first.yml", "checklists.yml", "mkdocs.yml"


def _bytes(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, old
    path.write_bytes(data.replace(old, new, 1))


def _text(path: Path, old: str, new: str) -> None:
    _bytes(path, old.encode(), new.encode())


BROKEN = {
    "entity link in a prompt": (QUIZ, "Which is **right**?", "See [a](javascript&#58;alert(1))?",
                                "quizzes/first.yml:7: 'prompt' links to 'javascript&#58;alert(1', a 'javascript:' link"),
    "tab link in an option": (QUIZ, "text: The right one", "text: '[b](java&#x09;script:alert(2))'",
                              "quizzes/first.yml:10: 'text' links to"),
    "entity link in an objective": (LESSON, "  - Recognise the first thing.", "  - See [c](&#106;avascript:alert(3)).",
                                    "docs/lessons/first.md:6: this entry of 'objectives' links to"),
    "entity link in a checklist item": (LESSON, "    - Write down the one message that matters.",
                                        "    - '[d](javascript&colon;alert(4))'",
                                        "docs/lessons/first.md:12: this checklist item links to"),
    "template in a checklist title": (CHECKLISTS, "title: Before the conversation",
                                      "title: \"{{ lipsum.__globals__.os.popen('id').read() }}\"",
                                      "checklists.yml:3: 'title' holds template syntax"),
    "template in a lesson title": (LESSON, "title: First lesson", 'title: "{{ 7 * 7 }}"',
                                   "docs/lessons/first.md:2: 'title' holds template syntax"),
    "HTML in a lesson title": (LESSON, "title: First lesson", "title: <img src=x onerror=alert(1)>",
                               "docs/lessons/first.md:2: 'title' holds HTML"),
    "HTML in a description": (LESSON, "description: What the first lesson teaches.",
                              'description: "</title><script>alert(1)</script>"',
                              "docs/lessons/first.md:3: 'description' holds HTML"),
    "quiz not UTF-8": (QUIZ, "text: The right one", "text: The r\xefght one",
                       "quizzes/first.yml:10: this file is not UTF-8 text"),
    "lesson not UTF-8": (LESSON, "A client writes", "A cl\xefent writes", "docs/lessons/first.md:18: this file is not UTF-8 text"),
    "checklists not UTF-8": (CHECKLISTS, "The day before", "The d\xefy before", "checklists.yml:4: this file is not UTF-8 text"),
    "deep YAML": (QUIZ, "title: Quiz of the first lesson", "title: " + "[" * 300 + "]" * 300,
                  "quizzes/first.yml:3: the text is nested more than"),
    "deep front matter": (LESSON, "time: 12", "time: 12\nx: " + "[" * 300 + "]" * 300,
                          "docs/lessons/first.md:5: the text is nested more than"),
    "unknown widget": (LESSON, '{{ quiz("first-quiz") }}', '{{ quiz("first-quiz") }}\n\n<!-- coursekit:quizz first-quiz -->',
                       "docs/lessons/first.md:24: there is no widget called 'quizz'. Hint: did you mean 'quiz'?"),
    "generated widget": (LESSON, '{{ quiz("first-quiz") }}', '{{ quiz("first-quiz") }}\n\n<!-- coursekit:checklist_page nope -->',
                         "docs/lessons/first.md:24: 'checklist_page' is placed by coursekit itself"),
    "search: [1]": (LESSON, "time: 12", "time: 12\nsearch: [1]", "docs/lessons/first.md:5: 'search' must be a mapping"),
    "hide: 5": (LESSON, "time: 12", "time: 12\nhide: 5", "docs/lessons/first.md:5: 'hide' must be a list"),
    "template: nope.html": (LESSON, "time: 12", "time: 12\ntemplate: nope.html",
                            "docs/lessons/first.md:5: the template 'nope.html' does not exist"),
    "hide on any page": ("docs/path.md", "title: Course path", "title: Course path\nhide: [sidebar]",
                         "docs/path.md:3: 'hide' lists 'sidebar'"),
    "placement in a fence": (LESSON, '{{ quiz("first-quiz") }}', '```\n<!-- coursekit:quiz first-quiz -->\n```',
                             "docs/lessons/first.md:1: this lesson places no quiz."),
    "placement with render_macros: false": (LESSON, "time: 12", "time: 12\nrender_macros: false",
                                            "docs/lessons/first.md:23: this {{ quiz(…) }} is never rendered"),
    "quiz placed twice": (LESSON, '{{ quiz("first-quiz") }}', '{{ quiz("first-quiz") }}\n\n<!-- coursekit:quiz first-quiz -->',
                          "docs/lessons/first.md:24: this page already places this quiz on line 22."),
    "checklist id index": (CHECKLISTS, "id: before", "id: index", "checklists.yml:2: the checklist id 'index' is taken"),
    "checklist id todas": (CHECKLISTS, "id: before", "id: todas", "checklists.yml:2: the checklist id 'todas' is taken"),
    "id with a newline": (QUIZ, "- id: pick-one", '- id: "pick-one\\n"', "quizzes/first.yml:5: the id 'pick-one\\n' is not a valid id."),
    "unclosed quote": (QUIZ, "prompt: Which is **right**?", 'prompt: "Which is **right**?',
                       "quizzes/first.yml:7: this is not valid YAML: the quoted text that starts on this line is never closed"),
    "unclosed bracket": (QUIZ, "title: Quiz of the first lesson", "title: [abc", "quizzes/first.yml:3: this is not valid YAML: the '['"),
    "NUL byte": (QUIZ, "id: first-quiz", "\x00id: first-quiz", "quizzes/first.yml:2: this line holds an invisible control character"),
    "wrong lessons_dir": (CONFIG, "lessons_dir: lessons", "lessons_dir: lesons",
                          "mkdocs.yml:15: the option 'lessons_dir' names 'lesons', which is not a folder of docs. Hint: did you mean 'lessons'?"),
    "wrong quizzes_dir": (CONFIG, "quizzes_dir: quizzes", "quizzes_dir: quizes", "mkdocs.yml:13: the option 'quizzes_dir' names 'quizes'"),
    "wrong checklists_file": (CONFIG, "checklists_file: checklists.yml", "checklists_file: checklist.yml",
                              "mkdocs.yml:14: the option 'checklists_file' names 'checklist.yml'"),
    "too many options": (QUIZ, "      - id: not-right\n",
                         "".join(f"      - id: extra-{n}\n        text: Extra\n        feedback: No.\n" for n in range(5))
                         + "      - id: not-right\n", "quizzes/first.yml:21: the question 'pick-many' has 8 options; the limit is 6."),
    "long id": (QUIZ, "- id: pick-one", "- id: " + "a" * 80, "quizzes/first.yml:5: the id 'aaaa"),
    "long text": (QUIZ, "feedback: It is wrong.", "feedback: " + "Wrong. " * 200, "quizzes/first.yml:15: 'feedback' has 1399 characters"),
    "misspelt plugin option": (CONFIG, "lessons_dir: lessons", "lessons_dir: lessons\n      lesons_dir: lessons",
                               ("mkdocs.yml:16: Config value 'plugins': Plugin 'coursekit' option 'lesons_dir': "
                                "there is no such option. Hint: did you mean 'lessons_dir'?")),
}


def broken_project(tmp_path: Path, file: str, old: str, new: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "basic", project)
    target = project / file
    if old:
        _bytes(target, old.encode(), new.encode("latin-1") if "not UTF-8" in new or "\xef" in new else new.encode())
    else:
        target.write_bytes(new.encode() + target.read_bytes())
    return project


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_check_and_the_build_say_the_same_where(tmp_path: Path, case: str) -> None:
    file, old, new, expected = BROKEN[case]
    project = broken_project(tmp_path, file, old, new)
    check = coursekit("check", cwd=project)
    assert check.returncode == 1, check.stdout + check.stderr
    reported = [line for line in check.stdout.splitlines() if line.startswith(expected)]
    assert reported, check.stdout
    assert " Hint: " in reported[0]
    build = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert build.returncode != 0
    for output in (check.stdout + check.stderr, build.stdout + build.stderr):
        assert "Traceback" not in output, output
    message = reported[0].partition(": ")[2]
    if file != CONFIG or "Config value" not in message:
        assert reported[0] in build.stderr, build.stderr  # file, line, message and hint, word for word
    else:
        assert message in build.stderr, build.stderr  # MkDocs prints its own configuration errors, without a line
    assert not (project / "site" / "lessons").exists(), "nothing half-written"


def test_a_byte_order_mark_is_no_problem_for_either(tmp_path: Path) -> None:
    project = broken_project(tmp_path, LESSON, "", "\ufeff")
    assert (project / LESSON).read_bytes().startswith(b"\xef\xbb\xbf")
    check = coursekit("check", cwd=project)
    assert check.returncode == 0, check.stdout
    assert mkdocs_build(project / "mkdocs.yml", project / "site").returncode == 0


def test_a_broken_mkdocs_yml_is_a_message_in_the_check(tmp_path: Path) -> None:
    project = broken_project(tmp_path, CONFIG, "docs_dir: docs", "docs_dir: [docs")
    check = coursekit("check", cwd=project)
    assert check.returncode == 1
    assert check.stdout.startswith("mkdocs.yml:3: MkDocs encountered an error parsing the configuration file")
    assert " Hint: " in check.stdout and "Traceback" not in check.stdout + check.stderr


def test_a_placement_the_check_cannot_see_stops_the_build_with_the_page(tmp_path: Path) -> None:
    """A macro in a loop places the quiz twice; the build names the page instead of a traceback."""
    project = broken_project(tmp_path, LESSON, '{{ quiz("first-quiz") }}',
                             '{% for n in [1, 2] %}{{ quiz("first-quiz") }}{% endfor %}')
    build = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert build.returncode != 0
    assert "lessons/first.md: this page places the quiz 'first-quiz' twice" in build.stderr
    assert "Traceback" not in build.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["nueva\n", "--title", "Nueva"], "is not a valid lesson id"),
    (["a" * 300, "--title", "Larga"], "is not a valid lesson id"),
    (["nueva", "--title", "<b>Nueva</b>"], "holds HTML"),
    (["nueva", "--title", "{{ 7 * 7 }}"], "holds template syntax"),
    (["nueva", "--title", "x" * 101], "the limit is 100"),
])
def test_new_refuses_what_the_check_would_refuse(tmp_path: Path, args: list[str], words: str) -> None:
    project = broken_project(tmp_path, CONFIG, "", "")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = coursekit("new", *args, cwd=project)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before, "nothing written"


def test_the_built_pages_are_free_of_script_from_content(tmp_path: Path) -> None:
    """The fixture's quiz holds '<script>' in an option: it is shown as text."""
    project = broken_project(tmp_path, CONFIG, "", "")
    assert mkdocs_build(project / "mkdocs.yml", project / "site").returncode == 0
    html = (project / "site/lessons/first/index.html").read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for page in (project / "site/lessons").rglob("*.html"):
        assert "javascript:" not in page.read_text(), page
