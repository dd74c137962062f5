"""No request fails while the book's pages load, the browser's own included: the favicon,
which a browser asks for by itself and which never reaches Playwright's request events, is
checked on the server's side.

Run with `pytest -p no:xdist tests/browser` after `make book`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from urllib.parse import unquote, urlsplit

import pytest
from book_browser import chromium_problem, in_ci
from book_site import pages, parse, resolve

if chromium_problem() and not in_ci():
    pytest.skip(chromium_problem(), allow_module_level=True)


def icon_of(book, page: str) -> str | None:
    """The href of the page's <link rel="icon">, or None."""
    html = (book / page).read_text(encoding="utf-8")
    parsed = parse(book / page)
    return next(
        (
            href
            for tag, href in parsed.assets
            if tag == "link" and f'rel="icon" href="{href}"' in html
        ),
        None,
    )


def test_every_page_names_an_icon_that_exists(book):
    problems = []
    for page in pages(book):
        if page == "index.html":  # a bare redirect to intro.html, which names it
            continue
        href = icon_of(book, page)
        if href is None:
            problems.append(f'{page}: no <link rel="icon">')
            continue
        target, _ = resolve(book, book / page, href)
        if not target.is_file():
            problems.append(f"{page}: its icon {href} does not exist")
        elif target.suffix == ".svg":
            root = ElementTree.parse(target).getroot()
            if root.tag != "{http://www.w3.org/2000/svg}svg":
                problems.append(f"{page}: its icon {href} is not an SVG image")
    assert not problems, "\n".join(problems)


def test_no_request_fails_as_pages_load(tabs, book, served):
    """Every page, on a laptop and on a phone (the tabs the other checks read, so loaded once
    for all): the server answered every request, and the page's icon was among them."""
    wanted = [
        (page, "server", "light", viewport)
        for viewport in ("desktop", "phone")
        for page in pages(book)
    ]
    tabs.open_all(wanted)
    paths = {unquote(urlsplit(path).path): status for path, status in served}
    unloaded = [page for page in pages(book) if paths.get(f"/{page}") != 200]
    assert not unloaded, f"pages the server never served: {unloaded}"
    failed = sorted({f"{path}: HTTP {status}" for path, status in served if status >= 400})
    assert not failed, "requests that failed:\n  " + "\n  ".join(failed)
    icon = "/" + unquote(icon_of(book, "intro.html") or "_static/favicon.svg").lstrip("./")
    assert paths.get(icon) == 200, f"the browser never fetched the icon {icon}: {sorted(paths)}"
