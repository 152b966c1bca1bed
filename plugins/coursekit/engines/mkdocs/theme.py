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
_HEAD_END = "</head>"


def name_search_dialog(html: str, label: str) -> str:
    if 'role="dialog"' not in html:
        return html
    return _SEARCH_DIALOG.sub(lambda m: f'<div{m.group(1)} aria-label="{escape(label)}">', html, count=1)


def add_head_script(html: str, src: str) -> str:
    """A script at the end of <head>: after Material's own inline definitions, before the body uses them."""
    index = html.find(_HEAD_END)
    if index < 0:
        return html
    return f'{html[:index]}<script src="{escape(src)}"></script>\n{html[index:]}'
