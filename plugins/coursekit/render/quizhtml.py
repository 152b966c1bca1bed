"""A quiz's HTML, built as plain strings.

A large course renders thousands of questions, and through Jinja each of
their hundred values went through ``escape`` into a ``Markup``: a third of
the plugin's rendering time. Here every value is escaped as Jinja's
autoescape does (the same entities) and joined once. Author text goes through
``markup.Markdown`` as before; everything else is escaped. Readable and
answerable without JavaScript: each question's solution sits in a <details>;
coursekit.js adds checking, score and saving.
"""

from __future__ import annotations

from collections.abc import Mapping

import markupsafe

from ..model.quizzes import Quiz
from .markup import Markdown


def escape(value: object) -> str:
    """``value`` as HTML text or attribute, escaped by markupsafe as Jinja's autoescape does (Markup left as it is)."""
    return str(markupsafe.escape(value))


class QuizHtml:
    """Renders the quizzes of one edition: ``t`` its interface strings."""

    def __init__(self, t: Mapping[str, str], markdown: Markdown, storage_base: str, storage_legacy: str):
        self.t = t
        self.markdown = markdown
        e = {key: escape(value) for key, value in t.items() if isinstance(value, str)}
        self.e = e
        self._storage = f' data-storage-base="{escape(storage_base)}" data-storage-legacy="{escape(storage_legacy)}"'
        self._texts_before_pass = (
            f'data-text-right="{e["right"]}" data-text-wrong="{e["wrong"]}" data-text-partly="{e["partly"]}"\n'
            f'data-text-unanswered="{e["unanswered"]}" data-text-score="{e["score"]}"\n'
            f'data-text-saved="{e["saved"]}" data-text-storage-off="{e["storage_off"]}"')
        self._texts_after_pass = (
            f' data-text-passed="{e["quiz_passed"]}" data-text-to-pass="{e["quiz_to_pass"]}"\n'
            f'data-text-unanswered-one="{e["unanswered_one"]}" data-text-unanswered-many="{e["unanswered_many"]}"\n'
            f'data-text-unanswered-item="{e["unanswered_item"]}"\n'
            f'data-text-correct="{e["correct_option"]}" data-text-incorrect="{e["wrong_option"]}">\n')
        self._hints = {"multiple": e["pick_many"], "true-false": e["true_or_false"]}
        self._end = (
            '</ol>\n<div class="coursekit-quiz__warning" hidden>\n<p role="alert"></p>\n'
            f'<p>{e["unanswered_hint"]}</p>\n'
            f'<button type="button" class="md-button" data-action="check-anyway">{e["check_anyway"]}</button>\n'
            '</div>\n<div class="coursekit-quiz__actions" hidden>\n'
            f'<button type="button" class="md-button md-button--primary" data-action="check">{e["check"]}</button>\n'
            f'<button type="button" class="md-button" data-action="retry" hidden>{e["retry"]}</button>\n'
            '</div>\n<div class="coursekit-quiz__result" tabindex="-1">\n'
            '<p class="coursekit-quiz__score" role="status" aria-live="polite" data-search-exclude></p>\n</div>')
        self._marks = {True: f'<span class="coursekit-quiz__mark">{e["correct_option"]}:</span>',
                       False: f'<span class="coursekit-quiz__mark">{e["wrong_option"]}:</span>'}

    def __call__(self, quiz: Quiz, uid: str, storage_key: str, pass_score: int,
                 next_step: tuple[str, str, str] | None, lms: bool = False) -> str:
        """``lms``: pages for a learning platform's package; the quiz also says where the LMS keeps results."""
        t, e, inline, block = self.t, self.e, self.markdown.inline, self.markdown.block
        total = len(quiz.questions)
        uid_e = escape(uid)
        out = [
            (f'<form class="coursekit-quiz" id="{uid_e}" data-quiz="{escape(quiz.id)}" '
            f'data-storage-key="{escape(storage_key)}"{self._storage}\n'
            f'aria-labelledby="{uid_e}-title" novalidate\n'),
            self._texts_before_pass, f' data-text-saved-lms="{e["saved_lms"]}"\n' if lms else "\n",
            f'data-pass="{escape(pass_score)}"', self._texts_after_pass,
            (f'<h3 class="coursekit-quiz__title" id="{uid_e}-title">{inline(quiz.title)}</h3>\n'
            f'<p class="coursekit-quiz__intro">{escape(t["questions"].format(n=total))}'
            f'<span class="coursekit-quiz__nojs"> · {e["no_js"]}</span></p>\n'
            '<ol class="coursekit-quiz__questions">'),
        ]
        # DOM ids only wire labels and descriptions; saved results use the
        # stable ids in data-question and value.
        for number, question in enumerate(quiz.questions, 1):
            qid = f"{uid_e}-{number}"
            heading = escape(t["question_of"].format(n=number, total=total))
            input_type = "checkbox" if question.multiple else "radio"
            # The scenario comes before the question, as people read it; the
            # fieldset points at it with aria-describedby.
            out.append(f'<li class="coursekit-quiz__question" data-question="{escape(question.id)}" '
                       f'data-type="{escape(question.type)}"><p class="coursekit-quiz__number" aria-hidden="true">'
                       f'{heading}</p>')
            if question.scenario:
                out.append(f'<div class="coursekit-quiz__scenario" id="{qid}-scenario">{block(question.scenario)}</div>'
                           f'<fieldset aria-describedby="{qid}-scenario">\n')
            else:
                out.append("<fieldset>\n")
            out.append(f'<legend><span class="coursekit-visually-hidden">{heading}. </span>\n'
                       f'<span class="coursekit-quiz__prompt">{inline(question.prompt)}</span></legend>\n'
                       f'<p class="coursekit-quiz__hint">{self._hints.get(question.type, e["pick_one"])}</p>\n'
                       '<ul class="coursekit-quiz__options">')
            for index, option in enumerate(question.options, 1):
                out.append(f'<li class="coursekit-quiz__option"><input type="{input_type}" id="{qid}-{index}" '
                           f'name="{qid}" value="{escape(option.id)}">\n'
                           f'<label for="{qid}-{index}">{inline(option.text)}</label></li>')
            out.append('</ul>\n<p class="coursekit-quiz__verdict" data-search-exclude hidden></p>\n'
                       '<details class="coursekit-quiz__solution" data-search-exclude>\n'
                       f'<summary>{e["show_answer"]}</summary>\n<ul>')
            for option in question.options:
                correct = bool(option.correct)
                out.append(f'<li data-option="{escape(option.id)}" data-correct="{"true" if correct else "false"}">\n'
                           f'{self._marks[correct]}\n'
                           f'<span class="coursekit-quiz__option-text">{inline(option.text)}</span>\n'
                           f'<span class="coursekit-quiz__why">{inline(option.feedback)}</span>\n</li>')
            out.append("</ul>")
            if question.explanation:
                out.append(f'<div class="coursekit-quiz__explanation">{block(question.explanation)}</div>')
            out.append("</details>\n</fieldset>\n</li>")
        out.append(self._end)
        if next_step:
            before, text, url = next_step
            out.append(f'<p class="coursekit-quiz__next">{escape(before) + " " if before else ""}'
                       f'<a class="md-button" href="{escape(url)}">{escape(text)} <span aria-hidden="true">→</span></a></p>')
        out.append("</form>")
        return "".join(out)
