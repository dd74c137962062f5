"""The built book as a reader sees it in Chromium, served locally with no other host reachable.

Run with `pytest -p no:xdist tests/browser` after `make book`. Without Chromium the module
is skipped, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import jupytext
import nbformat
import pytest
from book_browser import chromium_problem, in_ci
from book_site import pages, pages_with_class

if chromium_problem() and not in_ci():
    pytest.skip(chromium_problem(), allow_module_level=True)

SEARCH_TERM = "gradient"
SEARCH_PAGE = f"search.html?q={SEARCH_TERM}"
# The pages that teach the gradient and must be found by the book's search.
GRADIENT_PAGES = [
    "chapters/06_defining-the-optimization-algorithm.html",
    "chapters/07_training.html",
]
TRAINING_PAGE = "chapters/07_training.html"
LANDING_PAGE = "intro.html"
DISK_PAGES = [LANDING_PAGE, TRAINING_PAGE, "exercises/index.html"]

IMAGES = """async () => {
    const images = [...document.querySelectorAll("img")];
    // Lazy images below the fold or in a closed dropdown load only when asked.
    images.forEach((image) => { image.loading = "eager"; });
    await Promise.all(images.map((image) => image.complete ? null : new Promise((done) => {
        image.addEventListener("load", done);
        image.addEventListener("error", done);
        setTimeout(done, 5000);
    })));
    const corner = (image, x, y) => {
        const canvas = document.createElement("canvas");
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext("2d");
        context.drawImage(image, 0, 0);
        try {
            return Array.from(context.getImageData(x, y, 1, 1).data);
        } catch (error) {
            return null;  // from file:// every image counts as foreign: pixels unreadable
        }
    };
    return images.map((image) => {
        const output = Boolean(image.closest(".cell_output"));
        const loaded = image.naturalWidth > 0 && image.naturalHeight > 0;
        return {
            src: image.getAttribute("src"),
            alt: (image.getAttribute("alt") || "").trim(),
            loaded,
            output,
            corners: output && loaded ? [
                corner(image, 1, 1),
                corner(image, image.naturalWidth - 2, image.naturalHeight - 2),
            ].filter(Boolean) : [],
        };
    });
}"""

UNLABELLED_INLINE_SVGS = """() => [...document.querySelectorAll(".cell_output svg, figure svg")]
    .filter((svg) => !svg.closest("[aria-hidden=true]"))
    .filter((svg) => !svg.getAttribute("aria-label") && !svg.querySelector("title"))
    .length"""

MATH = """() => {
    const article = document.querySelector("article") || document.body;
    const maths = [...article.querySelectorAll(".math")];
    const prose = article.cloneNode(true);
    prose.querySelectorAll("pre, code, script, mjx-container").forEach((node) => node.remove());
    // MathJax shows a TeX error (merror) or an unknown command (red mtext) inside the
    // equation instead of failing; its MathML says which equations went wrong.
    const startup = window.MathJax && window.MathJax.startup;
    const items = startup && startup.document ? Array.from(startup.document.math) : [];
    const errors = items
        .filter((item) => /<merror|mathcolor="red"/.test(startup.toMML(item.root)))
        .map((item) => item.math.trim().slice(0, 80));
    return {
        equations: maths.length,
        typeset: article.querySelectorAll("mjx-container").length,
        untypeset: maths.filter((m) => !m.querySelector("mjx-container"))
            .map((m) => m.textContent.trim().slice(0, 80)),
        errors,
        rawDisplayMath: prose.textContent.includes("$$"),
    };
}"""


def page_problems(visit) -> list[str]:
    problems = visit.problems()

    for image in visit.page.evaluate(IMAGES):
        if not image["loaded"]:
            problems.append(f"image did not load: {image['src']}")
        if not image["alt"]:
            problems.append(f"image without alt text: {image['src']}")
        if image["output"] and not image["src"].endswith(".svg"):
            problems.append(f"figure is not SVG (blurred when zoomed): {image['src']}")
        for rgba in image["corners"]:
            # An opaque white figure stays readable on the dark theme's dark background.
            if rgba[3] != 255 or min(rgba[:3]) < 245:
                problems.append(f"figure background is not opaque white ({rgba}): {image['src']}")
    unlabelled = visit.page.evaluate(UNLABELLED_INLINE_SVGS)
    if unlabelled:
        problems.append(f"{unlabelled} inline SVG figure(s) without a title or aria-label")

    math = visit.page.evaluate(MATH)
    if math["equations"] and not math["typeset"]:
        problems.append(f"{math['equations']} equations but no MathJax output (mjx-container)")
    problems += [f"equation not typeset: {tex!r}" for tex in math["untypeset"]]
    problems += [f"TeX error or unknown command in: {tex!r}" for tex in math["errors"]]
    if math["rawDisplayMath"]:
        problems.append("raw $$ in the text: a display equation was not parsed as math")
    return problems


@pytest.fixture(scope="module")
def opened(tabs, book) -> dict[tuple[str, str, str], tuple[object, list[str]]]:
    """{(page, base, colour scheme): (Visit, problems)} for every page a check below reads.

    Each is opened once, a few side by side, and checked for problems as it loaded, before
    any check clicks in it; the other checks of a page read the same tab.
    """
    wanted = [(name, "server", "light") for name in pages(book)]
    wanted += [(name, "file", "light") for name in DISK_PAGES]
    wanted += [(SEARCH_PAGE, base, "light") for base in ("server", "file")]
    wanted += [(TRAINING_PAGE, "server", "dark")]
    visits = tabs.open_all(wanted)
    return {key: (visit, page_problems(visit)) for key, visit in zip(wanted, visits, strict=True)}


def test_page_loads_completely(opened, page_name):
    problems = opened[page_name, "server", "light"][1]
    assert not problems, f"{page_name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("disk_page", DISK_PAGES)
def test_page_reads_from_disk(opened, book, disk_page):
    """The same checks with the page opened as a file, as a reader without a server would."""
    problems = opened[disk_page, "file", "light"][1]
    assert not problems, f"{(book / disk_page).as_uri()}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize(
    ("name", "path", "scheme"),
    [
        ("landing", LANDING_PAGE, "light"),
        ("training", TRAINING_PAGE, "light"),
        ("training-dark", TRAINING_PAGE, "dark"),
    ],
)
def test_screenshot(opened, screenshots, name, path, scheme):
    page = opened[path, "server", scheme][0].shown()
    theme = page.evaluate("() => document.documentElement.dataset.theme")
    assert theme == scheme, f"the page shows the {theme} theme, not {scheme}"
    target = screenshots / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000, f"{target} is nearly empty"


def search_results(page) -> list[str]:
    """Wait for the search page to finish; the pages it found, relative to the book."""
    page.wait_for_function(
        """() => {
            const title = document.querySelector("#search-results h2");
            return title && title.textContent.trim() === "Search Results";
        }""",
        timeout=20000,
    )
    return page.eval_on_selector_all(
        "#search-results ul.search li a",
        "links => links.map((link) => link.getAttribute('href'))",
    )


def test_solutions_are_collapsed_until_clicked(opened, book, solution_page):
    if solution_page is None:
        exercises = pages_with_class(book, "exercise")
        if exercises:
            pytest.fail(f"exercises on {exercises} but no page has a solution")
        pytest.skip("no exercises in the book yet")
    page = opened[solution_page, "server", "light"][0].shown()
    solutions = page.locator("div.solution")
    assert solutions.count() > 0, f"{solution_page}: no solution block"
    for index in range(solutions.count()):
        solution = solutions.nth(index)
        name = f"{solution_page}, solution {index + 1}"
        code = solution.locator(".cell_input")
        output = solution.locator(".cell_output")
        assert code.count() > 0, f"{name}: no code cell (each answer is executed code)"
        assert output.count() > 0, f"{name}: no output shown for its code"
        assert code.first.is_hidden(), f"{name}: open before the reader asked for it"
        solution.locator("button.toggle-button").first.click()
        code.first.wait_for(state="visible", timeout=5000)
        output.first.wait_for(state="visible", timeout=5000)


def test_download_menu_gives_the_notebook(opened, book, notebook_page, tmp_path):
    assert notebook_page is not None, "no page of the book is a notebook"
    page = opened[notebook_page, "server", "light"][0].shown()
    page.locator(".dropdown-download-buttons button.dropdown-toggle").click()
    notebook_link = page.locator("a.btn-download-notebook-button")
    notebook_link.wait_for(state="visible", timeout=5000)
    source_link = page.locator("a.btn-download-source-button")
    assert source_link.get_attribute("href").endswith(".md"), "the .md item is missing"

    stem = Path(notebook_page).stem
    href = notebook_link.get_attribute("href")
    assert href.endswith(f"{stem}.ipynb"), f"{notebook_page}: the .ipynb item links to {href}"
    assert notebook_link.get_attribute("download") == f"{stem}.ipynb", (
        f"{notebook_page}: the .ipynb link has no download attribute"
    )
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
    assert response.ok, f"{notebook_page}: {href} answers HTTP {response.status}"
    with page.expect_download(timeout=10000) as download_info:
        notebook_link.click()
    download = download_info.value
    assert download.suggested_filename == f"{stem}.ipynb"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    notebook = nbformat.read(saved, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    source = jupytext.read(book / "_sources" / Path(notebook_page).with_suffix(".md"))
    # With code, first the Colab setup cell, which the page does not show; then the page's.
    if any(cell.cell_type == "code" for cell in source.cells):
        setup = notebook.cells.pop(0)
        assert setup.id == "colab-setup" and '"google.colab" in sys.modules' in setup.source, (
            f"{notebook_page}: the notebook does not start with the Colab setup cell"
        )
    for kind in ("markdown", "code"):
        expected = [cell.source for cell in source.cells if cell.cell_type == kind]
        found = [cell.source for cell in notebook.cells if cell.cell_type == kind]
        assert found == expected, f"{notebook_page}: the notebook's {kind} cells differ"
    if page.locator(".cell_output").count():
        assert any(cell.get("outputs") for cell in notebook.cells), (
            f"{notebook_page}: the page shows outputs but its notebook has none"
        )


@pytest.mark.parametrize("base", ["server", "file"])
def test_search_finds_the_pages_that_teach_the_gradient(opened, base):
    visit = opened[SEARCH_PAGE, base, "light"][0]
    visit.shown()
    found = [posixpath.normpath(href.split("?")[0]) for href in search_results(visit.page)]
    missing = [name for name in GRADIENT_PAGES if name not in found]
    assert not missing, f"search for {SEARCH_TERM!r} found {found}, not {missing}"
    # Results show up one by one after the summary; wait for all before reading the log.
    visit.page.wait_for_load_state("networkidle")
    assert not visit.problems(), "\n".join(visit.problems())
