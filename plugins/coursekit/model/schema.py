"""JSON Schemas for quiz and conversation files, built from the validator's
own field tables.

Editors use them to validate and complete YAML while typing. What a schema
cannot say (ids unique within a quiz and across quizzes, a conversation's
graph: known ids, reachable nodes, a way to an ending) stays with the
validator. Regenerate the published files with ``make schema``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import conversations as conv
from .fields import DESCRIPTIVE_ID_PATTERN, ID_PATTERN, MAX_ID_LENGTH, Shape
from .quizzes import MAX_OPTIONS, MULTIPLE, OPTION_SHAPE, QUESTION_SHAPE, QUIZ_SHAPE, SCENARIO, SINGLE, TRUE_FALSE

# Beside the package root, where quiz and conversation files point their editors ($schema).
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "quiz.schema.json"
CONVERSATION_SCHEMA_FILE = SCHEMA_FILE.with_name("conversation.schema.json")
_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", list: "array", dict: "object"}


def _object(shape: Shape, **properties: dict) -> dict:
    props = {}
    for name, rule in shape.fields.items():
        prop: dict = {"type": _JSON_TYPES[rule.kind], "description": rule.doc}
        if rule.kind is str:
            prop["minLength"] = 1
            prop["maxLength"] = MAX_ID_LENGTH if rule.is_id else rule.max_length
        if rule.enum:
            prop["enum"] = list(rule.enum)
        if rule.is_id:
            prop["pattern"] = DESCRIPTIVE_ID_PATTERN if rule.descriptive else ID_PATTERN
            # Read by editors (VS Code's YAML and JSON support) instead of the bare regex.
            prop["patternErrorMessage"] = (
                "Describe it in lowercase words joined by hyphens, like 'ask-for-time'; a letter or a number "
                "alone is a position." if rule.descriptive else "Lowercase letters, digits and single hyphens, "
                "like 'ask-for-time'.")
        prop.update(properties.get(name, {}))
        props[name] = prop
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, rule in shape.fields.items() if rule.required],
        "properties": props,
    }


def _correct_count(low: int, high: int | None = None, message: str = "") -> dict:
    rule: dict = {"contains": {"required": ["correct"], "properties": {"correct": {"const": True}}}, "minContains": low}
    if high is not None:
        rule["maxContains"] = high
    if message:
        rule["errorMessage"] = message
    return rule


def _forbid(key: str, message: str) -> dict:
    """``key`` may not be there; editors show ``message`` instead of "Matches a schema that is not allowed"."""
    return {"not": {"required": [key]}, "errorMessage": message}


def quiz_schema() -> dict:
    option = _object(OPTION_SHAPE)
    question = _object(QUESTION_SHAPE, options={"items": {"$ref": "#/$defs/option"}, "minItems": 2, "maxItems": MAX_OPTIONS})
    only_true_false = "'{}' only belongs to true-false questions; use 'options' with 'correct: true' instead."
    question["allOf"] = [
        {"if": {"properties": {"type": {"const": TRUE_FALSE}}},
         "then": {"required": ["answer", "feedback_true", "feedback_false"],
                  "allOf": [_forbid("options", "A true-false question has no 'options': write 'answer', "
                                               "'feedback_true' and 'feedback_false'.")]},
         "else": {"required": ["options"],
                  "allOf": [_forbid(key, only_true_false.format(key))
                            for key in ("answer", "feedback_true", "feedback_false")]}},
        {"if": {"properties": {"type": {"const": SCENARIO}}},
         "then": {"required": ["scenario"]},
         "else": _forbid("scenario", "'scenario' only belongs to 'type: scenario'; put the situation in 'prompt'.")},
        {"if": {"properties": {"type": {"enum": [SINGLE, SCENARIO]}}},
         "then": {"properties": {"options": _correct_count(
             1, 1, "A single or scenario question has exactly one option with 'correct: true'.")}}},
        {"if": {"properties": {"type": {"const": MULTIPLE}}},
         "then": {"properties": {"options": _correct_count(
             1, message="A multiple question has at least one option with 'correct: true'.")}}},
    ]
    quiz = _object(QUIZ_SHAPE, questions={"items": {"$ref": "#/$defs/question"}, "minItems": 1})
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": "https://coursekit.invalid/schema/quiz.schema.json",
        "title": "coursekit quiz",
        "description": "One self-check quiz: questions with options, each option with its feedback.",
        **quiz,
        "$defs": {"question": question, "option": option},
    }


def _texts(low: int = 0, high: int | None = None, longest: int | None = None) -> dict:
    """A list of lines of text, with the limits the validator applies."""
    item: dict = {"type": "string", "minLength": 1}
    if longest:
        item["maxLength"] = longest
    rule: dict = {"items": item, "minItems": low}
    if high is not None:
        rule["maxItems"] = high
    return rule


def conversation_schema() -> dict:
    card_text = {"maxLength": conv.MAX_CARD_TEXT}
    card_list = _texts(1, conv.MAX_CARD_ITEMS, conv.MAX_CARD_ITEM)
    defs = {
        "setting": _object(conv.SETTING_SHAPE),
        "skill": _object(conv.SKILL_SHAPE),
        "reply": _object(conv.REPLY_SHAPE, shows=_texts(), misses=_texts()),
        "node": _object(conv.NODE_SHAPE, replies={"items": {"$ref": "#/$defs/reply"},
                                                  "minItems": conv.MIN_REPLIES, "maxItems": conv.MAX_REPLIES}),
        "ending": _object(conv.ENDING_SHAPE, practises=_texts(1)),
        "roleplay": _object(conv.ROLEPLAY_SHAPE, client={"$ref": "#/$defs/client"},
                            professional={"$ref": "#/$defs/professional"}, observer={"$ref": "#/$defs/observer"}),
        "client": _object(conv.CLIENT_CARD_SHAPE, knows=card_text, feels=card_text, wants=card_text,
                          calms=card_list, worsens=card_list),
        "professional": _object(conv.PROFESSIONAL_CARD_SHAPE, goal=card_text),
        "observer": _object(conv.OBSERVER_SHAPE, watch=_texts(2, conv.MAX_WATCH_ITEMS, conv.MAX_CARD_ITEM)),
    }
    conversation = _object(conv.CONVERSATION_SHAPE, setting={"$ref": "#/$defs/setting"},
                           skills={"items": {"$ref": "#/$defs/skill"}},
                           nodes={"items": {"$ref": "#/$defs/node"}, "minItems": 1},
                           endings={"items": {"$ref": "#/$defs/ending"}, "minItems": 1},
                           roleplay={"$ref": "#/$defs/roleplay"})
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": "https://coursekit.invalid/schema/conversation.schema.json",
        "title": "coursekit conversation",
        "description": "A branching role-play: nodes (what the client says, with replies) and endings.",
        **conversation,
        "$defs": defs,
    }


def render() -> str:
    return json.dumps(quiz_schema(), indent=2, ensure_ascii=False) + "\n"


def render_conversation() -> str:
    return json.dumps(conversation_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for path, text in ((SCHEMA_FILE, render()), (CONVERSATION_SCHEMA_FILE, render_conversation())):
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {path}\n")
