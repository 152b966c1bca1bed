"""JSON Schema for quiz files, built from the validator's own field tables.

Editors use it to validate and complete quiz YAML while typing. What a schema
cannot say (ids unique within a quiz and across quizzes) stays with the
validator. Regenerate the published file with ``python -m coursekit.schema``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .fields import ID_PATTERN, Shape
from .quizzes import MULTIPLE, OPTION_SHAPE, QUESTION_SHAPE, QUIZ_SHAPE, SCENARIO, SINGLE, TRUE_FALSE

# Beside the package root, where quiz files point their editors ($schema).
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "quiz.schema.json"
_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", list: "array", dict: "object"}


def _object(shape: Shape, **properties: dict) -> dict:
    props = {}
    for name, rule in shape.fields.items():
        prop: dict = {"type": _JSON_TYPES[rule.kind], "description": rule.doc}
        if rule.kind is str:
            prop["minLength"] = 1
        if rule.enum:
            prop["enum"] = list(rule.enum)
        if rule.is_id:
            prop["pattern"] = ID_PATTERN
        prop.update(properties.get(name, {}))
        props[name] = prop
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, rule in shape.fields.items() if rule.required],
        "properties": props,
    }


def _correct_count(low: int, high: int | None = None) -> dict:
    rule: dict = {"contains": {"required": ["correct"], "properties": {"correct": {"const": True}}}, "minContains": low}
    if high is not None:
        rule["maxContains"] = high
    return rule


def quiz_schema() -> dict:
    option = _object(OPTION_SHAPE)
    question = _object(QUESTION_SHAPE, options={"items": {"$ref": "#/$defs/option"}, "minItems": 2})
    question["allOf"] = [
        {"if": {"properties": {"type": {"const": TRUE_FALSE}}},
         "then": {"required": ["answer", "feedback_true", "feedback_false"], "not": {"required": ["options"]}},
         "else": {"required": ["options"],
                  "allOf": [{"not": {"required": ["answer"]}}, {"not": {"required": ["feedback_true"]}},
                            {"not": {"required": ["feedback_false"]}}]}},
        {"if": {"properties": {"type": {"const": SCENARIO}}},
         "then": {"required": ["scenario"]}, "else": {"not": {"required": ["scenario"]}}},
        {"if": {"properties": {"type": {"enum": [SINGLE, SCENARIO]}}},
         "then": {"properties": {"options": _correct_count(1, 1)}}},
        {"if": {"properties": {"type": {"const": MULTIPLE}}},
         "then": {"properties": {"options": _correct_count(1)}}},
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


def render() -> str:
    return json.dumps(quiz_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_FILE}\n")
