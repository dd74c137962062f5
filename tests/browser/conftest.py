"""Fixtures for the tests of the built book: the book, a local web server, a browser.

The book is `_build/html` of the repository, or $BOOK_HTML. It is served on 127.0.0.1 by a
thread of this process; the browser is the system's Chromium ($CHROMIUM, by default
/usr/bin/chromium), driven by Playwright, and every request to another host is blocked, so
a page that needs the network fails here as it would for an offline reader. The server,
the browser and the pages it opens are shared by the whole session: a page is loaded once
for each family of checks that reads it, not once per check.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from book_browser import CHROMIUM, CHROMIUM_ARGS, chromium_problem
from book_site import book_dir, missing_book_message, notebook_pages, pages, pages_with_class
from book_widths import DESKTOP, PHONE

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # chromium_problem() says what to install
    PlaywrightError = Exception

NO_BOOK = "(no book built)"


def pytest_generate_tests(metafunc):
    book = book_dir()
    built = missing_book_message(book) is None
    # Each list holds None when it is empty, so that the test runs and says why.
    lists = {
        "page_name": lambda: pages(book),
        "notebook_page": lambda: notebook_pages(book),
        "solution_page": lambda: pages_with_class(book, "solution"),
    }
    for name, found in lists.items():
        if name in metafunc.fixturenames:
            values = (found() or [None]) if built else [NO_BOOK]
            metafunc.parametrize(name, values)


@pytest.fixture(scope="session")
def book() -> Path:
    book = book_dir()
    message = missing_book_message(book)
    if message:
        pytest.fail(message, pytrace=False)
    return book


@pytest.fixture(scope="session")
def screenshots(book) -> Path:
    """_build/screenshots next to the book's html folder."""
    folder = book.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Some hosts serve notebooks as JSON, which a browser shows instead of saving unless
    # the link asks for a download; serve them so, to test that the link does.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ipynb": "application/json",
    }

    # Every answer, as (path, status), shared with the tests through the `served` fixture:
    # the browser's own requests, such as /favicon.ico, never reach Playwright's events.
    served: list = []

    def log_message(self, format, *args):
        pass

    def log_request(self, code="-", size="-"):
        self.served.append((self.path, int(code) if isinstance(code, int) else 0))


@pytest.fixture(scope="session")
def served() -> list[tuple[str, int]]:
    """(path, HTTP status) of every request the book's server answered, in order."""
    return []


@pytest.fixture(scope="session")
def server(book, served) -> str:
    """The book's base URL, served from a thread on a free port of 127.0.0.1."""
    logging = type("BookHandler", (QuietHandler,), {"served": served})
    handler = functools.partial(logging, directory=str(book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    # Without CI the browser test module skips itself before this runs (one line, not one
    # per test); in CI a missing browser fails every test that needs it.
    problem = chromium_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# The window each family of checks reads the book in: a laptop's, unless a check names
# another (the width checks read every page on a phone as well).
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
# Pages that load side by side: each waits half a second for a quiet network, and those
# waits overlap; seven at once was the fastest on two cores.
PAGES_AT_ONCE = 7


@dataclass
class Visit:
    """A page opened in the browser, with what went wrong while it loaded."""

    page: object
    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    blocked_requests: list = field(default_factory=list)
    load_errors: list = field(default_factory=list)

    def shown(self):
        """The page, as the tab in front: a tab behind others gets no animation frames, so
        clicks, which wait for the page to settle, and screenshots would wait seconds."""
        self.page.bring_to_front()
        return self.page

    def problems(self) -> list[str]:
        return (
            [f"did not finish loading: {text}" for text in self.load_errors]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"failed request: {text}" for text in self.failed_requests]
            + [f"request to another host: {url}" for url in self.blocked_requests]
        )


class Tabs:
    """The book's pages in one browser, each opened at most once per base, colour scheme and
    viewport.

    One browser context per colour scheme and viewport holds every page; a page stays open
    for the session, so the checks of one family read the same loaded page. base="file"
    opens a page from disk (file://) instead of from the local server. A key is
    (path, base, colour scheme) or (path, base, colour scheme, viewport), "desktop" when
    not named.
    """

    def __init__(self, browser, server: str):
        self.browser = browser
        self.server = server
        self.book_host = urlsplit(server).netloc
        self.contexts = {}
        self.visits = {}

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("file", "data") or parts.netloc == self.book_host

    def context(self, color_scheme: str, viewport: str = "desktop"):
        if (color_scheme, viewport) not in self.contexts:
            self.contexts[color_scheme, viewport] = self.browser.new_context(
                viewport=VIEWPORTS[viewport], color_scheme=color_scheme
            )
        return self.contexts[color_scheme, viewport]

    def start(self, path: str, base: str, color_scheme: str, viewport: str = "desktop") -> Visit:
        """Open a tab and send it to the page, without waiting for the page to load."""
        visit = Visit(page=self.context(color_scheme, viewport).new_page())

        def route(route):
            if self.is_local(route.request.url):
                route.continue_()
            else:
                visit.blocked_requests.append(route.request.url)
                route.abort("blockedbyclient")

        def on_response(response):
            if response.status >= 400:
                visit.failed_requests.append(f"{response.url}: HTTP {response.status}")

        def on_failed(request):
            if self.is_local(request.url):
                visit.failed_requests.append(f"{request.url}: {request.failure}")

        visit.page.route("**/*", route)
        visit.page.on(
            "console",
            lambda message: message.type == "error" and visit.console_errors.append(message.text),
        )
        visit.page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        visit.page.on("response", on_response)
        visit.page.on("requestfailed", on_failed)
        root = book_dir().as_uri() + "/" if base == "file" else self.server
        try:
            visit.page.goto(root + path, wait_until="commit")
        except PlaywrightError as error:
            visit.load_errors.append(str(error))
        return visit

    @staticmethod
    def finish(visit: Visit) -> Visit:
        """Wait until the page has loaded, the network is quiet and MathJax is done."""
        if not visit.load_errors:
            try:
                visit.page.wait_for_load_state("networkidle")
                wait_for_mathjax(visit.page)
            except PlaywrightError as error:
                visit.load_errors.append(str(error))
        return visit

    def open_all(self, wanted) -> list[Visit]:
        """Visits for [(path, base, color_scheme), ...], loaded; pages not open yet load a
        few at a time, side by side."""
        wanted = [full_key(key) for key in wanted]
        todo = list(dict.fromkeys(key for key in wanted if key not in self.visits))
        for first in range(0, len(todo), PAGES_AT_ONCE):
            batch = todo[first : first + PAGES_AT_ONCE]
            started = [self.start(*key) for key in batch]
            for key, visit in zip(batch, started, strict=True):
                self.visits[key] = self.finish(visit)
        return [self.visits[key] for key in wanted]

    def open(
        self,
        path: str,
        base: str = "server",
        color_scheme: str = "light",
        viewport: str = "desktop",
    ) -> Visit:
        """open("chapters/07_training.html", color_scheme="dark") -> Visit, loaded."""
        return self.open_all([(path, base, color_scheme, viewport)])[0]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


def full_key(key: tuple) -> tuple:
    """(path, base, colour scheme) names the desktop viewport: one tab for both spellings."""
    return key if len(key) == 4 else (*key, "desktop")


@pytest.fixture(scope="session")
def tabs(browser, server):
    tabs = Tabs(browser, server)
    yield tabs
    tabs.close()


def wait_for_mathjax(page) -> None:
    """MathJax typesets after the page loads; wait until it has finished."""
    page.evaluate(
        """async () => {
            const startup = window.MathJax && window.MathJax.startup;
            if (startup && startup.promise) await startup.promise;
        }"""
    )
