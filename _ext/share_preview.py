"""Describe every page for search engines and link previews.

Each page gets `<meta name="description">` and Open Graph tags (title, description, URL,
site name), so a link shared in a chat or a forum shows the page's title and the first
sentences of its text. The description is the page's first paragraph, cut to a preview's
length; a page without text uses the book's description (`book_description`).
The page URL is built from `html_baseurl`.
"""

from __future__ import annotations

import re
from html import escape, unescape

from docutils import nodes
from sphinx.application import Sphinx

MAX_DESCRIPTION = 200
# Text under these nodes is not prose a reader would recognise in a preview.
SKIPPED = (nodes.math, nodes.math_block, nodes.literal_block, nodes.comment, nodes.raw)


def prose(paragraph: nodes.paragraph) -> str:
    words = []
    for text in paragraph.findall(nodes.Text):
        if not any(isinstance(parent, SKIPPED) for parent in ancestors(text)):
            words.append(text.astext())
    return " ".join("".join(words).split())


def ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def first_paragraph(doctree: nodes.document) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        # Exercises, admonitions and cell outputs are not the page's opening text.
        if any(not isinstance(p, (nodes.section, nodes.document)) for p in ancestors(paragraph)):
            continue
        text = prose(paragraph)
        if text:
            return text
    return ""


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def add_preview_tags(app: Sphinx, pagename, templatename, context, doctree) -> None:
    description = first_paragraph(doctree) if doctree is not None else ""
    description = shorten(description or app.config.book_description)
    site = app.config.html_title or app.config.project
    # The context title is HTML (it may hold <code> or entities) and starts with the
    # section number; a preview wants the plain title.
    title = unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))
    title = re.sub(r"^\d+(\.\d+)*\.?\s+", "", title) or site
    tags = {
        "og:title": title,
        "og:type": "website",
        "og:site_name": site,
        "og:description": description,
    }
    if app.config.html_baseurl:
        page = pagename + app.builder.out_suffix
        tags["og:url"] = app.config.html_baseurl.rstrip("/") + "/" + page
    lines = [f'<meta name="description" content="{escape(description)}" />']
    lines += [
        f'<meta property="{name}" content="{escape(value)}" />' for name, value in tags.items()
    ]
    lines.append('<meta name="twitter:card" content="summary" />')
    context["metatags"] = context.get("metatags", "") + "\n".join(lines) + "\n"


def setup(app: Sphinx):
    app.add_config_value("book_description", "", "html", types=[str])
    app.connect("html-page-context", add_preview_tags)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
