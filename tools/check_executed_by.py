"""Check that notebooks hold outputs made by a given Python, before others are compared with them.

    python tools/check_executed_by.py --python 3.11 _build/html/chapters/*.ipynb

Exits 1 with one line per notebook whose outputs came from another Python (the execution
cache serves whichever Python filled it) or that has no record of one. Notebooks without
code are skipped: there is nothing to compare.
"""

import argparse
import sys

import nbformat


def executed_by(path):
    """The Python version (e.g. "3.11.7") whose kernel produced the notebook's outputs."""
    notebook = nbformat.read(path, as_version=4)
    return notebook.metadata.get("language_info", {}).get("version", "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", required=True, help="a version such as 3.11")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    problems = []
    for path in args.notebooks:
        if not any(cell.cell_type == "code" for cell in nbformat.read(path, 4).cells):
            continue
        version = executed_by(path)
        if not version:
            problems.append(f"{path}: no record of the Python that executed it")
        elif version != args.python and not version.startswith(args.python + "."):
            problems.append(f"{path}: executed by Python {version}, not {args.python}")
    if problems:
        print("\n".join(problems))
        print(
            f"Rebuild the book with Python {args.python} (make clean, then make book "
            f"PYTHON=python{args.python}) before comparing other Pythons with it."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
