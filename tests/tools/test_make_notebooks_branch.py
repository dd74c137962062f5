"""tools/make_notebooks_branch.py and .ci/publish-notebooks-branch: the notebooks branch.

The layout is made from a small book of the same shape in a temporary folder; the
publishing script pushes to a bare repository there, and its history is read with git.
"""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "tools"))
import make_notebooks_branch  # noqa: E402

PUBLISH = REPOSITORY / ".ci" / "publish-notebooks-branch"


def notebook_text(setup=True):
    notebook = nbformat.v4.new_notebook()
    if setup:
        cell = nbformat.v4.new_code_cell("import sys")
        cell.metadata["tags"] = ["colab-setup"]
        notebook.cells.append(cell)
    notebook.cells.append(nbformat.v4.new_markdown_cell("# A page"))
    return nbformat.writes(notebook)


@pytest.fixture
def book(tmp_path):
    """A repository with one chapter notebook, one page without a kernel, and its book."""
    repository, html = tmp_path / "repository", tmp_path / "html"
    for folder in ("chapters", "exercises"):
        (repository / folder).mkdir(parents=True)
    (repository / "chapters" / "01_generating-the-dataset.md").write_text(
        "---\nkernelspec:\n  name: python3\n---\n"
    )
    (repository / "chapters" / "08_summary.md").write_text("# No code\n")
    (html / "chapters").mkdir(parents=True)
    (html / "student" / "exercises").mkdir(parents=True)
    (html / "index.html").write_text("<html></html>")
    (html / "chapters" / "01_generating-the-dataset.ipynb").write_text(notebook_text())
    (html / "student" / "exercises" / "01_zero-initialization.ipynb").write_text(notebook_text())
    return repository, html


def make(book, output, monkeypatch):
    repository, html = book
    monkeypatch.setattr(make_notebooks_branch, "REPOSITORY", repository)
    return make_notebooks_branch.main(["--book", str(html), "--output", str(output)])


def files(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    )


def test_lays_out_the_notebooks_at_their_sources_paths_and_the_student_edition(
    book, tmp_path, monkeypatch
):
    output = tmp_path / "branch"
    assert make(book, output, monkeypatch) == 0
    assert files(output) == [
        "README.md",
        "chapters/01_generating-the-dataset.ipynb",
        "student/exercises/01_zero-initialization.ipynb",
    ]
    page = (book[1] / "chapters" / "01_generating-the-dataset.ipynb").read_text()
    assert (output / "chapters" / "01_generating-the-dataset.ipynb").read_text() == page


def test_a_notebook_without_the_setup_cell_writes_nothing(book, tmp_path, monkeypatch, capsys):
    (book[1] / "chapters" / "01_generating-the-dataset.ipynb").write_text(
        notebook_text(setup=False)
    )
    output = tmp_path / "branch"
    assert make(book, output, monkeypatch) == 1
    assert (
        "01_generating-the-dataset.ipynb does not start with the Colab setup cell"
        in capsys.readouterr().err
    )
    assert not output.exists()


def test_a_missing_page_notebook_is_named(book, tmp_path, monkeypatch, capsys):
    (book[1] / "chapters" / "01_generating-the-dataset.ipynb").unlink()
    assert make(book, tmp_path / "branch", monkeypatch) == 1
    assert "01_generating-the-dataset.ipynb: build it first" in capsys.readouterr().err


def test_a_folder_it_did_not_write_is_kept(book, tmp_path, monkeypatch, capsys):
    output = tmp_path / "mine"
    output.mkdir()
    (output / "notes.txt").write_text("my notes")
    with pytest.raises(SystemExit) as stopped:
        make(book, output, monkeypatch)
    assert stopped.value.code == 2
    assert "argument --output" in capsys.readouterr().err
    assert files(output) == ["notes.txt"]


def test_its_own_folder_is_replaced_whole(book, tmp_path, monkeypatch):
    output = tmp_path / "branch"
    assert make(book, output, monkeypatch) == 0
    (output / "chapters" / "02_reading-the-dataset.ipynb").write_text("{}")
    assert make(book, output, monkeypatch) == 0
    assert "chapters/02_reading-the-dataset.ipynb" not in files(output)


def git(*args, cwd):
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def publish(folder, remote, message):
    return subprocess.run(
        [str(PUBLISH), str(folder), str(remote), "notebooks", message],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_each_publication_is_a_new_commit_on_the_last_and_only_when_something_changed(tmp_path):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    folder = tmp_path / "branch"
    (folder / "chapters").mkdir(parents=True)
    (folder / "chapters" / "07_training.ipynb").write_text("first")
    (folder / "chapters" / "index.ipynb").write_text("gone later")
    publish(folder, remote, "one")
    assert "up to date" in publish(folder, remote, "unchanged")
    (folder / "chapters" / "07_training.ipynb").write_text("second")
    (folder / "chapters" / "index.ipynb").unlink()
    publish(folder, remote, "two")

    # A line of commits, each on the last: nbgitpuller can merge every update.
    log = git("log", "--format=%s %P", "notebooks", cwd=remote).splitlines()
    assert [line.split()[0] for line in log] == ["two", "one"]
    assert log[0].split()[1] == git("rev-parse", "notebooks~1", cwd=remote)
    assert (
        git("ls-tree", "-r", "--name-only", "notebooks", cwd=remote) == "chapters/07_training.ipynb"
    )
    assert git("show", "notebooks:chapters/07_training.ipynb", cwd=remote) == "second"
    # The folder published is left as it was.
    assert files(folder) == ["chapters/07_training.ipynb"]
