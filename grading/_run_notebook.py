"""Execute one notebook in a fresh kernel and write its answers as JSON; the grader's child.

    python -m grading._run_notebook NOTEBOOK RESULT MEMORY_BYTES NAME [NAME ...]

Runs in the submission's scratch folder, as the unprivileged user the grader chose. It runs
the code cells in order, as Run All does, stopping at the first cell that raises; then it
reads the answer variables NAME ... out of the kernel as JSON (grading._answers) and writes
RESULT: {"answers": text printed by the kernel, "error": {...} or null, "died": bool}.
Before every cell it writes the cell's number to RESULT + ".cell", so that the grader can say
where a notebook was stopped. The grader trusts nothing here but the JSON's shape: this
process and the kernel run the student's code.
"""

import json
import os
import resource
import sys

# Virtual memory beyond the resident-memory limit: MXNet maps about 1 GiB it never touches
# (thread stacks, allocator arenas), more on machines with more cores. The grader polls
# resident memory; this cap only stops an allocation so large the polling would be late.
ADDRESS_SPACE_HEADROOM = 8 * 2**30


def limit_resources(memory_bytes: int) -> None:
    address_space = memory_bytes + ADDRESS_SPACE_HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def kernel_spec() -> str:
    """A kernel spec that runs this very Python, in JUPYTER_DATA_DIR (inside the scratch
    folder): whatever kernel the notebook names, or a "python3" installed elsewhere."""
    name = "grading-python"
    folder = os.path.join(os.environ["JUPYTER_DATA_DIR"], "kernels", name)
    os.makedirs(folder, exist_ok=True)
    argv = [sys.executable, "-s", "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "Python 3", "language": "python"}
    with open(os.path.join(folder, "kernel.json"), "w") as handle:
        json.dump(spec, handle)
    return name


def main(argv) -> int:
    notebook_path, result_path, memory_bytes, *names = argv
    limit_resources(int(memory_bytes))

    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    from grading._answers import kernel_code

    notebook = nbformat.read(notebook_path, as_version=4)
    # Unix sockets in the scratch folder, not TCP ports: no port can be taken by another
    # kernel starting at the same moment, and no other user can reach this kernel.
    # The asynchronous manager: with a blocking client, nbclient waits for a reply that a
    # kernel ended by os._exit never sends, and never gets to check that it is alive.
    manager = AsyncKernelManager(kernel_name=kernel_spec(), transport="ipc", ip="kernel")
    client = NotebookClient(notebook, km=manager, timeout=None, allow_errors=False)
    result = {"answers": None, "error": None, "died": False}
    code_cells = 0
    try:
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                code_cells += 1
                with open(result_path + ".cell", "w") as handle:
                    handle.write(str(code_cells))
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    result["error"] = {
                        "cell": code_cells,
                        "ename": error.ename,
                        "evalue": str(error.evalue)[:500],
                    }
                    break
            reader = nbformat.v4.new_code_cell(kernel_code(names))
            notebook.cells.append(reader)
            try:
                client.execute_cell(reader, len(notebook.cells) - 1)
            except CellExecutionError as error:
                # The notebook broke the kernel's own machinery (get_ipython, print, json).
                result["unreadable"] = f"{error.ename}: {str(error.evalue)[:200]}"
            result["answers"] = "".join(
                output.get("text", "")
                for output in reader.outputs
                if output.get("name") == "stdout"
            )
    except DeadKernelError:
        result["died"] = True
        result["error"] = {"cell": code_cells, "ename": "DeadKernelError", "evalue": ""}
    with open(result_path, "w") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
