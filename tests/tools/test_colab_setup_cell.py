"""tools/colab_setup_cell.py: the first cell of every notebook the book offers.

Its code runs here with `subprocess.run` and `mxnet_compat` replaced by recorders, once as
outside Colab and once with a `google.colab` module present, as Colab has.
"""

import sys
import types
from pathlib import Path

import pytest
import yaml

REPOSITORY = Path(__file__).resolve().parents[2]
CELL = (REPOSITORY / "tools" / "colab_setup_cell.py").read_text(encoding="utf-8")
CONFIG = yaml.safe_load((REPOSITORY / "_config.yml").read_text(encoding="utf-8"))


@pytest.fixture
def recorded(monkeypatch):
    """Runs the cell; returns the commands it ran and whether it installed mxnet_compat."""
    import subprocess

    commands, installed = [], []
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: commands.append(command))
    compat = types.ModuleType("mxnet_compat")
    compat.install = lambda: installed.append(True)
    monkeypatch.setitem(sys.modules, "mxnet_compat", compat)

    def run():
        exec(compile(CELL, "colab_setup_cell.py", "exec"), {})
        return commands, installed

    return run


def test_outside_colab_the_cell_does_nothing(recorded, monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    assert recorded() == ([], [])


def test_in_colab_it_installs_mxnet_without_its_numpy_pin_then_the_books_helpers(
    recorded, monkeypatch
):
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    commands, installed = recorded()
    assert len(commands) == 2 and installed == [True]
    first, second = commands
    assert first[-2:] == ["--no-deps", "mxnet==1.9.1"], first
    # d2l_mini (with grading and mxnet_compat) from this repository's main branch.
    source = f"d2l_mini @ git+{CONFIG['repository']['url']}@{CONFIG['repository']['branch']}"
    assert source in second and "--no-deps" not in second, second
