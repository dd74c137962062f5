"""What on a page is wider than the box it sits in, as the browser lays it out.

Used by the browser tests (test_book_widths.py); each function takes a Playwright
page that has loaded (MathJax done).
"""

from __future__ import annotations

DESKTOP = {"width": 1280, "height": 900}
# An iPhone 12 to 15 held upright: the narrowest screen most readers have.
PHONE = {"width": 390, "height": 844}

# Solutions start collapsed (sphinx-togglebutton hides their body); a reader who opens one
# reads its code at the width it then gets. Only the closed ones are clicked, and marked, so
# that CLOSE_SOLUTIONS puts the shared tab back as it was for the checks that expect them
# closed.
OPEN_SOLUTIONS = """async () => {
    const closed = [...document.querySelectorAll("div.solution.toggle-hidden")];
    closed.forEach((solution) => {
        solution.dataset.openedForWidths = "";
        solution.querySelector("button.toggle-button").click();
    });
    const wait = (ms) => new Promise((done) => setTimeout(done, ms));
    for (let tries = 0; tries < 50; tries += 1) {
        if (!closed.some((solution) => solution.classList.contains("toggle-hidden"))) break;
        await wait(100);
    }
    return closed.filter((solution) => !solution.classList.contains("toggle-hidden")).length;
}"""

CLOSE_SOLUTIONS = """() => {
    const opened = [...document.querySelectorAll("div.solution[data-opened-for-widths]")];
    opened.forEach((solution) => {
        delete solution.dataset.openedForWidths;
        solution.querySelector("button.toggle-button").click();
    });
    return opened.length;
}"""

# Code, printed output and tables whose content is wider than their box: the reader has to
# scroll it sideways (or it sticks out, if its box does not scroll).
WIDE_BLOCKS = """() => {
    const article = document.querySelector("article") || document.body;
    const shown = (el) => el.getClientRects().length > 0;
    const firstLine = (el) => (el.innerText || "").split("\\n").find((l) => l.trim()) || "";
    // Whether the reader can reach the rest: the box scrolls, rather than cutting it off.
    const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const found = [];
    for (const pre of article.querySelectorAll("div.highlight pre, .cell_output pre")) {
        if (!shown(pre)) continue;
        if (pre.scrollWidth > pre.clientWidth + 1) {
            found.push({
                kind: pre.closest(".cell_output") ? "output" : "code",
                content: pre.scrollWidth, box: pre.clientWidth, scrolls: scrolls(pre),
                inSolution: Boolean(pre.closest("div.solution")),
                first: firstLine(pre).slice(0, 100),
            });
        }
    }
    for (const table of article.querySelectorAll("table")) {
        if (!shown(table) || table.closest("pre")) continue;
        const box = table.parentElement;
        const width = Math.ceil(table.getBoundingClientRect().width);
        if (width > box.clientWidth + 1) {
            found.push({
                kind: "table", content: width, box: box.clientWidth, scrolls: scrolls(box),
                inSolution: Boolean(table.closest("div.solution")),
                first: firstLine(table).slice(0, 100),
            });
        }
    }
    return found;
}"""

# Display equations: does each fit the box it is shown in, and if not, does that box scroll
# (the reader can reach the rest) or cut it off? Is its number clear of the formula?
EQUATIONS = """() => {
    const article = document.querySelector("article") || document.body;
    const width = document.documentElement.clientWidth;
    const clips = (node) => getComputedStyle(node).overflowX !== "visible";
    // What can be seen of el: the window, narrowed by every box around el that does not
    // let its content spill out. A box may itself be cut by a box around it.
    const visible = (el) => {
        const area = {left: 0, right: width};
        for (let node = el.parentElement; node && node !== document.documentElement;
             node = node.parentElement) {
            if (!clips(node)) continue;
            const rect = node.getBoundingClientRect();
            area.left = Math.max(area.left, rect.left);
            area.right = Math.min(area.right, rect.right);
        }
        return area;
    };
    const within = (rect, area) => rect.left >= area.left - 1 && rect.right <= area.right + 1;
    const found = [];
    for (const container of article.querySelectorAll('mjx-container[display="true"]')) {
        const formula = container.querySelector("mjx-math") || container;
        const math = formula.getBoundingClientRect();
        const area = visible(formula);
        const wide = !within(math, area);
        // The reader reaches the rest only if the nearest box that clips the formula scrolls
        // over it and is itself wholly in view.
        let scroller = formula.parentElement;
        while (scroller && scroller !== document.documentElement && !clips(scroller)) {
            scroller = scroller.parentElement;
        }
        const overflow = scroller && scroller !== document.documentElement
            ? getComputedStyle(scroller).overflowX : "none";
        const scrolls = ["auto", "scroll"].includes(overflow)
            && scroller.scrollWidth > scroller.clientWidth
            && within(scroller.getBoundingClientRect(), visible(scroller));
        // The part of the formula on screen now; a part scrolled away cannot be covered.
        const seen = {left: Math.max(math.left, area.left), right: Math.min(math.right, area.right),
                      top: math.top, bottom: math.bottom};
        const holder = container.closest("div.math") || container.parentElement;
        const number = holder.querySelector(".eqno");
        let numberOverlaps = false;
        let numberCut = false;
        if (number && number.getClientRects().length) {
            const n = number.getBoundingClientRect();
            numberOverlaps = n.left < seen.right - 1 && n.right > seen.left + 1
                && n.top < seen.bottom - 1 && n.bottom > seen.top + 1;
            numberCut = !within(n, visible(number));
        }
        found.push({
            tex: (container.getAttribute("aria-label")
                  || holder.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 80),
            id: holder.id || "",
            width: Math.ceil(math.width),
            box: Math.floor(area.right - area.left),
            wide, scrolls, overflow,
            number: number ? number.textContent.trim() : "",
            inSolution: Boolean(holder.closest("div.solution")),
            numberOverlaps, numberCut,
        });
    }
    return found;
}"""

# Whether the page itself scrolls sideways, and the outermost elements that stick out past
# the window's right edge without a box of their own that scrolls or clips them.
PAGE_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const sticking = [];
    const clipped = (el) => {
        for (let node = el.parentElement; node && node !== document.documentElement;
             node = node.parentElement) {
            if (getComputedStyle(node).overflowX !== "visible") return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
        const rect = el.getBoundingClientRect();
        if (rect.right <= width + 1 || !el.getClientRects().length) continue;
        if (clipped(el)) continue;
        const parent = el.parentElement.getBoundingClientRect();
        if (parent.right > width + 1) continue;
        sticking.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} `
            + `right=${Math.round(rect.right)}: `
            + (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60));
    }
    return {
        scrollWidth: document.documentElement.scrollWidth,
        width,
        sticking,
    };
}"""


def open_solutions(page) -> int:
    """Opens every closed solution on the page; how many it opened."""
    return page.evaluate(OPEN_SOLUTIONS)


def close_solutions(page) -> int:
    """Closes the solutions open_solutions opened; how many."""
    return page.evaluate(CLOSE_SOLUTIONS)


def wide_blocks(page) -> list[dict]:
    return page.evaluate(WIDE_BLOCKS)


def equations(page) -> list[dict]:
    return page.evaluate(EQUATIONS)


def page_overflow(page) -> dict:
    return page.evaluate(PAGE_OVERFLOW)
