"""Text of a new lesson and its quiz, or of a new conversation: valid
placeholders in the edition's language."""

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
