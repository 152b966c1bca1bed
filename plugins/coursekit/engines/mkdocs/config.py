"""Typed options of the MkDocs plugin (``plugins: - coursekit: ...``)."""

from __future__ import annotations

import difflib

from mkdocs.config.base import Config, ValidationError
from mkdocs.config.config_options import Optional, Type

from ...render.progress import DEFAULT_PASS_MARK


class Share(Type):
    """A share from 0 to 1 (0.4 is 40 %)."""

    def __init__(self, default: float) -> None:
        super().__init__((int, float), default=default)

    def run_validation(self, value: object) -> float:
        value = super().run_validation(value)
        if isinstance(value, bool) or not 0 <= value <= 1:
            raise ValidationError(f"expected a share from 0 to 1 (0.4 is 40 %), got {value!r}.")
        return float(value)


class CourseKitConfig(Config):
    enabled = Type(bool, default=True)
    """Switch the plugin off, e.g. to measure a build without it."""

    quizzes_dir = Type(str, default="quizzes")
    """Folder of quiz YAML files, relative to mkdocs.yml."""

    conversations_dir = Type(str, default="conversations")
    """Folder of conversation YAML files (branching role-plays), relative to mkdocs.yml."""

    checklists_file = Optional(Type(str))
    """YAML file that defines the printable checklists, relative to mkdocs.yml."""

    lessons_dir = Type(str, default="lessons")
    """Folder of the docs dir whose pages are lessons (front matter required)."""

    rules = Type(dict, default={})
    """The course's rules (questions per quiz, minutes per lesson, lines per checklist...);
    see coursekit.model.rules for each option and its default."""

    course_key = Optional(Type(str))
    """Namespace of saved results in the browser; defaults to a slug of site_name."""

    # The item-writing check (model/itemwriting.py): where the right answers sit.
    item_writing = Type(bool, default=True)
    """Warn when answers follow a pattern over the course; false: figures only."""
    item_writing_max_share = Share(default=0.40)
    """At most this share of single-answer questions has its answer in one position, or one length rank."""
    item_writing_min_true = Share(default=0.35)
    item_writing_max_true = Share(default=0.65)
    """The share of true-false statements that are true stays in this range."""
    item_writing_min_single = Type(int, default=10)
    """Fewer single-answer questions in the course: the position and length rules do not apply."""
    item_writing_min_true_false = Type(int, default=5)
    """Fewer true-false questions in the course: the balance rule does not apply."""

    pass_mark = Share(default=DEFAULT_PASS_MARK)
    """Share of a quiz's questions a learner must get right to pass it (0 to 1)."""

    def _validate(self):  # type: ignore[no-untyped-def]
        # MkDocs only warns about an unknown option, so a typo silently turns
        # an option back to its default (and fails only a strict build, with
        # no hint). An unknown option of ours is an error that names the one meant.
        failed, warnings = super()._validate()
        for key in sorted(set(self.keys()) - self._schema_keys):
            close = difflib.get_close_matches(key, sorted(self._schema_keys), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "the options are: " + ", ".join(sorted(self._schema_keys)) + "."
            failed.append((key, ValidationError(f"there is no such option. Hint: {hint}")))
        return failed, [(key, message) for key, message in warnings if key in self._schema_keys]
