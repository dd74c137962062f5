"""axe-core's WCAG 2.0 and 2.1 A and AA rules, run in a page the browser tests opened.

axe-core is the copy inside the pinned axe-playwright-python wheel (its axe.min.js), put into
the page as a script: nothing is fetched. Each finding is one line naming the page, the rule,
its impact, the element (axe's CSS selector for it) and what to fix. `scan_file` scans any
HTML file on disk, such as a report written outside the book.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
    # Without this axe fetches every stylesheet again to read its @import rules, and resolves
    # theme.css's "../basic.css" against the page instead of the stylesheet: a 404 of the
    # scanner's own. Only css-orientation-lock reads what it fetches, and that rule is
    # experimental, so off in every run.
    "preload": False,
}

RUN = """async ([include, options]) => {
    const context = include.length ? {include: include.map((selector) => [selector])} : document;
    const results = await axe.run(context, options);
    return results.violations;
}"""


@cache
def axe_script() -> str:
    from axe_playwright_python.base import AXE_FILE_PATH

    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


def axe_version(page) -> str:
    load_axe(page)
    return page.evaluate("() => axe.version")


def load_axe(page) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())


def violations(page, include: list[str] | None = None) -> list[dict]:
    """axe's violations in the page as it is now: all of it, or only the elements matching
    the CSS selectors in include (rules about the whole page then do not run)."""
    load_axe(page)
    return page.evaluate(RUN, [include or [], OPTIONS])


def findings(found: list[dict], where: str) -> list[str]:
    """One line per element that breaks a rule: where, rule, impact, selector, what to fix."""
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            selector = " >>> ".join(
                " ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            fix = " ".join((node.get("failureSummary") or "").split())
            lines.append(
                f"{where}: {violation['id']} ({violation['impact']}) at `{selector}`: "
                f"{violation['help']}. {fix}"
            )
    return lines


def scan_file(browser, path: Path, color_schemes=("light", "dark"), viewports=None) -> list[str]:
    """Findings in an HTML file opened from disk, in each colour scheme at each window size
    ({"desktop": {"width": 1280, "height": 900}, ...}; by default a laptop's and a phone's)."""
    from book_widths import DESKTOP, PHONE

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"scan_file: no HTML file at {path}")
    viewports = viewports or {"1280 px": DESKTOP, "390 px": PHONE}
    lines = []
    for scheme in color_schemes:
        for label, viewport in viewports.items():
            context = browser.new_context(viewport=viewport, color_scheme=scheme)
            try:
                page = context.new_page()
                page.goto(path.resolve().as_uri(), wait_until="load")
                lines += findings(violations(page), f"{path.name} ({scheme}, {label})")
            finally:
                context.close()
    return lines


# Opened for a scan and closed after it, each marked so that only what was opened is closed:
# the closed <details> (the sidebar's parts) and the solutions. Then every CSS transition is
# waited for: a solution fades in, and a scan in mid-fade measures the contrast of grey text.
OPEN_PARTS = """async () => {
    const details = [...document.querySelectorAll("details:not([open])")];
    details.forEach((part) => { part.open = true; part.dataset.openedForScan = ""; });
    const solutions = [...document.querySelectorAll("div.solution.toggle-hidden")];
    solutions.forEach((solution) => {
        solution.dataset.openedForScan = "";
        solution.querySelector("button.toggle-button").click();
    });
    const wait = (ms) => new Promise((done) => setTimeout(done, ms));
    for (let tries = 0; tries < 50; tries += 1) {
        if (!solutions.some((solution) => solution.classList.contains("toggle-hidden"))) break;
        await wait(100);
    }
    await Promise.all(document.getAnimations().map((animation) => animation.finished));
    return details.length + solutions.length;
}"""

CLOSE_PARTS = """async () => {
    const opened = [...document.querySelectorAll("[data-opened-for-scan]")];
    opened.forEach((part) => {
        delete part.dataset.openedForScan;
        if (part.tagName === "DETAILS") part.open = false;
        else part.querySelector("button.toggle-button").click();
    });
    await Promise.all(document.getAnimations().map((animation) => animation.finished));
    return opened.length;
}"""
# A page's whole scan, started in the page and left running there: axe on the page as loaded,
# then on what opening its closed parts showed, which are closed again. The Python side only
# collects the result (scan_result), so pages in different windows scan side by side, each in
# its own renderer process.
START_SCAN = f"""(options) => {{
    const openParts = {OPEN_PARTS};
    const closeParts = {CLOSE_PARTS};
    window.bookScan = (async () => {{
        const loaded = (await axe.run(document, options)).violations;
        let opened = [];
        try {{
            if (await openParts()) {{
                const parts = {{include: [["[data-opened-for-scan]"]]}};
                opened = (await axe.run(parts, options)).violations;
            }}
        }} finally {{
            await closeParts();
        }}
        return [loaded, opened];
    }})();
}}"""


def start_scan(page) -> None:
    """Starts the page's scan (as loaded, then with every closed <details> and solution
    opened) and returns at once; scan_result waits for it."""
    load_axe(page)
    page.evaluate(START_SCAN, OPTIONS)


def scan_result(page, where: str) -> list[str]:
    """The findings of the scan start_scan started in this page, once it has finished."""
    loaded, opened = page.evaluate("() => window.bookScan")
    return findings(loaded, f"{where}, as loaded") + findings(
        opened, f"{where}, solutions and sidebar parts open"
    )


# The header's menus (launch, repository, download), each opened as a reader opens it.
MENU_TOGGLES = ".bd-header-article .dropdown-toggle"
# Buttons that open a dialog: search everywhere; on a phone the two sidebars, which become
# dialogs there (on a laptop the same buttons fold the sidebar away instead).
DIALOG_BUTTONS = {"laptop": ["button.search-button__button"]}
DIALOG_BUTTONS["phone"] = DIALOG_BUTTONS["laptop"] + [
    "button.primary-toggle",
    "button.secondary-toggle",
]


def scan_menus_and_dialogs(page, where: str, phone: bool) -> list[str]:
    """Findings in each header menu and dialog, opened one at a time and closed again."""
    lines = []
    for toggle in page.locator(MENU_TOGGLES).all():
        if not toggle.is_visible():
            continue
        toggle.click()
        menu = toggle.locator("xpath=following-sibling::ul[contains(@class, 'dropdown-menu')]")
        menu.wait_for(state="visible", timeout=5000)
        name = toggle.get_attribute("aria-label")
        lines += findings(
            violations(page, [f"{MENU_TOGGLES}.show + .dropdown-menu"]),
            f"{where}, menu {name!r} open",
        )
        page.keyboard.press("Escape")
        # The theme also shows a menu while the pointer is over it.
        page.mouse.move(0, 0)
        menu.wait_for(state="hidden", timeout=5000)
    for selector in DIALOG_BUTTONS["phone" if phone else "laptop"]:
        button = page.locator(f"{selector} >> visible=true").first
        if not button.count():
            continue
        button.click()
        dialog = page.locator("dialog[open]")
        dialog.wait_for(state="visible", timeout=5000)
        page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
        lines += findings(violations(page, ["dialog[open]"]), f"{where}, dialog of {selector} open")
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=5000)
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return lines
