"""How many examples per second each way of reading minibatches delivers.

Compares the chapter's data_iter, Gluon's DataLoader (load_array) and fast_data_iter on
synthetic data sets of several sizes and at several batch sizes, and prints each one's
speed as a multiple of data_iter's.

    python benchmarks/iterators.py                 # 1,000 and 100,000 examples, batch 10, 1000
    python benchmarks/iterators.py --quick         # 1,000 examples, batch 10 and 100: seconds
    python benchmarks/iterators.py --json out.json # also write the records as JSON

The speeds are those of this machine at this moment: other programs running at the same
time slow every iterator down, which is why each figure is the best of several passes,
taken in rounds that alternate between the iterators.
"""

import argparse
import os
import random
import sys

import numpy as onp
from command_line import positive_int, positive_seconds, write_json  # benchmarks/command_line.py
from mxnet import np, npx

from d2l_mini import data_iter, examples_per_second, fast_data_iter, load_array, synthetic_data

npx.set_np()

ITERATORS = ("data_iter", "load_array", "fast_data_iter")
TRUE_W, TRUE_B = [2, -3.4], 4.2
ROUNDS = 5


def batch_maker(name: str, batch_size: int, features, labels):
    """A function that returns a fresh pass of (X, y) batches with the named iterator."""
    if name == "data_iter":
        return lambda: data_iter(batch_size, features, labels)
    if name == "fast_data_iter":
        return lambda: fast_data_iter(batch_size, features, labels)
    if name == "load_array":
        # Built once, as a training loop would: each pass over it reshuffles.
        loader = load_array((features, labels), batch_size)
        return lambda: loader
    raise ValueError(f"name must be one of {ITERATORS}, got {name!r}")


def measure(num_examples_list, batch_sizes, budget_seconds: float, iterators=ITERATORS):
    """One record per (data set size, batch size, iterator), in that order.

    Each iterator's budget at each size is split over ROUNDS rounds that take the iterators
    in turn, and its best round counts: a few slow seconds on a shared machine then cost
    every iterator one round, instead of all the passes of whichever was being timed.
    """
    random.seed(0)
    onp.random.seed(0)
    npx.random.seed(0)
    records = []
    for num_examples in num_examples_list:
        features, labels = synthetic_data(np.array(TRUE_W), TRUE_B, num_examples)
        for batch_size in batch_sizes:
            makers = {name: batch_maker(name, batch_size, features, labels) for name in iterators}
            best = dict.fromkeys(iterators, 0.0)
            for _ in range(ROUNDS):
                for name in iterators:
                    speed = examples_per_second(makers[name], num_examples, budget_seconds / ROUNDS)
                    best[name] = max(best[name], speed)
            records.extend(
                {
                    "iterator": name,
                    "num_examples": num_examples,
                    "batch_size": batch_size,
                    "examples_per_second": best[name],
                }
                for name in iterators
            )
    return records


def ratios_to_data_iter(records):
    """Each record's speed divided by data_iter's on the same data set and batch size."""
    baseline = {
        (r["num_examples"], r["batch_size"]): r["examples_per_second"]
        for r in records
        if r["iterator"] == "data_iter"
    }
    return [
        r["examples_per_second"] / baseline[r["num_examples"], r["batch_size"]] for r in records
    ]


def format_table(records) -> str:
    lines = [
        f"{'examples':>9} {'batch':>6}  {'iterator':<15} {'examples/s':>12} {'vs data_iter':>13}"
    ]
    for record, ratio in zip(records, ratios_to_data_iter(records), strict=True):
        lines.append(
            f"{record['num_examples']:>9,} {record['batch_size']:>6}  {record['iterator']:<15}"
            f" {record['examples_per_second']:>12,.0f} {ratio:>12.1f}x"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="1,000 examples at batch 10 and 100, a few seconds"
    )
    parser.add_argument("--num-examples", type=positive_int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--batch-sizes", type=positive_int, nargs="+", default=[10, 1_000])
    parser.add_argument(
        "--budget",
        type=positive_seconds,
        default=3.0,
        help="seconds spent timing each iterator at each size (default 3)",
    )
    parser.add_argument("--json", metavar="PATH", help="write the records to PATH as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.num_examples, args.batch_sizes, args.budget = [1_000], [10, 100], 0.2

    print(
        f"CPU cores: {os.cpu_count()}; {args.budget} s per iterator and size, in {ROUNDS} rounds"
        " that take the iterators in turn; the best pass counts"
    )
    records = measure(args.num_examples, args.batch_sizes, args.budget)
    print(format_table(records))
    if args.json:
        write_json(args.json, records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
