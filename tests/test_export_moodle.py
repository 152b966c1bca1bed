"""`coursekit export moodle-xml`: each edition's quizzes as a Moodle question bank.

The output is read back twice: against the quiz YAML (every question, option,
right answer, feedback and explanation), and by ``read_like_moodle``, which
does what Moodle's importer (qformat_xml in question/format/xml/format.php,
with qformat_default::importprocess and the multichoice and truefalse types)
does with the parts of the format we write, and refuses what it would refuse.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

import pytest
import yaml
from coursekit.cli import load_edition
from coursekit.export.moodle_xml import MOODLE_FRACTIONS, category_path, cdata_sections, percent, share
from coursekit.model.widgets import find_placements
from coursekit.render.markup import Markdown

from tests.conftest import FIXTURES, ROOT

MARKDOWN = Markdown(relative_links=False)


def coursekit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "coursekit.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=environ, timeout=120, check=False)


# What Moodle's importer reads, for the question types we write. An element
# it does not know is ignored by Moodle, so here it is an error: a typo.
_KNOWN = {
    "category": {"category", "info", "idnumber"},
    "multichoice": {"name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber",
                    "single", "shuffleanswers", "answernumbering", "showstandardinstruction", "correctfeedback",
                    "partiallycorrectfeedback", "incorrectfeedback", "shownumcorrect", "answer"},
    "truefalse": {"name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber", "answer"},
}
_FORMATS = {"moodle_auto_format", "html", "plain_text", "wiki_like", "markdown"}  # qformat_xml::trans_format
_NUMBERING = {"abc", "ABCD", "123", "iii", "IIII", "none"}  # qtype_multichoice::get_numbering_styles


def parse_like_xmlize(data: bytes) -> ET.Element:
    """The file as Moodle's xmlize (lib/xmlize.php) reads it: character data
    arrives in pieces (a whole CDATA section; outside one, what the parser
    reports between markup, line ends and entity references) and a piece that
    is only whitespace is dropped. So '&lt;/b&gt; &lt;i&gt;' loses its space."""
    parser = expat.ParserCreate("UTF-8")
    parser.buffer_text = False
    stack: list[ET.Element] = []
    root: list[ET.Element] = []
    cdata: list[str] | None = None

    def add(piece: str) -> None:
        if piece == "0" or piece.strip():
            stack[-1].text = (stack[-1].text or "") + piece

    def start(name: str, attributes: dict) -> None:
        element = ET.Element(name, attributes)
        (stack[-1].append(element) if stack else root.append(element))
        stack.append(element)

    def characters(piece: str) -> None:
        (cdata.append(piece) if cdata is not None else add(piece))

    def start_cdata() -> None:
        nonlocal cdata
        cdata = []

    def end_cdata() -> None:
        nonlocal cdata
        add("".join(cdata))
        cdata = None

    parser.StartElementHandler, parser.EndElementHandler = start, lambda name: stack.pop()
    parser.CharacterDataHandler = characters
    parser.StartCdataSectionHandler, parser.EndCdataSectionHandler = start_cdata, end_cdata
    parser.Parse(data, True)  # refuses what is not well-formed XML, as xmlize does
    return root[0]


def test_the_reader_loses_whitespace_between_escaped_tags_as_moodle_does() -> None:
    escaped = parse_like_xmlize(b"<text>&lt;b&gt;a&lt;/b&gt; &lt;i&gt;b&lt;/i&gt;</text>")
    in_cdata = parse_like_xmlize(b"<text><![CDATA[<b>a</b> <i>b</i>]]></text>")
    assert escaped.text == "<b>a</b><i>b</i>" and in_cdata.text == "<b>a</b> <i>b</i>"
    sections = "".join(f"<![CDATA[{s}]]>" for s in cdata_sections("a]]>b]]>"))
    assert sections == "<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>"
    assert parse_like_xmlize(f"<text>{sections}</text>".encode()).text == "a]]>b]]>"


def _field(element: ET.Element, tag: str) -> tuple[str, str]:
    """(text, format) of a text field, as import_text_with_files reads it; Moodle trims the text."""
    field = element.find(tag)
    assert field is not None, f"no <{tag}>"
    assert field.get("format") in _FORMATS, f"<{tag}> has format {field.get('format')!r}"
    text = field.find("text")
    assert text is not None, f"<{tag}> has no <text>"
    return (text.text or "").strip(), field.get("format")


def read_like_moodle(data: bytes) -> list[dict]:
    """The questions Moodle would import from a file, category changes included, or an AssertionError."""
    root = parse_like_xmlize(data)
    assert root.tag == "quiz"
    assert all(child.tag == "question" for child in root), "readquestions reads quiz/question only"
    imported = []
    for element in root:
        kind = element.get("type")
        assert kind in _KNOWN, f"question type {kind!r}"
        unknown = {child.tag for child in element} - _KNOWN[kind]
        assert not unknown, f"{kind} with {unknown}"
        if kind == "category":
            path = element.find("category/text").text
            names = [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]
            assert names[:2] == ["$course$", "top"] and all(names), path
            info = element.find("info")
            assert info is not None and info.get("format") in _FORMATS  # import_category reads info's format unguarded
            idnumber = element.findtext("idnumber")
            assert idnumber and len(idnumber) <= 100
            imported.append({"type": kind, "path": names[2:], "info": (info.findtext("text") or "").strip(),
                             "idnumber": idnumber})
            continue
        name = re.sub(r"<[^>]*>", "", element.findtext("name/text")).strip()  # clean_param(PARAM_TEXT) strips tags
        assert name and len(name) <= 255, name  # clean_question_name keeps 255 characters
        question = {"type": kind, "name": name, "idnumber": element.findtext("idnumber")}
        question["text"], _ = _field(element, "questiontext")
        question["general"], _ = _field(element, "generalfeedback")
        assert question["idnumber"] and len(question["idnumber"]) <= 100
        answers = element.findall("answer")
        fractions = []
        for answer in answers:
            fraction = float(answer.get("fraction", "0")) / 100
            # importprocess: match_grade_options(fraction_options_full, fraction, 'error')
            assert any(abs(fraction - listed) < 0.00001 for listed in MOODLE_FRACTIONS), f"grade {fraction} is not listed"
            fractions.append(fraction)
        question["answers"] = [{"text": answer.findtext("text").strip(), "fraction": fraction,
                                "feedback": _field(answer, "feedback")[0]} for answer, fraction in zip(answers, fractions)]
        if kind == "truefalse":
            # import_truefalse matches the words 'true' and 'false'; anything else is an old file, guessed by order.
            assert [a["text"] for a in question["answers"]] == ["true", "false"]
            assert sorted(fractions) == [0, 1]
            question["answer"] = fractions[0] == 1
        else:
            single = element.findtext("single")
            assert single in ("true", "false") and element.findtext("shuffleanswers") in ("true", "false")
            assert element.findtext("answernumbering") in _NUMBERING
            for answer in answers:
                assert answer.get("format") in _FORMATS
            question["single"] = single == "true"
            assert len(answers) >= 2  # qtype_multichoice needs two choices
            # qtype_multichoice::save_question_options: one 100 % answer, or positive grades adding up to 100 %.
            if question["single"]:
                assert max(fractions) == 1
            else:
                assert round(sum(f for f in fractions if f > 0), 2) == 1
        imported.append(question)
    return imported


def test_moodle_has_a_grade_for_every_share_a_question_can_need() -> None:
    # Up to 6 options: 1 to 6 right ones, 1 to 5 wrong ones.
    for count in range(1, 7):
        fraction = share(count)
        assert fraction in MOODLE_FRACTIONS and abs(fraction - 1 / count) < 1e-5
        assert round(count * float(percent(fraction)) / 100, 2) == 1
    assert percent(share(3)) == "33.33333" and percent(share(6)) == "16.66667" and percent(-share(2)) == "-50"


def test_category_names_are_escaped_as_moodle_splits_them() -> None:
    assert category_path(["$course$", "top", "A/B", "/start", "end/"]) == "$course$/top/A//B/ //start/end// "


# The real course ---------------------------------------------------------------

@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("moodle")
    result = coursekit("--root", str(ROOT), "export", "moodle-xml", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _expected_options(raw: dict) -> list[dict]:
    """The answers Moodle should get for a question as written in the YAML."""
    if raw["type"] == "true-false":
        return [{"text": "true", "correct": raw["answer"] is True, "feedback": raw["feedback_true"]},
                {"text": "false", "correct": raw["answer"] is False, "feedback": raw["feedback_false"]}]
    return [{"text": str(MARKDOWN.inline(o["text"])), "correct": bool(o.get("correct")), "feedback": o["feedback"]}
            for o in raw["options"]]


def check_against_yaml(imported: list[dict], lessons: list[tuple[str, str, dict]], course_title: str) -> None:
    """``lessons``: (lesson title, description, quiz YAML) in course order."""
    position = 0
    for number, (title, description, quiz) in enumerate(lessons, 1):
        category = imported[position]
        assert category["type"] == "category"
        assert category["path"] == [course_title, f"{number:02d}. {title}"]
        assert category["info"] == f"<p>{description}</p>".replace("&", "&amp;")
        assert category["idnumber"].endswith(f"/{quiz['id']}")
        position += 1
        for index, raw in enumerate(quiz["questions"], 1):
            question = imported[position]
            position += 1
            where = f"{quiz['id']}/{raw['id']}"
            assert question["idnumber"] == where
            assert question["name"].startswith(f"{number:02d}.{index:02d} ") and len(question["name"]) > 7, where
            kind = raw["type"]
            assert question["type"] == ("truefalse" if kind == "true-false" else "multichoice"), where
            if kind != "true-false":
                assert question["single"] is (kind != "multiple"), where
            prompt = f"<p>{MARKDOWN.inline(raw['prompt'])}</p>"
            scenario = str(MARKDOWN.block(raw["scenario"])) if kind == "scenario" else ""
            assert question["text"] == scenario + prompt, where
            assert question["general"] == (str(MARKDOWN.block(raw["explanation"])) if raw.get("explanation") else ""), where
            options = _expected_options(raw)
            assert [a["text"] for a in question["answers"]] == [o["text"] for o in options], where
            assert [a["feedback"] for a in question["answers"]] == [str(MARKDOWN.inline(o["feedback"])) for o in options]
            right = [o["correct"] for o in options]
            assert [a["fraction"] > 0 for a in question["answers"]] == right, where
            if kind == "multiple":
                for answer, correct in zip(question["answers"], right):
                    expected = 1 / sum(right) if correct else -1 / (len(right) - sum(right))
                    assert abs(answer["fraction"] - expected) < 1e-5, where
            else:
                assert [a["fraction"] for a in question["answers"]] == [1.0 if c else 0.0 for c in right], where
    assert position == len(imported), "nothing but the lessons' quizzes"


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.en.yml", "mkdocs.ro.yml"])
def test_every_edition_exports_every_question_as_written(exported: Path, config: str) -> None:
    edition = load_edition(ROOT / config)
    settings = edition.settings
    data = (exported / f"{edition.key}-{settings.language}.xml").read_bytes()
    imported = read_like_moodle(data)
    lessons = []
    for uri in edition.nav:
        if not settings.is_lesson(uri):
            continue
        text = (settings.docs_dir / uri).read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---")[1])
        quiz_id = next(p.argument for p in find_placements(text) if p.widget == "quiz")
        quiz = yaml.safe_load((settings.quizzes_dir / f"{quiz_id}.yml").read_text(encoding="utf-8"))
        lessons.append((front["title"], front["description"], quiz))
    assert len(lessons) >= 9
    check_against_yaml(imported, lessons, edition.name)
    assert sum(q["type"] != "category" for q in imported) == sum(len(q["questions"]) for *_, q in lessons)
    assert {"multichoice", "truefalse"} <= {q["type"] for q in imported}


def test_the_editions_do_not_collide_in_one_moodle_course(exported: Path) -> None:
    """Imported side by side, the editions keep apart: their own category trees, category idnumbers
    (unique in a Moodle context) and question names within each file."""
    banks = [read_like_moodle(path.read_bytes()) for path in sorted(exported.glob("*.xml"))]
    assert len(banks) == 3
    assert len({tuple(q["path"][:1]) for bank in banks for q in bank if q["type"] == "category"}) == 3
    categories = [q["idnumber"] for bank in banks for q in bank if q["type"] == "category"]
    assert len(categories) == len(set(categories))
    for bank in banks:
        names = [q["name"] for q in bank if q["type"] != "category"]
        assert len(names) == len(set(names))


# A fixture with every question type, Markdown and hostile text ------------------

HOSTILE_QUIZ = """\
# yaml-language-server: $schema=../../../../plugins/coursekit/schema/quiz.schema.json
id: first-quiz
title: Quiz & <b>more</b>
questions:
  - id: pick-one
    type: single
    prompt: "**Which** *is* right? ]]> <script>alert(1)</script> & co"
    options:
      - id: right-one
        text: "The *right* one, see [the path](../path.md) or [the guide](https://example.org/a?b=1&c=2)"
        correct: true
        feedback: "It is right ]]><![CDATA[ because it is."
      - id: wrong-one
        text: The wrong one <script>alert(1)</script>
        feedback: "It is wrong: 1 < 2 && 3 > 2."
    explanation: "Because of *reasons*: ]]>"
  - id: pick-three
    type: multiple
    prompt: Which three are right?
    options:
      - {id: first-right, text: First right, correct: true, feedback: Yes.}
      - {id: first-wrong, text: First wrong, feedback: No.}
      - {id: second-right, text: Second right, correct: true, feedback: Yes.}
      - {id: second-wrong, text: Second wrong, feedback: No.}
      - {id: third-right, text: "Third `right`", correct: true, feedback: Yes.}
  - id: is-it-true
    type: true-false
    prompt: The sky is <green>.
    answer: false
    feedback_true: It is not **green**.
    feedback_false: Right, it is not green.
    explanation: Look up.
  - id: the-scenario
    type: scenario
    scenario: |-
      Ana calls, angry, about a late delivery.

      She says: "<em>now</em>".
    prompt: What do you say?
    options:
      - id: listen-first
        text: Listen first
        correct: true
        feedback: She needs to be heard.
      - id: defend-yourself
        text: Explain why it was not your fault
        feedback: That sounds defensive.
"""


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "basic", project)
    (project / "quizzes" / "first.yml").write_text(HOSTILE_QUIZ, encoding="utf-8")
    return project


def test_a_fixture_with_every_question_type_and_hostile_text(fixture_project: Path) -> None:
    out = fixture_project / "dist" / "moodle"
    result = coursekit("export", "moodle-xml", cwd=fixture_project)  # the default folder
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["fixture-course-en.xml"]
    data = (out / "fixture-course-en.xml").read_bytes()
    again = coursekit("export", "moodle-xml", "--out", "again", cwd=fixture_project)
    assert again.returncode == 0 and (fixture_project / "again" / "fixture-course-en.xml").read_bytes() == data
    imported = read_like_moodle(data)
    html = [q[key] for q in imported if q["type"] != "category" for key in ("text", "general")]
    html += [a[key] for q in imported if q["type"] != "category" for a in q["answers"] for key in ("text", "feedback")]
    assert not [text for text in html if "<script" in text or "<![CDATA[" in text or "<b>" in text or "<green>" in text]

    project_settings = load_edition(fixture_project / "mkdocs.yml")
    lessons = []
    for uri in ("lessons/first.md", "lessons/second.md"):
        text = (fixture_project / "docs" / uri).read_text()
        front = yaml.safe_load(text.split("---")[1])
        quiz_file = {"lessons/first.md": "first.yml", "lessons/second.md": "second.yml"}[uri]
        lessons.append((front["title"], front["description"], yaml.safe_load((fixture_project / "quizzes" / quiz_file).read_text())))
    check_against_yaml(imported, lessons, project_settings.name)

    questions = {q["idnumber"]: q for q in imported if q["type"] != "category"}
    one = questions["first-quiz/pick-one"]
    # What Moodle stores is HTML in which the author's markup is text.
    assert one["text"] == ("<p><strong>Which</strong> <em>is</em> right? ]]&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>")
    assert one["name"] == "01.01 Which is right? ]]> alert(1) & co"  # a ']]>' in a name, read back whole
    assert one["answers"][0]["text"] == ('The <em>right</em> one, see <span>the path</span> or '
                                         '<a href="https://example.org/a?b=1&amp;c=2">the guide</a>')
    assert one["answers"][0]["feedback"] == "It is right ]]&gt;&lt;![CDATA[ because it is."
    assert one["answers"][1]["text"] == "The wrong one &lt;script&gt;alert(1)&lt;/script&gt;"
    assert one["general"] == "<p>Because of <em>reasons</em>: ]]&gt;</p>"
    three = questions["first-quiz/pick-three"]
    assert [a["fraction"] for a in three["answers"]] == pytest.approx([0.3333333, -0.5, 0.3333333, -0.5, 0.3333333], abs=1e-9)
    assert three["answers"][4]["text"] == "Third <code>right</code>"
    true_false = questions["first-quiz/is-it-true"]
    assert true_false["answer"] is False and true_false["text"] == "<p>The sky is &lt;green&gt;.</p>"
    assert true_false["answers"][0]["feedback"] == "It is not <strong>green</strong>."
    scenario = questions["first-quiz/the-scenario"]
    assert scenario["text"] == ("<p>Ana calls, angry, about a late delivery.</p>\n"
                                "<p>She says: \"&lt;em&gt;now&lt;/em&gt;\".</p><p>What do you say?</p>")
    # The file itself: the author's ']]>' in a name is split across two CDATA sections, never the end of one.
    assert "right? ]]]]><![CDATA[> <script>" in data.decode()


# Bad input ---------------------------------------------------------------------

def test_an_export_of_a_broken_course_stops_with_the_checks_messages(fixture_project: Path) -> None:
    quiz = fixture_project / "quizzes" / "second.yml"
    quiz.write_text(quiz.read_text().replace("        correct: true\n", ""))
    out = fixture_project / "dist" / "moodle"
    out.mkdir(parents=True)
    (out / "fixture-course-en.xml").write_bytes(b"an earlier export")
    (out / "notes.txt").write_text("someone's notes")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    check = coursekit("check", cwd=fixture_project)
    export = coursekit("export", "moodle-xml", cwd=fixture_project)
    assert check.returncode == 1 and export.returncode == 1
    assert export.stdout == check.stdout and "quizzes/second.yml:" in export.stdout
    assert "correct options; it needs exactly one" in export.stdout
    assert "Nothing was exported" in export.stderr and "Traceback" not in export.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["moodle"], "no staging folder left behind"

    # Fixed, the export replaces its own file and leaves the others alone.
    quiz.write_text(quiz.read_text().replace("        text: First\n", "        text: First\n        correct: true\n"))
    export = coursekit("export", "moodle-xml", cwd=fixture_project)
    assert export.returncode == 0, export.stdout + export.stderr
    assert (out / "notes.txt").read_text() == "someone's notes"
    read_like_moodle((out / "fixture-course-en.xml").read_bytes())
    assert sorted(p.name for p in out.parent.iterdir()) == ["moodle"]


@pytest.mark.parametrize("blocked", ["dist", "dist/moodle"])
def test_an_export_that_cannot_write_says_so_and_leaves_nothing(fixture_project: Path, blocked: str) -> None:
    """A file where a folder should be: before anything is written ('dist'), or once the files are (the output folder)."""
    (fixture_project / blocked).parent.mkdir(parents=True, exist_ok=True)
    (fixture_project / blocked).write_text("a file where the folder should be")
    result = coursekit("export", "moodle-xml", "--out", "dist/moodle", cwd=fixture_project)
    assert result.returncode == 1
    assert "Nothing was exported" in result.stderr and "Traceback" not in result.stderr
    assert (fixture_project / blocked).read_text() == "a file where the folder should be"
    assert not list(fixture_project.rglob(".moodle-*")), "no staging folder left behind"
