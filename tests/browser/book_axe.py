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
