"""Links between pages: every relative ``.md`` link must reach a page and,
when it names an anchor, a heading of that page. Plain functions, no MkDocs."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify

from .lessons import split_front_matter
from .problems import Problems

if TYPE_CHECKING:  # course.py builds on this module's neighbours; the type only
    from .course import Course

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


def check_links(pages: dict[str, str], generated: Iterable[str], display, problems: Problems,
                files: Iterable[str] = ()) -> None:
    """Report relative links that the strict build would reject: to pages or
    anchors that do not exist, and to a page without its '.md' (MkDocs only
    rewrites links to .md files). ``files`` are the docs dir's other files
    (images, PDFs), which may be linked as they are."""
    known_anchors = {uri: anchors(text) for uri, text in pages.items()}
    targets = set(pages) | set(generated)
    others = set(files)
    for uri, text in pages.items():
        _, body, first_line = split_front_matter(text)
        body = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
        for match in _LINK.finditer(body):
            href = match.group(1)
            if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE) or href.startswith(("/", "{{")):
                continue
            path, _, anchor = href.partition("#")
            line = first_line + body.count("\n", 0, match.start())
            target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path)) if path else uri
            if path and not path.endswith(".md"):
                if target in others:
                    continue
                page = _page_for(target, targets)
                fixed = posixpath.relpath(page, posixpath.dirname(uri) or ".") + (f"#{anchor}" if anchor else "") \
                    if page else ""
                problems.error(display(uri), line, f"the link '{href}' does not point to a '.md' file, so the build "
                               "cannot resolve it.",
                               f"did you mean '{fixed}'?" if page else
                               "link to the page's .md file, relative to this page (e.g. '../glosario.md').")
            elif target not in targets:
                close = difflib.get_close_matches(target, sorted(targets), n=1, cutoff=0.6)
                suggestion = posixpath.relpath(close[0], posixpath.dirname(uri) or ".") if close else ""
                problems.error(display(uri), line, f"the link '{href}' points to a page that does not exist.",
                               f"did you mean '{suggestion}'?" if close else
                               "link to the .md file, relative to this page (e.g. '../glosario.md#concesion').")
            elif anchor and target in known_anchors and anchor not in known_anchors[target]:
                close = difflib.get_close_matches(anchor, sorted(known_anchors[target]), n=1, cutoff=0.5)
                problems.error(display(uri), line, f"the link '{href}' names an anchor that '{target}' does not have.",
                               f"did you mean '#{close[0]}'?" if close else
                               "anchors are headings in lowercase with hyphens and no accents, e.g. '#escucha-activa'.")


def _page_for(target: str, pages: set[str]) -> str | None:
    """The page a link without '.md' meant: 'x' or 'x/' for 'x.md' or 'x/index.md'."""
    stem = target.rstrip("/")
    for candidate in (f"{stem}.md", f"{stem}/index.md", "index.md" if stem in ("", ".") else ""):
        if candidate in pages:
            return candidate
    return None


def check_course_links(course: Course, sources: Iterable[tuple[str, object]], problems: Problems) -> dict[str, str]:
    """``check_links`` over an edition's docs as read by ``read_pages``: the
    pages the course generates count as targets, unreadable files (reported
    already) are not reported again, and other files may be linked as they
    are. Returns the readable pages by their docs-relative path."""
    settings = course.settings
    pages = {uri: text for uri, text in sources if isinstance(text, str)}
    unreadable = {uri for uri, text in sources if not isinstance(text, str)}
    assets = [path.relative_to(settings.docs_dir).as_posix() for path in settings.docs_dir.rglob("*")
              if path.is_file() and path.suffix != ".md"]
    check_links(pages, set(course.generated_pages()) | unreadable,
                lambda uri: settings.display(settings.docs_dir / uri), problems, assets)
    return pages
