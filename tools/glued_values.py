"""The numbers a page glues into its text, as the book shows them, for the student edition.

A page computes a number in a cell, `glue("name", value, display=False)`, and its text shows
it with `{glue:text}`name:.2f``. Jupyter cannot render that role, so the student edition
writes the number itself, taken from the notebook the book build stored next to the page's
HTML (`_build/html/exercises/02_ohms-law.ipynb`): the same execution as the book, formatted
by myst-nb's own formatter.

    glued_values(path) -> {name: text/plain of the value}
    glued_text(values, "name:.2f") -> "219.66"
"""

from pathlib import Path

import nbformat
from myst_nb.core.variables import format_plain_text


class GlueError(ValueError):
    """A glued value that cannot be read: no build, or a build without that name."""


def glued_values(executed: Path) -> dict:
    """Every value glued in the executed notebook: name -> its text/plain form."""
    if not executed.is_file():
        raise GlueError(
            f"the text uses values that the book build computes, and there is no built "
            f"notebook {executed}: build the book first (make book)"
        )
    notebook = nbformat.read(executed, as_version=4)
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                values[record["name"]] = output["data"][record["mime_prefix"] + "text/plain"]
    return values


def glued_text(values: dict, key: str, where: str = "the built notebook") -> str:
    """The text {glue:text}`key` shows: key is name or name:format, as myst-nb reads it."""
    name, _, spec = key.rpartition(":") if ":" in key else (key, "", "s")
    if name not in values:
        raise GlueError(
            f"{where} has no glued value {name!r}: it is older than the page, or the page "
            f"misspells it; build the book again (make book)"
        )
    return format_plain_text(values[name], spec)
