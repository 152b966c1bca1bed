"""Typed options of the MkDocs plugin (``plugins: - coursekit: ...``)."""

from __future__ import annotations

from mkdocs.config.base import Config
from mkdocs.config.config_options import Optional, Type


class CourseKitConfig(Config):
    enabled = Type(bool, default=True)
    """Switch the plugin off, e.g. to measure a build without it."""

    quizzes_dir = Type(str, default="quizzes")
    """Folder of quiz YAML files, relative to mkdocs.yml."""

    checklists_file = Optional(Type(str))
    """YAML file that defines the printable checklists, relative to mkdocs.yml."""

    lessons_dir = Type(str, default="lessons")
    """Folder of the docs dir whose pages are lessons (front matter required)."""

    course_key = Optional(Type(str))
    """Namespace of saved results in the browser; defaults to a slug of site_name."""
