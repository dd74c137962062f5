"""Pages that read offline: scripts load once, from the book itself.

- MathJax must come from the book (sphinx-mathjax-offline copies it into `_static/mathjax`):
  a `mathjax_path` on another host is a build warning, so `-W` stops such a build.
- Sphinx 7.4 keeps an inline script added after the builder started (sphinx-thebe's and
  sphinx-togglebutton's settings) twice, once with `None` and once with `""` as its file
  name; the second `const THEBE_JS_URL` is then a console error on every page. Each page's
  script list is reduced to its first copy of each script.
- With live code off (`launch_buttons.thebe: false`) no page can start Thebe, so its
  loader script and settings, which point at a CDN, are left out of the pages.
- Opened from disk (file://), the search page lists its results but cannot fetch the
  pages for the snippet it shows under each (the browser forbids it, and logs an error
  per result); there it shows the list without snippets.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def check_mathjax_is_local(app: Sphinx) -> None:
    path = app.config.mathjax_path or ""
    if "://" in path or path.startswith("//"):
        logger.warning(
            "mathjax_path is %s, on another host: equations need the network. "
            "Add sphinx-mathjax-offline to sphinx.extra_extensions in _config.yml.",
            path,
        )


def thebe_enabled(app: Sphinx) -> bool:
    options = app.config.html_theme_options or {}
    return bool(options.get("launch_buttons", {}).get("thebe"))


def is_thebe_asset(asset) -> bool:
    filename = getattr(asset, "filename", asset) or ""
    body = getattr(asset, "attributes", {}).get("body", "")
    return "thebe" in filename or "THEBE_JS_URL" in body


def asset_key(asset):
    filename = getattr(asset, "filename", asset) or ""
    attributes = dict(getattr(asset, "attributes", {}))
    return filename, tuple(sorted((key, str(value)) for key, value in attributes.items()))


def clean_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    without_thebe = not thebe_enabled(app)
    for key in ("script_files", "css_files"):
        assets, seen = [], set()
        for asset in context.get(key, []):
            if asset_key(asset) in seen or (without_thebe and is_thebe_asset(asset)):
                continue
            seen.add(asset_key(asset))
            assets.append(asset)
        context[key] = assets


NO_SNIPPETS_FROM_DISK = (
    'if (location.protocol === "file:") DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;'
)


def search_without_snippets_from_disk(app: Sphinx, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file(None, body=NO_SNIPPETS_FROM_DISK)


def setup(app: Sphinx):
    app.connect("builder-inited", check_mathjax_is_local)
    # Late, after every extension has added its scripts to the page.
    app.connect("html-page-context", search_without_snippets_from_disk)
    app.connect("html-page-context", clean_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
