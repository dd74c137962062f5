"""What a student reads in the student edition: numbers, equations, figures and links.

- glued numbers ({glue:text}) appear as the book shows them, read from the build's notebook,
  and a missing build is an error that says to build the book;
- no label of the sources (ex3-planck) is left, in the text or in the code;
- the equations of a notebook are numbered without gaps, none lost to a removed answer;
- a figure's caption and alt text follow it as Markdown;
- a link to a page that shows a worked answer says so.
"""

import itertools
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "tools" / "make_student_edition.py"
SOURCES = sorted((REPOSITORY / "exercises").glob("[0-9][0-9]_*.md"))
PAGE = "exercises/02_ohms-law"
EQUATION_LABEL = re.compile(r"^\$\$\s*\(([\w-]+)\)\s*$", re.MULTILINE)
SHOWS_ANSWER = "(its page shows the worked answer)"


@pytest.fixture(scope="module")
def students(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(folder)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return {source: nbformat.read(folder / f"{source.stem}.ipynb", 4) for source in SOURCES}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A book build's folder holding PAGE's executed notebook, glued by myst-nb itself."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "from myst_nb import glue\n"
            "glue('resistance', 219.65912, display=False)\n"
            "glue('count', 3, display=False)\n"
            "glue('weights', '0.258, -0.237', display=False)"
        )
    )
    NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    folder = tmp_path_factory.mktemp("html")
    (folder / "exercises").mkdir()
    nbformat.write(notebook, folder / f"{PAGE}.ipynb")
    return folder


def plain(edition, text, built):
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_markdown_cell(text))
    converted = edition.plain_markdown(notebook, PAGE, edition.read_book(), built=built)
    return converted.cells[0].source


def test_glued_values_read_as_the_book_shows_them(edition, built):
    text = "R = {glue:text}`resistance:.2f` Ω, {glue:text}`count` of 200, [{glue:text}`weights`]"
    assert plain(edition, text, built) == "R = 219.66 Ω, 3 of 200, [0.258, -0.237]"


def test_a_missing_build_or_value_is_an_error_that_says_what_to_do(edition, built, tmp_path):
    with pytest.raises(edition.StudentEditionError, match=r"no built notebook .*make book"):
        plain(edition, "{glue:text}`resistance:.2f`", tmp_path)
    with pytest.raises(edition.StudentEditionError, match=r"no glued value 'resistnace'"):
        plain(edition, "{glue:text}`resistnace:.2f`", built)


def test_no_label_of_the_sources_is_left(students):
    labels = {
        label
        for path in REPOSITORY.glob("*/*.md")
        for label in EQUATION_LABEL.findall(path.read_text(encoding="utf-8"))
    }
    assert "ex3-planck" in labels
    for source, notebook in students.items():
        for cell in notebook.cells:
            left = [label for label in labels if label in cell.source]
            assert not left, f"{source.name}: {left} in {cell.source[:120]!r}"


def test_equations_are_numbered_without_gaps(students):
    last = 0
    for source, notebook in students.items():
        text = "\n".join(cell.source for cell in notebook.cells)
        numbers = [int(n) for n in re.findall(r"\\tag\{2\.(\d+)\}", text)]
        assert numbers, f"{source.name} shows no numbered equation"
        assert numbers == list(range(last + 1, last + 1 + len(numbers))), (source.name, numbers)
        last = numbers[-1]


def test_figure_captions_and_alt_text_follow_the_figure(students):
    shown = 0
    for source, notebook in students.items():
        for cell, after in itertools.pairwise(notebook.cells):
            figure = cell.metadata.get("mystnb", {})
            if "figure" not in figure:
                continue
            shown += 1
            caption = " ".join(figure["figure"]["caption"].split())
            alt = " ".join(figure["image"]["alt"].split())
            assert after.cell_type == "markdown", source.name
            assert f"**Figure.** {caption}" in after.source, source.name
            assert alt in after.source, source.name
    assert shown, "exercise 2 shows its measurements before the worked answer"


def test_links_to_pages_with_a_worked_answer_say_so(students):
    links = re.compile(r"\]\((https?://[^)\s]+)\)( \(its page shows the worked answer\))?")
    seen = set()
    for notebook in students.values():
        text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        for url, note in links.findall(text):
            page = url.rsplit("/", 2)[-2:]
            source = REPOSITORY / page[0] / page[1].partition("#")[0].replace(".html", ".md")
            if not source.is_file():
                continue
            has_answer = "{solution-start}" in source.read_text(encoding="utf-8")
            assert bool(note) == has_answer, url
            seen.add(has_answer)
    assert seen == {True, False}, "the notebooks link both to chapter pages and to exercises"
