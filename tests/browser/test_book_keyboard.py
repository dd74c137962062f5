"""The book with a keyboard alone: Tab reaches every control of a chapter page and of an
exercise page, each stop has a name a screen reader announces (Chromium's own accessibility
tree, read over the DevTools protocol) and a visible focus outline, and a solution and the
launch menu open with Enter and with Space.

Run with `pytest -p no:xdist tests/browser` after `make book`.
"""

from __future__ import annotations

import pytest
from book_browser import chromium_problem, in_ci
from book_site import book_dir, missing_book_message, notebook_pages, pages_with_class
from book_widths import DESKTOP

if chromium_problem() and not in_ci():
    pytest.skip(chromium_problem(), allow_module_level=True)

# More stops than any page has: a walk that reaches it is stuck in a loop.
MAX_STOPS = 600
# WCAG 1.4.11: a focus outline contrasts 3:1 with what is around it.
OUTLINE_CONTRAST = 3.0
SOLUTION_TOGGLE = "div.solution button.toggle-button"
LAUNCH_TOGGLE = ".dropdown-launch-buttons button.dropdown-toggle"

# The focused element and how its focus is drawn: an outline or a box shadow, on the element
# or, where the theme draws it there, on a child (a sidebar toggle rings its chevron); and
# the colour behind it (the first opaque background among its ancestors).
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const draws = (node) => {
        const style = getComputedStyle(node);
        const rect = node.getBoundingClientRect();
        return rect.width >= 1 && rect.height >= 1 && (
            (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1)
            || !["none", ""].includes(style.boxShadow));
    };
    const ring = [el, ...el.querySelectorAll("*")].find(draws) || el;
    const style = getComputedStyle(ring);
    const rect = ring.getBoundingClientRect();
    let background = "rgb(255, 255, 255)";
    for (let node = ring.parentElement; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        const alpha = color.startsWith("rgba") ? parseFloat(color.split(",")[3]) : 1;
        if (alpha > 0.9) { background = color; break; }
    }
    if (!el.dataset.tabStop) {
        el.dataset.tabStop = String(document.querySelectorAll("[data-tab-stop]").length);
    }
    return {
        stop: el.dataset.tabStop,
        html: el.outerHTML.slice(0, 120).replace(/\\s+/g, " "),
        width: rect.width, height: rect.height,
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor, boxShadow: style.boxShadow,
        background,
        focusVisible: el.matches(":focus-visible"),
    };
}"""


def keyboard_pages(book) -> list[str]:
    """The first chapter page that is a notebook (it has the launch menu), and the first
    page with solutions."""
    chapters = [name for name in notebook_pages(book) if name.startswith("chapters/")]
    return chapters[:1] + pages_with_class(book, "solution")[:1]


def pytest_generate_tests(metafunc):
    if "keyboard_page" in metafunc.fixturenames:
        book = book_dir()
        chosen = keyboard_pages(book) if missing_book_message(book) is None else []
        metafunc.parametrize("keyboard_page", chosen or ["(no book built)"])


@pytest.fixture(scope="module")
def walked(browser, server, book):
    """{page: (tab, stops)}: each keyboard page in a tab of its own, walked with Tab once.
    Pressing Tab moves focus and scrolls, which the shared tabs of the other checks must
    not see; the tests below read the walk and leave each tab as they found it."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    found = {}
    for name in keyboard_pages(book):
        page = context.new_page()
        page.goto(server + name, wait_until="networkidle")
        page.evaluate("async () => { if (window.MathJax) await MathJax.startup.promise; }")
        found[name] = (page, walk(page))
    yield found
    context.close()


def accessible_name(cdp) -> tuple[str, str]:
    """(role, name) of the focused element in Chromium's accessibility tree."""
    focused = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
    nodes = cdp.send(
        "Accessibility.getPartialAXTree",
        {"objectId": focused["result"]["objectId"], "fetchRelatives": False},
    )["nodes"]
    node = nodes[0]
    return node.get("role", {}).get("value", ""), (node.get("name", {}).get("value") or "").strip()


def luminance(css_color: str) -> float:
    channels = [float(part) for part in css_color[css_color.index("(") + 1 : -1].split(",")[:3]]
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def stop_problems(stop: dict, role: str, name: str) -> list[str]:
    problems = []
    if not name:
        problems.append(f"no accessible name (role {role or 'none'})")
    if stop["width"] < 1 or stop["height"] < 1:
        problems.append("focused, but not shown")
    outlined = stop["outlineStyle"] != "none" and stop["outlineWidth"] >= 1
    shadowed = stop["boxShadow"] not in ("none", "")
    if not (outlined or shadowed):
        problems.append("no focus outline")
    elif outlined and "rgba" not in stop["outlineColor"]:
        ratio = contrast(stop["outlineColor"], stop["background"])
        if ratio < OUTLINE_CONTRAST:
            problems.append(
                f"focus outline {stop['outlineColor']} on {stop['background']}: contrast "
                f"{ratio:.2f}, below {OUTLINE_CONTRAST}"
            )
    return problems


def walk(page) -> list[tuple[dict, str, str]]:
    """Press Tab from the top of the page until focus leaves it or comes back to a stop:
    [(stop, role, name), ...]."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    stops = []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or any(seen["stop"] == stop["stop"] for seen, _, _ in stops):
            return stops
        stops.append((stop, *accessible_name(cdp)))
    pytest.fail(f"{MAX_STOPS} Tab stops and focus has not left the page: a keyboard trap?")


def test_every_tab_stop_is_named_and_shows_its_focus(walked, keyboard_page):
    stops = walked[keyboard_page][1]
    assert len(stops) > 20, f"{keyboard_page}: only {len(stops)} Tab stops"
    problems = [
        f"stop {index} ({role} {name!r}) {stop['html']}: {problem}"
        for index, (stop, role, name) in enumerate(stops, start=1)
        for problem in stop_problems(stop, role, name)
    ]
    assert not problems, f"{keyboard_page}:\n  " + "\n  ".join(problems)


def reached_by_tab(page, selector: str) -> bool:
    """Whether the Tab walk stopped on the first element matching selector."""
    return page.locator(selector).first.get_attribute("data-tab-stop") is not None


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_a_solution_opens_and_closes_from_the_keyboard(walked, book, key):
    name = pages_with_class(book, "solution")[0]
    page = walked[name][0]
    assert reached_by_tab(page, SOLUTION_TOGGLE), f"{name}: Tab never reaches the solution"
    button = page.locator(SOLUTION_TOGGLE).first
    solution = page.locator("div.solution").first
    code = solution.locator(".cell_input").first
    button.focus()
    page.keyboard.press(key)
    code.wait_for(state="visible", timeout=5000)
    page.keyboard.press(key)
    code.wait_for(state="hidden", timeout=5000)


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_the_launch_menu_opens_from_the_keyboard(walked, book, key):
    name = keyboard_pages(book)[0]
    page = walked[name][0]
    assert reached_by_tab(page, LAUNCH_TOGGLE), f"{name}: Tab never reaches the launch menu"
    toggle = page.locator(LAUNCH_TOGGLE)
    menu = page.locator(".dropdown-launch-buttons .dropdown-menu")
    toggle.focus()
    page.keyboard.press(key)
    menu.wait_for(state="visible", timeout=5000)
    # The menu's items are next: the Binder link takes focus with the arrow key.
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.closest('.dropdown-menu') !== null")
    assert focused, f"{name}: ArrowDown does not move into the open launch menu"
    page.keyboard.press("Escape")
    menu.wait_for(state="hidden", timeout=5000)
    assert page.evaluate("sel => document.activeElement.matches(sel)", LAUNCH_TOGGLE), (
        f"{name}: after Escape, focus is not back on the launch button"
    )
