"""The HTML of our widgets: semantic, accessible, escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from coursekit.model.course import load_course, read_pages
from coursekit.render.renderer import Renderer

from tests.conftest import fixture_settings

FIXTURE = Path(__file__).parent / "fixtures" / "basic"


class Tree(HTMLParser):
    """Counts tags and collects attributes, enough to assert structure."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def renderer() -> Renderer:
    settings = fixture_settings(FIXTURE)
    course = load_course(settings, read_pages(settings.docs_dir))
    course.set_order(["lessons/first.md", "lessons/second.md"])
    return Renderer(course, "Fixture course", "fixture")


def test_quiz_is_a_form_with_a_fieldset_and_legend_per_question() -> None:
    r = renderer()
    html = str(r.quiz(r.course.quizzes["first-quiz"]))
    tree = Tree(html)
    (form,) = tree.all("form")
    assert form["data-quiz"] == "first-quiz"
    assert form["data-storage-key"] == "coursekit:v2:fixture:quiz:first-quiz"
    assert len(tree.all("fieldset")) == len(tree.all("legend")) == 4
    inputs = tree.all("input")
    assert [i["type"] for i in inputs] == ["radio"] * 2 + ["checkbox"] * 3 + ["radio"] * 4
    labels = {label["for"] for label in tree.all("label")}
    assert all(i["id"] in labels for i in inputs), "every input has a label"
    assert len({i["name"] for i in inputs}) == 4, "one group name per question"
    values = [i["value"] for i in inputs]
    assert values[:2] == ["right-one", "wrong-one"] and values[5:7] == ["true", "false"], "ids, never positions"


@pytest.mark.parametrize("lms", [False, True])
def test_the_quiz_form_separates_every_attribute(lms: bool) -> None:
    """HTML needs whitespace between attributes (else a parse error): also around
    the attribute only a learning platform's package has."""
    import re

    r = renderer()
    r.lms = lms
    html = str(r.quiz(r.course.quizzes["first-quiz"]))
    form = html[:html.index(">") + 1]
    assert not re.search(r'"[a-z-]+=', form)
    assert ("data-text-saved-lms=" in form) == lms and 'data-pass="' in form


def test_scenario_is_described_and_answers_stay_out_of_search() -> None:
    r = renderer()
    tree = Tree(str(r.quiz(r.course.quizzes["first-quiz"])))
    described = [f for f in tree.all("fieldset") if "aria-describedby" in f]
    assert len(described) == 1 and any(d.get("id") == described[0]["aria-describedby"] for d in tree.all("div"))
    solutions = tree.all("details")
    assert len(solutions) == 4 and all("data-search-exclude" in d for d in solutions)
    (status,) = [p for p in tree.all("p") if p.get("role") == "status"]
    assert status["aria-live"] == "polite"


def test_author_html_is_escaped_and_markdown_rendered() -> None:
    r = renderer()
    html = str(r.quiz(r.course.quizzes["first-quiz"]))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Which is <strong>right</strong>?" in html
    assert "<em>reasons</em>" in html


def test_checklist_sheet_has_boxes_fields_and_lesson_links() -> None:
    r = renderer()
    html = str(r.checklist_sheet(r.course.checklists["before"], lambda uri: "/" + uri, "https://x/checklists/before/"))
    tree = Tree(html)
    assert "Fixture course" in tree.text
    assert len([s for s in tree.all("span") if s.get("class") == "coursekit-box"]) == 3
    assert len([s for s in tree.all("span") if s.get("class") == "coursekit-sheet__blank"]) == 3
    assert [a["href"] for a in tree.all("a")] == ["/lessons/first.md", "/lessons/second.md"]
    assert "Read-do" in tree.text


def test_plain_text_shortcut_renders_like_markdown() -> None:
    """Every text of the course renders the same with and without the shortcut."""
    import markdown as python_markdown
    import yaml
    from coursekit.render import markup

    from tests.conftest import ROOT

    converter = python_markdown.Markdown(extensions=[markup._TextOnly()])
    texts = []
    for path in sorted((ROOT / "quizzes").rglob("*.yml")):
        quiz = yaml.safe_load(path.read_text())
        for question in quiz["questions"]:
            texts += [question.get(k, "") for k in ("prompt", "scenario", "explanation", "feedback_true", "feedback_false")]
            texts += [o[k] for o in question.get("options", []) for k in ("text", "feedback")]
    texts += ["Plain text, with «quotes» and ¿questions?", "Two\n\nparagraphs", "a <b> & c", "**bold**", "- list",
              "Ratio: 3 to 1! Really | maybe ~ not", "x #1 y", "# heading", "line\n\tcode", "\tcode", "1. item",
              "title\n-", "title\n===", "    code", "a  \nbreak", "&amp; entity", "a_b_c", "[link](https://x.y)"]
    fast = markup.Markdown()
    shortcut = 0
    for text in filter(None, texts):
        converter.reset()
        assert str(fast.block(text)) == converter.convert(text), text
        converter.reset()
        paragraph = " ".join(text.split())
        assert f"<p>{fast.inline(text)}</p>" == converter.convert(paragraph) or not markup.is_plain(paragraph), text
        shortcut += markup.is_plain(text)
    assert shortcut > len(texts) / 2, "most course text takes the shortcut"


@pytest.mark.parametrize(("minutes", "shown"), [(13, "13 min"), (60, "1 h"), (132, "2 h 12 min")])
def test_durations_read_as_people_say_them(minutes: int, shown: str) -> None:
    from coursekit.model.strings import duration

    assert duration(minutes) == shown


def test_no_interface_string_shadows_a_dict_method() -> None:
    """Templates read the strings as attributes (``t.check``); a key named
    like a dict method (``items``, ``get``) would hide that method."""
    from coursekit.model.strings import STRINGS, strings_for

    for language in STRINGS:
        assert not set(strings_for(language)) & set(dir(dict)), language


def test_the_templates_come_compiled_and_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The package ships its templates compiled (a first build does not compile them);
    the compiled module matches the templates, and is used."""
    import jinja2
    from coursekit.render import renderer

    assert renderer.COMPILED.read_text(encoding="utf-8") == renderer.compiled_templates_source(), (
        "the compiled templates are out of date: run 'make templates'")
    compiled: list[str] = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, source, name=None, *rest, **options:
                        compiled.append(name) or original(self, source, name, *rest, **options))
    env = renderer._environment(renderer._PrecompiledLoader(renderer.TEMPLATES))
    env.filters.update(inline=str, block=str, duration=str)
    for name in env.list_templates():
        env.get_template(name)
    assert compiled == []


def test_a_template_edited_since_it_was_compiled_is_compiled_from_source(tmp_path: Path) -> None:
    from coursekit.render import renderer

    (tmp_path / "key_points.html").write_text("<p>{{ lesson }} changed</p>\n", encoding="utf-8")
    env = renderer._environment(renderer._PrecompiledLoader(tmp_path))
    assert env.get_template("key_points.html").render(lesson="x") == "<p>x changed</p>"


def test_placements_filled_over_their_stretch_as_over_the_whole_page() -> None:
    """fill_placements and name_search_dialog look only where a match can be;
    on snippets built from the pieces that matter, the result is the one of
    the regex over the whole text."""
    import random

    from coursekit.engines.mkdocs import theme
    from coursekit.model.widgets import PLACEHOLDER_HTML, fill_placements

    def whole_dialog(html: str) -> str:
        return theme._SEARCH_DIALOG.sub(lambda m: f'<div{m.group(1)} aria-label="L">', html, count=1)

    def fill(match) -> str:
        return f"[{match.group(1)}|{match.group(2)}|{match.group(0)!r}]"

    pieces = ["<!-- coursekit:quiz a -->", "<p><!--coursekit:key_points-->\n</p>", "<!--coursekit:x-- -->", "<p>\n",
              "coursekit:quiz a-->", "<p>", "</p>", " ", "\n", "\u2003", "<!--", "-->", "coursekit:", "quiz", " x",
              "<", ">", "a", "--", "<div", ' data-md-component="search"', ' role="dialog"', ' aria-label="x"']
    rng = random.Random(1)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert fill_placements(text, fill) == PLACEHOLDER_HTML.sub(fill, text), text
        assert theme.name_search_dialog(text, "L") == whole_dialog(text), text
