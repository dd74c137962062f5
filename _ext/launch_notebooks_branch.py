"""Colab and JupyterHub open the notebooks branch, where every page is a .ipynb.

Colab opens from GitHub only .ipynb files, and this repository's main branch holds MyST
sources; the workflow publishes the book's executed notebooks, and the student edition
under student/, to a branch of their own (`make notebooks-branch` lays it out). The theme
builds its Colab and JupyterHub links from `repository.branch` (main) and the page's
source (.md), so this extension points them at that branch and the page's .ipynb. On an
exercise page each of them, and Binder, is followed by an item that opens the exercise
without its answer, the student edition; Binder's builds its environment from main and
pulls the branch into it with nbgitpuller. Binder's own item, the repository button and the
issue button stay on main.

Upstream: a MyST page cannot be opened in Colab, jupyter-book/jupyter-book#752 (open); the
theme takes one branch for every launch button and the repository button. The links are
rewritten in the page context as sphinx-book-theme 1.3.0 builds them; a launch item this
module expects and does not find stops the build.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from pinned_version import require_versions
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from student_notebooks import student_path

WRITTEN_FOR = {"sphinx-book-theme": "1.3.0"}
STUDENT_TEXT = "{provider}, without the answer"


def repository(app: Sphinx) -> tuple[str, str, str]:
    """The repository's URL, owner and name, from `repository.url` in _config.yml."""
    url = app.config.html_theme_options.get("repository_url", "").rstrip("/")
    owner, _, name = url.removeprefix("https://github.com/").partition("/")
    if not url.startswith("https://github.com/") or not owner or not name or "/" in name:
        raise ExtensionError(
            f"repository.url in _config.yml must be https://github.com/<owner>/<name>, "
            f"got {url!r}: Colab opens notebooks from GitHub only"
        )
    return url, owner, name


def colab_url(app: Sphinx, path: str) -> str:
    base = app.config.html_theme_options["launch_buttons"]["colab_url"].rstrip("/")
    _, owner, name = repository(app)
    return f"{base}/github/{owner}/{name}/blob/{app.config.notebooks_branch}/{path}"


def pull_query(app: Sphinx, path: str, safe: str = "") -> str:
    """nbgitpuller's query: pull the branch into ~/<name>, then open <name>/<path>."""
    url, _, name = repository(app)
    jupyterlab = app.config.html_theme_options["launch_buttons"].get("notebook_interface")
    interface = "lab/tree" if jupyterlab == "jupyterlab" else "tree"
    return urlencode(
        {
            "repo": url,
            "branch": app.config.notebooks_branch,
            "urlpath": f"{interface}/{name}/{path}",
        },
        safe=safe,
    )


def jupyterhub_url(app: Sphinx, path: str) -> str:
    """An nbgitpuller link: the hub pulls the branch into ~/<name>, then opens the notebook."""
    hub = app.config.html_theme_options["launch_buttons"]["jupyterhub_url"].rstrip("/")
    return f"{hub}/hub/user-redirect/git-pull?{pull_query(app, path, safe='/')}"


def binder_url(app: Sphinx, path: str) -> str:
    """Binder builds the environment from main, then nbgitpuller pulls the branch into it."""
    options = app.config.html_theme_options
    _, owner, name = repository(app)
    base = options["launch_buttons"]["binderhub_url"].rstrip("/")
    environment = options.get("repository_branch") or "main"
    pull = f"git-pull?{pull_query(app, path)}"
    return f"{base}/v2/gh/{owner}/{name}/{environment}?urlpath={quote(pull, safe='')}"


# The items whose link moves to the notebooks branch; Binder's stays on main's sources.
LINKS = {"Colab": colab_url, "JupyterHub": jupyterhub_url}
# The items followed, on an exercise page, by one for the exercise without its answer.
STUDENT_LINKS = {**LINKS, "Binder": binder_url}


def retarget(app: Sphinx, pagename, templatename, context, doctree) -> None:
    options = app.config.html_theme_options.get("launch_buttons", {})
    keys = {"Colab": "colab_url", "JupyterHub": "jupyterhub_url", "Binder": "binderhub_url"}
    wanted = {text for text, key in keys.items() if options.get(key)}
    groups = [g for g in context.get("header_buttons", []) if g.get("label") == "launch-buttons"]
    if not wanted or not groups:
        return
    student = student_path(pagename)
    buttons = []
    for button in groups[0]["buttons"]:
        text = button.get("text")
        buttons.append(button)
        if text not in wanted:
            continue
        wanted.discard(text)
        if text in LINKS:
            button["url"] = LINKS[text](app, f"{pagename}.ipynb")
        if student:
            buttons.append(
                {
                    **button,
                    "text": STUDENT_TEXT.format(provider=text),
                    "tooltip": f"Open the exercise, without the worked answer, in {text}",
                    "url": STUDENT_LINKS[text](app, student),
                }
            )
    if wanted:
        raise ExtensionError(
            f"{pagename}: the theme made no {', '.join(sorted(wanted))} launch item to point "
            "at the notebooks branch; its launch menu changed shape"
        )
    groups[0]["buttons"] = buttons


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    # The branch the workflow publishes the notebooks to (.github/workflows/book.yml).
    app.add_config_value("notebooks_branch", "notebooks", "html")
    # After the theme (priority 501) has built its launch menu.
    app.connect("html-page-context", retarget, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
