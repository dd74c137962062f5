"""Search results without snippets when the book is opened from disk.

Opened from disk (file://), Sphinx's search page lists its results but cannot fetch the
pages for the snippet it shows under each: the browser forbids it, and logs an error per
result. There the page shows the list without snippets; served, it keeps them.
`html_show_search_summary = False` would drop them everywhere.

Upstream: sphinx-doc/sphinx#10407 (open) asks for snippets from file://; the script sets
`DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY`, which Sphinx 7.4's searchtools.js reads.
"""

from __future__ import annotations

from pinned_version import require_versions
from sphinx.application import Sphinx

WRITTEN_FOR = {"sphinx": "7.4.7"}

NO_SNIPPETS_FROM_DISK = (
    'if (location.protocol === "file:") DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;'
)


def search_without_snippets_from_disk(app: Sphinx, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file(None, body=NO_SNIPPETS_FROM_DISK)


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    app.connect("html-page-context", search_without_snippets_from_disk)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
