"""Write the student edition: the exercise notebooks as .ipynb, without their answers.

    python tools/make_student_edition.py [--output DIR]    (default: _build/student)

Each MyST notebook exercises/NN_*.md is read with jupytext and written as DIR/NN_*.ipynb,
with these parts removed:

- every worked answer: everything from a `solution-start` directive to the end of its
  `solution-end` directive, code cells included. A markdown cell that holds other text
  around a directive keeps that text; only the part inside the solution is cut. The
  one-block `{solution}` directive is cut too;
- every cell tagged remove-cell (the book's hidden checks);
- the `exercise-start` and `exercise-end` directive lines and MyST targets such as
  `(sec-name)=`, which only the book can render; the question between them stays.

Nothing is written outside DIR: the sources are only read. A student notebook in DIR that
was edited since it was written is kept, unless --force is given.
"""

import argparse
import re
import sys
from pathlib import Path

import jupytext
import nbformat

REPOSITORY = Path(__file__).resolve().parent.parent
EXERCISES = REPOSITORY / "exercises"
DEFAULT_OUTPUT = REPOSITORY / "_build" / "student"
NOTEBOOK_PATTERN = "[0-9][0-9]_*.md"

# The opening line of a MyST directive, in backtick or colon fences: ```{name} argument
DIRECTIVE = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z-]+)\}")
# A MyST target such as (sec-exercise-why-reshape)=, which Jupyter would show as text.
TARGET = re.compile(r"^\([\w-]+\)=\s*$")
CUT_MARK = "*The worked answer is not part of the student edition.*\n"


class StudentEditionError(ValueError):
    """A source notebook whose solution blocks cannot be cut safely."""


def directive_name(line):
    match = DIRECTIVE.match(line)
    return (match.group("name"), match.group("fence")) if match else (None, None)


def closes(line, fence):
    """Is line the closing fence of a directive opened with fence?"""
    stripped = line.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def skip_directive(lines, start, fence, where):
    """The index just after the closing fence of the directive opened at lines[start]."""
    for index in range(start + 1, len(lines)):
        if closes(lines[index], fence):
            return index + 1
    raise StudentEditionError(f"{where}: the directive {lines[start].strip()!r} is never closed")


def cut_markdown(source, in_solution, where):
    """Cut the solution parts out of one markdown cell.

    in_solution: whether the cell starts inside a gated solution (solution-start seen in an
    earlier cell, solution-end not yet). Returns the text to keep and the state at its end.
    """
    lines = source.splitlines(keepends=True)
    kept = []
    index = 0
    while index < len(lines):
        name, fence = directive_name(lines[index])
        if in_solution:
            if name == "solution-start":
                raise StudentEditionError(f"{where}: solution-start inside another solution")
            if name == "solution-end":
                index = skip_directive(lines, index, fence, where)
                in_solution = False
            else:
                index += 1
            continue
        if name == "solution-end":
            raise StudentEditionError(f"{where}: solution-end without a solution-start")
        if name == "solution-start":
            # The directive's own closing fence is skipped with the rest of the solution.
            in_solution = True
            kept.append(CUT_MARK)
            index += 1
        elif name == "solution":
            kept.append(CUT_MARK)
            index = skip_directive(lines, index, fence, where)
        elif name in ("exercise-start", "exercise-end"):
            index = skip_directive(lines, index, fence, where)
        elif TARGET.match(lines[index]):
            index += 1
        else:
            kept.append(lines[index])
            index += 1
    return "".join(kept), in_solution


def student_notebook(notebook, where="notebook"):
    """A copy of notebook without solutions and remove-cell cells, with stable cell ids."""
    student = nbformat.v4.new_notebook()
    student.metadata = {key: value for key, value in notebook.metadata.items() if key != "jupytext"}
    in_solution = False
    for number, cell in enumerate(notebook.cells, start=1):
        cell_where = f"{where}, cell {number}"
        if cell.cell_type == "markdown":
            text, in_solution_after = cut_markdown(cell.source, in_solution, cell_where)
            in_solution = in_solution_after
            if text.strip():
                student.cells.append(nbformat.v4.new_markdown_cell(text.strip("\n")))
            continue
        if in_solution or "remove-cell" in cell.metadata.get("tags", []):
            continue
        copy = nbformat.from_dict(dict(cell))
        copy.pop("id", None)
        if copy.cell_type == "code":
            copy.outputs = []
            copy.execution_count = None
        student.cells.append(copy)
    if in_solution:
        raise StudentEditionError(f"{where}: a solution-start has no solution-end")
    for number, cell in enumerate(student.cells, start=1):
        # Fixed ids, so that the same source always gives the same file.
        cell.id = f"cell-{number}"
    nbformat.validate(student)
    return student


def check_output(output: Path, parser) -> Path:
    """The output folder, resolved; a parser error naming --output if it cannot be used."""
    output = output.expanduser().resolve()
    if output.exists() and not output.is_dir():
        parser.error(f"argument --output: {output} is an existing file, not a folder")
    exercises = EXERCISES.resolve()
    if output == exercises or exercises in output.parents or output in exercises.parents:
        parser.error(
            f"argument --output: {output} would mix the notebooks with the book's sources; "
            f"choose a folder of its own, such as {DEFAULT_OUTPUT}"
        )
    return output


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the exercise notebooks without their worked answers, as .ipynb."
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"folder for the student notebooks, created if missing (default: {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace student notebooks in the output folder even where they were edited",
    )
    args = parser.parse_args(argv)
    output = check_output(args.output, parser)
    sources = sorted(EXERCISES.glob(NOTEBOOK_PATTERN))
    if not sources:
        parser.error(f"no exercise notebooks {NOTEBOOK_PATTERN} found in {EXERCISES}")
    # Cut every notebook before writing any, so that a broken source writes nothing.
    try:
        students = [
            (source, student_notebook(jupytext.read(source), source.name)) for source in sources
        ]
    except StudentEditionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    output.mkdir(parents=True, exist_ok=True)
    for source, student in students:
        target = output / (source.stem + ".ipynb")
        text = nbformat.writes(student) + "\n"
        # A copy that differs from a fresh one holds a student's work: never overwrite it.
        if target.exists() and target.read_text(encoding="utf-8") != text and not args.force:
            print(f"kept {target}: it was edited; delete it or pass --force to replace it")
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
