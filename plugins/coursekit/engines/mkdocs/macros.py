"""Macros for mkdocs-macros: they place our widgets, nothing more.

Each macro returns the same HTML comment an author may write by hand
(``<!-- coursekit:quiz trust -->``); the plugin renders it after Markdown.
So quiz text never passes through Jinja, and the macros hold no state.
"""

from __future__ import annotations

from typing import Any

from ...model.lessons import placeholder


def quiz(quiz_id: str) -> str:
    """Place the quiz with this id."""
    return placeholder("quiz", quiz_id)


def checklist(checklist_id: str) -> str:
    """Place a printable checklist inline."""
    return placeholder("checklist", checklist_id)


def conversation(conversation_id: str) -> str:
    """Place the branching conversation with this id."""
    return placeholder("conversation", conversation_id)


def course_overview() -> str:
    """Place the list of lessons with time and the learner's results."""
    return placeholder("course_overview")


MACROS = {"quiz": quiz, "checklist": checklist, "conversation": conversation, "course_overview": course_overview}


def register(macros_plugin: Any) -> None:
    """Register our macros with mkdocs-macros, whichever plugin loads first."""
    for name, function in MACROS.items():
        try:
            macros_plugin.register_macros({name: function})
        except KeyError:
            # Already registered by an earlier build in this process (mkdocs
            # serve): the functions are stateless, so the old entry is the same.
            pass
