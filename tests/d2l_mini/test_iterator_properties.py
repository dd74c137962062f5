"""The three minibatch iterators, for random data sizes, batch sizes and label shapes: every
example exactly once per pass with its own label, the right batch sizes, drop_last dropping
exactly the remainder, and the same order under the same seed.

The labels are the row numbers (numbered_data.py), so which rows a batch holds is read off
the batch itself, and the expected batch sizes come from divmod, not from the iterators.
"""

import random

import numpy as onp
from hypothesis import given, settings
from hypothesis import strategies as st
from mxnet import npx
from numbered_data import numbered_data

from d2l_mini import data_iter, fast_data_iter, load_array

npx.set_np()

# Few examples and no example database: the suite stays fast and writes no files.
FAST = settings(max_examples=25, deadline=None, database=None)

sizes = st.integers(min_value=1, max_value=60)
batch_sizes = st.integers(min_value=1, max_value=70)
num_features = st.integers(min_value=1, max_value=3)
column_labels = st.booleans()
seeds = st.integers(min_value=0, max_value=2**16)


def read_pass(batches, d, column):
    """The rows read in one pass, in order, after checking each batch's shapes and rows."""
    rows, sizes_read = [], []
    for X, y in batches:
        X, y = X.asnumpy(), y.asnumpy()
        assert X.shape == (len(X), d)
        assert y.shape == ((len(X), 1) if column else (len(X),)), y.shape
        row_numbers = y.reshape(-1).astype(int)
        onp.testing.assert_array_equal(X[:, 0], row_numbers, err_msg="a row lost its label")
        rows.extend(row_numbers.tolist())
        sizes_read.append(len(X))
    return rows, sizes_read


def expected_sizes(num_examples, batch_size, drop_last=False):
    full, rest = divmod(num_examples, batch_size)
    return [batch_size] * full + ([rest] if rest and not drop_last else [])


def check_one_pass(batches, num_examples, batch_size, d, column, drop_last=False):
    rows, sizes_read = read_pass(batches, d, column)
    assert sizes_read == expected_sizes(num_examples, batch_size, drop_last)
    assert len(set(rows)) == len(rows), "an example appeared twice in one pass"
    if not drop_last:
        assert sorted(rows) == list(range(num_examples)), "an example was left out"
    return rows


@FAST
@given(sizes, batch_sizes, num_features, column_labels, seeds)
def test_data_iter(num_examples, batch_size, d, column, seed):
    features, labels = numbered_data(num_examples, d, column)
    random.seed(seed)
    first = check_one_pass(
        data_iter(batch_size, features, labels), num_examples, batch_size, d, column
    )
    random.seed(seed)
    again, _ = read_pass(data_iter(batch_size, features, labels), d, column)
    assert again == first, "the same seed gave another order"


@FAST
@given(sizes, batch_sizes, num_features, column_labels, seeds, st.booleans())
def test_fast_data_iter(num_examples, batch_size, d, column, seed, drop_last):
    features, labels = numbered_data(num_examples, d, column)
    npx.random.seed(seed)
    batches = fast_data_iter(batch_size, features, labels, drop_last=drop_last)
    first = check_one_pass(batches, num_examples, batch_size, d, column, drop_last)
    # drop_last leaves out exactly the remainder: n - n % B examples are read.
    assert len(first) == (num_examples - num_examples % batch_size if drop_last else num_examples)
    npx.random.seed(seed)
    again, _ = read_pass(
        fast_data_iter(batch_size, features, labels, drop_last=drop_last), d, column
    )
    assert again == first, "the same seed gave another order"


@settings(FAST, max_examples=10)
@given(sizes, batch_sizes, num_features, column_labels, seeds)
def test_load_array(num_examples, batch_size, d, column, seed):
    features, labels = numbered_data(num_examples, d, column)
    loader = load_array((features, labels), batch_size)
    onp.random.seed(seed)
    first = check_one_pass(loader, num_examples, batch_size, d, column)
    onp.random.seed(seed)
    again, _ = read_pass(loader, d, column)
    assert again == first, "the same seed gave another order"
