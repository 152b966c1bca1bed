"""The widgets every lesson carries (its intro, key points and checklist
items), built as plain strings like the quiz (``quizhtml.py``): a large
course renders them hundreds of times, and Jinja's context and escaping cost
more than the HTML. Escaped as Jinja's autoescape does; author text goes
through ``markup.Markdown``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..model.checklists import Checklist
from ..model.lessons import ChecklistItem, Lesson
from ..model.strings import duration
from .markup import Markdown
from .quizhtml import escape


class LessonHtml:
    def __init__(self, t: Mapping[str, str], markdown: Markdown):
        self.t = t
        self.inline = markdown.inline
        # The learner's progress through the course, filled in by coursekit.js
        # from saved results; without the script it stays hidden.
        self._progress = (f'<div class="coursekit-progress" data-text-progress="{escape(t["passed_lessons"])}" hidden>\n'
                          '<p class="coursekit-progress__text"></p>\n'
                          '<div class="coursekit-progress__bar" aria-hidden="true"><span></span></div>\n</div>')

    def intro(self, lesson: Lesson, position: int, total: int) -> str:
        t, inline = self.t, self.inline
        objectives = "".join(f"<li>{inline(objective)}</li>" for objective in lesson.objectives)
        return ('<div class="coursekit-lesson-intro" data-search-exclude>\n<div class="coursekit-position">\n'
                f'<p class="coursekit-position__number">{escape(t["lesson_of"].format(n=position, total=total))}</p>'
                f'{self._progress}</div>\n'
                f'<p class="coursekit-lesson-intro__description">{escape(lesson.description)}</p>\n'
                '<section class="coursekit-objectives" aria-labelledby="coursekit-objectives-title">\n'
                f'<h2 id="coursekit-objectives-title" class="coursekit-objectives__title">{escape(t["in_this_lesson"])}\n'
                f'<span class="coursekit-time">{escape(t["estimated_time"].format(duration=duration(lesson.time)))}</span></h2>\n'
                f'<p>{escape(t["objectives"])}</p>\n<ul>{objectives}</ul>\n</section>\n</div>')

    def key_points(self, lesson: Lesson) -> str:
        inline = self.inline
        return '<ul class="coursekit-key-points">' + "".join(f"<li>{inline(point)}</li>" for point in lesson.key_points) + "</ul>"

    def checklist(self, groups: list[tuple[Checklist, list[ChecklistItem]]], link: Callable[[str], str]) -> str:
        t, inline = self.t, self.inline
        out = [f'<div class="coursekit-lesson-checklist">\n<p>{escape(t["your_checklist_intro"])}</p>']
        for checklist, items in groups:
            cid, title = escape(checklist.id), escape(checklist.title)
            out.append(f'<section class="coursekit-lesson-checklist__group" aria-labelledby="coursekit-lc-{cid}">\n'
                       f'<h3 id="coursekit-lc-{cid}">{title}</h3>\n<ul class="coursekit-checkbox-list">'
                       + "".join(f"<li>{inline(item.text)}</li>" for item in items)
                       + f'</ul>\n<p><a href="{escape(link("checklists/" + checklist.id + ".md"))}">'
                       f'{escape(t["print_checklist"])}: {title}</a></p>\n</section>')
        out.append("</div>")
        return "".join(out)
