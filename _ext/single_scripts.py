"""Each script once per page.

Sphinx 7.4 keeps an inline script added after the builder started (sphinx-thebe's and
sphinx-togglebutton's settings) twice, once with `None` and once with `""` as its file
name; a second `const` of the same name is then a console error on every page. Each page's
script and stylesheet lists are reduced to their first copy of each.

Upstream: sphinx-doc/sphinx#13402 (merged in 2025, for Sphinx 8) passes `""` both times;
the book pins Sphinx 7.4 for Jupyter Book 1.
"""

from __future__ import annotations

from pinned_version import require_versions
from sphinx.application import Sphinx

WRITTEN_FOR = {"sphinx": "7.4.7"}


def asset_key(asset):
    filename = getattr(asset, "filename", asset) or ""
    attributes = dict(getattr(asset, "attributes", {}))
    return filename, tuple(sorted((key, str(value)) for key, value in attributes.items()))


def first_copies(assets) -> list:
    kept, seen = [], set()
    for asset in assets:
        if asset_key(asset) not in seen:
            seen.add(asset_key(asset))
            kept.append(asset)
    return kept


def drop_second_copies(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        context[key] = first_copies(context.get(key, []))


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    # Late, after every extension has added its scripts to the page.
    app.connect("html-page-context", drop_second_copies, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
