"""The published JSON Schema is current and agrees with the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from coursekit.model.problems import Problems
from coursekit.model.quizzes import parse_quiz
from coursekit.model.schema import SCHEMA_FILE, render

from tests.test_quizzes import VALID


def test_published_schema_is_generated_from_the_rules() -> None:
    assert SCHEMA_FILE.read_text() == render(), "run 'make schema' to regenerate it"


def _variants() -> list[tuple[str, str]]:
    """(name, yaml) pairs: valid and invalid quizzes that a schema can judge."""
    drop_correct = VALID.replace("        correct: true\n", "")
    return [
        ("valid", VALID),
        ("multiple", VALID.replace("type: scenario\n    scenario: A client asks something you cannot answer yet.\n",
                                   "type: multiple\n")),
        ("single", VALID.replace("type: scenario\n    scenario: A client asks something you cannot answer yet.\n",
                                 "type: single\n")),
        ("unknown-key", VALID.replace("    prompt: What", "    promt: What")),
        ("missing-title", VALID.replace("title: Trust\n", "")),
        ("no-correct", drop_correct),
        ("two-correct", VALID.replace("        feedback: A guess that may break trust.",
                                      "        correct: true\n        feedback: A guess.")),
        ("multiple-none-correct", drop_correct.replace(
            "type: scenario\n    scenario: A client asks something you cannot answer yet.\n", "type: multiple\n")),
        ("one-option", VALID.replace("      - id: guess\n        text: Yes, surely.\n"
                                     "        feedback: A guess that may break trust.\n", "")),
        ("bad-id", VALID.replace("id: trust", "id: Trust!")),
        ("bad-type", VALID.replace("type: true-false", "type: yes-no")),
        ("scenario-without-scenario", VALID.replace("    scenario: A client asks something you cannot answer yet.\n", "")),
        ("true-false-with-options", VALID.replace("    answer: false\n", "    answer: false\n    options: []\n")),
        ("true-false-without-answer", VALID.replace("    answer: false\n", "")),
        ("answer-on-single", VALID.replace("    prompt: What do you say?\n", "    prompt: What do you say?\n    answer: true\n")),
        ("empty-feedback", VALID.replace("feedback_false: Right.", "feedback_false: ''")),
        ("correct-not-boolean", VALID.replace("correct: true", "correct: yes please")),
        ("no-questions", "id: trust\ntitle: Trust\nquestions: []\n"),
        ("positional-option-id", VALID.replace("      - id: guess\n", "      - id: b\n")),
        ("numbered-question-id", VALID.replace("  - id: statement\n", "  - id: 2\n")),
    ]


@pytest.mark.parametrize(("name", "text"), _variants(), ids=[name for name, _ in _variants()])
def test_schema_and_validator_agree(name: str, text: str) -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    schema_ok = jsonschema.Draft201909Validator(schema).is_valid(yaml.safe_load(text))
    problems = Problems()
    parse_quiz(text, "q.yml", problems)
    assert schema_ok == (not problems), (name, schema_ok, [str(p) for p in problems])
    assert schema_ok == (name in ("valid", "multiple", "single"))


def test_conditional_rules_have_readable_messages() -> None:
    """Editors (VS Code's YAML and JSON support) show 'errorMessage' instead of
    "Matches a schema that is not allowed" for every 'not'."""
    schema = json.loads(SCHEMA_FILE.read_text())

    def nots(node: object) -> list[dict]:
        if isinstance(node, dict):
            return ([node] if "not" in node else []) + [n for value in node.values() for n in nots(value)]
        if isinstance(node, list):
            return [n for value in node for n in nots(value)]
        return []

    found = nots(schema)
    assert len(found) >= 5
    assert all(node.get("errorMessage", "").endswith(".") for node in found), found
    option_id = schema["$defs"]["option"]["properties"]["id"]
    assert "a letter or a number alone is a position" in option_id["patternErrorMessage"]


def test_every_quiz_file_names_the_schema() -> None:
    from tests.conftest import FIXTURES, ROOT

    for path in [*ROOT.glob("quizzes/**/*.yml"), *FIXTURES.glob("*/quizzes/*.yml")]:
        first = path.read_text().split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == SCHEMA_FILE.resolve(), path
