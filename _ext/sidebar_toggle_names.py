"""A name for each toggle in the left sidebar that shows or hides a part's pages.

pydata-sphinx-theme turns each sidebar entry with pages under it into a `<details>` whose
`<summary>` holds only a chevron marked `role="presentation"`: the toggle has no accessible
name, so a screen reader announces an unnamed button and axe-core fails the page on
`summary-name` (WCAG 4.1.2, serious). Each such summary gets `aria-label="Pages in <entry>"`,
so it is announced as "Pages in 2. Exercises, button, collapsed".

Upstream: `add_collapse_checkboxes` in pydata-sphinx-theme's toctree.py builds the summary;
unchanged in 0.17.1 (pinned here, through sphinx-book-theme 1.3.0) and still so in 0.24.0.
pytorch/pytorch_sphinx_theme#234 reports the same finding in its copy of that markup.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from pinned_version import require_versions
from sphinx.application import Sphinx

WRITTEN_FOR = {"pydata-sphinx-theme": "0.17.1"}


def name_toggles(sidebar: Tag | str) -> Tag:
    """The sidebar (the theme's parsed HTML, named in place, or a string) with every unnamed
    summary named after the entry it opens."""
    soup = sidebar if isinstance(sidebar, Tag) else BeautifulSoup(sidebar, "html.parser")
    for summary in soup.select("li > details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        entry = summary.find_parent("li").find("a", recursive=False)
        if entry is None:
            raise ValueError(f"a sidebar toggle with no entry link beside it: {summary}")
        summary["aria-label"] = f"Pages in {entry.get_text(' ', strip=True)}"
    return soup


def wrap_sidebar(app: Sphinx, pagename, templatename, context, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def generate_named(kind: str, *args, **kwargs):
        # The theme returns the parsed sidebar, which the template prints.
        sidebar = generate(kind, *args, **kwargs)
        return name_toggles(sidebar) if kind == "sidebar" else sidebar

    context["generate_toctree_html"] = generate_named


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    # After the theme has put generate_toctree_html into the page's context.
    app.connect("html-page-context", wrap_sidebar, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
