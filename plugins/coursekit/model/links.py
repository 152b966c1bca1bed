"""Links between pages: every relative ``.md`` link must reach a page and,
when it names an anchor, a heading of that page. Plain functions, no MkDocs."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from markdown.extensions.toc import slugify

from .lessons import split_front_matter
from .problems import Problems

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+?)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def anchors(text: str) -> set[str]:
    """The ids MkDocs gives a page's headings (toc slugs, or an attr_list id)."""
    return set(headings(text))


def headings(text: str) -> dict[str, str]:
    """A page's heading ids, each with the heading's plain text."""
    _, body, _ = split_front_matter(text)
    body = _FENCE.sub("", body)
    found, seen = {}, {}
    for match in _HEADING.finditer(body):
        heading = match.group(1)
        explicit = _ATTR_ID.search(heading)
        plain = re.sub(r"[*_`]|\{[^}]*\}\s*$", "", heading).strip()
        if explicit:
            found[explicit.group(1)] = plain
            continue
        slug = slugify(re.sub(r"[*_`\[\]]|\(.*?\)", "", heading), "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found[slug if count == 0 else f"{slug}_{count}"] = plain
    return found


def check_links(pages: dict[str, str], generated: Iterable[str], display, problems: Problems) -> None:
    """Report relative links to pages or anchors that do not exist."""
    known_anchors = {uri: anchors(text) for uri, text in pages.items()}
    targets = set(pages) | set(generated)
    for uri, text in pages.items():
        _, body, first_line = split_front_matter(text)
        body = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
        for match in _LINK.finditer(body):
            href = match.group(1)
            if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE) or href.startswith(("/", "{{")):
                continue
            path, _, anchor = href.partition("#")
            line = first_line + body.count("\n", 0, match.start())
            if not path:
                target = uri
            elif not path.endswith(".md"):
                continue
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path))
            if target not in targets:
                problems.error(display(uri), line, f"the link '{href}' points to a page that does not exist.",
                               "link to the .md file, relative to this page (e.g. '../glosario.md#concesion').")
            elif anchor and target in known_anchors and anchor not in known_anchors[target]:
                problems.error(display(uri), line, f"the link '{href}' names an anchor that '{target}' does not have.",
                               "anchors are headings in lowercase with hyphens and no accents, e.g. '#escucha-activa'.")
