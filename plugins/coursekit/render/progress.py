"""What the browser needs to weigh a learner's saved results: the course's
lessons in order, for each quiz its question and option ids, its correct
options and the score that passes it, and for each conversation the outcome
of each of its endings.

The script reads this file (``course.json``, beside ``coursekit.js``) on every
page that shows progress, and checks each stored result against it before it
shows or counts it: a result saved for an older version of a quiz, or edited
by hand, is never taken at its word.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable

from ..model.conversations import Ending
from ..model.course import Course
from ..model.quizzes import Quiz

DATA_FILE = "course.json"
DEFAULT_PASS_MARK = 0.7
DATA_VERSION = 1


def course_key(site_name: str, option: str | None = None) -> str:
    """The course's key in saved results: the option, or the site's name as a slug
    with accents transliterated («Difíciles» -> 'dificiles'). Editions set the
    option alike, so progress follows a learner from one edition to another."""
    ascii_name = unicodedata.normalize("NFKD", site_name).encode("ascii", "ignore").decode()
    return option or re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "course"


def legacy_course_key(site_name: str) -> str:
    """The key version 1 gave a course without the option: its name, accented letters turned into dashes."""
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "course"


def pass_score(total: int, pass_mark: float) -> int:
    """Right answers needed to pass a quiz of ``total`` questions (at least one).
    Rounded first, so 0.7 x 10 is 7, not 7.000000000000001 and then 8."""
    return max(1, min(total, math.ceil(round(pass_mark * total, 9))))


def quiz_data(quiz: Quiz, pass_mark: float) -> dict:
    return {
        "pass": pass_score(len(quiz.questions), pass_mark),
        "questions": {q.id: {"options": [o.id for o in q.options], "correct": [o.id for o in q.options if o.correct]}
                      for q in quiz.questions},
    }


def course_data(course: Course, course_key: str, storage_prefix: str, pass_mark: float,
                url_of: Callable[[str], str]) -> str:
    """The JSON text. ``url_of`` gives a page's URL relative to this file."""
    lessons = [{"url": url_of(lesson.src_uri), "title": lesson.title,
                "results": [{"kind": "quiz", "id": quiz_id} for quiz_id in lesson.quizzes if quiz_id in course.quizzes]
                + [{"kind": "conversation", "id": cid} for cid in lesson.conversations if cid in course.conversations]}
               for lesson in course.lessons]
    data = {
        "version": DATA_VERSION,
        "course": course_key,
        "edition": course.settings.language,
        "storage": storage_prefix,
        "lessons": lessons,
        "quizzes": {quiz_id: quiz_data(quiz, pass_mark) for quiz_id, quiz in sorted(course.quizzes.items())},
        "conversations": {cid: {"endings": {step.id: step.outcome for step in conversation.steps if isinstance(step, Ending)}}
                          for cid, conversation in sorted(course.conversations.items())},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
