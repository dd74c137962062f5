"""Collect the book's MyST Markdown notebooks as nbval tests.

nbval reads only .ipynb files. A MyST notebook (a .md file whose header names a jupytext
format and a kernelspec) is read here with jupytext and handed to nbval's own collector, so
each code cell becomes one test item, run in order in one kernel, as nbval does. The
sources hold no outputs, so cells are checked for errors, not compared with stored outputs;
`make notebooks` compares the outputs the book build stored.

nbval's kernels listen on Unix sockets, as the grader's do, not on TCP ports. The client
picks free ports and closes them, and the kernel binds them only when it has started: a
port taken in between by another process (CI runs kernels of several Pythons at once)
kills the kernel at its start, and nbval reports "Kernel died before replying to
kernel_info" for every cell of the notebook. A socket at a path of its own is never taken.
"""

import os
import tempfile
import uuid
from unittest import mock

import jupytext
import nbval.kernel
import nbval.plugin
from jupyter_client.manager import KernelManager
from nbval.plugin import IPyNbFile

HEADER_LINES = 40


def is_myst_notebook(path) -> bool:
    """A .md file whose front matter has both a jupytext section and a kernelspec."""
    with open(path, encoding="utf-8") as handle:
        if handle.readline().strip() != "---":
            return False
        header = []
        for _ in range(HEADER_LINES):
            line = handle.readline()
            if not line or line.strip() == "---":
                break
            header.append(line)
    text = "".join(header)
    return "jupytext:" in text and "kernelspec:" in text


class MystNotebookFile(IPyNbFile):
    """nbval's notebook collector, fed by jupytext instead of nbformat.read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.compare_outputs = False

    def collect(self):
        notebook = jupytext.read(str(self.path))
        # nbval's collect() reads the file with nbformat; give it the jupytext notebook.
        with mock.patch.object(nbval.plugin.nbformat, "read", return_value=notebook):
            return list(super().collect())


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".md" and is_myst_notebook(file_path):
        return MystNotebookFile.from_parent(parent, path=file_path)
    return None


def unix_socket_kernel_manager(**kwargs) -> KernelManager:
    """A kernel manager whose kernel listens on Unix sockets under a path of its own."""
    path = os.path.join(tempfile.gettempdir(), f"nbval-kernel-{uuid.uuid4().hex}")
    return KernelManager(transport="ipc", ip=path, **kwargs)


# nbval.kernel.start_new_kernel creates its manager through this name.
nbval.kernel.KernelManager = unix_socket_kernel_manager
