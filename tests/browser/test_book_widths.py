"""Nothing on a page is cut off or makes the reader scroll sideways to read it.

On a laptop (1280 px), with every solution opened, code and printed output fit their boxes
and display equations fit the column. On a phone (390 px), the page itself never scrolls
sideways, and display equations in the text fit the column (the book sets them smaller
there: _static/phone-equations.css). Inside a solution, whose box is narrower, an equation
too wide scrolls inside its own box, with its number beside it, not over it. Code on a
phone may scroll inside its own box: code cannot wrap.

Run with `pytest -p no:xdist tests/browser` after `make book`.
"""

from __future__ import annotations

import pytest
from book_browser import chromium_problem, in_ci
from book_site import pages
from book_widths import close_solutions, equations, open_solutions, page_overflow, wide_blocks

if chromium_problem() and not in_ci():
    pytest.skip(chromium_problem(), allow_module_level=True)

# Blocks allowed to need sideways scrolling at 1280 px, as (page, first line of the block):
# each with the reason it cannot be made to fit. None so far.
WIDE_BLOCKS_ALLOWED: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def opened(tabs, book) -> dict[tuple[str, str], object]:
    """{(page, viewport): Visit}: every page on the laptop (the tabs other checks share) and
    on a phone, loaded a few side by side."""
    wanted = [
        (name, "server", "light", viewport)
        for viewport in ("desktop", "phone")
        for name in pages(book)
    ]
    visits = tabs.open_all(wanted)
    return {(key[0], key[3]): visit for key, visit in zip(wanted, visits, strict=True)}


def measured(page) -> tuple[list[dict], list[dict]]:
    """The page's wide blocks and its equations, read with every solution open, then the
    solutions this opened closed again for the checks that expect them closed."""
    open_solutions(page)
    try:
        return wide_blocks(page), equations(page)
    finally:
        close_solutions(page)


def equation_problems(found: list[dict], must_fit: bool) -> list[str]:
    problems = []
    for equation in found:
        name = f"equation {equation['number'] or equation['id'] or equation['tex']!r}"
        if equation["wide"] and (must_fit or not equation["scrolls"]):
            how = "does not scroll" if not equation["scrolls"] else "scrolls"
            problems.append(
                f"{name} is {equation['width']} px wide in a {equation['box']} px box "
                f"(overflow-x: {equation['overflow']}, {how}): {equation['tex']}"
            )
        if equation["numberOverlaps"]:
            problems.append(f"{name}: its number is drawn over the formula")
        if equation["numberCut"]:
            problems.append(f"{name}: its number is cut off")
    return problems


def test_code_and_equations_fit_on_a_laptop(opened, page_name):
    page = opened[page_name, "desktop"].shown()
    blocks, found = measured(page)
    problems = [
        f"{block['kind']} block needs sideways scrolling ({block['content']} px of content in "
        f"{block['box']} px{', in a solution' if block['inSolution'] else ''}): "
        f"{block['first']!r}"
        for block in blocks
        if (page_name, block["first"]) not in WIDE_BLOCKS_ALLOWED
    ]
    problems += equation_problems(found, must_fit=True)
    assert not problems, f"{page_name} at 1280 px:\n  " + "\n  ".join(problems)


def test_nothing_is_cut_off_on_a_phone(opened, page_name):
    page = opened[page_name, "phone"].shown()
    blocks, found = measured(page)
    problems = [
        f"{block['kind']} block is cut off: {block['content']} px of content in "
        f"{block['box']} px that do not scroll: {block['first']!r}"
        for block in blocks
        if not block["scrolls"]
    ]
    problems += equation_problems([e for e in found if not e["inSolution"]], must_fit=True)
    problems += equation_problems([e for e in found if e["inSolution"]], must_fit=False)
    overflow = page_overflow(page)
    if overflow["scrollWidth"] > overflow["width"]:
        problems.append(
            f"the page scrolls sideways: {overflow['scrollWidth']} px in a "
            f"{overflow['width']} px window; sticking out: {overflow['sticking'][:5]}"
        )
    assert not problems, f"{page_name} at 390 px:\n  " + "\n  ".join(problems)
