"""The printed book as text: what poppler reads from a PDF, and what the HTML pages hold.

Shared by the PDF tests (test_book_pdf.py); nothing here needs a browser.
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from book_site import book_dir, pages


def words(text: str) -> str:
    """Spaces collapsed; none before punctuation, where a PDF puts one after inline code."""
    return re.sub(r" (?=[,.;:)])", "", " ".join(text.split()))


@cache
def sheets(path: Path, layout: str = "-raw") -> tuple[str, ...]:
    """The text of each sheet of a PDF, spaces collapsed (pdftotext ends each with \\f).

    -raw keeps the order in which the text was drawn, which is the HTML's, and leaves out
    MathJax's glyphs, which would otherwise cut sentences apart; layout="-layout" has them.
    """
    command = ["pdftotext", layout, str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    # Each sheet ends with its footer, which would fall into a line that breaks across sheets.
    footer = re.compile(r"\S[^\n]* \d+ / \d+\s*$")
    return tuple(words(footer.sub("", sheet)) for sheet in text.split("\f")[:-1])


class PageText(HTMLParser):
    """A page's h1, its figure captions, and the paragraphs of its worked answers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.answers = "", []
        self.captions, self.answer_captions = [], []
        self.code = []  # the text of each <pre>: code cells and their printed output
        self._collecting = None  # (end tag, list to append to, parts)
        self._skipping = None  # the end tag of an element whose text is left out
        self._answer_divs = 0  # divs open inside a worked answer

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and (self._answer_divs or "solution" in classes):
            self._answer_divs += 1
        if tag == "a" and "headerlink" in classes:
            self._skipping = "a"
        elif tag == "span" and "math" in classes and self._collecting:
            # Inline maths is TeX here and glyphs in a PDF: a run of words through it
            # cannot match, so it is marked.
            self._collecting[2].append("\N{REPLACEMENT CHARACTER}")
            self._skipping = "span"
        if self._collecting:
            return
        if tag == "h1":
            self._collecting = ("h1", None, [])
        elif tag == "pre":
            self._collecting = ("pre", self.code, [])
        elif tag == "figcaption":
            found = self.answer_captions if self._answer_divs else self.captions
            self._collecting = ("figcaption", found, [])
        elif tag == "p" and self._answer_divs and "admonition-title" not in classes:
            self._collecting = ("p", self.answers, [])

    def handle_endtag(self, tag):
        if tag == "div" and self._answer_divs:
            self._answer_divs -= 1
        if tag == self._skipping:
            self._skipping = None
        elif self._collecting and tag == self._collecting[0]:
            end, found, parts = self._collecting
            if found is None:
                self.title = words("".join(parts))
            elif end == "pre":
                found.append("".join(parts))
            else:
                found.append(words("".join(parts)))
            self._collecting = None

    def handle_data(self, data):
        if self._collecting and not self._skipping:
            self._collecting[2].append(data)


@cache
def html_page(page: str) -> PageText:
    parser = PageText()
    parser.feed((book_dir() / page).read_text(encoding="utf-8"))
    return parser


def written_pages() -> list[str]:
    return [
        p for p in pages(book_dir()) if (book_dir() / "_sources" / p).with_suffix(".md").is_file()
    ]
