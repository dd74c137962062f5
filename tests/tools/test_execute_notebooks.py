"""tools/execute_notebooks.py fills the build's execution cache so that the book build
executes nothing: each notebook once, again only when its code changed, and a notebook that
raises is named with its traceback.

The build's reading of the cache is what `make book` relies on; here the cache is asked
directly, with MyST-NB's reader, whether it holds each notebook as the build would read it.
"""

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jupyter_cache import get_cache
from myst_nb.core.read import read_myst_markdown_notebook

TOOL = Path(__file__).resolve().parents[2] / "tools" / "execute_notebooks.py"
HEADER = """\
---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  display_name: Python 3 (ipykernel)
  language: python
  name: python3
---

# A page

```{code-cell} ipython3
"""


def write_page(path: Path, code: str) -> Path:
    path.write_text(f"{HEADER}{code}\n```\n", encoding="utf-8")
    return path


def execute(cache: Path, *pages: Path):
    command = [sys.executable, str(TOOL), "--cache", str(cache), *map(str, pages)]
    return subprocess.run(command, cwd=cache.parent, capture_output=True, text=True)


def cached_outputs(cache: Path, page: Path):
    """The outputs the cache holds for the page as MyST-NB reads it; KeyError if none."""
    notebook = read_myst_markdown_notebook(page.read_text(encoding="utf-8"))
    _, merged = get_cache(cache).merge_match_into_notebook(notebook)
    return next(cell for cell in merged.cells if cell.cell_type == "code").outputs


@pytest.fixture
def pages(tmp_path):
    return (
        write_page(tmp_path / "one.md", "print(6 * 7)"),
        write_page(tmp_path / "two.md", "import os\nprint(os.getcwd())"),
    )


def test_each_notebook_once_then_only_what_changed(tmp_path, pages):
    cache = tmp_path / "cache"
    first = execute(cache, *pages)
    assert first.returncode == 0, first.stderr
    assert "notebooks executed: 2 of 2 (the others are in the cache)" in first.stdout
    assert cached_outputs(cache, pages[0])[0]["text"] == "42\n"
    # Each notebook runs in its own folder, as the book build runs it.
    assert cached_outputs(cache, pages[1])[0]["text"] == f"{tmp_path}\n"

    assert "notebooks executed: 0 of 2" in execute(cache, *pages).stdout
    write_page(pages[0], "print(6 * 9)")
    again = execute(cache, *pages)
    assert "notebooks executed: 1 of 2" in again.stdout
    assert cached_outputs(cache, pages[0])[0]["text"] == "54\n"


def test_a_notebook_that_raises_is_named_with_its_traceback(tmp_path, pages):
    broken = write_page(tmp_path / "broken.md", "1 / 0")
    done = execute(tmp_path / "cache", pages[0], broken)
    assert done.returncode == 1
    assert "FAILED broken.md" in done.stderr and "ZeroDivisionError" in done.stderr
    with pytest.raises(KeyError):
        cached_outputs(tmp_path / "cache", broken)


def test_a_notebook_named_alone_is_executed_too(tmp_path, pages):
    cache = tmp_path / "cache"
    done = execute(cache, pages[0], "--alone", pages[1])
    assert done.returncode == 0, done.stderr
    assert "notebooks executed: 2 of 2" in done.stdout
    assert cached_outputs(cache, pages[1])[0]["text"] == f"{tmp_path}\n"


def test_a_missing_notebook_is_named(tmp_path):
    done = execute(tmp_path / "cache", tmp_path / "nowhere.md")
    assert done.returncode == 2
    assert "argument notebooks: no such file" in done.stderr and "nowhere.md" in done.stderr


def test_the_notebook_with_the_most_code_starts_first(tmp_path):
    """One notebook per core at a time, the most code first: named last, among many short
    ones, it is still among the first the cores start (jupyter-cache's own pairs, in the
    order given, started it last)."""
    cores = len(os.sched_getaffinity(0))
    started = tmp_path / "started.txt"
    record = f"open({str(started)!r}, 'a').write('{{}}\\n')\nimport time; time.sleep(0.5)"
    short = [
        write_page(tmp_path / f"short{n}.md", record.format(f"short{n}")) for n in range(cores + 2)
    ]
    padding = "\n".join(f"step_{n} = {n}" for n in range(200))
    long = write_page(tmp_path / "long.md", record.format("long") + "\n" + padding)
    done = execute(tmp_path / "cache", *short, long)
    assert done.returncode == 0, done.stderr
    order = started.read_text().split()
    assert len(order) == cores + 3 and "long" in order[:cores], order


def test_the_cache_is_written_by_one_process_at_a_time(tmp_path):
    """A worker stores its notebook only while it holds the cache's write lock: while this
    test holds it, the tool executes the notebook but cannot store it, and stores it once
    the lock is let go."""
    cache, ran = tmp_path / "cache", tmp_path / "ran.txt"
    page = write_page(tmp_path / "page.md", f"open({str(ran)!r}, 'w').close()\nprint(6 * 7)")
    cache.mkdir()
    command = [sys.executable, str(TOOL), "--cache", str(cache), str(page)]
    with open(cache / "write.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tool = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not ran.exists() and tool.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ran.exists(), "the notebook never ran"
        # Storing takes a fraction of a second once the kernel has stopped.
        time.sleep(3)
        assert tool.poll() is None, f"the tool finished with the cache locked: {tool.stdout.read()}"
        with pytest.raises(KeyError):
            cached_outputs(cache, page)
    assert tool.wait(timeout=60) == 0
    assert "notebooks executed: 1 of 1" in tool.stdout.read()
    assert cached_outputs(cache, page)[0]["text"] == "42\n"
