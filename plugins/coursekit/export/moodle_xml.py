"""Moodle XML question banks: each edition's quizzes, ready for Moodle's question bank.

One file per edition. Each lesson with a quiz becomes a category
(``$course$/top/<course>/<NN. lesson title>``, in course order, the lesson's
description as its info), followed by the lesson's questions:

- ``single`` and ``scenario``: ``multichoice`` with ``<single>true</single>``;
- ``multiple``: ``multichoice`` with ``<single>false</single>``; the right
  options share 100 % and each wrong one takes away 1/(number of wrong
  options), so ticking every option scores 0 (Moodle never goes below 0);
- ``true-false``: ``truefalse``.

Text goes through the site's own Markdown renderer (``render.markup``), so
HTML an author writes is text, and every ``<text>`` is written as CDATA, as
Moodle writes its own exports: its reader (``xmlize``) drops each stretch of
character data that is only whitespace, and an escaped ``&lt;/b&gt; &lt;i&gt;``
reaches it in pieces, so the space between two tags would be lost. A ``]]>``
in the text is split across two CDATA sections, as Moodle does. The
structure is the one Moodle's reader (``qformat_xml`` in
question/format/xml/format.php) expects; ``tests/test_export_moodle.py``
checks it.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.dom import minidom
from xml.etree import ElementTree as ET

from ..model.course import Course
from ..model.lessons import Lesson
from ..model.quizzes import MULTIPLE, SCENARIO, TRUE_FALSE, Question, Quiz
from ..render.markup import Markdown

# The grades Moodle accepts for an answer (question_bank::fraction_options_full):
# 1, 0, -1 and these, positive and negative. The import's default, "error if
# a grade is not listed", refuses anything else (match_grade_options, 1e-5).
_LISTED = (0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
           0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
MOODLE_FRACTIONS = frozenset({1.0, 0.0, -1.0, *_LISTED, *(-f for f in _LISTED)})
# Moodle's own defaults: a third off per extra try (multiple choice), all of it (true-false).
_PENALTY = {"multichoice": "0.3333333", "truefalse": "1"}
_IDNUMBER_LENGTH = 100  # question_bank_entries.idnumber, question_categories.idnumber
_NAME_LENGTH = 60  # characters of text in a question's name, after its number


@dataclass(frozen=True)
class Edition:
    """One edition to export: its course, its name as learners see it, its course key."""

    course: Course
    title: str
    key: str

    @property
    def file_name(self) -> str:
        return f"{self.key}-{self.course.settings.language}.xml"


def share(count: int) -> float:
    """1/count as the grade Moodle lists for it (1/3 is 0.3333333)."""
    exact = 1 / count
    for fraction in MOODLE_FRACTIONS:
        if abs(fraction - exact) < 1e-5:
            return fraction
    raise ValueError(f"Moodle has no grade for 1/{count}.")


def percent(fraction: float) -> str:
    """A grade as the percentage Moodle's XML holds: 0.3333333 -> '33.33333'."""
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".") or "0"


def fractions(question: Question) -> list[float]:
    """Each option's grade, in the options' order."""
    if question.type != MULTIPLE:
        return [1.0 if option.correct else 0.0 for option in question.options]
    right = sum(option.correct for option in question.options)
    wrong = len(question.options) - right
    return [share(right) if option.correct else -share(wrong) for option in question.options]


class _Writer:
    def __init__(self, edition: Edition):
        self.edition = edition
        # Links to the course's own pages lead nowhere in Moodle: they become their text.
        self.markdown = Markdown(relative_links=False)
        self.language = edition.course.settings.language

    def bank(self) -> ET.Element:
        root = ET.Element("quiz")
        course = self.edition.course
        number = 0
        for lesson in course.lessons:
            quizzes = [course.quizzes[qid] for qid in lesson.quizzes if qid in course.quizzes]
            if not quizzes:
                continue
            number += 1
            for quiz in quizzes:
                self.category(root, lesson, number, quiz)
                for index, question in enumerate(quiz.questions, 1):
                    root.append(ET.Comment(f" {quiz.file}:{question.line} ".replace("--", "- -")))
                    root.append(self.question(question, quiz, f"{number:02d}.{index:02d}"))
        return root

    def category(self, root: ET.Element, lesson: Lesson, number: int, quiz: Quiz) -> None:
        element = ET.SubElement(root, "question", type="category")
        path = ["$course$", "top", self.edition.title, f"{number:02d}. {lesson.title}"]
        _text(ET.SubElement(element, "category"), category_path(path))
        _text(ET.SubElement(element, "info", format="html"), _paragraph(lesson.description))
        # Unique in its Moodle context, which every edition's categories may share.
        idnumber = f"{self.edition.key}/{self.language}/{quiz.id}"
        if len(idnumber) > _IDNUMBER_LENGTH:
            idnumber = f"{self.language}/{quiz.id}"
        ET.SubElement(element, "idnumber").text = idnumber

    def question(self, question: Question, quiz: Quiz, number: str) -> ET.Element:
        kind = "truefalse" if question.type == TRUE_FALSE else "multichoice"
        element = ET.Element("question", type=kind)
        _text(ET.SubElement(element, "name"), f"{number} {_shorten(self.plain(question.scenario or question.prompt))}")
        text = self.block(question.scenario) if question.type == SCENARIO else ""
        _html(element, "questiontext", text + f"<p>{self.inline(question.prompt)}</p>")
        _html(element, "generalfeedback", self.block(question.explanation) if question.explanation else "")
        ET.SubElement(element, "defaultgrade").text = "1"
        ET.SubElement(element, "penalty").text = _PENALTY[kind]
        ET.SubElement(element, "hidden").text = "0"
        idnumber = f"{quiz.id}/{question.id}"  # unique in its category: question ids are unique in their quiz
        ET.SubElement(element, "idnumber").text = idnumber if len(idnumber) <= _IDNUMBER_LENGTH else question.id
        if kind == "truefalse":
            for option in question.options:  # 'true' then 'false', as the model builds them
                answer = ET.SubElement(element, "answer", fraction="100" if option.correct else "0",
                                       format="moodle_auto_format")
                _text(answer, option.id)  # Moodle recognises the literal words 'true' and 'false'
                _html(answer, "feedback", self.inline(option.feedback))
            return element
        ET.SubElement(element, "single").text = "false" if question.multiple else "true"
        # The site balances where the right answer sits over an edition; in
        # Moodle a quiz may draw any questions, and learners retake it: shuffle.
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "none"  # the site numbers no option
        ET.SubElement(element, "showstandardinstruction").text = "1"  # "Select one" / "Select one or more", as the site
        for name in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _html(element, name, "")
        if question.multiple:
            ET.SubElement(element, "shownumcorrect")  # "You have correctly selected 2": the site's "partly right"
        for option, fraction in zip(question.options, fractions(question), strict=True):
            answer = ET.SubElement(element, "answer", fraction=percent(fraction), format="html")
            _text(answer, self.inline(option.text))
            _html(answer, "feedback", self.inline(option.feedback))
        return element

    # The renderer returns Markup, whose methods escape their arguments; the
    # XML writer escapes once more, so it gets plain strings.
    def inline(self, text: str) -> str:
        return str(self.markdown.inline(text))

    def block(self, text: str) -> str:
        return str(self.markdown.block(text))

    def plain(self, text: str) -> str:
        """Author text as words: Markdown rendered, then its tags dropped."""
        return html.unescape(re.sub(r"<[^>]*>", "", self.inline(text)))


def category_path(names: Iterable[str]) -> str:
    """Category names joined as Moodle splits them (qformat_default::assemble_category_path):
    a '/' in a name is doubled, and a name does not start or end with one."""
    escaped = []
    for name in names:
        name = name.replace("/", "//")
        escaped.append((" " if name.startswith("/") else "") + name + (" " if name.endswith("/") else ""))
    return "/".join(escaped)


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value


def _html(parent: ET.Element, tag: str, value: str) -> None:
    _text(ET.SubElement(parent, tag, format="html"), value)


def _paragraph(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


def _shorten(text: str, limit: int = _NAME_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def cdata_sections(text: str) -> list[str]:
    """``text`` as the contents of CDATA sections that, written one after the
    other, read back as ``text``: each ``]]>`` is split between two of them."""
    pieces = text.split("]]>")
    last = len(pieces) - 1
    return [(">" if index else "") + piece + ("]]" if index < last else "") for index, piece in enumerate(pieces)]


def _dom(document: minidom.Document, element: ET.Element) -> minidom.Node:
    """The element as a DOM node, the text of every <text> in CDATA sections."""
    if element.tag is ET.Comment:
        return document.createComment(element.text or "")
    node = document.createElement(element.tag)
    for name, value in element.attrib.items():
        node.setAttribute(name, value)
    if element.text and element.tag == "text":
        for section in cdata_sections(element.text):
            node.appendChild(document.createCDATASection(section))
    elif element.text:
        node.appendChild(document.createTextNode(element.text))
    for child in element:
        node.appendChild(_dom(document, child))
        if child.tail:
            node.appendChild(document.createTextNode(child.tail))
    return node


def question_bank(edition: Edition) -> bytes:
    """One edition's question bank as a Moodle XML file."""
    root = _Writer(edition).bank()
    ET.indent(root, space="  ")
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    # minidom writes CDATA (ElementTree cannot) and refuses a section that holds ']]>'.
    _dom(minidom.Document(), root).writexml(out)
    out.write("\n")
    return out.getvalue().encode("utf-8")


def export(editions: list[Edition], out_dir: Path) -> list[Path]:
    """Write each edition's question bank into ``out_dir``, all or nothing.

    The files are written into a folder beside ``out_dir`` first and moved
    into it only once every one is complete: a failure leaves ``out_dir`` as
    it was. Other files in ``out_dir`` are left alone.
    """
    files: dict[str, bytes] = {}
    for edition in editions:
        if edition.file_name in files:
            raise ValueError(f"two editions would both be written to {edition.file_name}: "
                             "give each edition its own theme language.")
        files[edition.file_name] = question_bank(edition)
    return write_files(files, out_dir)


def write_files(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        out_dir.mkdir(exist_ok=True)
        for name in files:
            os.replace(staging / name, out_dir / name)  # atomic: a reader sees the old file or the new one
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in files]
