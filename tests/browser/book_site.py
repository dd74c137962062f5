"""The built book as files: where it is, its pages, and what their HTML links to.

Shared by the plain link test and the browser tests; nothing here needs a browser.
"""

from __future__ import annotations

import os
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BOOK = REPO_ROOT / "_build" / "html"
# Not pages: theme template fragments, copied sources, MathJax's own files.
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}


def book_dir() -> Path:
    """The built book: $BOOK_HTML if set, else _build/html in the repository."""
    return Path(os.environ.get("BOOK_HTML") or DEFAULT_BOOK).resolve()


def missing_book_message(book: Path) -> str | None:
    if (book / "index.html").is_file():
        return None
    return (
        f"No built book at {book} (no index.html): run `make book` first, "
        "or point BOOK_HTML at a built book's html folder."
    )


def pages(book: Path) -> list[str]:
    """Every HTML page of the book, as paths relative to the book, sorted."""
    found = []
    for path in sorted(book.rglob("*.html")):
        relative = path.relative_to(book)
        if relative.parts[0] not in NOT_PAGES:
            found.append(relative.as_posix())
    return found


class PageParser(HTMLParser):
    """Collects the ids a page defines, the URLs it links to and the assets it loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[tuple[str, str]] = []
        self.classes: set[str] = set()
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title = ""
        self._in_title = False
        self._texts: list[str] = []
        self._in_code = 0

    @property
    def text(self) -> str:
        """The page's visible text, outside scripts and styles, with spaces collapsed."""
        return " ".join("".join(self._texts).split())

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._in_code:
            self._texts.append(data)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in ("script", "style"):
            self._in_code -= 1

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag in ("script", "style"):
            self._in_code += 1
        if tag == "meta" and (attributes.get("name") or attributes.get("property")):
            key = attributes.get("name") or attributes.get("property")
            self.meta[key] = attributes.get("content") or ""
        for key in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        self.classes.update((attributes.get("class") or "").split())
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag in ("script", "img", "iframe", "source", "embed") and attributes.get("src"):
            self.assets.append((tag, attributes["src"]))
            self.links.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            rel = (attributes.get("rel") or "").lower().split()
            # canonical points at the published site on purpose; the rest is loaded.
            if "canonical" in rel:
                self.canonical = attributes["href"]
            else:
                self.links.append(attributes["href"])
            if {"stylesheet", "preload", "modulepreload", "icon", "prefetch"} & set(rel):
                self.assets.append(("link", attributes["href"]))


@cache
def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith("//")


def resolve(book: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file an internal URL points at, and its #fragment ('' when none)."""
    parts = urlsplit(url)
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        target = book / unquote(parts.path).lstrip("/")
    else:
        target = page.parent / unquote(parts.path)
    if parts.path.endswith("/"):
        target = target / "index.html"
    return target.resolve(), unquote(parts.fragment)


def is_myst_notebook_source(text: str) -> bool:
    """A page source whose front matter names a jupytext format and a kernelspec."""
    if not text.startswith("---"):
        return False
    header = text.split("\n---", 1)[0]
    return "jupytext:" in header and "kernelspec:" in header


def notebook_pages(book: Path) -> list[str]:
    """Pages whose source, as the download menu serves it, is a MyST notebook."""
    found = []
    for page in pages(book):
        source = book / "_sources" / Path(page).with_suffix(".md")
        if source.is_file() and is_myst_notebook_source(source.read_text(encoding="utf-8")):
            found.append(page)
    return found


def pages_with_class(book: Path, name: str) -> list[str]:
    return [page for page in pages(book) if name in parse(book / page).classes]
