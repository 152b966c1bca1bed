"""Our macros for Zensical's own mkdocs-macros emulation (``modules:`` of its macros).

As under MkDocs, each macro only leaves the placeholder comment an author may
write by hand; the extension renders it after Markdown, so quiz text never
passes through Jinja.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ...model.widgets import PLACEABLE, placeholder


def define_env(env: Any) -> None:
    for name in PLACEABLE:
        env.macro(partial(placeholder, name), name)
