"""The launch menus as a reader opens them, and the page for instructors on a phone.

A chapter page's rocket menu shows Binder and Colab; an exercise page's also shows Colab
without the answer. The links are compared with the form Colab documents for a GitHub
file, written out here. Screenshots of the open menus and of the page for instructors go to
_build/screenshots. Run with `pytest -p no:xdist tests/browser` after `make book`.
"""

from __future__ import annotations

import pytest
from book_browser import chromium_problem, in_ci

if chromium_problem() and not in_ci():
    pytest.skip(chromium_problem(), allow_module_level=True)

COLAB = (
    "https://colab.research.google.com/github/lr-from-scratch/"
    "linear-regression-from-scratch/blob/notebooks/"
)
MENUS = {
    "chapters/07_training.html": [("Binder", None), ("Colab", "chapters/07_training.ipynb")],
    "exercises/02_ohms-law.html": [
        ("Binder", None),
        ("Colab", "exercises/02_ohms-law.ipynb"),
        ("Colab, without the answer", "student/exercises/02_ohms-law.ipynb"),
    ],
}
TEACHING = "teaching.html"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("menu_page", sorted(MENUS))
def test_the_launch_menu_shows_the_colab_entries_with_their_links(
    tabs, screenshots, menu_page, viewport
):
    visit = tabs.open(menu_page, viewport=viewport)
    page = visit.shown()
    toggle = page.locator(".dropdown-launch-buttons button.dropdown-toggle")
    if not toggle.is_visible():
        # On a phone the header's buttons sit behind the theme's menu of page actions.
        page.locator(".header-article-items__end .dropdown-toggle").last.click()
    toggle.first.click()
    items = page.locator(".dropdown-launch-buttons .dropdown-menu a")
    items.last.wait_for(state="visible")
    shown = [(item.inner_text().strip(), item.get_attribute("href")) for item in items.all()]
    assert [text for text, _ in shown] == [text for text, _ in MENUS[menu_page]], shown
    for (text, href), (_, path) in zip(shown, MENUS[menu_page], strict=True):
        if path is not None:
            assert href == COLAB + path, (text, href)
        assert items.nth([t for t, _ in shown].index(text)).is_visible(), text
    name = menu_page.replace("/", "_").removesuffix(".html")
    page.screenshot(path=str(screenshots / f"launch-menu_{name}_{viewport}.png"))
    page.keyboard.press("Escape")


def test_the_page_for_instructors_reads_on_a_phone(tabs, screenshots):
    visit = tabs.open(TEACHING, viewport="phone")
    page = visit.shown()
    assert not visit.problems(), visit.problems()
    layout = page.evaluate(
        """() => {
            const article = document.querySelector("article");
            const blocks = [...article.querySelectorAll("pre, table")].map((el) => ({
                first: el.innerText.split("\\n")[0].slice(0, 60),
                right: Math.ceil(el.getBoundingClientRect().right),
                cut: el.scrollWidth > el.clientWidth + 1
                    && !["auto", "scroll"].includes(getComputedStyle(el).overflowX),
            }));
            return {
                page: document.documentElement.scrollWidth,
                window: window.innerWidth,
                font: parseFloat(getComputedStyle(article.querySelector("p")).fontSize),
                blocks,
            };
        }"""
    )
    assert layout["page"] <= layout["window"], layout
    assert layout["font"] >= 14, layout["font"]
    for block in layout["blocks"]:
        assert block["right"] <= layout["window"] and not block["cut"], block
    # The two links to copy wrap inside their boxes: nothing to scroll sideways for.
    links = page.locator("div.wrap-lines pre")
    assert links.count() == 2
    for index in range(2):
        assert links.nth(index).evaluate("(el) => el.scrollWidth <= el.clientWidth + 1")
    page.screenshot(path=str(screenshots / "teaching_phone.png"), full_page=True)
