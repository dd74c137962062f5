"""Execute the book's notebooks whose code changed, one per core, into the build's cache.

    python tools/execute_notebooks.py --cache _build/.jupyter_cache chapters/*.md ...

The book build (`execute_notebooks: cache`) executes a notebook that is not in its execution
cache itself, one after another. Filled beforehand, in parallel (one notebook per core, the
longest first), the cache serves the build every notebook instead. A notebook is known to the
cache by its code, read as MyST-NB reads the page (jupyter-cache's `myst_nb_md` reader), so a
notebook whose code did not change since its last execution is not executed again. A notebook
named with --alone (one that times code, and checks what it measured) is executed after the
others, with no other notebook running beside it. Exits 1 if a notebook raised, with its
name and traceback.
"""

import argparse
import fcntl
import logging
import multiprocessing
import os
import sys
from pathlib import Path

from jupyter_cache.cache.main import JupyterCacheBase
from jupyter_cache.executors import load_executor
from jupyter_cache.executors.base import ExecutorRunResult
from jupyter_cache.executors.basic import (
    ExecutionWorkerLocalMProc,
    JupyterExecutorLocalMproc,
    ProcessData,
)

READER = {"name": "myst_nb_md", "type": "plugin"}
# The file in the cache's folder that a process holds (flock) while it writes the cache.
WRITE_LOCK = "write.lock"


class OneWriterCache(JupyterCacheBase):
    """jupyter-cache's cache, written by one process at a time.

    Each worker process stores the notebook it executed itself, and jupyter-cache then trims
    the cache to its size limit: it reads the records to keep, then every other record, in
    two queries. A record another worker created between the two was taken for an old one
    and removed before that worker had written its file, and the run failed with "KeyError:
    Notebook file does not exist for cache record PK" (seen with the cores busy).
    """

    def cache_notebook_bundle(self, *args, **kwargs):
        with open(self.path / WRITE_LOCK, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return super().cache_notebook_bundle(*args, **kwargs)


class LongestFirst(JupyterExecutorLocalMproc):
    """jupyter-cache's executor "local-parallel", handing out one notebook at a time to the
    next free core, the one with the most code first. jupyter-cache's own hands them out in
    fixed pairs, in the order they joined the project, so the longest notebook (exercise 6,
    a quarter of all the execution time) could start last while the other core sat idle."""

    def run_and_cache(self, *, filter_uris=None, filter_pks=None, timeout=30, allow_errors=False):
        records = self.get_records(filter_uris, filter_pks, clear_tracebacks=True)
        records.sort(key=lambda record: code_length(self.cache, record.pk), reverse=True)
        work = [ProcessData(r.pk, r.uri, self.cache, timeout, allow_errors) for r in records]
        with multiprocessing.Pool(len(os.sched_getaffinity(0))) as pool:
            results = list(pool.imap_unordered(ExecutionWorkerLocalMProc(), work, chunksize=1))
        return ExecutorRunResult(
            succeeded=[uri for status, uri in results if status == 0],
            excepted=[uri for status, uri in results if status == 1],
            errored=[uri for status, uri in results if status == 2],
        )


def code_length(cache, pk: int) -> int:
    """Characters of code in a project notebook: what its execution time grows with."""
    cells = cache.get_project_notebook(pk).nb.cells
    return sum(len(cell.source) for cell in cells if cell.cell_type == "code")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", required=True, type=Path, help="the build's execution cache")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell (300)")
    parser.add_argument(
        "--alone",
        action="append",
        default=[],
        type=Path,
        metavar="NOTEBOOK",
        help="a notebook to execute after the others, alone (repeat for several)",
    )
    parser.add_argument("notebooks", nargs="+", type=Path, help="MyST notebooks (.md)")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.notebooks + args.alone if not path.is_file()]
    if missing:
        parser.error(f"argument notebooks: no such file: {', '.join(missing)}")

    cache = OneWriterCache(args.cache)
    logger = logging.getLogger("execute_notebooks")
    logger.setLevel(logging.WARNING)
    succeeded, failed = [], []
    # Only these notebooks: one renamed or removed since an earlier run stays in the cache's
    # project, and is not executed.
    for parallel, paths in ((True, args.notebooks), (False, args.alone)):
        uris = [cache.add_nb_to_project(str(p.resolve()), read_data=READER).uri for p in paths]
        if not uris:
            continue
        if parallel:
            executor = LongestFirst(cache=cache, logger=logger)
        else:
            executor = load_executor("local-serial", cache=cache, logger=logger)
        result = executor.run_and_cache(filter_uris=uris, timeout=args.timeout, allow_errors=False)
        succeeded += result.succeeded
        failed += result.excepted + result.errored
    total = len(args.notebooks) + len(args.alone)
    executed = len(succeeded) + len(failed)
    print(f"notebooks executed: {executed} of {total} (the others are in the cache)")
    for uri in sorted(failed):
        traceback = cache.get_project_record(uri).traceback or "(no traceback: see above)"
        print(f"FAILED {os.path.relpath(uri)}\n{traceback}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
