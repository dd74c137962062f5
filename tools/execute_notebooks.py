"""Execute the book's notebooks whose code changed, one per core, into the build's cache.

    python tools/execute_notebooks.py --cache _build/.jupyter_cache chapters/*.md ...

The book build (`execute_notebooks: cache`) executes a notebook that is not in its execution
cache itself, one after another. Filled beforehand, in parallel, the cache serves the build
every notebook instead. A notebook is known to the cache by its code, read as MyST-NB reads
the page (jupyter-cache's `myst_nb_md` reader), so a notebook whose code did not change since
its last execution is not executed again. A notebook named with --alone (one that times
code, and checks what it measured) is executed after the others, with no other notebook
running beside it. Exits 1 if a notebook raised, with its name and traceback.
"""

import argparse
import logging
import os
import sys
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

READER = {"name": "myst_nb_md", "type": "plugin"}


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

    cache = get_cache(args.cache)
    logger = logging.getLogger("execute_notebooks")
    logger.setLevel(logging.WARNING)
    succeeded, failed = [], []
    # Only these notebooks: one renamed or removed since an earlier run stays in the cache's
    # project, and is not executed.
    for executor, paths in (("local-parallel", args.notebooks), ("local-serial", args.alone)):
        uris = [cache.add_nb_to_project(str(p.resolve()), read_data=READER).uri for p in paths]
        if not uris:
            continue
        result = load_executor(executor, cache=cache, logger=logger).run_and_cache(
            filter_uris=uris, timeout=args.timeout, allow_errors=False
        )
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
