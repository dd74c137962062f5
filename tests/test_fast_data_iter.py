"""fast_data_iter and load_array against NumPy: every example once per pass, in a new order."""

import numpy as onp
import pytest
from mxnet import np, npx

from d2l_mini import fast_data_iter, load_array

npx.set_np()

NUM_EXAMPLES = 103  # prime, so no batch size below divides it and a last batch is smaller


@pytest.fixture
def data():
    """Features whose rows are all different, and labels that name their row."""
    rows = onp.arange(NUM_EXAMPLES * 2, dtype="float32").reshape(NUM_EXAMPLES, 2)
    return np.array(rows), np.array(rows[:, 0] / 2)


def stack(batches):
    """Concatenate the (X, y) batches of one pass into NumPy arrays."""
    batches = list(batches)
    X = onp.concatenate([X.asnumpy() for X, _ in batches])
    y = onp.concatenate([y.asnumpy() for _, y in batches])
    return X, y


def sorted_rows(array):
    return array[onp.lexsort(array.T[::-1])]


def test_every_example_exactly_once_per_pass(data):
    features, labels = data
    npx.random.seed(0)
    X, y = stack(fast_data_iter(10, features, labels))
    onp.testing.assert_array_equal(sorted_rows(X), features.asnumpy())
    # Each label must still travel with its own row.
    onp.testing.assert_array_equal(y, X[:, 0] / 2)


def test_labels_of_shape_n_by_1_keep_their_shape(data):
    features, labels = data
    batches = list(fast_data_iter(10, features, labels.reshape(-1, 1)))
    assert batches[0][1].shape == (10, 1)
    X, y = stack(batches)
    onp.testing.assert_array_equal(y[:, 0], X[:, 0] / 2)


def test_order_changes_from_pass_to_pass(data):
    features, labels = data
    npx.random.seed(0)
    first, _ = stack(fast_data_iter(10, features, labels))
    second, _ = stack(fast_data_iter(10, features, labels))
    assert not onp.array_equal(first, second), "two passes read the examples in the same order"
    assert not onp.array_equal(first, features.asnumpy()), "the first pass was not shuffled"


def test_same_seed_gives_same_order(data):
    features, labels = data
    npx.random.seed(7)
    first, _ = stack(fast_data_iter(10, features, labels))
    npx.random.seed(7)
    second, _ = stack(fast_data_iter(10, features, labels))
    onp.testing.assert_array_equal(first, second)


def test_last_batch_holds_the_rest(data):
    features, labels = data
    sizes = [len(X) for X, _ in fast_data_iter(10, features, labels)]
    assert sizes == [10] * 10 + [3]


def test_drop_last_leaves_out_the_smaller_batch(data):
    features, labels = data
    batches = list(fast_data_iter(10, features, labels, drop_last=True))
    assert [len(X) for X, _ in batches] == [10] * 10
    X, _ = stack(batches)
    assert len(onp.unique(X[:, 0])) == 100, "a dropped pass repeated an example"


def test_drop_last_keeps_everything_when_batch_size_divides_n(data):
    features, labels = data
    sizes = [len(X) for X, _ in fast_data_iter(1, features, labels, drop_last=True)]
    assert sizes == [1] * NUM_EXAMPLES


def test_batch_larger_than_data_set(data):
    features, labels = data
    assert [len(X) for X, _ in fast_data_iter(500, features, labels)] == [NUM_EXAMPLES]
    assert list(fast_data_iter(500, features, labels, drop_last=True)) == []


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, True, "10", None])
def test_bad_batch_size_is_named(data, batch_size):
    with pytest.raises(ValueError, match="batch_size"):
        fast_data_iter(batch_size, *data)


@pytest.mark.parametrize("drop_last", [1, 0, "yes", None])
def test_drop_last_must_be_a_bool(data, drop_last):
    with pytest.raises(ValueError, match="drop_last"):
        fast_data_iter(10, *data, drop_last=drop_last)


def test_mismatched_lengths_are_named(data):
    features, labels = data
    with pytest.raises(ValueError, match="features and labels"):
        fast_data_iter(10, features, labels[:-1])


def test_empty_features_are_refused():
    with pytest.raises(ValueError, match="features"):
        fast_data_iter(10, np.zeros((0, 2)), np.zeros(0))


def test_load_array_yields_every_example_once(data):
    features, labels = data
    onp.random.seed(0)
    X, y = stack(load_array((features, labels), 10))
    onp.testing.assert_array_equal(sorted_rows(X), features.asnumpy())
    onp.testing.assert_array_equal(y, X[:, 0] / 2)


def test_load_array_shuffles_only_for_training(data):
    features, labels = data
    onp.random.seed(0)
    loader = load_array((features, labels), 10)
    first, _ = stack(loader)
    second, _ = stack(loader)
    assert not onp.array_equal(first, second), "two passes read the examples in the same order"
    in_order, _ = stack(load_array((features, labels), 10, is_train=False))
    onp.testing.assert_array_equal(in_order, features.asnumpy())


def test_load_array_batch_sizes(data):
    sizes = [len(X) for X, _ in load_array(data, 10)]
    assert sizes == [10] * 10 + [3]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (lambda f, y: ((f, y), 0), "batch_size"),
        (lambda f, y: ((f, y[:-1]), 10), "data_arrays"),
        (lambda f, y: ((), 10), "data_arrays"),
        (lambda f, y: ((f, y), 10, "yes"), "is_train"),
    ],
)
def test_load_array_bad_inputs_are_named(data, args, name):
    with pytest.raises(ValueError, match=name):
        load_array(*args(*data))
