"""Every page of the built book passes axe-core's WCAG 2.0 and 2.1 A and AA rules, in light
and dark, at 1280 px and at 390 px: as it loads, and with every solution and sidebar part
opened. On the first notebook page (the header is the same on every page, and there it
has every menu), each header menu and dialog is opened and scanned too. A failure names
the page, the rule, the element and what to fix.

The book's own pages come from the built site, so a page added to _toc.yml is scanned
without a change here. `scan_file` in book_axe.py scans any other HTML file: here the
grader's report, written with every verdict it can give.

Run with `pytest -p no:xdist tests/browser` after `make book`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from book_axe import (
    axe_version,
    scan_file,
    scan_menus_and_dialogs,
    scan_result,
    start_scan,
)
from book_browser import chromium_problem, in_ci
from book_site import book_dir, missing_book_message, notebook_pages, pages

from grading._results import VERDICTS, report

if chromium_problem() and not in_ci():
    pytest.skip(chromium_problem(), allow_module_level=True)

# The reader's colour scheme and window: a laptop's and an upright phone's (book_widths.py).
SETTINGS = [  # (colour scheme, viewport)
    ("light", "desktop"),
    ("dark", "desktop"),
    ("light", "phone"),
    ("dark", "phone"),
]
WIDTHS = {"desktop": "1280 px", "phone": "390 px"}
AXE_VERSION = "4.12.1"
NO_BOOK = "(no book built)"
REDIRECT = re.compile(r"^\s*<meta http-equiv=\"Refresh\"[^>]*>\s*$", re.IGNORECASE)


def scanned_pages(book: Path) -> list[str]:
    """The book's pages, without those that only send the browser on to another page
    (index.html, which opens intro.html: scanned as itself)."""
    return [
        page
        for page in pages(book)
        if not REDIRECT.match((book / page).read_text(encoding="utf-8"))
    ]


def menu_pages(book: Path) -> list[str]:
    """The first notebook page: the header is one template on every page, and a notebook
    page's has every menu (launch, repository, download with the .ipynb)."""
    return notebook_pages(book)[:1]


def pytest_generate_tests(metafunc):
    book = book_dir()
    if "scanned_page" in metafunc.fixturenames:
        found = scanned_pages(book) if missing_book_message(book) is None else [NO_BOOK]
        metafunc.parametrize("scanned_page", found)


def settled_in(page, scheme: str) -> None:
    """Waits until the page has switched to this colour scheme (emulated with emulate_media,
    as when the reader's system switches: the theme follows prefers-color-scheme, with
    default_mode: auto in _config.yml) and its transitions have finished."""
    page.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=scheme)
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")


@pytest.fixture(scope="module")
def scans(tabs, book) -> dict[tuple[str, str, str], list[str]]:
    """{(page, colour scheme, viewport): findings} for every page in every setting.

    Each page is loaded once per window size, in light mode: these are the tabs the other
    checks read. It is scanned, switched to dark and scanned again, and left light. A page's
    two widths scan side by side: each width's tabs are a window of their own, so both tabs
    are in front (a tab behind another gets no animation frames) and each scan has a core.
    On the first notebook page, each header menu and dialog is then opened and scanned.
    """
    names = scanned_pages(book)
    chosen = set(menu_pages(book))
    keys = [(name, "server", "light", viewport) for viewport in WIDTHS for name in names]
    visits = dict(zip(keys, tabs.open_all(keys), strict=True))
    results = {}
    for name in names:
        widths = {viewport: visits[name, "server", "light", viewport] for viewport in WIDTHS}
        pages = {viewport: visit.shown() for viewport, visit in widths.items()}
        try:
            for scheme in ("light", "dark"):
                for page in pages.values():
                    page.emulate_media(color_scheme=scheme)
                for page in pages.values():
                    settled_in(page, scheme)
                    start_scan(page)
                for viewport, page in pages.items():
                    where = f"{name} ({scheme}, {WIDTHS[viewport]})"
                    found = scan_result(page, where)
                    if name in chosen:
                        found += scan_menus_and_dialogs(page, where, phone=viewport == "phone")
                    results[name, scheme, viewport] = found
        finally:
            for page in pages.values():
                page.emulate_media(color_scheme="light")
                settled_in(page, "light")
        for viewport, visit in widths.items():
            results[name, "light", viewport] = visit.problems() + results[name, "light", viewport]
    return results


def test_axe_is_the_pinned_version(tabs, book):
    """The scan's rules are those of the axe-core the pinned wheel ships, not another copy."""
    page = tabs.open("intro.html").page
    assert axe_version(page) == AXE_VERSION


@pytest.mark.parametrize(("scheme", "viewport"), SETTINGS, ids=lambda value: value)
def test_no_wcag_violation(scans, scanned_page, scheme, viewport):
    found = scans[scanned_page, scheme, viewport]
    assert not found, "axe-core (WCAG 2.1 A and AA):\n  " + "\n  ".join(found)


# Two small pages written by hand: one with barriers axe must find, one without. They check
# the scan itself: that it finds, and that it names the rule, the element and the file.
BARRIERS = """<!doctype html><html><head><title>Barriers</title></head><body><main>
<img id="unlabelled-figure" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<details><summary></summary><p>Hidden text.</p></details>
<p style="color: #bbb; background: #fff">Grey on white.</p>
</main></body></html>"""
CLEAN = """<!doctype html><html lang="en"><head><title>Clean</title></head><body><main>
<h1>A page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="One pixel">
<details><summary>More</summary><p>Hidden text.</p></details>
</main></body></html>"""


def test_the_scan_finds_and_names_each_barrier(browser, tmp_path):
    page = tmp_path / "barriers.html"
    page.write_text(BARRIERS, encoding="utf-8")
    found = scan_file(browser, page, color_schemes=("light",))
    rules = {line.split(": ")[1].split(" ")[0] for line in found}
    assert {"html-has-lang", "image-alt", "summary-name", "color-contrast"} <= rules, found
    image = next(line for line in found if ": image-alt " in line)
    assert image.startswith("barriers.html (light, 1280 px): image-alt (critical)"), image
    assert "`#unlabelled-figure`" in image, image


# Grey text that only a closed part holds: a scan of the page as loaded cannot see it.
FOLDED = """<!doctype html><html lang="en"><head><title>Folded</title></head><body><main>
<h1>A page</h1><details><summary>More</summary>
<p id="folded-grey" style="color: #bbb; background: #fff">Grey on white.</p></details>
</main></body></html>"""


def test_the_book_s_scan_opens_closed_parts_and_closes_them_again(browser, tmp_path):
    page_file = tmp_path / "folded.html"
    page_file.write_text(FOLDED, encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        start_scan(page)
        found = scan_result(page, "folded.html")
        assert page.evaluate("() => document.querySelector('details').open") is False
    finally:
        context.close()
    assert len(found) == 1, found
    assert found[0].startswith("folded.html, solutions and sidebar parts open: color-contrast")
    assert "`#folded-grey`" in found[0], found


def test_a_page_without_barriers_passes(browser, tmp_path):
    page = tmp_path / "clean.html"
    page.write_text(CLEAN, encoding="utf-8")
    assert scan_file(browser, page) == []


def test_grading_report_passes(browser, tmp_path):
    """The grader's report.html, with a row per verdict it can give (each in its colour), a
    student name that needs escaping, and a student with no rows: light and dark, 1280 and
    390 px."""
    exercises = ["01_zero-initialization", "02_ohms-law", "07_ragged-last-batch"]
    students = [f"student {n}" for n in range(len(VERDICTS))] + ["O'Brien & <Co>", "nobody"]
    rows = {
        (student, exercise): {"verdict": verdict, "message": "words"}
        for student, verdict in zip(students, VERDICTS, strict=False)
        for exercise in exercises
    }
    page = tmp_path / "report.html"
    page.write_text(report(students, exercises, rows), encoding="utf-8")
    found = scan_file(browser, page)
    assert not found, "axe-core (WCAG 2.1 A and AA):\n  " + "\n  ".join(found)
