"""Text of a new lesson and its quiz, shaped by the course's rules, or of a
new conversation, in the edition's language. Every text of a lesson or quiz
an author must write is a placeholder that starts with a marker
(``PENDIENTE:``, ``TODO:``); the check reports any marker left in, with its
line, so a new lesson cannot be published half done."""

from __future__ import annotations

import re

from .sourceyaml import scalar
from .strings import for_language

_TEXT = {
    "es": {
        "marker": "PENDIENTE",
        "description": "una frase que dice qué aprenderá quien lea esta lección.",
        "objectives": ["el primer objetivo, empezando por un verbo («Reconocer…»).",
                       "el segundo objetivo, empezando por un verbo («Elegir…»)."],
        "key_points": ["la primera idea clave, en una frase corta."],
        "item": "una acción concreta que enseña la lección, en imperativo («Resume…»).",
        "situation_text": "una escena concreta con un cliente: quién es, qué ha pasado y qué está en juego.",
        "sections": [("Qué hacer", "explica la idea con ejemplos: qué decir y qué evitar."),
                     ("Qué decir", "frases que funcionan, por ejemplo en una tabla «En lugar de decir… / Prueba con…»."),
                     ("Qué evitar", "los errores frecuentes y por qué no funcionan.")],
        "quiz_heading": "Comprueba lo que has aprendido",
        "quiz_title": "Cuestionario: {title}",
        "scenario": "la situación del cliente, en dos o tres frases.",
        "prompt": "¿Qué le dices?",
        "single_prompt": "una pregunta sobre una idea de la lección.",
        "statement": "una afirmación que sea verdadera o falsa según la lección.",
        "right": "la respuesta recomendada.", "right_why": "por qué es la mejor opción.",
        "wrong": "un error frecuente y creíble.", "wrong_why": "por qué no funciona.",
        "other": "otro error que cometería un profesional con prisa.", "other_why": "por qué no funciona.",
        "true_why": "la explicación para quien responde «Verdadero».",
        "false_why": "la explicación para quien responde «Falso».",
        "ids": {"scenario": "situacion", "single": "pregunta", "multiple": "varias-respuestas",
                "true-false": "verdadero-o-falso", "right": "respuesta-recomendada", "wrong": "error-frecuente",
                "other": "otro-error"},
        "practise_heading": "Practica la conversación",
        "conversation": {
            "title": "Practica: {title}", "you": "Describe en segunda persona quién eres y en qué trabajas.",
            "client": "Nombre y apellido del cliente, y quién es.", "client_name": "Nombre",
            "situation": "Qué ha pasado antes de la conversación y qué está en juego.",
            "skill": "Una habilidad que muestran o no las respuestas",
            "says": "Lo primero que dice el cliente.", "says_2": "Cómo reacciona el cliente a esa respuesta.",
            "good": "Una respuesta que ayuda.", "bad": "Un error frecuente y creíble.",
            "why_good": "Por qué el cliente reacciona bien.", "why_bad": "Por qué el cliente reacciona mal.",
            "repaired": "La relación sale reforzada", "wary": "Sigue, pero con reservas", "lost": "El cliente se va",
            "debrief": "Qué ha pasado en este final y por qué.",
            "knows": "Lo que sabe el cliente, en segunda persona.", "feels": "Lo que siente.", "wants": "Lo que quiere.",
            "calms": "Algo que lo calmaría", "worsens": "Algo que lo empeoraría",
            "goal": "Lo que quiere conseguir el profesional (sin guion).",
            "watch": ["¿Escucha sin interrumpir?", "¿Cierra con un paso concreto?"],
        },
    },
    "en": {
        "marker": "TODO",
        "description": "one sentence on what the learner gets from this lesson.",
        "objectives": ["the first objective, starting with a verb (“Recognise…”).",
                       "the second objective, starting with a verb (“Choose…”)."],
        "key_points": ["the first key point, in one short sentence."],
        "item": "one concrete action the lesson teaches, in the imperative (“Summarise…”).",
        "situation_text": "a concrete scene with a client: who they are, what happened, what is at stake.",
        "sections": [("What to do", "explain the idea with examples: what to say and what to avoid."),
                     ("What to say", "phrases that work, e.g. in an “Instead of… / Try…” table."),
                     ("What to avoid", "the common mistakes and why they do not work.")],
        "quiz_heading": "Check what you have learned",
        "quiz_title": "Quiz: {title}",
        "scenario": "the client's situation in two or three sentences.",
        "prompt": "What do you say?",
        "single_prompt": "a question on one idea of the lesson.",
        "statement": "a statement that is true or false according to the lesson.",
        "right": "the recommended answer.", "right_why": "why it is the best choice.",
        "wrong": "a common, believable mistake.", "wrong_why": "why it does not work.",
        "other": "another mistake a professional in a hurry would make.", "other_why": "why it does not work.",
        "true_why": "the feedback for those who answer “True”.",
        "false_why": "the feedback for those who answer “False”.",
        "ids": {"scenario": "situation", "single": "question", "multiple": "several-answers",
                "true-false": "true-or-false", "right": "recommended-answer", "wrong": "common-mistake",
                "other": "another-mistake"},
        "practise_heading": "Practise the conversation",
        "conversation": {
            "title": "Practise: {title}", "you": "Say, in the second person, who the learner is and what they do.",
            "client": "The client's full name, and who they are.", "client_name": "Name",
            "situation": "What happened before the conversation and what is at stake.",
            "skill": "A skill that replies show or miss",
            "says": "The client's first words.", "says_2": "How the client reacts to that reply.",
            "good": "A reply that helps.", "bad": "A common, believable mistake.",
            "why_good": "Why the client reacts well.", "why_bad": "Why the client reacts badly.",
            "repaired": "The relationship comes out stronger", "wary": "The client stays, but wary", "lost": "The client leaves",
            "debrief": "What happened in this ending, and why.",
            "knows": "What the client knows, in the second person.", "feels": "What they feel.", "wants": "What they want.",
            "calms": "Something that would calm them", "worsens": "Something that would make it worse",
            "goal": "What the professional wants to reach (no script).",
            "watch": ["Does the professional listen without interrupting?", "Do they close with a concrete step?"],
        },
    },
}
# A placeholder anywhere in a lesson or a quiz: the marker of any edition.
PLACEHOLDER = re.compile(r"\b(?:" + "|".join(t["marker"] for t in _TEXT.values()) + r"):")
PLACEHOLDER_MARKS = tuple(t["marker"] + ":" for t in _TEXT.values())  # what PLACEHOLDER needs, as plain text


def _text(language: str) -> dict:
    return for_language(_TEXT, language)


def marker(language: str) -> str:
    """The word that starts every placeholder in this language ('PENDIENTE')."""
    return _text(language)["marker"]


def _todo(t: dict, text: str) -> str:
    return scalar(f"{t['marker']}: {text}")


def lesson_text(slug: str, title: str, language: str, opening: str, sections: int = 4,
                checklist_id: str | None = None) -> str:
    """A lesson with the opening section, enough sections for the rules, and its quiz at the end."""
    t = _text(language)

    def items(values: list[str]) -> str:
        return "".join(f"\n  - {_todo(t, value)}" for value in values)

    checklist = f"\n  {checklist_id}:\n    - {_todo(t, t['item'])}" if checklist_id else " {}"
    guidance = [t["sections"][i % len(t["sections"])] for i in range(max(1, sections - 2))]
    body = [f"## {opening}\n\n{t['marker']}: {t['situation_text']}\n"] if opening else []
    body += [f"## {heading}\n\n{t['marker']}: {text}\n" for heading, text in guidance]
    body.append(f"## {t['quiz_heading']}\n\n{{{{ quiz(\"{slug}\") }}}}\n")
    return (
        "---\n"
        f"title: {scalar(title)}\n"
        f"description: {_todo(t, t['description'])}\n"
        "time: 15\n"
        f"objectives:{items(t['objectives'])}\n"
        f"key_points:{items(t['key_points'])}\n"
        f"checklist:{checklist}\n"
        "---\n\n" + "\n".join(body)
    )


def quiz_title(title: str, language: str) -> str:
    """'Cuestionario: la confianza' from 'La confianza' (Spanish lowercases after a colon)."""
    t = _text(language)
    if language.startswith("es") and title[:1].isupper() and not title[1:2].isupper():
        title = title[0].lower() + title[1:]
    return t["quiz_title"].format(title=title)


def quiz_text(slug: str, title: str, language: str, questions: int = 5, scenario_share: float = 0.5,
              schema: str = "../../plugins/coursekit/schema/quiz.schema.json") -> str:
    """A quiz with as many questions as the rules ask, most of them scenarios.

    The right option moves from place to place, so a new quiz does not teach
    learners that the answer is always first."""
    t = _text(language)
    ids = t["ids"]
    scenarios = int(scenario_share * questions) + 1
    others = ["single", "multiple", "true-false"]
    kinds = ["scenario"] * scenarios + [others[i % 3] for i in range(max(0, questions - scenarios))]
    lines = [f"# yaml-language-server: $schema={schema}", f"id: {slug}",
             f"title: {scalar(quiz_title(title, language))}", "questions:"]
    for number, kind in enumerate(kinds, 1):
        lines += [f"  - id: {ids[kind]}-{number}", f"    type: {kind}"]
        if kind == "true-false":
            lines += [f"    prompt: {_todo(t, t['statement'])}", f"    answer: {'true' if number % 2 else 'false'}",
                      f"    feedback_true: {_todo(t, t['true_why'])}", f"    feedback_false: {_todo(t, t['false_why'])}"]
            continue
        if kind == "scenario":
            lines.append(f"    scenario: {_todo(t, t['scenario'])}")
        lines.append(f"    prompt: {_todo(t, t['single_prompt']) if kind != 'scenario' else scalar(t['prompt'])}")
        options = [("right", True), ("wrong", False), ("other", False)]
        shift = number % len(options)
        lines.append("    options:")
        for key, correct in options[shift:] + options[:shift]:
            lines += [f"      - id: {ids[key]}", f"        text: {_todo(t, t[key])}"]
            if correct:
                lines.append("        correct: true")
            lines.append(f"        feedback: {_todo(t, t[key + '_why'])}")
    return "\n".join(lines) + "\n"


def conversation_text(conversation_id: str, title: str, language: str, lesson: str) -> str:
    """A conversation that passes the check: two decision points, three endings.
    ``lesson`` is the docs-relative lesson its coaching notes link to."""
    c = _text(language)["conversation"]

    def reply(reply_id: str, text: str, target: str, why: str, skill: str) -> str:
        return (f"      - id: {reply_id}\n        text: {scalar(text)}\n        next: {target}\n"
                f"        coaching: {scalar(why)}\n        lesson: {scalar(lesson)}\n        {skill}: [first-skill]\n")

    def ending(ending_id: str) -> str:
        return (f"  - id: {ending_id}\n    outcome: {ending_id}\n    title: {scalar(c[ending_id])}\n"
                f"    debrief: {scalar(c['debrief'])}\n    practises: [{scalar(lesson)}]\n")

    return (
        "# yaml-language-server: $schema=../../plugins/coursekit/schema/conversation.schema.json\n"
        f"id: {conversation_id}\n"
        f"title: {scalar(c['title'].format(title=title))}\n"
        "setting:\n"
        f"  you: {scalar(c['you'])}\n  client: {scalar(c['client'])}\n"
        f"  client_name: {scalar(c['client_name'])}\n  situation: {scalar(c['situation'])}\n"
        "start: opening\n"
        f"skills:\n  - id: first-skill\n    label: {scalar(c['skill'])}\n"
        "nodes:\n"
        f"  - id: opening\n    says: {scalar(c['says'])}\n    replies:\n"
        + reply("helpful", c["good"], "repaired", c["why_good"], "shows")
        + reply("mistake", c["bad"], "second-chance", c["why_bad"], "misses")
        + f"  - id: second-chance\n    says: {scalar(c['says_2'])}\n    replies:\n"
        + reply("helpful-late", c["good"], "wary", c["why_good"], "shows")
        + reply("mistake-again", c["bad"], "lost", c["why_bad"], "misses")
        + "endings:\n" + ending("repaired") + ending("wary") + ending("lost")
        + "roleplay:\n  client:\n"
        f"    knows: {scalar(c['knows'])}\n    feels: {scalar(c['feels'])}\n    wants: {scalar(c['wants'])}\n"
        f"    calms: [{scalar(c['calms'])}]\n    worsens: [{scalar(c['worsens'])}]\n"
        f"  professional:\n    goal: {scalar(c['goal'])}\n"
        f"  observer:\n    watch: [{', '.join(scalar(w) for w in c['watch'])}]\n"
    )


def practise_section(conversation_id: str, language: str) -> str:
    """The section a lesson gets when a conversation is scaffolded for it."""
    return f"## {_text(language)['practise_heading']}\n\n{{{{ conversation(\"{conversation_id}\") }}}}\n\n"
