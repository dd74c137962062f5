"""The kernels `pytest --nbval` starts in this repository (conftest.py) listen on Unix
sockets: a TCP port that another process takes before the kernel binds it kills the kernel
at its start."""

import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbformat.v4 import new_code_cell, new_notebook, new_output

REPOSITORY = Path(__file__).resolve().parents[1]
TRANSPORT = (
    "import json\n"
    "from ipykernel.connect import get_connection_info\n"
    "print(json.loads(get_connection_info())['transport'])"
)


def test_a_kernel_whose_port_is_taken_dies_at_its_start():
    # What a port taken between the client's choice and the kernel's bind does. Without
    # cache_ports=False the manager replaces the port asked for with one of its own choice.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        manager = KernelManager(kernel_name="python3", shell_port=port, cache_ports=False)
        manager.start_kernel(stderr=subprocess.DEVNULL)
        client = manager.client()
        client.start_channels()
        try:
            with pytest.raises(RuntimeError, match="Kernel died before replying to kernel_info"):
                client.wait_for_ready(timeout=60)
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)


def test_nbval_runs_each_notebook_in_a_kernel_on_unix_sockets():
    # Under the repository, as the book's notebooks are, so that its conftest.py applies.
    (REPOSITORY / "_build").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="nbval-kernels-", dir=REPOSITORY / "_build"))
    try:
        cell = new_code_cell(TRANSPORT, execution_count=1)
        cell.outputs = [new_output("stream", name="stdout", text="ipc\n")]
        notebook = folder / "transport.ipynb"
        nbformat.write(new_notebook(cells=[cell]), notebook)
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider"]
            + ["--nbval", str(notebook)],
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(folder)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 passed" in done.stdout, done.stdout[-3000:]
