"""Every Colab link of the built book opens a notebook of the notebooks branch.

The branch is `_build/notebooks-branch` (`make test-colab` lays it out from the built book,
as the workflow does before pushing it). Colab opens
https://colab.research.google.com/github/<owner>/<name>/blob/notebooks/<path>; <path> must
be a file of the branch, a valid notebook whose first cell is the Colab setup cell, read
here from tools/colab_setup_cell.py. The links are read from the pages' HTML.
"""

import re
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).parents[2]
BOOK = ROOT / "_build" / "html"
BRANCH = ROOT / "_build" / "notebooks-branch"
SETUP = (ROOT / "tools" / "colab_setup_cell.py").read_text(encoding="utf-8").strip()
REPOSITORY = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
OWNER_AND_NAME = REPOSITORY["url"].removeprefix("https://github.com/").strip("/")
COLAB = re.compile(r'href="https://colab\.research\.google\.com/github/(?P<rest>[^"]+)"')
PREFIX = f"{OWNER_AND_NAME}/blob/notebooks/"
EXERCISES = sorted(path.stem for path in (ROOT / "exercises").glob("[0-9][0-9]_*.md"))
CHAPTER_NOTEBOOKS = sorted(
    path.stem
    for path in (ROOT / "chapters").glob("*.md")
    if "\nkernelspec:" in path.read_text(encoding="utf-8")
)


def colab_paths(page: Path) -> list[str]:
    """The paths on the branch that the page's Colab links name; a link elsewhere fails."""
    paths = []
    for match in COLAB.finditer(page.read_text(encoding="utf-8")):
        rest = match["rest"]
        assert rest.startswith(PREFIX), (
            f"{page.name}: Colab link not to the notebooks branch: {rest}"
        )
        paths.append(rest.removeprefix(PREFIX))
    return paths


@pytest.fixture(scope="module")
def links():
    assert (BOOK / "index.html").is_file(), "build the book first: make book"
    assert (BRANCH / "README.md").is_file(), "lay out the branch first: make notebooks-branch"
    return {
        page.relative_to(BOOK).as_posix(): colab_paths(page)
        for page in sorted(BOOK.rglob("*.html"))
        if page.relative_to(BOOK).parts[0] != "_static"
    }


def test_every_colab_link_names_a_notebook_of_the_branch_that_starts_with_the_setup_cell(links):
    checked = 0
    for page, paths in links.items():
        for path in paths:
            file = BRANCH / path
            assert file.is_file(), f"{page}: Colab opens {path}, which the branch lacks"
            notebook = nbformat.read(file, as_version=4)
            nbformat.validate(notebook)
            first = notebook.cells[0]
            assert first.cell_type == "code" and first.source == SETUP, (
                f"{path} does not start with tools/colab_setup_cell.py"
            )
            assert "colab-setup" in first.metadata.get("tags", []), path
            checked += 1
    assert checked >= len(CHAPTER_NOTEBOOKS) + 2 * len(EXERCISES), checked


def test_each_notebook_page_opens_its_own_notebook_and_each_exercise_its_student_edition(links):
    for stem in CHAPTER_NOTEBOOKS:
        page = f"chapters/{stem}.html"
        assert links[page] == [f"chapters/{stem}.ipynb"], (page, links[page])
    for stem in EXERCISES:
        page = f"exercises/{stem}.html"
        expected = [f"exercises/{stem}.ipynb", f"student/exercises/{stem}.ipynb"]
        assert links[page] == expected, (page, links[page])
    # A page with no code is not a notebook and offers none.
    assert links["chapters/08_summary.html"] == [], links["chapters/08_summary.html"]


def test_the_student_notebooks_on_the_branch_hold_no_worked_answer():
    for stem in EXERCISES:
        student = nbformat.read(BRANCH / "student" / "exercises" / f"{stem}.ipynb", as_version=4)
        book = nbformat.read(BRANCH / "exercises" / f"{stem}.ipynb", as_version=4)
        assert any("Worked answer" in cell.source for cell in book.cells), stem
        text = "\n".join(cell.source for cell in student.cells)
        assert "{solution-start}" not in text and "remove-cell" not in str(student), stem
        assert len(student.cells) < len(book.cells), stem


def test_the_branch_holds_the_books_downloads_unchanged():
    for stem in CHAPTER_NOTEBOOKS:
        path = f"chapters/{stem}.ipynb"
        assert (BRANCH / path).read_bytes() == (BOOK / path).read_bytes(), (
            f"{path} differs from the book's download: make notebooks-branch again"
        )
