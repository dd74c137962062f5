"""How long the chapter's training takes with each way of reading minibatches.

Trains the chapter's model (1,000 examples, batch size 10, learning rate 0.03, 3 epochs)
once per iterator: data_iter, load_array (Gluon's DataLoader) and fast_data_iter. Reports
the seconds per epoch, the share of that time spent waiting for minibatches, and the
final training loss, which must be the same for every iterator up to the noise of the
data (a squared loss of about 0.01**2 / 2 = 0.00005).

    python benchmarks/training.py
    python benchmarks/training.py --json training.json

The times are this machine's at this moment; each is the best of a few rounds that take
the iterators in turn.
"""

import argparse
import os
import random
import sys
import time

import numpy as onp
from command_line import positive_int, write_json  # benchmarks/command_line.py
from iterators import (  # benchmarks/iterators.py
    ITERATORS,
    TRUE_B,
    TRUE_W,
    batch_maker,
)
from mxnet import autograd, np, npx

from d2l_mini import linreg, sgd, squared_loss, synthetic_data

npx.set_np()

NUM_EXAMPLES, BATCH_SIZE, LR, NUM_EPOCHS = 1_000, 10, 0.03, 3


def seed_everything(seed: int) -> None:
    """The three generators the iterators and the initialisation draw from."""
    random.seed(seed)
    onp.random.seed(seed)
    npx.random.seed(seed)


def train(make_batches, features, labels, measure_reading: bool):
    """The chapter's training loop. Returns (seconds, seconds reading batches, final loss).

    With measure_reading, every batch is waited for before the clock moves on, and every
    step too, so that work MXNet does lazily is billed to the phase that asked for it;
    without it, the loop runs exactly as the chapter writes it and reading is not timed.
    """
    w = np.random.normal(0, 0.01, (2, 1))
    b = np.zeros(1)
    w.attach_grad()
    b.attach_grad()
    reading = 0.0
    start = time.perf_counter()
    for _ in range(NUM_EPOCHS):
        batches = iter(make_batches())
        while True:
            asked = time.perf_counter()
            batch = next(batches, None)
            if batch is None:
                break
            X, y = batch
            if measure_reading:
                X.wait_to_read()
                y.wait_to_read()
                reading += time.perf_counter() - asked
            with autograd.record():
                loss = squared_loss(linreg(X, w, b), y)
            loss.backward()
            sgd([w, b], LR, BATCH_SIZE)
            if measure_reading:
                w.wait_to_read()
                b.wait_to_read()
        # The chapter reports the loss on the whole data set after every epoch.
        final_loss = float(squared_loss(linreg(features, w, b), labels).mean())
    return time.perf_counter() - start, reading, final_loss


def measure(repeats: int):
    """One record per iterator: its best time over `repeats` rounds.

    Each round trains once with every iterator in turn, so a few slow seconds on a shared
    machine cost every iterator one round, instead of all the runs of one of them.
    """
    seed_everything(0)
    features, labels = synthetic_data(np.array(TRUE_W), TRUE_B, NUM_EXAMPLES)
    makers = {name: batch_maker(name, BATCH_SIZE, features, labels) for name in ITERATORS}
    best = dict.fromkeys(ITERATORS, float("inf"))
    best_share = dict.fromkeys(ITERATORS, (float("inf"), None))
    final_loss = {}
    for _ in range(repeats):
        for name in ITERATORS:
            # Same seed on every run: same initial w, same order, same final loss.
            seed_everything(1)
            seconds, _, final_loss[name] = train(makers[name], features, labels, False)
            best[name] = min(best[name], seconds)
            seed_everything(1)
            seconds, reading, _ = train(makers[name], features, labels, True)
            if seconds < best_share[name][0]:
                best_share[name] = (seconds, reading / seconds)
    return [
        {
            "iterator": name,
            "seconds_per_epoch": best[name] / NUM_EPOCHS,
            "final_loss": final_loss[name],
            "reading_share": best_share[name][1],
        }
        for name in ITERATORS
    ]


def format_table(records) -> str:
    baseline = records[0]["seconds_per_epoch"]
    lines = [
        f"{'iterator':<15} {'s/epoch':>8} {'speed-up':>9} {'reading':>8} {'final loss':>11}",
    ]
    for r in records:
        lines.append(
            f"{r['iterator']:<15} {r['seconds_per_epoch']:>8.3f}"
            f" {baseline / r['seconds_per_epoch']:>8.1f}x {r['reading_share']:>8.0%}"
            f" {r['final_loss']:>11.6f}"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeats", type=positive_int, default=3, help="rounds over the iterators (default 3)"
    )
    parser.add_argument("--json", metavar="PATH", help="write the records to PATH as JSON")
    args = parser.parse_args(argv)

    print(
        f"CPU cores: {os.cpu_count()}; {NUM_EPOCHS} epochs of {NUM_EXAMPLES:,} examples,"
        f" batch {BATCH_SIZE}, lr {LR}; best of {args.repeats} rounds"
    )
    records = measure(args.repeats)
    print(format_table(records))
    print("speed-up: data_iter's seconds per epoch divided by the row's;")
    print("reading: share of an epoch spent waiting for minibatches (timed in separate runs)")
    if args.json:
        write_json(args.json, records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
