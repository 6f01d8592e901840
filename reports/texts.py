"""Narrative texts: written as Markdown (headings, lists, bold, links), shown as HTML.

Two locks: markdown-it renders with raw HTML switched off (a `<script>` a writer types
comes out as text), and nh3 (the Ammonia sanitiser) then keeps only the tags and link
schemes below. A writer's headings sit under the section's own heading (h2), so `#` and
`##` become h3.
"""

from __future__ import annotations

import html

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"h3", "h4", "h5", "p", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(["image"])


def _heading_open(self, tokens, idx, options, env):
    token = tokens[idx]
    token.tag = f"h{min(5, max(3, int(token.tag[1]) + 1))}"
    return self.renderToken(tokens, idx, options, env)


def _heading_close(self, tokens, idx, options, env):
    token = tokens[idx]
    token.tag = f"h{min(5, max(3, int(token.tag[1]) + 1))}"
    return self.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("heading_open", _heading_open)
_markdown.add_render_rule("heading_close", _heading_close)


def to_html(text: str) -> str:
    """The text as safe HTML (a string that may be marked safe in a template)."""
    if not text or not text.strip():
        return ""
    rendered = _markdown.render(text)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def to_plain(text: str) -> str:
    """The text without markup, for the Excel file's notes and for search."""
    return html.unescape(nh3.clean(to_html(text), tags=set())).strip()
