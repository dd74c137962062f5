"""Print the book as two PDFs: the whole book, and the student edition without worked answers.

    python tools/print_book.py [--book DIR] [--output DIR] [--site DIR]

Reads the book as one HTML page (jupyter-book's singlehtml build, by default
_build/singlehtml), opens it in Chromium through Playwright, waits until MathJax has typeset
every equation and every figure has loaded, and prints it twice into DIR (_build/pdf):

- linear-regression-from-scratch.pdf, the book as the HTML pages show it, every worked
  answer opened;
- linear-regression-from-scratch-student-edition.pdf, the same book with each worked answer
  (a sphinx-exercise solution) replaced by one line saying it is left out. The hidden checks
  are never on a page, so neither PDF has them.

Then copies both into the HTML book's pdf/ folder (--site, _build/html), which the landing
page links to, so that they are published with it. How the pages look in print (page breaks,
code that wraps) is in _static/print.css, which the HTML pages use too.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parent.parent
BUILD = REPOSITORY / "_build"
BOOK_PDF = "linear-regression-from-scratch.pdf"
STUDENT_PDF = "linear-regression-from-scratch-student-edition.pdf"
LEFT_OUT = "The worked answer is not part of the student edition."
STUDENT_SUBTITLE = "Student edition: the exercises without their worked answers"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]

# A4, with room at the foot for the page number. The figures and code are laid out for the
# book's 45 rem column, which fits this width at 100 %.
PAGE = {
    "format": "A4",
    "margin": {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
}
FOOTER = """<div style="width: 100%; padding: 0 14mm; font-size: 8pt; color: #555;
    font-family: sans-serif; display: flex; justify-content: space-between;">
  <span>{title}</span>
  <span><span class="pageNumber"></span> / <span class="totalPages"></span></span>
</div>"""

READY = """async () => {
    const startup = window.MathJax && window.MathJax.startup;
    if (startup && startup.promise) await startup.promise;
    await document.fonts.ready;  // MathJax's own fonts, which its typesetting asked for
    // Lazy images below the fold load only when scrolled to; a printout needs them all.
    const images = [...document.images];
    images.forEach((image) => { image.loading = "eager"; });
    await Promise.all(images.map((image) => image.decode().catch(() => null)));
    return images.filter((image) => image.naturalWidth === 0).map((image) => image.src);
}"""

# Worked answers are dropdowns that sphinx-togglebutton closes; it opens them before a
# print from the browser's menu, but page.pdf() sends no beforeprint event.
OPEN_DROPDOWNS = """() => {
    document.querySelectorAll(".toggle-hidden").forEach((node) => {
        node.classList.remove("toggle-hidden");
    });
    document.querySelectorAll("details").forEach((node) => { node.open = true; });
}"""

# A link the book made relative would point into this machine's files in a PDF; the same
# address on the published site is where a reader of the PDF can follow it.
# A link to this same page (singlehtml writes some as intro.html#label) stays in the PDF.
PUBLISHED_LINKS = """(baseurl) => {
    const here = new URL(document.baseURI);
    document.querySelectorAll("a[href]").forEach((link) => {
        const href = link.getAttribute("href");
        if (href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href)) return;
        const target = new URL(href, here);
        if (target.pathname === here.pathname) link.setAttribute("href", target.hash || "#");
        else link.setAttribute("href", new URL(href, baseurl).href);
    });
}"""

# The theme's print header lists the sections of one page; the book's first sheet lists
# every part and page instead, each linked to where it starts.
TITLE_SHEET = """() => {
    const list = document.createElement("ul");
    let part = null;
    document.querySelectorAll('span[id^="document-"] + section').forEach((section) => {
        const heading = section.querySelector("h2, h3");
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = "#" + section.previousElementSibling.id;
        link.textContent = heading.textContent.replace(/#$/, "").trim();
        item.append(link);
        if (heading.tagName === "H2") {
            part = document.createElement("ul");
            item.append(part);
            list.append(item);
        } else {
            (part || list).append(item);
        }
    });
    const contents = document.querySelector("#jb-print-toc nav");
    if (!contents) return 0;
    contents.replaceChildren(list);
    document.querySelector("#jb-print-docs-body").classList.add("title-sheet");
    return list.querySelectorAll("li").length;
}"""

STUDENT_EDITION = """([leftOut, subtitle]) => {
    const solutions = [...document.querySelectorAll("div.solution")];
    solutions.forEach((solution) => {
        const note = document.createElement("p");
        note.className = "left-out";
        note.innerHTML = "<em></em>";
        note.firstChild.textContent = leftOut;
        solution.replaceWith(note);
    });
    const title = document.querySelector("#jb-print-docs-body h1");
    const line = document.createElement("p");
    line.className = "edition";
    line.textContent = subtitle;
    title.after(line);
    return solutions.length;
}"""


def published_url() -> str:
    config = yaml.safe_load((REPOSITORY / "_config.yml").read_text(encoding="utf-8"))
    return config["html"]["baseurl"].rstrip("/") + "/"


def single_page(book: Path) -> Path:
    """The page that holds the whole book: singlehtml writes it under the root's name."""
    root = yaml.safe_load((REPOSITORY / "_toc.yml").read_text(encoding="utf-8"))["root"]
    page = book / f"{root}.html"
    if not page.is_file():
        sys.exit(
            f"--book: no book on one page at {page}; build it first with "
            "`jupyter-book build . --builder singlehtml` (make pdf does)"
        )
    return page


def print_book(page: Path, output: Path, title: str) -> dict[str, int]:
    """Print page twice into output; returns how many worked answers each PDF holds."""
    if not Path(CHROMIUM).exists():
        sys.exit(f"No Chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM")
    from playwright.sync_api import sync_playwright

    output.mkdir(parents=True, exist_ok=True)
    footer = {"display_header_footer": True, "header_template": "<span></span>"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(color_scheme="light")
        tab.goto(page.as_uri(), wait_until="load")
        missing = tab.evaluate(READY)
        if missing:
            sys.exit(f"Figures that did not load: {missing}")
        tab.evaluate(OPEN_DROPDOWNS)
        tab.evaluate(PUBLISHED_LINKS, published_url())
        # What the HTML must offer, checked here so that a changed theme or extension stops
        # the print with its reason instead of printing a book without contents or answers.
        if not tab.evaluate(TITLE_SHEET):
            sys.exit("No print header (#jb-print-toc) from sphinx-book-theme to hold the contents")
        answers = tab.locator("div.solution").count()
        if not answers:
            sys.exit("No worked answer (div.solution of sphinx-exercise) in the book to leave out")
        tab.pdf(
            path=output / BOOK_PDF,
            footer_template=FOOTER.format(title=title),
            **footer,
            **PAGE,
        )
        tab.evaluate(STUDENT_EDITION, [LEFT_OUT, STUDENT_SUBTITLE])
        tab.pdf(
            path=output / STUDENT_PDF,
            footer_template=FOOTER.format(title=f"{title}, student edition"),
            **footer,
            **PAGE,
        )
        left = tab.locator("div.solution").count()
        browser.close()
    return {BOOK_PDF: answers, STUDENT_PDF: left}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=BUILD / "singlehtml", help="singlehtml build")
    parser.add_argument("--output", type=Path, default=BUILD / "pdf", help="folder for the PDFs")
    parser.add_argument("--site", type=Path, default=BUILD / "html", help="HTML book to copy into")
    args = parser.parse_args(argv)
    if args.output.exists() and not args.output.is_dir():
        parser.error(f"--output: {args.output} is a file; name a folder for the two PDFs")
    config = yaml.safe_load((REPOSITORY / "_config.yml").read_text(encoding="utf-8"))
    answers = print_book(single_page(args.book), args.output, config["title"])
    for name, count in answers.items():
        print(f"{args.output / name}: {count} worked answers")
    if not (args.site / "index.html").is_file():
        print(f"--site: no HTML book at {args.site}, so the PDFs are not copied into it")
        return 0
    (args.site / "pdf").mkdir(exist_ok=True)
    for name in answers:
        shutil.copy2(args.output / name, args.site / "pdf" / name)
    print(f"Both copied into {args.site / 'pdf'}, for the landing page's links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
