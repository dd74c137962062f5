"""tools/make_student_edition.py: the exercise notebooks without answers or hidden checks.

The script is run as `make student` runs it, into a temporary folder. What must be gone is
found here independently, from the raw text of the sources: the lines between a
`{solution-start}` line and a `{solution-end}` line, and the cells tagged remove-cell. So are
the links and equation numbers the notebooks must show instead of MyST: from _config.yml,
_toc.yml and the sources' lines, with regular expressions of their own.
"""

import posixpath
import re
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml
from nbclient import NotebookClient

REPOSITORY = Path(__file__).resolve().parents[2]
EXERCISES = REPOSITORY / "exercises"
SCRIPT = REPOSITORY / "tools" / "make_student_edition.py"
SOURCES = sorted(EXERCISES.glob("[0-9][0-9]_*.md"))
# Lines this long are specific enough that finding one in the output means it leaked.
DISTINCTIVE = 20


def run_script(*args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=REPOSITORY
    )


@pytest.fixture(scope="module")
def student_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edition") / "student"
    result = run_script("--output", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def read_student(folder, source):
    return nbformat.read(folder / (source.stem + ".ipynb"), as_version=4)


def student_lines(notebook):
    return {line.strip() for cell in notebook.cells for line in cell.source.splitlines()}


def solution_and_other_lines(source):
    """The stripped lines inside solution blocks, and those outside, of a MyST source."""
    inside, outside = [], []
    in_solution = False
    for line in source.read_text(encoding="utf-8").splitlines():
        if "{solution-start}" in line:
            in_solution = True
        (inside if in_solution else outside).append(line.strip())
        if "{solution-end}" in line:
            in_solution = False
    return inside, set(outside)


def distinctive_solution_lines(source):
    inside, outside = solution_and_other_lines(source)
    return {
        line
        for line in inside
        if len(line) >= DISTINCTIVE and line not in outside and not line.startswith(("```", ":"))
    }


def test_there_are_seven_exercises():
    assert [source.name[:2] for source in SOURCES] == ["01", "02", "03", "04", "05", "06", "07"]


def test_one_notebook_per_exercise_and_nothing_else(student_folder):
    written = sorted(path.name for path in student_folder.iterdir())
    assert written == [source.stem + ".ipynb" for source in SOURCES]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_no_solution_survives(student_folder, source):
    secret = distinctive_solution_lines(source)
    assert secret, f"{source.name} should have a worked answer with some code or prose"
    notebook = read_student(student_folder, source)
    assert not secret & student_lines(notebook), sorted(secret & student_lines(notebook))
    text = "\n".join(cell.source for cell in notebook.cells)
    for directive in ("solution-start", "solution-end", "{solution}"):
        assert directive not in text, f"{directive} left in {source.name}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_no_hidden_check_survives(student_folder, source):
    cells = jupytext.read(source).cells
    hidden = [cell for cell in cells if "remove-cell" in cell.metadata.get("tags", [])]
    visible_lines = {
        line.strip() for cell in cells if cell not in hidden for line in cell.source.splitlines()
    }
    hidden_lines = {
        line.strip()
        for cell in hidden
        for line in cell.source.splitlines()
        if len(line.strip()) >= DISTINCTIVE and line.strip() not in visible_lines
    }
    notebook = read_student(student_folder, source)
    for cell in notebook.cells:
        assert "remove-cell" not in cell.metadata.get("tags", []), cell.source[:80]
    assert not hidden_lines & student_lines(notebook), sorted(
        hidden_lines & student_lines(notebook)
    )


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_question_and_your_turn_survive(student_folder, source):
    _, outside = solution_and_other_lines(source)
    notebook = read_student(student_folder, source)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "= None" in code, "the your-turn cell must survive"
    assert "check_" in code, "the self-check cell must survive"
    # The question itself: the text between the exercise-start and exercise-end directives.
    text = source.read_text(encoding="utf-8")
    question = text.split("{exercise-start}", 1)[1].split("{exercise-end}", 1)[0]
    question_lines = [
        line.strip()
        for line in question.splitlines()
        if line.strip() and not line.strip().startswith((":", "```"))
    ]
    assert question_lines and set(question_lines) <= outside
    assert set(question_lines) <= student_lines(notebook)


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_student_notebook_is_valid_and_runs(student_folder, source):
    notebook = read_student(student_folder, source)
    nbformat.validate(notebook)
    # The exercises folder as working directory, as when the notebook sits beside the sources.
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": EXERCISES}}
    )
    client.execute()
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    printed = "".join(output.get("text", "") for output in outputs)
    assert "No answer yet" in printed, "the shipped self-check must say there is no answer yet"


def test_same_source_gives_the_same_files(edition, student_folder, tmp_path):
    assert edition.main(["--output", str(tmp_path)]) == 0
    for source in SOURCES:
        name = source.stem + ".ipynb"
        assert (tmp_path / name).read_bytes() == (student_folder / name).read_bytes(), name


def test_writes_nothing_outside_its_folder(edition, tmp_path):
    (tmp_path / "keep.txt").write_text("untouched", encoding="utf-8")
    before = {path: path.stat().st_mtime_ns for path in EXERCISES.iterdir()}
    assert edition.main(["--output", str(tmp_path / "nested" / "student")]) == 0
    written = {path.relative_to(tmp_path) for path in tmp_path.rglob("*") if path.is_file()}
    expected = {Path("nested", "student", source.stem + ".ipynb") for source in SOURCES}
    assert written == expected | {Path("keep.txt")}
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "untouched"
    assert {path: path.stat().st_mtime_ns for path in EXERCISES.iterdir()} == before


def test_an_edited_student_notebook_is_kept_unless_forced(edition, tmp_path):
    assert edition.main(["--output", str(tmp_path)]) == 0
    edited = tmp_path / (SOURCES[0].stem + ".ipynb")
    fresh = tmp_path / (SOURCES[1].stem + ".ipynb")
    fresh_text = fresh.read_text(encoding="utf-8")
    notebook = nbformat.read(edited, as_version=4)
    notebook.cells[0].source = "A student's own work"
    nbformat.write(notebook, edited)
    student_work = edited.read_text(encoding="utf-8")

    assert edition.main(["--output", str(tmp_path)]) == 0
    assert edited.read_text(encoding="utf-8") == student_work
    assert fresh.read_text(encoding="utf-8") == fresh_text

    assert edition.main(["--output", str(tmp_path), "--force"]) == 0
    assert "A student's own work" not in edited.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "output, reason",
    [
        ("a_file", "is an existing file"),
        (str(EXERCISES), "the book's sources"),
        (str(EXERCISES / "student"), "the book's sources"),
        (str(REPOSITORY), "the book's sources"),
    ],
)
def test_a_bad_output_is_refused_by_name(edition, tmp_path, capsys, output, reason):
    if output == "a_file":
        output = tmp_path / "a_file"
        output.write_text("not a folder", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        edition.main(["--output", str(output)])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert "--output" in error and reason in error, error
    assert not (EXERCISES / "student").exists()
    assert not list(EXERCISES.glob("*.ipynb")) and not list(REPOSITORY.glob("*.ipynb"))


# The cutting itself, on small notebooks made here.


def notebook_of(*cells):
    notebook = nbformat.v4.new_notebook()
    for kind, source, *tags in cells:
        make = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        cell = make(source)
        if tags:
            cell.metadata["tags"] = tags
        notebook.cells.append(cell)
    return notebook


def test_cuts_only_the_solution_part_of_a_mixed_markdown_cell(edition):
    notebook = notebook_of(
        ("md", "Intro.\n\n```{solution-start} ex-a\n:class: dropdown\n```\nSecret prose."),
        ("code", "secret_code = 1"),
        ("md", "Secret ending.\n```{solution-end}\n```\n\n## After"),
        ("code", "kept_code = 2"),
    )
    student = edition.student_notebook(notebook)
    sources = [cell.source for cell in student.cells]
    assert sources[0].startswith("Intro.") and "worked answer is not part" in sources[0]
    assert sources[1:] == ["## After", "kept_code = 2"]
    assert "Secret" not in "".join(sources) and "secret_code" not in "".join(sources)


def test_cuts_colon_fences_and_the_one_block_directive(edition):
    notebook = notebook_of(
        ("md", "A\n:::{solution-start} ex-a\n:::\nSecret one.\n:::{solution-end}\n:::\nB"),
        ("md", "C\n````{solution} ex-b\n```python\nsecret_two = 2\n```\nSecret three.\n````\nD"),
    )
    text = "\n".join(cell.source for cell in edition.student_notebook(notebook).cells)
    assert all(letter in text for letter in "ABCD")
    assert "Secret" not in text and "secret_two" not in text


def test_drops_remove_cell_and_exercise_directives_and_clears_outputs(edition):
    code = nbformat.v4.new_code_cell("shown = 1")
    code.outputs = [nbformat.v4.new_output("stream", text="old output")]
    notebook = notebook_of(
        (
            "md",
            "(sec-x)=\n# Title\n```{exercise-start}\n:label: ex-x\n```\nQ?\n```{exercise-end}\n```",
        ),
        ("code", "assert hidden", "remove-cell"),
    )
    notebook.cells.append(code)
    student = edition.student_notebook(notebook)
    assert [cell.source for cell in student.cells] == ["# Title\nQ?", "shown = 1"]
    assert student.cells[1].outputs == [] and [cell.id for cell in student.cells] == [
        "cell-1",
        "cell-2",
    ]


@pytest.mark.parametrize(
    "cells, message",
    [
        ((("md", "```{solution-start} ex\n```\nno end"),), "has no solution-end"),
        ((("md", "```{solution-end}\n```"),), "without a solution-start"),
        ((("md", "````{solution} ex\nnever closed"),), "never closed"),
    ],
)
def test_a_malformed_solution_is_an_error(edition, cells, message):
    with pytest.raises(edition.StudentEditionError, match=message):
        edition.student_notebook(notebook_of(*cells))


# Plain Markdown: no MyST that Jupyter would show as raw text, links to the published book,
# and the book's equation numbers.

BASEURL = yaml.safe_load((REPOSITORY / "_config.yml").read_text(encoding="utf-8"))["html"][
    "baseurl"
]
TOC = yaml.safe_load((REPOSITORY / "_toc.yml").read_text(encoding="utf-8"))
MYST_LEFT = {
    "role": re.compile(r"\{[\w:-]+\}`"),
    "directive": re.compile(r"^\s*(`{3,}|:{3,})\{", re.MULTILINE),
    "target": re.compile(r"^\([\w-]+\)=\s*$", re.MULTILINE),
    "equation label": re.compile(r"\$\$[ \t]*\([\w-]+\)"),
}
LINK_TARGET = re.compile(r"\[[^\]]*\]\(([^)\s]*)\)")
DOC_ROLE = re.compile(r"\{doc\}`([^`<]+)`")
EQ_ROLE = re.compile(r"\{eq\}`([\w-]+)`")
# The line that closes a numbered equation: $$ (label).
EQUATION_END = re.compile(r"^\$\$\s*\(([\w-]+)\)\s*$")


def markdown_text(notebook):
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def toc_files(entry):
    yield entry.get("file")
    for section in entry.get("sections", []):
        yield from toc_files(section)


def page_title(docname):
    """The text of the first level-1 heading: the title Sphinx gives the page."""
    text = (REPOSITORY / f"{docname}.md").read_text(encoding="utf-8")
    return next(line[2:].strip() for line in text.splitlines() if line.startswith("# "))


def anchors_of(docname):
    """The anchors the page has: its MyST targets, its equations and its headings' ids."""
    lines = (REPOSITORY / f"{docname}.md").read_text(encoding="utf-8").splitlines()
    targets = {line.strip()[1:-2] for line in lines if re.fullmatch(r"\([\w-]+\)=", line.strip())}
    equations = {f"equation-{m[1]}" for line in lines if (m := EQUATION_END.match(line))}
    headings = {
        re.sub(r"[^a-z0-9]+", "-", line.lstrip("#").strip().lower()).strip("-")
        for line in lines
        if re.match(r"#{1,6} ", line)
    }
    return targets | equations | headings


def book_equation_numbers():
    """Every labelled equation of the exercises, with the number the book shows, by hand.

    The book numbers equations within each chapter, on from page to page (numfig with
    numfig_secnum_depth 1), and the exercises are its second numbered chapter. Returns
    {label: (number, whether it is inside a worked answer)}.
    """
    numbered = [
        entry for part in TOC["parts"] if part.get("numbered") for entry in part["chapters"]
    ]
    assert [entry["file"] for entry in numbered] == ["chapters/index", "exercises/index"]
    pages = list(toc_files(numbered[1]))
    assert pages == ["exercises/index"] + [f"exercises/{source.stem}" for source in SOURCES]
    numbers, count = {}, 0
    for page in pages:
        in_solution = False
        for line in (REPOSITORY / f"{page}.md").read_text(encoding="utf-8").splitlines():
            in_solution = (
                in_solution or "{solution-start}" in line
            ) and "{solution-end}" not in line
            if match := EQUATION_END.match(line):
                count += 1
                numbers[match[1]] = (f"2.{count}", in_solution)
    return numbers


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_no_myst_is_left(student_folder, source):
    _, outside = solution_and_other_lines(source)
    assert MYST_LEFT["role"].search("\n".join(outside)), "the question part should hold roles"
    text = markdown_text(read_student(student_folder, source))
    for kind, pattern in MYST_LEFT.items():
        assert not pattern.search(text), f"{kind} left: {pattern.search(text)[0]!r}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_every_link_resolves(student_folder, source):
    notebook = read_student(student_folder, source)
    text = markdown_text(notebook)
    # JupyterLab's heading ids: the heading's text with spaces as hyphens.
    headings = {
        line.lstrip("#").strip().replace(" ", "-")
        for line in text.splitlines()
        if re.match(r"#{1,6} ", line)
    }
    pages = {TOC["root"]} | {
        file for part in TOC["parts"] for entry in part["chapters"] for file in toc_files(entry)
    }
    for target in LINK_TARGET.findall(text):
        if target.startswith("#"):
            assert target[1:] in headings, target
            continue
        assert re.match(r"https?://", target), f"not absolute: {target}"
        if not target.startswith(BASEURL):
            continue
        path, _, anchor = target[len(BASEURL) :].partition("#")
        assert path.endswith(".html"), target
        docname = path.removesuffix(".html")
        assert (REPOSITORY / f"{docname}.md").is_file(), target
        assert docname in pages, f"not a page of _toc.yml: {target}"
        assert not anchor or anchor in anchors_of(docname), target
    # Each {doc} of the question's part is a link to that page, with the page's title as text.
    _, outside = solution_and_other_lines(source)
    targets = {target for line in outside for target in DOC_ROLE.findall(line)}
    assert targets
    for target in targets:
        docname = posixpath.normpath(posixpath.join("exercises", target))
        assert f"[{page_title(docname)}]({BASEURL}{docname}.html)" in text, target


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_equations_carry_the_books_numbers(student_folder, source):
    numbers = book_equation_numbers()
    text = markdown_text(read_student(student_folder, source))
    labels = [
        m[1]
        for line in source.read_text(encoding="utf-8").splitlines()
        if (m := EQUATION_END.match(line))
    ]
    shown = [numbers[label][0] for label in labels if not numbers[label][1]]
    assert shown, f"{source.name} should show a numbered equation before its worked answer"
    assert re.findall(r"\\tag\{([^}]*)\}", text) == shown
    # A reference to an equation of the notebook reads as the book prints it: (2.5).
    _, outside = solution_and_other_lines(source)
    student = student_lines(read_student(student_folder, source))
    for line in outside:
        if EQ_ROLE.search(line) and not DOC_ROLE.search(line):
            expected = EQ_ROLE.sub(lambda m: f"({numbers[m[1]][0]})", line)
            assert expected in student, expected


def test_ohms_law_refers_to_its_loss_as_the_book_numbers_it(student_folder):
    # Two labelled equations on page 2.1, then the model and the loss on page 2.2: (2.4).
    text = markdown_text(read_student(student_folder, EXERCISES / "02_ohms-law.md"))
    assert "(the matrix of second derivatives) of (2.4):" in text
    assert "V^{(i)}\\right)^2 .\n\\tag{2.4}\n$$" in text


# Each MyST construct on its own, on small notebooks placed at the page of exercise 1.

PAGE = "exercises/01_zero-initialization"


@pytest.fixture(scope="module")
def book(edition):
    return edition.read_book()


def plain(edition, book, *sources):
    notebook = notebook_of(*(("md", source) for source in sources))
    return [cell.source for cell in edition.plain_markdown(notebook, PAGE, book).cells]


def test_links_and_inline_math_become_markdown(edition, book):
    [text] = plain(
        edition,
        book,
        "{ref}`sec-training`, {ref}`the loss <sec-defining-the-loss-function>`, "
        "{numref}`sec-exercise-ohms-law`, {doc}`Ohm <02_ohms-law>`, {math}`x^2`, "
        "[data](../chapters/01_generating-the-dataset.md#eq-data-model), "
        "[d2l](https://d2l.ai) and [up](#The-question)",
    )
    answer = " (its page shows the worked answer)"
    assert text == (
        f"[Training]({BASEURL}chapters/07_training.html), "
        f"[the loss]({BASEURL}chapters/05_defining-the-loss-function.html), "
        # Ohm's law is the second page of the book's second numbered chapter.
        f"[Section 2.2]({BASEURL}exercises/02_ohms-law.html){answer}, "
        f"[Ohm]({BASEURL}exercises/02_ohms-law.html){answer}, $x^2$, "
        f"[data]({BASEURL}chapters/01_generating-the-dataset.html#eq-data-model), "
        "[d2l](https://d2l.ai) and [up](#The-question)"
    )


def test_equations_get_the_books_numbers_and_others_link_to_it(edition, book):
    equation, reference = plain(
        edition,
        book,
        "$$ y = x $$ (ex1-loss)",
        "By {eq}`ex1-loss`, {eq}`ex2-model` and {eq}`eq-average-loss`.",
    )
    assert equation == "$$ y = x\n\\tag{2.1}\n$$"
    # Exercise 2's (2.3) and the chapter's (1.3: one equation on page 1.1, two on 1.5) are not
    # in the notebook: they link to the book, saying when the page shows a worked answer.
    assert reference == (
        "By (2.1), "
        f"[(2.3)]({BASEURL}exercises/02_ohms-law.html#equation-ex2-model)"
        " (its page shows the worked answer)"
        f" and [(1.3)]({BASEURL}chapters/05_defining-the-loss-function.html"
        "#equation-eq-average-loss)."
    )


def test_admonitions_and_rubrics_become_quotes_and_bold_lines(edition, book):
    [text] = plain(
        edition,
        book,
        "```{note}\nRead {doc}`02_ohms-law` first.\n```\n"
        ":::{admonition} Careful\n:class: tip\nTwo\nlines.\n:::\n"
        "```{rubric} Next\n```\nAfter.",
    )
    assert text == (
        "> **Note**\n>\n"
        f"> Read [Ohm's Law by Gradient Descent]({BASEURL}exercises/02_ohms-law.html)"
        " (its page shows the worked answer) first.\n\n"
        "> **Careful**\n>\n> Two\n> lines.\n\n"
        "**Next**\n\nAfter."
    )


@pytest.mark.parametrize(
    "source, message",
    [
        ("{sub-ref}`today`", "no plain Markdown form"),
        ("```{figure} plot.png\n```", "no plain Markdown form"),
        ("{doc}`../chapters/99_missing`", "not a page of the book"),
        ("[gone](../chapters/99_missing.md)", "not a page of the book"),
        ("{eq}`no-such-equation`", "no page of the book has the equation"),
        ("{numref}`fig-second-feature-vs-label`", "no page of the book has the label"),
        ("![plot](plot.png)", "not copied"),
    ],
)
def test_myst_without_a_plain_form_is_an_error(edition, book, source, message):
    with pytest.raises(edition.StudentEditionError, match=message):
        plain(edition, book, source)


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_starts_with_the_colab_setup_cell_and_only_there(student_folder, source):
    notebook = read_student(student_folder, source)
    setup = (REPOSITORY / "tools" / "colab_setup_cell.py").read_text(encoding="utf-8").strip()
    first, rest = notebook.cells[0], notebook.cells[1:]
    assert first.cell_type == "code" and first.source == setup, first.source[:80]
    assert first.metadata["tags"] == ["colab-setup"]
    assert not any("google.colab" in cell.source for cell in rest)
