"""What mxnet_compat adds to `import mxnet`, and what mxnet_op_cache saves, in milliseconds.

    python benchmarks/import_mxnet.py [--repeat N] [--json PATH]

Each round starts fresh Pythons of this environment and measures, side by side:
- start-up: importing mxnet_compat from its .pth file (from `python -X importtime`);
- restore: the import hook's work when MXNet is first imported (restoring NumPy's names);
- import mxnet: the whole import, NumPy already imported (MXNet needs it in any case), with
  the operator functions taken from mxnet_op_cache's store, and, in the same round, with
  MXNet compiling them itself (the store's import hook removed).
The layer's cost is start-up + restore. Target: under 50 ms.
"""

import argparse
import json
import statistics
import subprocess
import sys

from command_line import positive_int, write_json

TIMED_IMPORT = """
import json, time
import numpy
import mxnet_compat
import mxnet_op_cache

if COMPILE_AT_IMPORT:
    mxnet_op_cache.uninstall()

spent = []
real_restore = mxnet_compat.restore

def timed_restore():
    start = time.perf_counter()
    added = real_restore()
    spent.append(time.perf_counter() - start)
    return added

mxnet_compat.restore = timed_restore
start = time.perf_counter()
import mxnet
total = time.perf_counter() - start
print(json.dumps({"restore": spent[0] * 1e3, "import mxnet": total * 1e3}))
"""


def start_up_ms() -> float:
    """Milliseconds Python spends importing mxnet_compat at start-up (its .pth file)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True
    )
    for line in done.stderr.splitlines():
        fields = line.split("|")
        if len(fields) == 3 and fields[2].strip() == "mxnet_compat":
            return int(fields[1]) / 1e3
    raise SystemExit(
        "mxnet_compat is not imported at start-up: run python -m mxnet_compat --install"
    )


def timed_import(compile_at_import: bool) -> dict:
    code = f"COMPILE_AT_IMPORT = {compile_at_import}\n{TIMED_IMPORT}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def one_round() -> dict:
    figures = timed_import(compile_at_import=False)
    figures["compiling"] = timed_import(compile_at_import=True)["import mxnet"]
    figures["start-up"] = start_up_ms()
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=positive_int, default=7, help="rounds (default 7)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    rounds = [one_round() for _ in range(args.repeat)]
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    layer = median["start-up"] + median["restore"]
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    import numpy

    print(f"Python {python}, NumPy {numpy.__version__}, median of {args.repeat} rounds (ms):")
    print(f"  start-up (import mxnet_compat)  {median['start-up']:8.1f}")
    print(f"  restore (at first import mxnet) {median['restore']:8.1f}")
    print(f"  layer in all                    {layer:8.1f}   (target < 50)")
    print(f"  import mxnet, whole             {median['import mxnet']:8.1f}")
    print(f"  layer / import mxnet            {layer / median['import mxnet']:8.3f}")
    print("  import mxnet, compiling its operator functions (no mxnet_op_cache store)")
    print(f"                                  {median['compiling']:8.1f}")
    print(f"  import mxnet, store / compiling {median['import mxnet'] / median['compiling']:8.3f}")
    if args.json:
        write_json(args.json, {"python": python, "median_ms": median, "rounds": rounds})


if __name__ == "__main__":
    main()
