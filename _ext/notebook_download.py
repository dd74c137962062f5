"""Offer every notebook page of the book as a Jupyter notebook (.ipynb) to download.

The .ipynb is made from the page's MyST source with jupytext, so it holds the same cells,
tags and metadata a reader gets from `jupytext --to ipynb`; the outputs of the book's own
execution are copied in, so the notebook opens with its results shown. They come from the
execution cache, which the book uses (MyST-NB's `jupyter_execute` copy of a page served from
the cache has no outputs). The notebook is written next to the page's HTML
(`chapters/07_training.html` gets `chapters/07_training.ipynb`) and linked from the first
item of the theme's download menu.

The notebook starts with a setup cell for Colab (tools/colab_setup_cell.py): there it
installs MXNet and `d2l_mini` and lets MXNet import with Colab's NumPy; anywhere else it does
nothing. The page does not show it, and its metadata records the Python that made the
outputs.

The theme renders its menu links with `target="_blank"` and no way to add attributes, so
after the build the notebook links get a `download` attribute: a browser then saves the
file instead of showing its JSON.

Upstream: a MyST Markdown page has no .ipynb to download, executablebooks/MyST-NB#124 and
executablebooks/MyST-NB#148 (both open); sphinx-book-theme's menu items take no
`download` attribute, a missing feature with no issue we could find. The module reads
MyST-NB's configuration and reader, and the theme's menu and its HTML, as these versions
have them.
"""

from __future__ import annotations

import re
import sys
from contextlib import suppress
from pathlib import Path

import jupytext
import nbformat
from jupyter_cache import get_cache
from myst_nb.core.read import create_nb_reader
from pinned_version import require_versions
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

WRITTEN_FOR = {"myst-nb": "1.4.0", "sphinx-book-theme": "1.3.0"}

BUTTON_LABEL = "download-notebook-button"
# How the theme's macro renders a menu link: href, target, then the classes with the label;
# the student notebook's item (student_notebooks.py) is a download too.
LINK_WITHOUT_DOWNLOAD = re.compile(
    r'<a href="(?P<href>[^"]+\.ipynb)" target="_blank"'
    r'(?P<rest>\s+class="[^"]*\bbtn-download-(?:student-)?notebook-button\b)'
)


# The student edition's script owns the Colab setup cell (tools/colab_setup_cell.py): the
# book's downloads and the student notebooks start with the same cell.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from make_student_edition import colab_setup_cell  # noqa: E402


def is_notebook(app: Sphinx, docname: str) -> bool:
    return "kernelspec" in app.env.metadata.get(docname, {})


def executed_notebook(app: Sphinx, docname: str):
    """The page's notebook with the outputs the build showed, or None if there are none."""
    config = app.env.mystnb_config
    cache_path = Path(config.execution_cache_path)
    if config.execution_mode != "cache" or not cache_path.is_dir():
        logger.warning(
            "%s.ipynb is offered without outputs: they come from the execution cache, "
            "and _config.yml's execute_notebooks is %r, not 'cache'",
            docname,
            config.execution_mode,
        )
        return None
    source = Path(app.env.doc2path(docname))
    text = source.read_text(encoding="utf-8")
    # The cache knows a notebook by MyST-NB's reading of the page, not by jupytext's.
    reader = create_nb_reader(str(source), app.env.myst_config, config, text)
    if reader is None:
        return None
    with suppress(KeyError):
        return get_cache(cache_path).merge_match_into_notebook(reader.read(text))[1]
    return None


def copy_outputs(notebook, executed) -> int:
    """Copy outputs and execution counts cell by cell where the code is the same.

    Both notebooks come from the same source, so their code cells pair up in order; a cell
    whose code differs (a stale executed copy) keeps no outputs rather than wrong ones.
    Returns the number of code cells that received outputs.
    """
    ours = [cell for cell in notebook.cells if cell.cell_type == "code"]
    theirs = [cell for cell in executed.cells if cell.cell_type == "code"]
    if len(ours) != len(theirs):
        return 0
    copied = 0
    for cell, done in zip(ours, theirs, strict=True):
        if cell.source.strip() == done.source.strip():
            cell.outputs = done.get("outputs", [])
            cell.execution_count = done.get("execution_count")
            copied += 1
    return copied


def build_notebook(app: Sphinx, docname: str):
    notebook = jupytext.read(app.env.doc2path(docname))
    # jupytext draws random cell ids; numbered ones keep the file the same on every build.
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    executed = executed_notebook(app, docname)
    if executed is not None:
        copy_outputs(notebook, executed)
        if "language_info" in executed.metadata:
            notebook.metadata["language_info"] = executed.metadata["language_info"]
    if any(cell.cell_type == "code" for cell in notebook.cells):
        notebook.cells.insert(0, colab_setup_cell())
    return notebook


def write_notebook(app: Sphinx, docname: str) -> Path:
    target = Path(app.outdir) / f"{docname}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = jupytext.writes(build_notebook(app, docname), fmt="ipynb")
    nbformat.validate(nbformat.reads(text, as_version=4))
    target.write_text(text, encoding="utf-8")
    return target


def add_download_item(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or not is_notebook(app, pagename):
        return
    write_notebook(app, pagename)
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        # The theme has an item of the same label for a copy of the executed notebook;
        # ours replaces it, so the menu offers one .ipynb.
        buttons = [b for b in group["buttons"] if b.get("label") != BUTTON_LABEL]
        buttons.insert(
            0,
            {
                "type": "link",
                "url": context["pathto"](f"{pagename}.ipynb", 1),
                "text": ".ipynb",
                "tooltip": "Download notebook file",
                "icon": "fas fa-code",
                "label": BUTTON_LABEL,
            },
        )
        group["buttons"] = buttons


def add_download_attribute(html: str) -> str:
    def replace(match: re.Match) -> str:
        filename = match["href"].rsplit("/", 1)[-1]
        return f'<a href="{match["href"]}" download="{filename}"{match["rest"]}'

    return LINK_WITHOUT_DOWNLOAD.sub(replace, html)


def mark_links_as_downloads(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for docname in sorted(app.env.found_docs):
        if not is_notebook(app, docname):
            continue
        page = Path(app.outdir) / f"{docname}{app.builder.out_suffix}"
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8")
        patched = add_download_attribute(html)
        if patched != html:
            page.write_text(patched, encoding="utf-8")
        elif f"btn-{BUTTON_LABEL}" in html and " download=" not in html:
            logger.warning(
                "%s: the theme's menu link changed shape; its .ipynb link has no download "
                "attribute and will open as JSON",
                page.relative_to(app.outdir),
            )


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    # After the theme (priority 501) has put its download menu into the page context.
    app.connect("html-page-context", add_download_item, priority=900)
    app.connect("build-finished", mark_links_as_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
