"""Inline Markdown for quiz and checklist text, with raw HTML escaped.

Quiz text is data, not markup: ``<script>`` must show as text. Python-Markdown
has no safe mode, so our instance drops its raw-HTML handlers (HTML is then
escaped like any text) and keeps only links whose scheme, decoded as a
browser decodes it (``model.text``), cannot run code. Every text we render
as Markdown goes through this one converter.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..model.text import unsafe_scheme

_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Text that uses none of Markdown's core syntax renders as itself, escaped.
# Most quiz text is like that, and skipping the converter is most of a quiz's
# cost. No extensions are loaded, so ":", "!", "|" and "~" are plain text.
# Each is looked for on its own: a scan in C per character, where a pattern
# of them all is searched some ten times slower, and every text is checked.
_SYNTAX_CHARACTERS = "*_`[]\\<>&#\t"
# What only counts at the start of a line, after any spaces: lists, and rules
# and setext headings. Code (four spaces) and a line break (two trailing
# spaces) are told by the line's ends.
_SYNTAX_LINE_START = re.compile(r"[-+][ ]|\d+[.)][ ]|[=-]+[ ]*$")


def is_plain(text: str) -> bool:
    """True when Markdown would render ``text`` as escaped paragraphs."""
    if any(char in text for char in _SYNTAX_CHARACTERS):
        return False
    return not any(line.startswith("    ") or line.endswith("  ") or _SYNTAX_LINE_START.match(line.lstrip(" "))
                   for line in text.split("\n"))


class _DropUnsafeLinks(Treeprocessor):
    def __init__(self, md: markdown.Markdown, relative_links: bool):
        super().__init__(md)
        self.relative_links = relative_links

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if unsafe_scheme(href) or (not self.relative_links and not urlsplit(href).scheme):
                link.tag = "span"  # the check reports such a link; here its text stays, as text
                link.attrib.clear()
        for image in list(root.iter("img")):
            image.tag = "span"  # no images in quiz text; keep the alt text readable
            image.text = image.get("alt", "")
            image.attrib.clear()


class _TextOnly(Extension):
    def __init__(self, relative_links: bool = True):
        super().__init__()
        self.relative_links = relative_links

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeLinks(md, self.relative_links), "drop_unsafe_links", 0)


class Markdown:
    """Renders author text. Results are cached (quiz options appear twice on
    a page) and the converter is only built if some text needs it.

    ``relative_links=False`` keeps only links with a scheme, for text read
    away from the site (an exported question bank), where a link to one of
    the course's pages leads nowhere: such a link becomes its text.
    """

    def __init__(self, relative_links: bool = True) -> None:
        self._relative_links = relative_links
        self._converter: markdown.Markdown | None = None
        self._blocks: dict[str, Markup] = {}
        self._inlines: dict[str, Markup] = {}

    def _convert(self, text: str) -> str:
        if self._converter is None:
            self._converter = markdown.Markdown(extensions=[_TextOnly(self._relative_links)])
        self._converter.reset()
        return self._converter.convert(text)

    def block(self, text: str) -> Markup:
        """Paragraphs and lists."""
        cached = self._blocks.get(text)
        if cached is None:
            if is_plain(text):
                paragraphs = (" ".join(p.split()) for p in _BLANK_LINE.split(text.strip()))
                cached = Markup("\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p))
            else:
                cached = Markup(self._convert(text))
            self._blocks[text] = cached
        return cached

    def inline(self, text: str) -> Markup:
        """One paragraph's content, without the ``<p>`` around it."""
        cached = self._inlines.get(text)
        if cached is None:
            line = " ".join(text.split())
            if is_plain(line):
                cached = Markup(html.escape(line, quote=False))
            else:
                match = _PARAGRAPH.match(html_text := self._convert(line))
                cached = Markup(match.group(1) if match else html_text)
            self._inlines[text] = cached
        return cached
