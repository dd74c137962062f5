"""_ext/launch_notebooks_branch.py: the links its launch items open.

The expected links are written out by hand: Colab's form for a GitHub file, and the
nbgitpuller link that teaching.md hands out, with HUB standing for the hub's address.
"""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "_ext"))

launch = pytest.importorskip("launch_notebooks_branch")
ExtensionError = pytest.importorskip("sphinx.errors").ExtensionError

URL = "https://github.com/lr-from-scratch/linear-regression-from-scratch"
STUDENT = "student/exercises/02_ohms-law.ipynb"


def app(url=URL, **launch_buttons):
    options = {"repository_url": url, "launch_buttons": launch_buttons}
    return SimpleNamespace(
        config=SimpleNamespace(html_theme_options=options, notebooks_branch="notebooks")
    )


def test_colab_opens_the_notebooks_branch():
    colab = app(colab_url="https://colab.research.google.com/")
    assert launch.colab_url(colab, "chapters/07_training.ipynb") == (
        "https://colab.research.google.com/github/lr-from-scratch/"
        "linear-regression-from-scratch/blob/notebooks/chapters/07_training.ipynb"
    )


def test_the_jupyterhub_link_is_the_one_teaching_md_hands_out():
    hub = app(jupyterhub_url="https://HUB/", notebook_interface="jupyterlab")
    link = launch.jupyterhub_url(hub, STUDENT)
    page = (REPOSITORY / "teaching.md").read_text(encoding="utf-8")
    assert link in page.split(), link
    assert link == (
        "https://HUB/hub/user-redirect/git-pull?repo=https%3A//github.com/lr-from-scratch/"
        "linear-regression-from-scratch&branch=notebooks&urlpath=lab/tree/"
        f"linear-regression-from-scratch/{STUDENT}"
    )


@pytest.mark.parametrize(
    "url", ["https://gitlab.com/owner/name", "https://github.com/owner", "", URL + "/tree/x"]
)
def test_a_repository_url_colab_cannot_open_is_refused_by_name(url):
    with pytest.raises(ExtensionError, match="repository.url"):
        launch.colab_url(app(url, colab_url="https://colab.research.google.com"), STUDENT)


def test_binder_builds_main_then_pulls_the_student_notebook_from_the_branch():
    binder = app(binderhub_url="https://mybinder.org", notebook_interface="jupyterlab")
    # The nbgitpuller link is the value of Binder's urlpath, so it is encoded once more.
    pull = (
        "git-pull%3Frepo%3Dhttps%253A%252F%252Fgithub.com%252Flr-from-scratch%252F"
        "linear-regression-from-scratch%26branch%3Dnotebooks%26urlpath%3Dlab%252Ftree%252F"
        "linear-regression-from-scratch%252Fstudent%252Fexercises%252F02_ohms-law.ipynb"
    )
    assert launch.binder_url(binder, STUDENT) == (
        "https://mybinder.org/v2/gh/lr-from-scratch/linear-regression-from-scratch/main"
        f"?urlpath={pull}"
    )
