"""The student edition in the book: every exercise page offers its notebook without the answer.

`make student` writes the exercise notebooks without their worked answers and hidden checks
(tools/make_student_edition.py). This extension writes the same notebooks into the built
book, at student/exercises/<name>.ipynb, the path they have on the notebooks branch that the
Colab links open (launch_notebooks_branch.py), and puts each in its exercise page's download
menu, after the book's own notebook (notebook_download.py makes both links downloads).

Upstream: sphinx-book-theme's download menu offers one notebook per page, the page's own;
a second one is added to the menu's items in the page context, as sphinx-book-theme 1.3.0
builds them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from pinned_version import require_versions
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import make_student_edition  # noqa: E402

WRITTEN_FOR = {"sphinx-book-theme": "1.3.0"}

FOLDER = "student"
BUTTON_LABEL = "download-student-notebook-button"
SOURCES = sorted(make_student_edition.EXERCISES.glob(make_student_edition.NOTEBOOK_PATTERN))
DOCNAMES = {
    source.relative_to(make_student_edition.REPOSITORY).with_suffix("").as_posix(): source
    for source in SOURCES
}


def student_path(docname: str) -> str | None:
    """The student notebook of an exercise page, such as student/exercises/02_ohms-law.ipynb;
    None for any other page."""
    return f"{FOLDER}/{docname}.ipynb" if docname in DOCNAMES else None


def write_student_notebooks(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    book = make_student_edition.read_book()
    for docname, source in DOCNAMES.items():
        try:
            notebook = make_student_edition.student_edition(source, book)
        except make_student_edition.StudentEditionError as error:
            raise ExtensionError(f"the student edition of {docname}: {error}") from error
        target = Path(app.outdir) / student_path(docname)
        target.parent.mkdir(parents=True, exist_ok=True)
        # The bytes `make student` writes, so that both give the same file.
        target.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")


def add_download_item(app: Sphinx, pagename, templatename, context, doctree) -> None:
    path = student_path(pagename)
    if doctree is None or path is None:
        return
    groups = [g for g in context.get("header_buttons", []) if g.get("label") == "download-buttons"]
    if not groups:
        raise ExtensionError(f"{pagename}: the theme's download menu is missing or renamed")
    buttons = groups[0]["buttons"]
    # After the book's notebook, which notebook_download.py puts first.
    buttons.insert(
        1,
        {
            "type": "link",
            "url": context["pathto"](path, 1),
            "text": ".ipynb, without the answer",
            "tooltip": "Download the exercise as a notebook, without the worked answer",
            "icon": "fas fa-pencil-alt",
            "label": BUTTON_LABEL,
        },
    )


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    app.connect("builder-inited", write_student_notebooks)
    # After notebook_download.py (900) has put the book's notebook first in the menu.
    app.connect("html-page-context", add_download_item, priority=910)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
