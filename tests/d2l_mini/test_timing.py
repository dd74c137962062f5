"""d2l_mini.timing: examples per second, against iterators of a known speed."""

import time

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini import examples_per_second, fast_data_iter

npx.set_np()


def test_examples_per_second_counts_a_whole_pass():
    features, labels = np.array(onp.zeros((103, 2))), np.array(onp.zeros(103))
    # A budget so large that no pass is cut short, so the count is checked.
    with pytest.raises(ValueError, match="expected 50"):
        examples_per_second(lambda: fast_data_iter(10, features, labels), 50, 30.0)


def slow_batches(num_batches, seconds_per_batch):
    X, y = np.zeros((10, 2)), np.zeros(10)
    for _ in range(num_batches):
        time.sleep(seconds_per_batch)
        yield X, y


def test_examples_per_second_of_a_known_speed():
    # 10 examples every 10 ms is 1,000 per second; sleep can only overshoot, and a busy
    # machine can make it overshoot a lot, hence the wide lower bound.
    rate = examples_per_second(lambda: slow_batches(10, 0.01), 100, 0.3)
    assert 1_000 / 3 < rate <= 1_000, rate


def test_a_long_pass_is_cut_short_and_estimated():
    # A 3 s pass, cut after about 0.05 s and extrapolated from the batches read.
    start = time.perf_counter()
    rate = examples_per_second(lambda: slow_batches(300, 0.01), 3_000, 0.15)
    assert time.perf_counter() - start < 1.5, "the passes were not cut short"
    assert 1_000 / 3 < rate <= 1_000, rate
