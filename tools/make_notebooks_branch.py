"""Lay out the notebooks branch: what Colab and a JupyterHub open, taken from the built book.

    python tools/make_notebooks_branch.py [--book DIR] [--output DIR]
    (defaults: _build/html and _build/notebooks-branch)

The workflow pushes the folder, on each push to main, to the branch `notebooks`
(.ci/publish-notebooks-branch). It holds:

- every notebook page of the book as the book offers it for download, with its outputs, at
  its source's path: chapters/07_training.md gives chapters/07_training.ipynb;
- the student edition, the exercises without their answers, at student/exercises/<name>.ipynb;
- a README.md that says what the branch is.

Every notebook must be valid and start with the Colab setup cell, or nothing is written.
The output folder is replaced as a whole, so it must be one this script wrote, or empty, or new.
"""

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_BOOK = REPOSITORY / "_build" / "html"
DEFAULT_OUTPUT = REPOSITORY / "_build" / "notebooks-branch"
STUDENT = "student"
# The first line of the README written here: it marks a folder this script may replace.
MARK = "# Notebooks of Linear Regression from Scratch"
README = f"""{MARK}

This branch is written by the book's workflow on each push to `main`; do not edit it here.
The book's sources, MyST Markdown, are on `main`.

- `chapters/`, `exercises/`: every page of the book as a notebook, with the outputs of the
  book's build. The exercises include their worked answers.
- `student/exercises/`: the exercises without their answers, for students.

Each notebook's first cell sets it up in Colab and does nothing elsewhere.
"""


def notebook_sources(repository: Path):
    """The docnames of the book's notebook pages: the .md sources whose header names a kernel."""
    return sorted(
        source.relative_to(repository).with_suffix("").as_posix()
        for folder in ("chapters", "exercises")
        for source in (repository / folder).glob("*.md")
        if "\nkernelspec:" in source.read_text(encoding="utf-8")
    )


def checked(path: Path) -> str:
    """The text of a notebook that is valid and starts with the Colab setup cell."""
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    first = notebook.cells[0] if notebook.cells else None
    if first is None or "colab-setup" not in first.metadata.get("tags", []):
        raise ValueError(f"{path} does not start with the Colab setup cell")
    return text


def collect(book: Path) -> dict[str, str]:
    """{path on the branch: text} for every notebook; ValueError naming what is missing."""
    files = {}
    for docname in notebook_sources(REPOSITORY):
        built = book / f"{docname}.ipynb"
        if not built.is_file():
            raise ValueError(f"the book has no {built}: build it first (make book)")
        files[f"{docname}.ipynb"] = checked(built)
    students = sorted((book / STUDENT).rglob("*.ipynb"))
    if not students:
        raise ValueError(f"the book has no student notebooks in {book / STUDENT}: make book")
    for path in students:
        files[path.relative_to(book).as_posix()] = checked(path)
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=DEFAULT_BOOK, help="the built book's html")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="folder to write")
    args = parser.parse_args(argv)
    output = args.output.expanduser().resolve()
    if output.exists() and any(output.iterdir()):
        readme = output / "README.md"
        ours = readme.is_file() and readme.read_text(encoding="utf-8").startswith(MARK)
        if not ours:
            parser.error(
                f"argument --output: {output} exists and was not written by this script; "
                "it would be replaced as a whole, so choose a new folder"
            )
    if not (args.book / "index.html").is_file():
        parser.error(f"argument --book: {args.book} holds no built book (make book)")
    try:
        files = collect(args.book.resolve())
    except (ValueError, nbformat.ValidationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if output.exists():
        shutil.rmtree(output)
    for path, text in {"README.md": README, **files}.items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} notebooks to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
