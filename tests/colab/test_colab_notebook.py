"""A downloaded notebook runs as in Colab: Python 3.12 with NumPy 2, no MXNet, no restart.

The environment stands in for Colab's: a fresh virtual environment of COLAB_PYTHON with
NumPy, matplotlib and ipykernel preinstalled, a `google.colab` module imported at kernel
start (which is how the setup cell knows it is in Colab), and no network: pip may install
only from a local folder holding MXNet's wheel and a wheel of this checkout's d2l_mini.
Run with `make test-colab` after `make book` (it needs the book's downloadable notebooks and
the notebooks branch laid out from them). Two notebooks run: a chapter's, downloaded from the
book, and an exercise's student edition from the branch, with an answer filled in.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parents[2]
NOTEBOOK = ROOT / "_build" / "html" / "chapters" / "07_training.ipynb"
# The student edition as the notebooks branch holds it (make notebooks-branch).
STUDENT = ROOT / "_build" / "notebooks-branch" / "student" / "exercises" / "02_ohms-law.ipynb"
# Preinstalled, as in Colab: NumPy 2, matplotlib and ipykernel (no MXNet, no d2l_mini).
PREINSTALLED = ["numpy==2.0.2", "matplotlib==3.10.0", "ipykernel==6.17.1"]
GIT_SOURCE = "d2l_mini @ git+https://github.com/lr-from-scratch/linear-regression-from-scratch@main"


def run(*command, **kwargs):
    subprocess.run([str(part) for part in command], check=True, **kwargs)


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    python = os.environ.get("COLAB_PYTHON", "python3.12")
    base = tmp_path_factory.mktemp("colab")
    env_dir, wheels, stub, kernels = (base / n for n in ("env", "wheels", "stub", "kernels"))
    run(python, "-m", "venv", env_dir)
    env_python = env_dir / "bin" / "python"
    # uv, which make installs beside pytest, installs them in seconds; pip in a minute.
    uv = Path(sys.executable).with_name("uv")
    installer = (
        [uv, "pip", "install", "--python", env_python]
        if uv.exists()
        else [env_python, "-m", "pip", "install"]
    )
    run(*installer, "--quiet", *PREINSTALLED)
    # What the setup cell installs, fetched now, so that the notebook runs without network.
    run(
        env_python,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "-d",
        wheels,
        "mxnet==1.9.1",
        "graphviz==0.8.4",
        "setuptools",
    )
    # requests with what it needs: Colab has it, a bare environment does not.
    run(env_python, "-m", "pip", "download", "--quiet", "-d", wheels, "requests")
    run(env_python, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, ROOT)
    (stub / "google" / "colab").mkdir(parents=True)
    (stub / "google" / "colab" / "__init__.py").write_text('"""Stands in for Colab."""\n')
    spec = kernels / "kernels" / "colab"
    spec.mkdir(parents=True)
    argv = [
        str(env_python),
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
        "--IPKernelApp.exec_lines=['import google.colab']",
    ]
    spec.joinpath("kernel.json").write_text(
        json.dumps(
            {
                "argv": argv,
                "display_name": "Colab stand-in",
                "language": "python",
                "env": {
                    "PYTHONPATH": str(stub),
                    "PIP_NO_INDEX": "1",
                    "PIP_FIND_LINKS": str(wheels),
                    "PIP_CONFIG_FILE": os.devnull,
                },
            }
        )
    )
    return {"python": env_python, "kernels": kernels}


def test_downloaded_notebook_runs_top_to_bottom_as_in_colab(colab, monkeypatch):
    assert NOTEBOOK.exists(), "build the book first: make book"
    stored = nbformat.read(NOTEBOOK, as_version=4)
    setup = stored.cells[0]
    assert "google.colab" in setup.source and setup.source.count(GIT_SOURCE) == 1
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Colab would install d2l_mini from GitHub; here, the wheel of this checkout.
    notebook.cells[0].source = setup.source.replace(GIT_SOURCE, "d2l_mini")
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import sys, mxnet, numpy\nprint(sys.version_info[:2], numpy.__version__, "
            "mxnet.__version__, 'mxnet_compat' in sys.modules)"
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(colab["kernels"]))
    # Run where the checkout is not on the path, so d2l_mini and mxnet_compat come from the
    # installed wheel, as they would in Colab.
    workdir = colab["kernels"].parent / "work"
    workdir.mkdir(exist_ok=True)
    NotebookClient(
        notebook, kernel_name="colab", timeout=600, resources={"metadata": {"path": str(workdir)}}
    ).execute()

    # Same kernel from top to bottom, NumPy left as Colab had it (no restart to downgrade).
    # One print can arrive as several stream outputs, split where the kernel flushed.
    versions = texts(notebook.cells[-1]).strip()
    assert versions == "(3, 12) 2.0.2 1.9.1 True"
    # Every printed line and value as in the book, which Python 3.11 and NumPy 1.23 made.
    for ran, book in zip(notebook.cells[1:-1], stored.cells[1:], strict=True):
        if ran.cell_type == "code":
            assert texts(ran) == texts(book), ran.source


def test_student_notebook_from_the_branch_runs_to_its_right_verdict_as_in_colab(colab, monkeypatch):
    assert STUDENT.exists(), "lay out the notebooks branch first: make notebooks-branch"
    notebook = nbformat.read(STUDENT, as_version=4)
    setup = notebook.cells[0]
    assert "colab-setup" in setup.metadata["tags"] and setup.source.count(GIT_SOURCE) == 1
    setup.source = setup.source.replace(GIT_SOURCE, "d2l_mini")
    # The student's answer, in the cell left for it: the least-squares slope, by NumPy.
    blanks = [cell for cell in notebook.cells if cell.source.endswith("my_resistance = None")]
    assert len(blanks) == 1, "the student notebook has no one cell for the answer"
    blanks[0].source = blanks[0].source.replace(
        "my_resistance = None",
        "my_resistance = onp.polyfit(currents.asnumpy(), voltages.asnumpy(), 1)[0]",
    )
    monkeypatch.setenv("JUPYTER_PATH", str(colab["kernels"]))
    workdir = colab["kernels"].parent / "student"
    workdir.mkdir(exist_ok=True)
    NotebookClient(
        notebook, kernel_name="colab", timeout=600, resources={"metadata": {"path": str(workdir)}}
    ).execute()

    verdicts = [
        texts(cell) for cell in notebook.cells if "check_resistance(my_resistance" in cell.source
    ]
    assert len(verdicts) == 1 and verdicts[0].startswith("Right: "), verdicts


def texts(cell):
    """The text a code cell showed: printed lines and plain-text values."""
    shown = []
    for output in cell.outputs:
        if output["output_type"] == "stream":
            shown.append(output["text"])
        elif "text/plain" in output.get("data", {}):
            shown.append(output["data"]["text/plain"])
    return "".join(shown)


def test_colab_python_is_the_one_colab_runs():
    python = os.environ.get("COLAB_PYTHON", "python3.12")
    done = subprocess.run(
        [python, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "(3, 12)"
    assert sys.version_info[:2] >= (3, 11)
