"""d2l_mini.data: the synthetic data set, and what the iterators' properties
(test_iterator_properties.py) leave out: that a pass is shuffled, and that bad input is
refused with the argument's name."""

import random

import numpy as onp
import pytest
from mxnet import np, npx
from numbered_data import numbered_data

from d2l_mini import data_iter, fast_data_iter, load_array, synthetic_data

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


def labels_read(batches):
    return onp.concatenate([y.asnumpy().reshape(-1) for _, y in batches]).tolist()


def test_data_iter_shuffles():
    random.seed(0)
    assert labels_read(data_iter(100, *numbered_data(100))) != list(range(100))


def test_fast_data_iter_reads_each_pass_in_a_new_order():
    npx.random.seed(0)
    first = labels_read(fast_data_iter(10, *numbered_data(103)))
    second = labels_read(fast_data_iter(10, *numbered_data(103)))
    assert first != list(range(103)), "the first pass was not shuffled"
    assert first != second, "two passes read the examples in the same order"


def test_load_array_shuffles_only_for_training():
    onp.random.seed(0)
    loader = load_array(numbered_data(103), 10)
    first, second = labels_read(loader), labels_read(loader)
    assert first != second, "two passes read the examples in the same order"
    assert labels_read(load_array(numbered_data(103), 10, is_train=False)) == list(range(103))


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


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, True, "10", None])
def test_fast_data_iter_names_a_bad_batch_size(batch_size):
    with pytest.raises(ValueError, match="batch_size"):
        fast_data_iter(batch_size, *numbered_data(5))


@pytest.mark.parametrize("drop_last", [1, 0, "yes", None])
def test_fast_data_iter_drop_last_must_be_a_bool(drop_last):
    with pytest.raises(ValueError, match="drop_last"):
        fast_data_iter(10, *numbered_data(5), drop_last=drop_last)


def test_fast_data_iter_names_mismatched_lengths():
    features, labels = numbered_data(5)
    with pytest.raises(ValueError, match="features and labels"):
        fast_data_iter(10, features, labels[:-1])


def test_fast_data_iter_refuses_empty_features():
    with pytest.raises(ValueError, match="features"):
        fast_data_iter(10, np.zeros((0, 2)), np.zeros(0))


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (lambda f, y: ((f, y), 0), "batch_size"),
        (lambda f, y: ((f, y[:-1]), 10), "data_arrays"),
        (lambda f, y: ((), 10), "data_arrays"),
        (lambda f, y: ((f, y), 10, "yes"), "is_train"),
    ],
)
def test_load_array_names_bad_inputs(args, name):
    with pytest.raises(ValueError, match=name):
        load_array(*args(*numbered_data(5)))
