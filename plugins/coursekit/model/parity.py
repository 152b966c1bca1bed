"""Edition parity: every edition has the same pages, lessons, quizzes,
questions, options, right answers, checklists and checklist items, and
conversations (their nodes, replies and endings).

Ids are shared across editions (saved results are keyed by them, and the
language switcher matches pages by them), so a missing or extra id means an
edition has fallen behind. Every edition is compared with the default one and
every difference is reported at once, each naming the ids and the file that
should hold the missing item.
"""

from __future__ import annotations

from collections.abc import Sequence

from .course import Course
from .editions import lesson_id
from .problems import Problems


def _names(ids: object) -> str:
    return ", ".join(f"'{i}'" for i in sorted(ids))  # type: ignore[call-overload]


def check_parity(courses: Sequence[Course], problems: Problems, pages: Sequence[dict[str, str]] | None = None) -> None:
    """Compare every edition with the first (the default). ``pages`` holds each
    edition's authored pages as page id -> docs-relative path (see editions.page_ids)."""
    reference = courses[0]
    for index, other in enumerate(courses[1:], 1):
        _lessons(reference, other, problems, pages[index] if pages is not None else {})
        if pages is not None:
            _pages(reference, pages[0], other, pages[index], problems)
        _quizzes(reference, other, problems)
        _checklists(reference, other, problems)
        _conversations(reference, other, problems)


def _langs(reference: Course, other: Course) -> tuple[str, str]:
    return reference.settings.language, other.settings.language


def _pages(reference: Course, ref_pages: dict[str, str], other: Course, other_pages: dict[str, str],
           problems: Problems) -> None:
    """Pages that are not lessons (lessons are compared by their quiz)."""
    ref_lang, lang = _langs(reference, other)
    rs, os_ = reference.settings, other.settings
    ours = {pid: uri for pid, uri in ref_pages.items() if not rs.is_lesson(uri)}
    theirs = {pid: uri for pid, uri in other_pages.items() if not os_.is_lesson(uri)}
    for page_id in sorted(set(ours) - set(theirs)):
        expected = os_.display(os_.docs_dir / ours[page_id])
        problems.error(rs.display(rs.docs_dir / ours[page_id]), 1,
                       f"the page '{page_id}' has no '{lang}' edition: {expected} is missing.",
                       f"add {expected}, or give the '{lang}' page that translates it 'id: {page_id}' in its front matter.")
    for page_id in sorted(set(theirs) - set(ours)):
        problems.error(os_.display(os_.docs_dir / theirs[page_id]), 1,
                       f"the page '{page_id}' does not exist in the '{ref_lang}' edition.",
                       f"add it to {rs.display(rs.docs_dir)} too, or set 'id:' in its front matter to the id of the "
                       f"'{ref_lang}' page it translates.")


def _lessons(reference: Course, other: Course, problems: Problems, other_pages: dict[str, str]) -> None:
    ref_lang, lang = _langs(reference, other)
    ours = {lesson_id(lesson.quizzes, lesson.src_uri): lesson for lesson in reference.lessons}
    theirs = {lesson_id(lesson.quizzes, lesson.src_uri): lesson for lesson in other.lessons}
    folder = other.settings.display(other.settings.docs_dir / other.settings.lessons_dir)
    # A lesson that is there but has errors of its own is not missing.
    present = set(theirs) | {pid for pid, uri in other_pages.items() if other.settings.is_lesson(uri)}
    for lid in sorted(set(ours) - present):
        name = ours[lid].src_uri.rsplit("/", 1)[-1]
        problems.error(ours[lid].file, 1,
                       f"the lesson '{lid}' has no '{lang}' edition: no lesson in {folder}/ places the quiz '{lid}'.",
                       f"add {folder}/{name} (any file name) with {{{{ quiz(\"{lid}\") }}}}; "
                       "'coursekit new' creates a lesson in every edition.")
    for lid in sorted(set(theirs) - set(ours)):
        problems.error(theirs[lid].file, 1, f"the lesson '{lid}' does not exist in the '{ref_lang}' edition.",
                       f"add it there too (a lesson that places the quiz '{lid}'), or remove it here.")
    common = [lid for lid in ours if lid in theirs]
    their_order = [lid for lid in theirs if lid in ours]
    if common != their_order:
        first = next(lid for lid, theirs_lid in zip(common, their_order) if lid != theirs_lid)
        problems.error(theirs[first].file, 1,
                       f"the '{lang}' edition has its lessons in another order than the '{ref_lang}' edition "
                       f"({', '.join(their_order)} instead of {', '.join(common)}).",
                       "put the lessons in the same order in 'nav:' of every edition.")
    for lid in common:
        mine, yours = ours[lid], theirs[lid]
        for checklist in sorted({item.checklist for item in mine.items + yours.items}):
            want = [item for item in mine.items if item.checklist == checklist]
            have = [item for item in yours.items if item.checklist == checklist]
            if len(want) != len(have):
                line = have[0].line if have else 1
                problems.error(yours.file, line,
                               f"the lesson '{lid}' adds {len(have)} item(s) to the checklist '{checklist}' here and "
                               f"{len(want)} in the '{ref_lang}' edition ({mine.file}).",
                               "every edition teaches the same checklist items: translate the missing ones "
                               "or remove the extra ones.")


def _quizzes(reference: Course, other: Course, problems: Problems) -> None:
    ref_lang, lang = _langs(reference, other)
    folder = other.settings.display(other.settings.quizzes_dir)
    for quiz_id, quiz in reference.quizzes.items():
        theirs = other.quizzes.get(quiz_id)
        if theirs is None:
            problems.error(quiz.file, quiz.line, f"the quiz '{quiz_id}' has no '{lang}' edition: {folder}/{quiz_id}.yml is missing.",
                           f"add {folder}/{quiz_id}.yml with the same quiz, question and option ids.")
            continue
        ours_q = {q.id: q for q in quiz.questions}
        their_q = {q.id: q for q in theirs.questions}
        here = f"the quiz '{quiz_id}'"
        if set(ours_q) - set(their_q):
            problems.error(theirs.file, theirs.line,
                           f"{here} lacks the question(s) {_names(set(ours_q) - set(their_q))} of the '{ref_lang}' edition.",
                           f"editions share question ids: translate them from {quiz.file}.")
        if set(their_q) - set(ours_q):
            problems.error(theirs.file, theirs.line,
                           f"{here} has the question(s) {_names(set(their_q) - set(ours_q))}, which the '{ref_lang}' "
                           "edition does not have.", f"editions share question ids: match {quiz.file}.")
        for qid in [q.id for q in quiz.questions if q.id in their_q]:
            mine, yours = ours_q[qid], their_q[qid]
            if mine.type != yours.type:
                problems.error(theirs.file, theirs.line,
                               f"the question '{qid}' of {here} is '{yours.type}' here and '{mine.type}' in the '{ref_lang}' edition.",
                               f"a translated question keeps its type: match {quiz.file}.")
            ours_o, their_o = {o.id for o in mine.options}, {o.id for o in yours.options}
            if ours_o - their_o:
                problems.error(theirs.file, theirs.line,
                               f"the question '{qid}' of {here} lacks the option(s) {_names(ours_o - their_o)} "
                               f"of the '{ref_lang}' edition.", f"editions share option ids: translate them from {quiz.file}.")
            if their_o - ours_o:
                problems.error(theirs.file, theirs.line,
                               f"the question '{qid}' of {here} has the option(s) {_names(their_o - ours_o)}, which the "
                               f"'{ref_lang}' edition does not have.", f"editions share option ids: match {quiz.file}.")
            right_ours = {o.id for o in mine.options if o.correct}
            right_theirs = {o.id for o in yours.options if o.correct}
            if right_ours != right_theirs:
                problems.error(theirs.file, theirs.line,
                               f"the question '{qid}' of {here} has other right answers than the '{ref_lang}' edition: "
                               f"{_names(right_theirs) or 'none'} here, {_names(right_ours) or 'none'} there.",
                               f"a translation keeps the same right answers: match 'correct'/'answer' in {quiz.file}.")
    for quiz_id, quiz in other.quizzes.items():
        if quiz_id not in reference.quizzes:
            problems.error(quiz.file, quiz.line, f"the quiz '{quiz_id}' does not exist in the '{ref_lang}' edition.",
                           f"add it to {reference.settings.display(reference.settings.quizzes_dir)} too, or remove it here.")


def _checklists(reference: Course, other: Course, problems: Problems) -> None:
    ref_lang, lang = _langs(reference, other)
    where = other.settings.display(other.settings.checklists_file or other.settings.root)
    for checklist_id, checklist in reference.definitions.items():
        theirs = other.definitions.get(checklist_id)
        if theirs is None:
            problems.error(checklist.file, checklist.line, f"the checklist '{checklist_id}' has no '{lang}' edition.",
                           f"define it in {where} with the same id.")
        elif theirs.kind != checklist.kind:
            problems.error(theirs.file, theirs.line,
                           f"the checklist '{checklist_id}' is '{theirs.kind}' here and '{checklist.kind}' in the '{ref_lang}' edition.",
                           f"a translated checklist keeps its kind: match {checklist.file}.")
    for checklist_id, checklist in other.definitions.items():
        if checklist_id not in reference.definitions:
            problems.error(checklist.file, checklist.line,
                           f"the checklist '{checklist_id}' does not exist in the '{ref_lang}' edition.",
                           "add it there too, or remove it here.")


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
