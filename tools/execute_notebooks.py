"""Execute the book's notebooks whose code changed, one per core, into the build's cache.

    python tools/execute_notebooks.py --cache _build/.jupyter_cache chapters/*.md ...

The book build (`execute_notebooks: cache`) executes a notebook that is not in its execution
cache itself, one after another. Filled beforehand, in parallel, the cache serves the build
every notebook instead. A notebook is known to the cache by its code, read as MyST-NB reads
the page (jupyter-cache's `myst_nb_md` reader), so a notebook whose code did not change since
its last execution is not executed again. Exits 1 if a notebook raised, with its name and
traceback.
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
    parser.add_argument("notebooks", nargs="+", type=Path, help="MyST notebooks (.md)")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.notebooks if not path.is_file()]
    if missing:
        parser.error(f"argument notebooks: no such file: {', '.join(missing)}")

    cache = get_cache(args.cache)
    uris = [
        cache.add_nb_to_project(str(path.resolve()), read_data=READER).uri
        for path in args.notebooks
    ]
    logger = logging.getLogger("execute_notebooks")
    logger.setLevel(logging.WARNING)
    result = load_executor("local-parallel", cache=cache, logger=logger).run_and_cache(
        # Only these notebooks: one renamed or removed since an earlier run stays in the
        # cache's project, and is not executed.
        filter_uris=uris,
        timeout=args.timeout,
        allow_errors=False,
    )
    executed = len(result.succeeded) + len(result.excepted) + len(result.errored)
    print(f"notebooks executed: {executed} of {len(args.notebooks)} (the rest are cached)")
    failed = sorted(result.excepted + result.errored)
    for uri in failed:
        traceback = cache.get_project_record(uri).traceback or "(no traceback: see above)"
        print(f"FAILED {os.path.relpath(uri)}\n{traceback}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
