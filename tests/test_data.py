"""d2l_mini.data: the synthetic data set and the minibatch reader."""

import random

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini import data_iter, synthetic_data

npx.set_np()


def test_synthetic_data_shapes():
    X, y = synthetic_data(np.array([2.0, -3.4, 1.0]), 4.2, 50)
    assert X.shape == (50, 3)
    assert y.shape == (50,)


def test_synthetic_data_follows_the_linear_model():
    npx.random.seed(7)
    true_w, true_b = onp.array([2.0, -3.4]), 4.2
    X, y = synthetic_data(np.array(true_w, dtype="float32"), true_b, 5000)
    X, y = X.asnumpy(), y.asnumpy()
    noise = y - X @ true_w - true_b
    # The noise is N(0, 0.01²): with 5000 draws its sample mean and std are this close.
    assert abs(noise.mean()) < 0.001
    assert 0.009 < noise.std() < 0.011
    assert abs(X.mean()) < 0.05 and 0.95 < X.std() < 1.05
    design = onp.hstack([X, onp.ones((len(X), 1))])
    fitted, *_ = onp.linalg.lstsq(design, y, rcond=None)
    onp.testing.assert_allclose(fitted, [2.0, -3.4, 4.2], atol=0.001)


@pytest.mark.parametrize("num_examples", [0, -3, 2.5, True, "10"])
def test_synthetic_data_rejects_bad_num_examples(num_examples):
    with pytest.raises(ValueError, match="num_examples"):
        synthetic_data(np.array([1.0, 2.0]), 0.0, num_examples)


@pytest.mark.parametrize("w", [np.ones((2, 1)), np.array(3.0), [2.0, -3.4]])
def test_synthetic_data_rejects_w_that_is_not_one_dimensional(w):
    with pytest.raises(ValueError, match="w must be a one-dimensional array"):
        synthetic_data(w, 0.0, 10)


def read_one_epoch(batch_size, num_examples):
    features = np.arange(num_examples * 2).reshape(num_examples, 2)
    labels = np.arange(num_examples)
    return list(data_iter(batch_size, features, labels)), features


def test_data_iter_visits_every_example_exactly_once():
    batches, features = read_one_epoch(10, 100)
    seen_labels = onp.concatenate([y.asnumpy() for _, y in batches])
    assert sorted(seen_labels.tolist()) == list(range(100))
    # Each feature row travels with its own label.
    for X, y in batches:
        onp.testing.assert_array_equal(X.asnumpy(), features.asnumpy()[y.asnumpy().astype(int)])


def test_data_iter_shuffles():
    random.seed(0)
    batches, _ = read_one_epoch(100, 100)
    order = batches[0][1].asnumpy().tolist()
    assert order != sorted(order)


def test_data_iter_last_batch_is_smaller_when_batch_size_does_not_divide():
    batches, _ = read_one_epoch(64, 1000)
    sizes = [len(y) for _, y in batches]
    assert sizes == [64] * 15 + [40]


def test_data_iter_is_reproducible_under_a_seed():
    random.seed(3)
    first, _ = read_one_epoch(7, 30)
    random.seed(3)
    second, _ = read_one_epoch(7, 30)
    # Whole passes as lists of label lists, so an extra or a missing batch fails too.
    assert [y.asnumpy().tolist() for _, y in second] == [y.asnumpy().tolist() for _, y in first]


@pytest.mark.parametrize("batch_size", [0, -1, 2.0, None, True])
def test_data_iter_rejects_bad_batch_size(batch_size):
    with pytest.raises(ValueError, match="batch_size must be a positive int"):
        next(data_iter(batch_size, np.ones((4, 2)), np.ones(4)))


def test_data_iter_rejects_features_and_labels_of_different_lengths():
    with pytest.raises(ValueError, match="features and labels must have the same length"):
        next(data_iter(2, np.ones((4, 2)), np.ones(5)))


def test_data_iter_rejects_empty_data():
    with pytest.raises(ValueError, match="features must hold at least one example"):
        next(data_iter(2, np.ones((0, 2)), np.ones(0)))
