"""No Thebe in the pages while live code is off.

Jupyter Book 1 always loads sphinx-thebe, and sphinx-thebe adds its loader script and its
settings, which point at a CDN, to every page. With `launch_buttons.thebe: false` no page
can start Thebe, so both are left out of the pages.

Upstream: jupyter-book/jupyter-book#1603 asked for a way to switch a default extension
off; `_config.yml` can add extensions but still not remove one.
"""

from __future__ import annotations

from pinned_version import require_versions
from sphinx.application import Sphinx

WRITTEN_FOR = {"sphinx-thebe": "0.3.1", "jupyter-book": "1.0.4.post1"}


def thebe_enabled(app: Sphinx) -> bool:
    options = app.config.html_theme_options or {}
    return bool(options.get("launch_buttons", {}).get("thebe"))


def is_thebe_asset(asset) -> bool:
    filename = getattr(asset, "filename", asset) or ""
    body = getattr(asset, "attributes", {}).get("body", "")
    return "thebe" in filename or "THEBE_JS_URL" in body


def drop_thebe(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if thebe_enabled(app):
        return
    for key in ("script_files", "css_files"):
        context[key] = [asset for asset in context.get(key, []) if not is_thebe_asset(asset)]


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    # Late, after sphinx-thebe has added its scripts to the page.
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
