"""Timing a data iterator: examples per second, the best of several passes."""

import time

from d2l_mini.argument_validation import check_positive_int, check_positive_number


def examples_per_second(make_batches, num_examples: int, budget_seconds: float = 0.5) -> float:
    """Examples per second that make_batches() delivers, from the fastest of several passes.

    make_batches: a function of no arguments returning a fresh iterable of (X, y)
    minibatches, X: (B, d), that covers num_examples examples once, such as
    lambda: fast_data_iter(10, features, labels); num_examples: n, a positive int;
    budget_seconds: a positive number. Returns a float, examples per second.

    Passes are read until budget_seconds are spent, and at least three; the fastest counts,
    since other programs can only slow a pass down. Every batch is waited for
    (wait_to_read), because MXNet computes lazily. A pass longer than a third of the budget
    is cut short and estimated: the time to the first batch, plus the average time per
    example after it. Raises ValueError if a whole pass yields other than num_examples.
    """
    check_positive_int(num_examples, "num_examples")
    check_positive_number(budget_seconds, "budget_seconds")
    cutoff = budget_seconds / 3
    spent, passes, fastest = 0.0, 0, float("inf")
    while passes < 3 or spent < budget_seconds:
        seconds = _time_one_pass(make_batches(), num_examples, cutoff)
        spent, passes, fastest = spent + seconds, passes + 1, min(fastest, seconds)
    return num_examples / fastest


def _time_one_pass(batches, num_examples: int, cutoff: float) -> float:
    start = time.perf_counter()
    read = first_read = 0
    to_first = 0.0
    for X, y in batches:
        X.wait_to_read()
        y.wait_to_read()
        read += X.shape[0]  # as len(X), without its second call into MXNet
        elapsed = time.perf_counter() - start
        if first_read == 0:
            to_first, first_read = elapsed, read
        elif elapsed > cutoff and read < num_examples:
            per_example = (elapsed - to_first) / (read - first_read)
            return to_first + per_example * (num_examples - first_read)
    if read != num_examples:
        raise ValueError(f"make_batches() yielded {read} examples, expected {num_examples}")
    return time.perf_counter() - start
