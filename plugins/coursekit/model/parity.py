"""Edition parity: every edition has the same quizzes, questions, options,
checklists and conversations (their nodes, replies and endings), by id. Ids are shared across editions (results are stored by
them), so a missing or extra id means an edition has fallen behind."""

from __future__ import annotations

from .course import Course
from .problems import Problems


def check_parity(courses: list[Course], problems: Problems) -> None:
    reference = courses[0]
    ref_lang = reference.settings.language
    for other in courses[1:]:
        lang = other.settings.language
        for quiz_id, quiz in reference.quizzes.items():
            if quiz_id not in other.quizzes:
                problems.error(quiz.file, quiz.line, f"the quiz '{quiz_id}' has no '{lang}' edition.",
                               f"add it to {other.settings.display(other.settings.quizzes_dir)} with the same id.")
                continue
            theirs = other.quizzes[quiz_id]
            ours_q = {q.id: q for q in quiz.questions}
            their_q = {q.id: q for q in theirs.questions}
            if set(ours_q) != set(their_q):
                missing = sorted(set(ours_q) - set(their_q))
                extra = sorted(set(their_q) - set(ours_q))
                problems.error(theirs.file, theirs.line,
                               f"the questions differ from the '{ref_lang}' edition (missing: {', '.join(missing) or 'none'};"
                               f" extra: {', '.join(extra) or 'none'}).",
                               f"editions share question ids; match {quiz.file}.")
                continue
            for qid, question in ours_q.items():
                if {o.id for o in question.options} != {o.id for o in their_q[qid].options}:
                    problems.error(theirs.file, theirs.line, f"the options of question '{qid}' differ from the '{ref_lang}' edition.",
                                   f"editions share option ids; match {quiz.file}.")
        for quiz_id, quiz in other.quizzes.items():
            if quiz_id not in reference.quizzes:
                problems.error(quiz.file, quiz.line, f"the quiz '{quiz_id}' does not exist in the '{ref_lang}' edition.",
                               "add it there too, or remove it here.")
        _conversations(reference, other, problems)
        for checklist_id, checklist in reference.definitions.items():
            if checklist_id not in other.definitions:
                problems.error(checklist.file, checklist.line, f"the checklist '{checklist_id}' has no '{lang}' edition.",
                               f"define it in {other.settings.display(other.settings.checklists_file or other.settings.root)}.")
        if len(other.lessons) != len(reference.lessons):
            problems.error(other.settings.display(other.settings.docs_dir), 1,
                           f"the '{lang}' edition has {len(other.lessons)} lessons and the '{ref_lang}' edition {len(reference.lessons)}.",
                           "every lesson exists in every edition; 'coursekit new' creates all of them at once.")


def _steps(conversation) -> set[str]:
    """A conversation's ids as saved results use them: nodes, endings, node/reply."""
    return ({node.id for node in conversation.nodes} | {ending.id for ending in conversation.endings}
            | {f"{node.id}/{reply.id}" for node in conversation.nodes for reply in node.replies})


def _conversations(reference: Course, other: Course, problems: Problems) -> None:
    ref_lang, lang = reference.settings.language, other.settings.language
    for conversation_id, conversation in reference.conversations.items():
        theirs = other.conversations.get(conversation_id)
        if theirs is None:
            problems.error(conversation.file, conversation.line, f"the conversation '{conversation_id}' has no '{lang}' edition.",
                           "add it to that edition's conversations folder with the same id.")
        elif _steps(theirs) != _steps(conversation):
            differ = sorted(_steps(theirs) ^ _steps(conversation))
            problems.error(theirs.file, theirs.line,
                           f"the nodes, replies or endings differ from the '{ref_lang}' edition ({', '.join(differ)}).",
                           f"editions share these ids; match {conversation.file}.")
    for conversation_id, conversation in other.conversations.items():
        if conversation_id not in reference.conversations:
            problems.error(conversation.file, conversation.line,
                           f"the conversation '{conversation_id}' does not exist in the '{ref_lang}' edition.",
                           "add it there too, or remove it here.")
