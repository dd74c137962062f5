"""The launch menus as a reader opens them, and the page for instructors on a phone.

A chapter page's rocket menu shows Binder and Colab; an exercise page's also shows each of
them for the exercise without its answer. The links are written out here: Colab's form for
a GitHub file, Binder's for a repository with an nbgitpuller link as its urlpath.
Screenshots of the open menus and of the page for instructors go to _build/screenshots.
Run with `pytest -p no:xdist tests/browser` after `make book`.
"""

from __future__ import annotations

import pytest
from book_browser import chromium_problem, in_ci

if chromium_problem() and not in_ci():
    pytest.skip(chromium_problem(), allow_module_level=True)

REPOSITORY = "lr-from-scratch/linear-regression-from-scratch"
COLAB = f"https://colab.research.google.com/github/{REPOSITORY}/blob/notebooks/"
BINDER = f"https://mybinder.org/v2/gh/{REPOSITORY}/main?urlpath="
# Binder for the student edition: main's environment, then nbgitpuller pulls the branch.
PULL_STUDENT = (
    "git-pull%3Frepo%3Dhttps%253A%252F%252Fgithub.com%252Flr-from-scratch%252F"
    "linear-regression-from-scratch%26branch%3Dnotebooks%26urlpath%3Dlab%252Ftree%252F"
    "linear-regression-from-scratch%252Fstudent%252Fexercises%252F02_ohms-law.ipynb"
)
MENUS = {
    "chapters/07_training.html": [
        ("Binder", BINDER + "lab/tree/chapters/07_training.md"),
        ("Colab", COLAB + "chapters/07_training.ipynb"),
    ],
    "exercises/02_ohms-law.html": [
        ("Binder", BINDER + "lab/tree/exercises/02_ohms-law.md"),
        ("Binder, without the answer", BINDER + PULL_STUDENT),
        ("Colab", COLAB + "exercises/02_ohms-law.ipynb"),
        ("Colab, without the answer", COLAB + "student/exercises/02_ohms-law.ipynb"),
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
    assert shown == MENUS[menu_page], shown
    for index in range(len(shown)):
        assert items.nth(index).is_visible(), shown[index]
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
