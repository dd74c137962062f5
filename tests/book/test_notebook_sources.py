"""Rules every notebook source keeps so that its outputs compare the same everywhere.

nbval (`make notebooks`, `make same-numbers`) runs a cell without IPython's trailing-semicolon
rule, so `f();` shows f's return value there and not in the book: the two outputs differ.
A cell that wants no displayed value assigns it instead.
"""

import io
import tokenize
from pathlib import Path

import jupytext
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    path
    for folder in ("chapters", "exercises")
    for path in (REPOSITORY / folder).glob("*.md")
    if "kernelspec:" in path.read_text(encoding="utf-8")
)


IGNORED = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.ENDMARKER,
    tokenize.INDENT,
    tokenize.DEDENT,
}


def ends_with_semicolon(code: str) -> bool:
    """Does the last token of the cell, comments and blank lines aside, read ';'?"""
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type not in IGNORED
    ]
    return bool(tokens) and tokens[-1].string == ";"


@pytest.mark.parametrize("code", ["f();", "f();\n# done\n", "x = 1\nf() ;  # quiet\n"])
def test_a_trailing_semicolon_is_found(code):
    assert ends_with_semicolon(code)


@pytest.mark.parametrize("code", ["f()", "s = 'a;'", "f(); g()", "# f();\nf()", ""])
def test_code_without_one_passes(code):
    assert not ends_with_semicolon(code)


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_cell_hides_its_value_with_a_semicolon(source):
    notebook = jupytext.read(source)
    offending = [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code"
        and not cell.source.lstrip().startswith("%")
        and ends_with_semicolon(cell.source)
    ]
    assert not offending, f"{source.name}: assign the value instead of ending with ';':\n" + (
        "\n---\n".join(offending)
    )
