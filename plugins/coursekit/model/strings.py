"""Interface text of our widgets, per language (the edition's theme language)."""

from __future__ import annotations

STRINGS: dict[str, dict] = {
    "es": {
        "true": "Verdadero", "false": "Falso",
        "question_of": "Pregunta {n} de {total}",
        "questions": "{n} preguntas",
        "pick_one": "Elige una respuesta.",
        "pick_many": "Marca todas las respuestas correctas.",
        "true_or_false": "¿Verdadero o falso?",
        "show_answer": "Ver la respuesta y por qué",
        "correct_option": "Correcta", "wrong_option": "Incorrecta",
        "check": "Comprobar respuestas", "retry": "Volver a intentarlo",
        "right": "Bien", "wrong": "No es correcto", "partly": "Casi: te falta o te sobra alguna",
        "unanswered": "Sin responder",
        "score": "Has acertado {score} de {total}.",
        "saved": "Tu resultado se guarda solo en este navegador.",
        "storage_off": "Este navegador no permite guardar tu resultado; puedes hacer el cuestionario igualmente.",
        "no_js": "Elige tus respuestas y abre «Ver la respuesta y por qué» para comprobarlas.",
        "estimated_time": "Tiempo estimado: {duration}",
        "in_this_lesson": "En esta lección",
        "objectives": "Al terminar sabrás:",
        "key_points": "Ideas clave",
        "your_checklist": "Tu lista de comprobación",
        "your_checklist_intro": "Lo que acabas de aprender, listo para imprimir en estas listas:",
        "print_checklist": "Ver e imprimir la lista",
        "checklist_kind": {"read-do": "Paso a paso: lee cada punto y hazlo antes de pasar al siguiente.",
                            "do-confirm": "De repaso: trabaja como siempre y luego repásala para comprobar que no se te ha escapado nada."},
        "when": "Cuándo usarla",
        "fields": ["Cliente", "Fecha", "Objetivo de la conversación"],
        "from_lessons": "Viene de las lecciones:",
        "notes": "Notas",
        "print": "Imprimir",
        "print_all": "Imprimir todas las listas",
        "all_checklists": "Todas las listas de comprobación",
        "checklists_title": "Listas de comprobación",
        "checklists_intro": "Imprime estas listas y tenlas a mano antes, durante y después de una conversación difícil. Cada una cabe en una hoja.",
        "pack_intro": "Todas las listas juntas: al imprimir, cada una sale en su propia hoja.",
        "item_count": "{n} puntos",
        "not_started": "Sin empezar",
        "progress": "Has completado {done} de {total} cuestionarios.",
        "total_time": "Tiempo total: {duration}",
    },
    "en": {
        "true": "True", "false": "False",
        "question_of": "Question {n} of {total}",
        "questions": "{n} questions",
        "pick_one": "Choose one answer.",
        "pick_many": "Choose every correct answer.",
        "true_or_false": "True or false?",
        "show_answer": "Show the answer and why",
        "correct_option": "Correct", "wrong_option": "Incorrect",
        "check": "Check answers", "retry": "Try again",
        "right": "Right", "wrong": "Not right", "partly": "Nearly: one is missing or extra",
        "unanswered": "Not answered",
        "score": "You got {score} of {total} right.",
        "saved": "Your result is saved in this browser only.",
        "storage_off": "This browser does not let us save your result; you can still take the quiz.",
        "no_js": "Choose your answers, then open “Show the answer and why” to check them.",
        "estimated_time": "Estimated time: {duration}",
        "in_this_lesson": "In this lesson",
        "objectives": "By the end you will be able to:",
        "key_points": "Key points",
        "your_checklist": "Your checklist",
        "your_checklist_intro": "What you just learned, ready to print on these checklists:",
        "print_checklist": "View and print the checklist",
        "checklist_kind": {"read-do": "Read-do: read it item by item and do each one.",
                            "do-confirm": "Do-confirm: work as usual, then run through it to confirm nothing was missed."},
        "when": "When to use it",
        "fields": ["Client", "Date", "Goal of the conversation"],
        "from_lessons": "From the lessons:",
        "notes": "Notes",
        "print": "Print",
        "print_all": "Print all checklists",
        "all_checklists": "All checklists",
        "checklists_title": "Checklists",
        "checklists_intro": "Print these checklists and keep them at hand before, during and after a difficult conversation. Each fits on one sheet.",
        "pack_intro": "All checklists together: when printed, each comes out on its own sheet.",
        "item_count": "{n} items",
        "not_started": "Not started",
        "progress": "You have completed {done} of {total} quizzes.",
        "total_time": "Total time: {duration}",
    },
}


def for_language(table: dict[str, dict], language: str) -> dict:
    """A language's entry ('es-MX' and 'es_MX' find 'es'), or English's if it has none."""
    return table.get(language.split("-")[0].split("_")[0], table["en"])


def strings_for(language: str) -> dict:
    """The interface strings of a language."""
    return for_language(STRINGS, language)


def duration(minutes: int) -> str:
    """Minutes as people read them: "45 min", "2 h", "2 h 12 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
