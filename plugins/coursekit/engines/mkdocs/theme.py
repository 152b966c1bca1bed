"""What the course needs from Material's own page frame, added to the built
HTML: the search dialog's accessible name, and a guard that keeps Material's
scripts running where the browser blocks storage.

Done on the output rather than by overriding Material's templates, so a
Material update is taken as it is; if Material changes this markup, the
accessibility and storage tests say so.
"""

from __future__ import annotations

import re
from html import escape

# Material's search box: a role="dialog" without a name (axe: aria-dialog-name).
_SEARCH_DIALOG = re.compile(
    r'<div(?=[^>]*\bdata-md-component="search")(?=[^>]*\brole="dialog")(?![^>]*\baria-label(?:ledby)?=)([^>]*)>')
_SEARCH_COMPONENT = 'data-md-component="search"'
_HEAD_END = "</head>"


def name_search_dialog(html: str, label: str) -> str:
    # The dialog's tag holds the attribute, so it starts after the last ">"
    # before the attribute's first occurrence: the regex starts there, not
    # at each <div of the page.
    first = html.find(_SEARCH_COMPONENT)
    if first < 0:
        return html
    match = _SEARCH_DIALOG.search(html, html.rfind(">", 0, first) + 1)
    if match is None:
        return html
    return f'{html[:match.start()]}<div{match.group(1)} aria-label="{escape(label)}">{html[match.end():]}'


def add_head_script(html: str, src: str, before: str = "") -> str:
    """A script at the end of <head>: after Material's own inline definitions, before the body uses them;
    ``before`` (other tags for <head>) goes just before it."""
    index = html.find(_HEAD_END)
    if index < 0:
        return html
    return f'{html[:index]}{before}<script src="{escape(src)}"></script>\n{html[index:]}'
