"""Inline Markdown for quiz and checklist text, with raw HTML escaped.

Quiz text is data, not markup: ``<script>`` must show as text. Python-Markdown
has no safe mode, so our instance drops its raw-HTML handlers (HTML is then
escaped like any text) and keeps only link schemes that cannot run code.
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

_SAFE_SCHEMES = {"", "http", "https", "mailto"}
_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)
# Text with none of Markdown's syntax renders as itself, escaped: most quiz
# text is like that, and skipping the converter is most of a quiz's cost.
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]\\<>&!#|~:]|^\s*(?:[-+]|\d+[.)])\s|^ {4}|^\s*[=-]{2,}\s*$|  $", re.MULTILINE)


class _DropUnsafeLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            if urlsplit(link.get("href", "")).scheme.lower() not in _SAFE_SCHEMES:
                link.set("href", "#")
        for image in list(root.iter("img")):
            image.tag = "span"  # no images in quiz text; keep the alt text readable
            image.text = image.get("alt", "")
            image.attrib.clear()


class _TextOnly(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeLinks(md), "drop_unsafe_links", 0)


class Markdown:
    """Renders author text; one converter is reused for speed."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[_TextOnly()])
        self._cache: dict[str, Markup] = {}

    def block(self, text: str) -> Markup:
        """Paragraphs and lists."""
        if text not in self._cache:
            if _MARKDOWN_SYNTAX.search(text):
                self._md.reset()
                self._cache[text] = Markup(self._md.convert(text))
            else:
                paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()))
                self._cache[text] = Markup("\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p))
        return self._cache[text]

    def inline(self, text: str) -> Markup:
        """One paragraph's content, without the ``<p>`` around it."""
        html = str(self.block(" ".join(text.split())))
        match = _PARAGRAPH.match(html)
        return Markup(match.group(1) if match else html)
