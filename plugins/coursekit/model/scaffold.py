"""Text of a new lesson and its quiz: valid placeholders in the edition's language."""

from __future__ import annotations

from .sourceyaml import scalar
from .strings import for_language

_TEXT = {
    "es": {
        "description": "Una frase que dice qué aprenderá quien lea esta lección.",
        "objectives": ["Reconocer … (escribe el primer objetivo).", "Elegir … (escribe el segundo objetivo)."],
        "key_points": ["Primera idea clave de la lección."],
        "situation": "Una situación para empezar",
        "situation_text": "Describe aquí una escena concreta con un cliente: quién es, qué ha pasado y qué está en juego.",
        "section": "Qué hacer",
        "section_text": "Explica la idea con ejemplos: qué decir y qué evitar.",
        "quiz_heading": "Comprueba lo que has aprendido",
        "quiz_title": "Cuestionario: {title}",
        "scenario": "Describe la situación del cliente en dos o tres frases.",
        "prompt": "¿Qué haces?",
        "right": "La respuesta recomendada.", "right_why": "Explica por qué es la mejor opción.",
        "wrong": "Un error frecuente y creíble.", "wrong_why": "Explica por qué no funciona.",
        "checklist_hint": "Añade aquí los puntos de las listas imprimibles que enseña esta lección, por ejemplo:",
        "checklist_example": "antes: [Haz esta acción concreta.]",
    },
    "en": {
        "description": "One sentence on what the learner gets from this lesson.",
        "objectives": ["Recognise … (write the first objective).", "Choose … (write the second objective)."],
        "key_points": ["The lesson's first key point."],
        "situation": "A situation to start with",
        "situation_text": "Describe a concrete scene with a client: who they are, what happened, what is at stake.",
        "section": "What to do",
        "section_text": "Explain the idea with examples: what to say and what to avoid.",
        "quiz_heading": "Check what you have learned",
        "quiz_title": "Quiz: {title}",
        "scenario": "Describe the client's situation in two or three sentences.",
        "prompt": "What do you do?",
        "right": "The recommended answer.", "right_why": "Explain why it is the best choice.",
        "wrong": "A common, believable mistake.", "wrong_why": "Explain why it does not work.",
        "checklist_hint": "Add the printable-checklist items this lesson teaches, for example:",
        "checklist_example": "before: [Do this concrete thing.]",
    },
}


def _text(language: str) -> dict:
    return for_language(_TEXT, language)


def lesson_text(slug: str, title: str, language: str) -> str:
    t = _text(language)

    def items(values: list[str]) -> str:
        return "".join(f"\n  - {scalar(value)}" for value in values)

    return (
        "---\n"
        f"title: {scalar(title)}\n"
        f"description: {scalar(t['description'])}\n"
        "time: 15\n"
        f"objectives:{items(t['objectives'])}\n"
        f"key_points:{items(t['key_points'])}\n"
        f"# {t['checklist_hint']}\n# checklist:\n#   {t['checklist_example']}\n"
        "checklist: {}\n"
        "---\n\n"
        f"## {t['situation']}\n\n{t['situation_text']}\n\n"
        f"## {t['section']}\n\n{t['section_text']}\n\n"
        f"## {t['quiz_heading']}\n\n"
        f'{{{{ quiz("{slug}") }}}}\n'
    )


def quiz_text(slug: str, title: str, language: str) -> str:
    t = _text(language)
    return (
        "# yaml-language-server: $schema=../../plugins/coursekit/schema/quiz.schema.json\n"
        f"id: {slug}\n"
        f"title: {scalar(t['quiz_title'].format(title=title))}\n"
        "questions:\n"
        "  - id: first-scenario\n"
        "    type: scenario\n"
        f"    scenario: {scalar(t['scenario'])}\n"
        f"    prompt: {scalar(t['prompt'])}\n"
        "    options:\n"
        "      - id: recommended-answer\n"
        f"        text: {scalar(t['right'])}\n"
        "        correct: true\n"
        f"        feedback: {scalar(t['right_why'])}\n"
        "      - id: common-mistake\n"
        f"        text: {scalar(t['wrong'])}\n"
        f"        feedback: {scalar(t['wrong_why'])}\n"
    )
