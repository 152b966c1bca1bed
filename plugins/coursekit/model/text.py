"""What author text may hold, decided the way a browser reads it.

Two kinds of text: *plain text* (titles, a lesson's description), which the
theme writes into navigation, headings, ``<meta>`` and the search index as it
is, so it must hold no markup; and *Markdown* (quiz text, objectives, key
points, checklist items), rendered by ``render.markup``, whose links may only
use the schemes below. The renderer and the check share these functions, so
what the check passes is exactly what the renderer keeps.
"""

from __future__ import annotations

import html
import re

# Link schemes that cannot run code; a link without a scheme is relative.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# The URL parser removes tabs and newlines anywhere and strips C0 controls
# and spaces at both ends, so "java&#x09;script:" is "javascript:".
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_TRIMMED = "".join(chr(c) for c in range(0x21))

# Link destinations in Markdown: inline links, reference definitions, autolinks.
_DESTINATIONS = re.compile(
    r"\]\(\s*<?([^\s>)]*)"
    r"|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?(\S+)"
    r"|<([A-Za-z][A-Za-z0-9+.-]*:[^\s>]*)>",
    re.MULTILINE,
)

_MARKUP = (
    (re.compile(r"<[A-Za-z/!?]"), "HTML"),
    (re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*;)"), "an HTML character reference"),
    (re.compile(r"\{[{%#]"), "template syntax"),
)


def _scheme(url: str) -> str:
    url = _URL_IGNORED.sub("", url).strip(_URL_TRIMMED)
    match = _SCHEME.match(url)
    return match.group()[:-1].lower() if match else ""


def unsafe_scheme(href: str) -> str:
    """The scheme that makes ``href`` unsafe ('' when it is safe).

    The value is decoded as a browser decodes an attribute, and again while
    decoding changes it, so no number of entity layers hides a scheme.
    """
    seen = href
    while True:
        scheme = _scheme(seen)
        if scheme and scheme not in SAFE_SCHEMES:
            return scheme
        decoded = html.unescape(seen)
        if decoded == seen:
            return ""
        seen = decoded


def unsafe_link(markdown: str) -> tuple[str, str] | None:
    """The first link in Markdown text whose scheme is not allowed, as (destination, scheme)."""
    if "]" not in markdown and "<" not in markdown:
        return None
    for match in _DESTINATIONS.finditer(markdown):
        destination = next(group for group in match.groups() if group is not None)
        scheme = unsafe_scheme(destination)
        if scheme:
            return destination, scheme
    return None


def markup_in(text: str) -> tuple[str, str] | None:
    """The first markup in plain text, as (what it is, the text found)."""
    for pattern, what in _MARKUP:
        match = pattern.search(text)
        if match:
            return what, text[match.start():match.start() + 12]
    return None
