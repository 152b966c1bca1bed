"""Conversations: loading, validation of the graph and of each mapping (one
case per rule, each naming file and line), lesson links, placements, the
JSON Schema and the scaffold, read as the build and the check read them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from coursekit.model.conversations import REPAIRED, parse_conversation
from coursekit.model.course import load_course, read_pages
from coursekit.model.problems import Problems
from coursekit.model.scaffold import conversation_text
from coursekit.model.schema import CONVERSATION_SCHEMA_FILE, render_conversation

from tests.conftest import fixture_settings

FIXTURE = Path(__file__).parent / "fixtures" / "basic"
FILE = "conversations/late-delivery.yml"
VALID = (FIXTURE / FILE).read_text()


def line_of(text: str, fragment: str) -> int:
    assert fragment in text, fragment
    return text[: text.index(fragment)].count("\n") + 1


def problems_of(text: str) -> list:
    problems = Problems()
    parse_conversation(text, FILE, problems)
    return problems


def only(text: str) -> tuple[int, str]:
    problems = problems_of(text)
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].file == FILE and problems[0].hint, problems[0]
    return problems[0].line, str(problems[0])


def test_a_valid_conversation_loads_in_reading_order() -> None:
    problems = Problems()
    conversation = parse_conversation(VALID, FILE, problems)
    assert not problems and conversation is not None
    assert conversation.start == "opening"
    assert [step.id for step in conversation.steps] == ["opening", "details", "escalates", "repaired", "wary", "lost"]
    assert conversation.endings[0].outcome == REPAIRED and conversation.endings[0].rank == 0
    reply = conversation.nodes[0].replies[0]
    assert (reply.id, reply.next, reply.shows) == ("ask-what-matters", "details", ("listen",))
    assert conversation.skills["own-it"].startswith("Own the problem")


def test_yaml_syntax_error() -> None:
    line, message = only(VALID.replace("title: The order that did not arrive", "title: [oops"))
    assert line in (3, 4) and "not valid YAML" in message


def test_unknown_key_suggests_the_right_one() -> None:
    text = VALID.replace("        coaching: Asking what", "        coachin: Asking what")
    line, message = only(text)
    assert line == line_of(text, "coachin:")
    assert "unknown key 'coachin' in a reply" in message and "did you mean 'coaching'?" in message


def test_missing_field() -> None:
    text = VALID.replace("    says: I need it by noon tomorrow. Can you do that or not?\n", "")
    line, message = only(text)
    assert line == line_of(text, "  - id: details")
    assert "a node has no 'says'" in message


def test_duplicate_node_id() -> None:
    text = VALID.replace("  - id: escalates\n", "  - id: details\n").replace("next: escalates", "next: details")
    second = text[: text.rindex("  - id: details")].count("\n") + 1
    problems = [str(p) for p in problems_of(text)]
    assert any(p.startswith(f"{FILE}:{second}: the node id 'details' is used twice in this conversation") for p in problems), problems


def test_duplicate_reply_id() -> None:
    text = VALID.replace("      - id: cannot-promise", "      - id: date-and-call")
    line, message = only(text)
    assert line == text[: text.rindex("      - id: date-and-call")].count("\n") + 1
    assert "the reply id 'date-and-call' is used twice in node 'details'" in message


def test_a_reply_without_next_leads_nowhere() -> None:
    text = VALID.replace("        next: wary\n", "")
    line, message = only(text)
    assert line == line_of(text, "      - id: voucher-only")
    assert "the reply 'voucher-only' of node 'escalates' leads nowhere: it has no 'next'." in message


def test_a_reply_to_an_unknown_node() -> None:
    text = VALID.replace("        next: wary\n", "        next: wery\n")
    line, message = only(text)
    assert line == line_of(text, "next: wery")
    assert "leads to 'wery', which is neither a node nor an ending" in message and "did you mean 'wary'?" in message


def test_unknown_start() -> None:
    text = VALID.replace("start: opening", "start: openning")
    line, message = only(text)
    assert line == line_of(text, "start:") and "'start' is 'openning'" in message and "did you mean 'opening'?" in message


def test_a_node_no_path_reaches() -> None:
    text = VALID.replace("        next: escalates\n        coaching: Without", "        next: lost\n        coaching: Without")
    text = text.replace("        next: escalates\n        coaching: Blaming", "        next: lost\n        coaching: Blaming")
    problems = [str(p) for p in problems_of(text)]
    assert problems == [(f"{FILE}:{line_of(text, '  - id: escalates')}: no path from the start reaches the node 'escalates'"
                        " (nor 'wary', which only it leads to). Hint: make a reply lead to it ('next: escalates'), or delete it.")]


def test_an_ending_no_path_reaches() -> None:
    text = VALID.replace("        next: wary\n", "        next: lost\n")
    line, message = only(text)
    assert line == line_of(text, "  - id: wary") and "no path from the start reaches the ending 'wary'" in message


def test_a_loop_with_no_way_out() -> None:
    """details and escalates lead only to each other once their exits are gone."""
    text = VALID.replace("next: repaired", "next: escalates").replace("next: wary", "next: details")
    text = text.replace("        next: lost\n", "        next: details\n")
    problems = [str(p) for p in problems_of(text)]
    loop = [p for p in problems if "in a loop with no way out" in p]
    assert loop == [(f"{FILE}:{line_of(text, '  - id: details')}: the node 'details' is in a loop with no way out"
                    " (details → escalates → details). Hint: let at least one reply in the loop lead to an ending,"
                    " or to a node that reaches one.")]
    stuck = [p for p in problems if "no ending can be reached from the node 'opening'" in p]
    assert stuck and stuck[0].startswith(f"{FILE}:{line_of(text, '  - id: opening')}:")


def test_a_conversation_without_endings() -> None:
    start = VALID.index("endings:")
    text = VALID[:start] + "endings: []\n" + VALID[VALID.index("roleplay:"):]
    problems = [str(p) for p in problems_of(text)]
    assert f"{FILE}:{line_of(text, 'endings: []')}: the conversation has no endings." in [p.split(" Hint:")[0] for p in problems]


def test_too_few_replies() -> None:
    text = VALID.replace("""      - id: cannot-promise
        text: I cannot promise anything.
        next: escalates
        coaching: Without any next step she hears a shrug.
        lesson: lessons/first.md
        misses: [own-it]
""", "")
    line, message = only(text)
    assert line == line_of(text, "    replies:\n      - id: date-and-call")
    assert "the node 'details' has 1 replies; a node needs 2 to 4" in message


def test_unknown_skill_and_unknown_outcome() -> None:
    line, message = only(VALID.replace("shows: [listen]\n      - id: blame", "shows: [lisen]\n      - id: blame"))
    assert "the skill 'lisen' in 'shows'" in message and "did you mean 'listen'?" in message
    text = VALID.replace("outcome: wary", "outcome: weary")
    line, message = only(text)
    assert line == line_of(text, "outcome: weary") and "did you mean 'wary'?" in message


def test_a_card_text_too_long_to_print() -> None:
    text = VALID.replace("feels: Worried and embarrassed", "feels: " + "Worried " * 60)
    line, message = only(text)
    assert line == line_of(text, "    feels:") and "the limit is 320" in message


def test_relative_links_in_text_are_refused() -> None:
    text = VALID.replace("debrief: The voucher is polite", "debrief: See [the lesson](../lessons/first.md). The voucher is polite")
    line, message = only(text)
    assert line == line_of(text, "debrief: See") and "link lessons with 'lesson:'" in message


# Rules that need the whole course: placements, links to lessons and anchors, checklists.

@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "basic")
    return tmp_path / "basic"


def course_problems(project: Path) -> list[str]:
    settings = fixture_settings(project)  # the fixture's own rules, from its mkdocs.yml
    return [str(p) for p in load_course(settings, read_pages(settings.docs_dir)).problems]


def edit(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return line_of(text, old)


def test_the_fixture_conversation_is_valid_in_its_course(project: Path) -> None:
    assert course_problems(project) == []


def test_a_lesson_placing_a_conversation_that_does_not_exist(project: Path) -> None:
    line = edit(project / "docs/lessons/second.md", "coursekit:conversation late-delivery", "coursekit:conversation late-delivry")
    problems = course_problems(project)
    assert f"docs/lessons/second.md:{line}: this page places the conversation 'late-delivry', which does not exist." \
        in [p.split(" Hint:")[0] for p in problems]


def test_the_macro_form_is_checked_too(project: Path) -> None:
    lesson = project / "docs/lessons/first.md"
    lesson.write_text(lesson.read_text() + '\n{{ conversation("nope") }}\n')
    assert any("places the conversation 'nope', which does not exist" in p for p in course_problems(project))


def test_a_link_to_a_lesson_that_does_not_exist(project: Path) -> None:
    conversation = project / FILE
    line = edit(conversation, "        lesson: lessons/second.md\n        misses: [own-it]",
                "        lesson: lessons/secnd.md\n        misses: [own-it]")
    problems = course_problems(project)
    assert problems == [(f"{FILE}:{line}: the link 'lessons/secnd.md' points to a page that does not exist."
                        " Hint: did you mean 'lessons/second.md'?")]


def test_a_link_to_an_anchor_that_does_not_exist(project: Path) -> None:
    text = (project / FILE).read_text()
    (project / FILE).write_text(text.replace("practises: [lessons/first.md#a-situation-to-start-with]",
                                             "practises: [lessons/first.md#a-situation-to-start]"))
    problems = course_problems(project)
    assert problems == [(f"{FILE}:{line_of(text, 'practises: [lessons/first.md#')}: the link 'lessons/first.md#a-situation-to-start'"
                        " names an anchor that 'lessons/first.md' does not have. Hint: did you mean '#a-situation-to-start-with'?")]


def test_an_unknown_observer_checklist(project: Path) -> None:
    line = edit(project / FILE, "    checklist: before", "    checklist: befor")
    assert course_problems(project) == [(f"{FILE}:{line}: the observer's checklist 'befor' does not exist."
                                        " Hint: use a checklist id (before).")]


def test_an_unplaced_conversation_is_a_warning(project: Path) -> None:
    edit(project / "docs/lessons/second.md", "<!-- coursekit:conversation late-delivery -->", "")
    assert [p.split(" Hint:")[0] for p in course_problems(project)] == [
        f"{FILE}:2: no page places the conversation 'late-delivery'."]


def test_a_broken_conversation_is_not_also_unknown(project: Path) -> None:
    edit(project / FILE, "start: opening", "start: nowhere")
    problems = course_problems(project)
    assert len(problems) == 1 and "'start' is 'nowhere'" in problems[0]


# The JSON Schema for editors: current, and agreeing with the validator on shapes.

def test_published_conversation_schema_is_generated_from_the_rules() -> None:
    assert CONVERSATION_SCHEMA_FILE.read_text() == render_conversation(), "run 'make schema' to regenerate it"


@pytest.mark.parametrize(("name", "old", "new"), [
    ("valid", "", ""),
    ("unknown-key", "        coaching: Asking", "        coachin: Asking"),
    ("missing-title", "title: The order that did not arrive\n", ""),
    ("bad-outcome", "outcome: wary", "outcome: weary"),
    ("no-next", "        next: wary\n", ""),
    ("bad-id", "  - id: details\n", "  - id: Details!\n"),
    ("no-endings", "endings:\n", "endings: []\nunused:\n"),
    ("card-too-long", "feels: Worried", "feels: " + "Worried " * 60),
    ("one-watch-item", "      - Does the professional let her finish?\n", ""),
])
def test_schema_and_validator_agree(name: str, old: str, new: str) -> None:
    text = VALID.replace(old, new, 1) if old else VALID
    if name == "no-endings":
        text = text[: text.index("endings: []")] + "endings: []\n" + text[text.index("roleplay:"):]
    schema = json.loads(CONVERSATION_SCHEMA_FILE.read_text())
    schema_ok = jsonschema.Draft201909Validator(schema).is_valid(yaml.safe_load(text))
    assert schema_ok == (not problems_of(text)) == (name == "valid"), (name, [str(p) for p in problems_of(text)])


def test_the_scaffold_is_valid_in_both_languages() -> None:
    schema = json.loads(CONVERSATION_SCHEMA_FILE.read_text())
    for language in ("es", "en"):
        text = conversation_text("practise-this", "A title", language, "lessons/first.md")
        problems = Problems()
        conversation = parse_conversation(text, FILE, problems)
        assert not problems and conversation is not None
        assert len(conversation.nodes) == 2 and {e.outcome for e in conversation.endings} == {"repaired", "wary", "lost"}
        jsonschema.Draft201909Validator(schema).validate(yaml.safe_load(text))


def test_author_text_is_escaped_and_every_reply_is_a_link(project: Path) -> None:
    from coursekit.render.renderer import Renderer

    edit(project / FILE, "says: I need it by noon tomorrow.", "says: <script>alert(1)</script> I need it by noon tomorrow.")
    settings = fixture_settings(project)
    course = load_course(settings, read_pages(settings.docs_dir))
    html = str(Renderer(course, "Fixture", "fixture").conversation(course.conversations["late-delivery"], lambda uri: uri))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('class="coursekit-conversation"') == 1
    assert 'data-storage-key="coursekit:v2:fixture:conversation:late-delivery"' in html
    assert html.count("<a href=\"#ck-conv-late-delivery--") == 7 + 3, "a link per reply, and 'start again' per ending"
